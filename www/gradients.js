// Gradients you can see. With `#show-gradients` ticked, each frame backpropagates a small batch of
// training points through the weights the page shows (Playground.observeGradients: running means
// over about the last ten batches), the diagram draws each connection's |∂L/∂w| and each neuron's
// error signal |δ| on a log scale (www/network-view.js), and `#gradient-chart` under the loss chart
// draws each weight layer's gradient norm per epoch on a log axis: with deep sigmoid layers the
// first layers' lines sit orders of magnitude below the last, and vanishing gradients show.

import { app, $ } from './app.js';
import { fitCanvas } from './plot.js';
import { drawAxes, traceLine } from './loss-chart.js';
import { GRADIENT_DECADES, gradientColour, gradientScale } from './network-view.js';
import { sci } from './lesson-text.js';

/** Samples the norm chart keeps; when full every other is dropped and sampling slows by half. */
const CAPACITY = 300;
/**
 * The colour of weight layer `l` of `layers`, the input's first: from pale orange through red to deep
 * purple (after the magma scale), so that depth reads as an order as well as by its key.
 */
export function layerColour(l, layers) {
  const stops = [[240, 150, 60], [214, 64, 90], [140, 41, 129], [40, 12, 90]];
  const x = (layers > 1 ? l / (layers - 1) : 0) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const [r, g, b] = stops[i].map((c, k) => Math.round(c + (stops[i + 1][k] - c) * f));
  return `rgb(${r},${g},${b})`;
}


/** Training points a frame backpropagates: fewer for a big network, so a frame stays short. */
export function gradientBatch(weightCount) {
  return Math.max(8, Math.min(64, Math.floor(200000 / Math.max(1, weightCount))));
}

/**
 * A gradient-norm chart: log10 of each weight layer's gradient norm (`samples[k].norms`, the input's
 * layer first) against `samples[k].at` (an epoch or an iteration, named by `unit`; with `logX` on a
 * log axis of 1 + it, as the loss chart puts a run that spans decades), one line a layer in
 * layerColour, powers of ten ticked.
 */
export function drawNormChart(canvas, samples, unit, logX = false, cursor = null) {
  const { ctx, width, height } = fitCanvas(canvas);
  ctx.clearRect(0, 0, width, height);
  const pad = { l: 44, r: 8, t: 8, b: 18 };
  const w = width - pad.l - pad.r;
  const h = height - pad.t - pad.b;
  ctx.font = '10px system-ui, sans-serif';
  ctx.fillStyle = '#5f6b76';
  const logs = samples.flatMap((s) => s.norms.filter((v) => v > 0).map(Math.log10));
  if (!logs.length) {
    ctx.fillText('Each layer\u2019s gradient norm appears here as the network trains.', pad.l, pad.t + h / 2);
    return;
  }
  let lo = Math.floor(Math.min(...logs));
  let hi = Math.ceil(Math.max(...logs));
  if (hi - lo < 1) hi = lo + 1;
  const first = samples[0].at;
  const last = Math.max(first + 1, samples[samples.length - 1].at);
  const g = logX ? (e) => Math.log10(1 + e) : (e) => e;
  const X = (e) => pad.l + ((g(e) - g(first)) / (g(last) - g(first))) * w;
  const Y = (v) => pad.t + (1 - (Math.log10(v) - lo) / (hi - lo)) * h;
  drawAxes(ctx, pad, w, h);
  const every = Math.max(1, Math.ceil((hi - lo) / 5));
  for (let e = lo; e <= hi; e += every) {
    const yy = pad.t + (1 - (e - lo) / (hi - lo)) * h;
    ctx.strokeStyle = '#eef1f4';
    ctx.beginPath();
    ctx.moveTo(pad.l + 1, yy);
    ctx.lineTo(pad.l + w, yy);
    ctx.stroke();
    ctx.fillText(`1e${e}`, 2, Math.min(pad.t + h, Math.max(pad.t + 8, yy + 3)));
  }
  ctx.fillText(`${unit} ${first}${logX ? `, ${unit}s on a log axis` : ''}`, pad.l, height - 4);
  const right = `${last}`;
  ctx.fillText(right, pad.l + w - ctx.measureText(right).width, height - 4);
  const layers = samples[samples.length - 1].norms.length;
  for (let l = 0; l < layers; l += 1) {
    ctx.strokeStyle = layerColour(l, layers);
    ctx.lineWidth = 1.8;
    traceLine(ctx, samples.map((s) => (s.norms[l] > 0 ? [X(s.at), Y(s.norms[l])] : null)));
    const [only] = samples;
    if (samples.length === 1 && only.norms[l] > 0) {
      // One sample so far (paused just after ticking the box): a dot where the line will start.
      ctx.fillStyle = ctx.strokeStyle;
      ctx.beginPath();
      ctx.arc(X(only.at), Y(only.norms[l]), 3, 0, Math.PI * 2);
      ctx.fill();
    }
  }
  if (cursor !== null && cursor >= first && cursor <= last) {
    // The epoch the timeline shows, as the loss chart marks it.
    ctx.strokeStyle = '#6a3d9a';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(X(cursor), pad.t);
    ctx.lineTo(X(cursor), pad.t + h);
    ctx.stroke();
  }
}

/** How the page names weight layer `l` of `layers` (from 0): inputs → layer 1, …, layer n → output. */
export const layerName = (l, layers) => (l === 0 ? 'inputs → layer 1' : l === layers - 1 ? `layer ${l} → output`
  : `layer ${l} → ${l + 1}`);

/**
 * Fills `list` with a chart's key: each weight layer's colour and name, and with `values` an empty
 * `[data-layer]` span after each name for its figure.
 */
export function layerKey(list, layers, values = false) {
  list.replaceChildren(...Array.from({ length: layers }, (_, l) => {
    const item = document.createElement('span');
    item.className = 'layer-key';
    const line = document.createElement('span');
    line.className = 'line';
    line.style.background = layerColour(l, layers);
    item.append(line, layerName(l, layers));
    if (values) {
      const value = document.createElement('span');
      value.dataset.layer = String(l);
      item.append(': ', value);
    }
    return item;
  }));
}

export class GradientView {
  constructor() {
    this.on = false;
    this.clear();
    this.box = $('show-gradients');
    this.box.addEventListener('change', () => this.toggle(this.box.checked));
  }

  /** Forgets the norms' history (a new network or a reset). */
  clear() {
    this.samples = []; // { at: epoch, norms }
    this.stride = 1;
    this.lastEpoch = -Infinity;
    this.observed = false;
  }

  toggle(on) {
    this.on = on;
    this.box.checked = on;
    $('gradient-box').hidden = !on;
    $('gradient-legend').hidden = !on;
    if (!on) this.observed = false;
    app.lastNetworkDraw = -Infinity; // the diagram changes at once
  }

  /**
   * What the diagram draws in place of the weights, or null when the view is off: read out of wasm
   * only when the diagram is drawn (a few times a second), not with every batch; the legend follows.
   */
  overlay() {
    if (!this.on || !this.observed) return null;
    const drawn = { weights: app.pg.gradientWeights(), errors: app.pg.gradientErrors() };
    this.legend(drawn.weights);
    return drawn;
  }

  /** Once a frame in free play: one batch more, its norms recorded (not while looking back). */
  tick(looking, now = performance.now()) {
    if (!this.on || app.pg.trainPointCount() === 0) return;
    const pg = app.pg;
    const weights = pg.weights().length;
    // A big network's batch is small, and it is taken at most ten times a second.
    if (weights > 5000 && now - (this.lastTick ?? -Infinity) < 100) return;
    this.lastTick = now;
    pg.observeGradients(gradientBatch(weights));
    const norms = Array.from(pg.gradientNorms());
    const epoch = pg.epoch();
    // A reset or a new network: its norms start a new history.
    if (!looking && this.samples.length && (epoch < this.lastEpoch || norms.length !== this.samples[0].norms.length)) this.clear();
    this.observed = true;
    if (!looking && (epoch >= this.lastEpoch + this.stride || !this.samples.length)) {
      this.samples.push({ at: epoch, norms });
      this.lastEpoch = epoch;
      if (this.samples.length > CAPACITY) {
        this.samples = this.samples.filter((_, i) => i % 2 === 0 || i === this.samples.length - 1);
        this.stride *= 2;
      }
    }
    this.latest = norms;
    this.draw();
  }

  /** The diagram's scale under it for the gradients `drawn`: from the smallest size told apart to the largest. */
  legend(drawn) {
    const top = 10 ** gradientScale(drawn).top;
    const text = `Lines: each weight's gradient |∂L/∂w|, from ${sci(top / 10 ** GRADIENT_DECADES, 1)} or less (faint, thin) `
      + `to ${sci(top, 1)} (dark, thick), mean over the last ~10 batches. Rings: each neuron's error signal |δ| `
      + '(how much the loss changes with its weighted sum), faint to dark on a scale of their own';
    if ($('gradient-scale-text').textContent !== text) $('gradient-scale-text').textContent = text;
    $('gradient-scale-bar').style.background = `linear-gradient(to right, ${gradientColour(0)}, ${gradientColour(0.5)}, ${gradientColour(1)})`;
  }

  /** The norm chart and its key. */
  draw() {
    drawNormChart($('gradient-chart'), this.samples, 'epoch', false, app.chart.cursor);
    this.key(this.samples[this.samples.length - 1]?.norms.length ?? 0);
    const since = this.samples[0]?.at;
    const text = since === undefined ? '' : `Recorded from epoch ${since}, when Show gradients was ticked; `
      + `the key gives each layer's norm at epoch ${app.pg.epoch()}${app.rewind?.looking ? ' (looking back)' : ''}.`;
    if ($('gradient-since').textContent !== text) $('gradient-since').textContent = text;
  }

  /** The chart's key: each layer's colour and its latest norm. */
  key(layers) {
    const list = $('gradient-keys');
    if (list.dataset.layers !== String(layers)) {
      layerKey(list, layers, true);
      list.dataset.layers = String(layers);
    }
    list.querySelectorAll('[data-layer]').forEach((el) => {
      const v = this.latest[Number(el.dataset.layer)];
      el.textContent = sci(v);
      el.dataset.value = String(v);
    });
  }
}
