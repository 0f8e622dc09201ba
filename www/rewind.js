// Rewind: the run's timeline under the loss chart. The Playground keeps snapshots of the weights
// (every epoch at first, then log-spaced; the training worker hands its own over with each state),
// `#timeline` scrubs through them (the plot, the neuron maps, the diagram and the readouts show that
// epoch, the loss chart marks it), `#timeline-live` (or the slider's right end) returns, and
// `#replay` plays the run from epoch 0 to now. Looking back never touches the weights being
// trained: the Playground keeps them aside, the worker trains on, and any edit returns to them.

import { app, $ } from './app.js';

/** Snapshots a replay shows per second, by the speed chosen. */
const REPLAY_SPEEDS = { slow: 6, normal: 20, fast: 60 };
/** How often the slider reads the timeline while nothing else asks (it grows as training runs). */
const REFRESH_MS = 250;

export class Rewind {
  /** @param {{ redraw(): void }} hooks what to redraw when the weights shown change */
  constructor(hooks) {
    this.hooks = hooks;
    this.looking = false;
    this.epoch = null; // the epoch shown while looking back
    this.epochs = [];
    this.capacity = 0;
    this.replaying = null; // { at, started } while a replay runs
    this.lastRefresh = -Infinity;
    this.slider = $('timeline');
    this.slider.addEventListener('input', () => this.scrub(Number(this.slider.value)));
    $('timeline-live').addEventListener('click', () => this.live());
    $('replay').addEventListener('click', () => (this.replaying ? this.stopReplay() : this.startReplay()));
  }

  /** Reads the timeline and shows it (at most every REFRESH_MS unless `force`). */
  refresh(now = performance.now(), force = false) {
    if (!force && now - this.lastRefresh < REFRESH_MS) return;
    this.lastRefresh = now;
    const t = app.pg.timeline();
    this.epochs = t.epochs;
    this.capacity = t.capacity;
    // A call that trains or edits has returned the Playground to the live weights on its own.
    if (this.looking && t.looking === null) this.showLive();
    const n = this.epochs.length;
    this.slider.max = String(n);
    if (this.looking) {
      // Thinning may have moved the snapshot shown: find its epoch again.
      const at = this.epochs.indexOf(this.epoch);
      this.slider.value = String(at >= 0 ? at : t.looking);
    } else {
      this.slider.value = String(n);
    }
    $('timeline-count').textContent = `${n} snapshot${n === 1 ? '' : 's'} kept (at most ${this.capacity}): every epoch at first, then spaced out`;
  }

  /** The slider moved to `index`: a snapshot, or its right end (live). */
  scrub(index) {
    this.stopReplay();
    if (index >= this.epochs.length) this.live();
    else this.lookBack(index);
  }

  /** Shows snapshot `index`. */
  lookBack(index) {
    let epoch;
    try {
      epoch = app.pg.lookBack(index);
    } catch {
      this.refresh(performance.now(), true);
      return;
    }
    this.looking = true;
    this.epoch = epoch;
    this.slider.value = String(index);
    this.label();
    this.hooks.redraw();
  }

  /** Back to the weights being trained. */
  live() {
    this.stopReplay();
    app.pg.goLive();
    this.showLive();
    this.refresh(performance.now(), true);
  }

  /** The page shows the live weights again (the Playground already does). */
  showLive() {
    const was = this.looking;
    this.looking = false;
    this.epoch = null;
    this.slider.value = this.slider.max;
    this.label();
    if (was) this.hooks.redraw();
  }

  /** An edit is about to run: it acts on the live weights, so the page shows them first. */
  beforeEdit() {
    if (!this.looking && !this.replaying) return;
    this.stopReplay();
    app.pg.goLive();
    this.showLive();
  }

  label() {
    const text = this.looking ? `epoch ${this.epoch}` : 'live';
    $('timeline-epoch').textContent = text;
    this.slider.setAttribute('aria-valuetext', this.looking ? `epoch ${this.epoch}` : 'live: the weights being trained');
    $('timeline-live').setAttribute('aria-pressed', String(!this.looking));
    $('timeline-box').classList.toggle('looking', this.looking);
    app.chart.cursor = this.looking ? this.epoch : null;
  }

  startReplay() {
    this.refresh(performance.now(), true);
    if (this.epochs.length < 2) return;
    this.replaying = { at: 0, last: performance.now() };
    $('replay').setAttribute('aria-pressed', 'true');
    $('replay').textContent = '■ Stop replay';
    this.lookBack(0);
  }

  stopReplay() {
    if (!this.replaying) return;
    this.replaying = null;
    $('replay').setAttribute('aria-pressed', 'false');
    $('replay').textContent = '▶ Replay';
  }

  /** Once a frame: the replay moves on; the slider follows the timeline as it grows. */
  tick(now) {
    if (this.replaying) {
      const r = this.replaying;
      const rate = REPLAY_SPEEDS[$('replay-speed').value] ?? REPLAY_SPEEDS.normal;
      r.at += ((now - r.last) / 1000) * rate;
      r.last = now;
      const index = Math.floor(r.at);
      if (index >= this.epochs.length) {
        this.live();
      } else if (index !== Number(this.slider.value)) {
        this.lookBack(index);
      }
      return;
    }
    this.refresh(now);
  }
}
