// *Find learning rate*: trains copies of the current network at 16 learning rates spaced
// logarithmically over the slider's range, 30 epochs each, inside wasm (crate/train/finder.rs), a slice
// of about 8 ms per frame so the page stays responsive; a progress bar and Cancel while it runs,
// then a chart of final training loss against the rate (log axis, diverged runs marked ×) with the
// suggested rate, and *Use it* to set the slider.

import { fitCanvas } from './plot.js';
import { formatRate } from './controls.js';
import { drawAxes, traceLine } from './loss-chart.js';

/** Rates tried, and epochs each trains. */
export const FINDER_RATES = 16;
export const FINDER_EPOCHS = 30;
/** A search whose best run lowers the training loss by less than this share suggests no rate. */
const MEANINGFUL = 0.02;
/** Milliseconds of search per frame. */
const SLICE_MS = 8;

const $ = (id) => document.getElementById(id);

export class FinderView {
  /**
   * @param {{ playground(): object, before(): Promise<void>, use(rate: number): void,
   *   say(text: string, kind?: string): void }} hooks `before` pauses training and waits until the
   *   page's network is the one trained; `use` sets the learning rate
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.finder = null; // the wasm search while it runs
    this.starting = false; // waiting for training to stop before a search
    this.drawnWidth = 0; // the chart's width when last drawn
    this.found = null; // what the last search found
    this.startedAt = 0;
    this.elapsedMs = 0; // how long the last search took (the benchmark reads it)
    $('lr-finder').addEventListener('click', () => this.start());
    $('lr-cancel').addEventListener('click', () => this.cancel());
    $('lr-use').addEventListener('click', () => {
      if (this.found?.suggested != null) this.hooks.use(this.found.rates[this.found.suggested]);
    });
  }

  /** Whether a search is under way. */
  get running() {
    return this.finder !== null;
  }

  async start() {
    if (this.running || this.starting) return;
    // Set before the wait for training to stop: a second click meanwhile starts nothing.
    this.starting = true;
    // A change while training stops (Reset, Clear, a lesson, Play) withdraws this start: `invalidate`
    // moves the ticket on, and the wait ends without a search.
    this.ticket = (this.ticket ?? 0) + 1;
    const ticket = this.ticket;
    const withdrawn = () => ticket !== this.ticket;
    // The last search's suggestion goes at once, not after the wait: until this search ends there
    // is nothing to use.
    this.found = null;
    $('lr-use').hidden = true;
    $('lr-chart').hidden = true;
    $('lr-finder-panel').hidden = false;
    $('lr-progress').hidden = true;
    $('lr-cancel').hidden = true;
    $('lr-result').textContent = 'Pausing training to start the search…';
    try {
      await this.hooks.before(withdrawn);
      if (withdrawn()) return;
      this.finder = this.hooks.playground().lrFinder(FINDER_RATES, FINDER_EPOCHS);
    } catch (e) {
      if (withdrawn()) return;
      this.hooks.say(e.message, 'error');
      $('lr-result').textContent = `The search could not start: ${e.message}`;
      return;
    } finally {
      if (!withdrawn()) this.starting = false;
    }
    this.startedAt = performance.now();
    $('lr-finder-panel').hidden = false;
    $('lr-progress').value = 0;
    $('lr-progress').hidden = false;
    $('lr-cancel').hidden = false;
    $('lr-use').hidden = true;
    $('lr-chart').hidden = true;
    $('lr-result').textContent = `Training ${FINDER_RATES} copies of the network, ${FINDER_EPOCHS} epochs each, `
      + 'from the same weights on the same batches; training is paused meanwhile (Play cancels the search).';
    const focused = document.activeElement === $('lr-finder');
    $('lr-finder').disabled = true;
    if (focused) $('lr-cancel').focus();
  }

  /** Stops the search under way, if any; the network is untouched (the search trains copies). */
  cancel(why = 'Search cancelled: the network is as it was.') {
    if (!this.running) return;
    this.finder.free();
    this.finder = null;
    const focused = this.focusInPanel();
    $('lr-progress').hidden = true;
    $('lr-cancel').hidden = true;
    $('lr-finder').disabled = false;
    $('lr-result').textContent = why;
    if (focused) $('lr-finder').focus();
  }

  /**
   * The network, its points or its weights changed (a new setting, Reset, Play, a lesson): a search
   * under way stops, and a suggestion for the old network is withdrawn.
   */
  invalidate() {
    if (this.starting) {
      // Not started yet: it never will be for this network.
      this.ticket += 1;
      this.starting = false;
      $('lr-finder').disabled = false;
      $('lr-result').textContent = 'Search not started: the network or its points changed while training paused for it. '
        + 'Press Find learning rate to search for the network as it is now.';
    } else if (this.running) {
      this.cancel('Search stopped: the network or its points changed, so its answer would not fit them.');
    } else if (this.found) {
      this.found = null;
      const focused = document.activeElement === $('lr-use');
      $('lr-use').hidden = true;
      $('lr-chart').hidden = true;
      $('lr-result').textContent = 'The network has changed since the last search: search again for a rate that fits it.';
      if (focused) $('lr-finder').focus();
    }
  }

  focusInPanel() {
    return $('lr-finder-panel').contains(document.activeElement);
  }

  /** Called every frame: one slice of the search, and the result when it is done. */
  tick() {
    if (this.found && !$('lr-chart').hidden && $('lr-chart').clientWidth !== this.drawnWidth) this.draw();
    if (!this.running) return;
    const progress = this.finder.run(SLICE_MS);
    $('lr-progress').value = progress;
    if (!this.finder.done()) return;
    this.found = this.finder.found();
    this.finder.free();
    this.finder = null;
    this.elapsedMs = performance.now() - this.startedAt;
    const focused = this.focusInPanel();
    $('lr-progress').hidden = true;
    $('lr-cancel').hidden = true;
    $('lr-finder').disabled = false;
    $('lr-chart').hidden = false;
    this.describe();
    this.draw();
    if (focused) ($('lr-use').hidden ? $('lr-finder') : $('lr-use')).focus();
  }

  /** The suggestion in words, with the figures behind it. */
  describe() {
    const { rates, losses, diverged, suggested, initialLoss } = this.found;
    const bad = diverged.filter(Boolean).length;
    const badText = bad ? ` ${bad} of ${rates.length} rates diverged (marked ×).` : ' No rate diverged.';
    if (suggested == null) {
      $('lr-result').textContent = `Every rate diverged: the loss grew from ${initialLoss.toFixed(3)} or stopped being a number. `
        + 'Try fewer layers, another activation or new weights (Reset).';
      $('lr-use').hidden = true;
      return;
    }
    const best = Math.min(...losses.filter((l, i) => !diverged[i]));
    if (best > initialLoss * (1 - MEANINGFUL)) {
      // No rate helped: a rate suggested from noise would send the learner the wrong way.
      $('lr-result').textContent = `No rate lowered the training loss by more than ${MEANINGFUL * 100} % in ${FINDER_EPOCHS} epochs `
        + `(the best reached ${best.toFixed(4)}, from ${initialLoss.toFixed(4)} at the start), so no rate is suggested: `
        + 'the rate is not what holds this network back. More neurons or layers, other inputs, or more epochs may help.'
        + badText;
      $('lr-use').hidden = true;
      this.found.suggested = null; // the chart marks no rate either
      return;
    }
    $('lr-result').textContent = `Suggested η ${formatRate(rates[suggested])}: the largest rate whose training loss after `
      + `${FINDER_EPOCHS} epochs (${losses[suggested].toFixed(4)}) is within 5 % of the lowest (${best.toFixed(4)}); `
      + `the network started at ${initialLoss.toFixed(4)}.${badText}`;
    $('lr-use').hidden = false;
    $('lr-use').textContent = `Use η ${formatRate(rates[suggested])}`;
  }

  /** Final training loss against the learning rate, on a log axis. */
  draw() {
    const canvas = $('lr-chart');
    const { ctx, width, height } = fitCanvas(canvas);
    this.drawnWidth = canvas.clientWidth;
    const { rates, losses, diverged, suggested, initialLoss } = this.found;
    const pad = { l: 40, r: 10, t: 10, b: 24 };
    const w = width - pad.l - pad.r;
    const h = height - pad.t - pad.b;
    const lo = Math.log10(rates[0]);
    const hi = Math.log10(rates[rates.length - 1]);
    const X = (r) => pad.l + ((Math.log10(r) - lo) / (hi - lo)) * w;
    const top = Math.max(initialLoss, ...losses.filter((l, i) => !diverged[i] && Number.isFinite(l))) * 1.1 || 1;
    const Y = (l) => pad.t + (1 - Math.min(l, top) / top) * h;
    ctx.clearRect(0, 0, width, height);
    ctx.font = '10px system-ui, sans-serif';
    ctx.fillStyle = '#5f6b76';
    drawAxes(ctx, pad, w, h);
    for (let e = Math.ceil(lo); e <= hi; e += 1) {
      const label = e >= 0 ? String(10 ** e) : `1e${e}`;
      ctx.fillText(label, Math.min(X(10 ** e) - 8, width - 24), height - 8);
    }
    ctx.fillText(String(Number(top.toPrecision(2))), 2, pad.t + 8);
    ctx.fillText('0', 2, pad.t + h);
    // Where every run started.
    ctx.save();
    ctx.setLineDash([4, 4]);
    ctx.beginPath();
    ctx.moveTo(pad.l, Y(initialLoss));
    ctx.lineTo(pad.l + w, Y(initialLoss));
    ctx.stroke();
    ctx.fillText('start', pad.l + 4, Y(initialLoss) - 3);
    ctx.restore();
    if (suggested != null) {
      ctx.save();
      ctx.strokeStyle = '#0a6aa8';
      ctx.setLineDash([3, 3]);
      ctx.beginPath();
      ctx.moveTo(X(rates[suggested]), pad.t);
      ctx.lineTo(X(rates[suggested]), pad.t + h);
      ctx.stroke();
      ctx.restore();
    }
    ctx.strokeStyle = '#08306b';
    ctx.lineWidth = 1.6;
    traceLine(ctx, rates.map((r, i) => (diverged[i] || !Number.isFinite(losses[i]) ? null : [X(r), Y(losses[i])])));
    for (const [i, r] of rates.entries()) {
      const [x, y] = [X(r), diverged[i] ? pad.t + 6 : Y(losses[i])];
      ctx.beginPath();
      if (diverged[i]) {
        // Diverged: a red cross at the top of the chart.
        ctx.strokeStyle = '#b3261e';
        ctx.moveTo(x - 4, y - 4);
        ctx.lineTo(x + 4, y + 4);
        ctx.moveTo(x + 4, y - 4);
        ctx.lineTo(x - 4, y + 4);
        ctx.stroke();
      } else {
        ctx.fillStyle = i === suggested ? '#0a6aa8' : '#08306b';
        ctx.arc(x, y, i === suggested ? 4.5 : 2.5, 0, Math.PI * 2);
        ctx.fill();
      }
    }
    canvas.dataset.points = String(rates.length);
  }
}
