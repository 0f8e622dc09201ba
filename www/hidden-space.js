// The hidden space (ConvNetJS's signature view): `#hidden-space`, a panel whose heading opens it,
// draws the data points and the input plane's grid lines as one hidden layer sees them: two chosen
// neurons' activations as the axes, or the first two principal components of the layer's
// activations (Playground.hiddenSpace). It follows training live, recomputed at most every 100 ms
// (less often for a network whose mapping costs more), so the frame keeps its rate.

import { app, $ } from './app.js';
import { fitCanvas, stampPoint } from './plot.js';
import { valueColour } from './classes.js';

/** Grid lines each way, and samples along each (fewer for a network too big to map them in budget). */
const LINES = 11;
const SAMPLES = 41;
/** Milliseconds one mapping may take: a big network maps fewer points and coarser lines. */
const BUDGET_MS = 8;
/** Neurons whose pairs the axes menu offers (the first ones of a wide layer). */
const PAIRED = 8;

export class HiddenSpaceView {
  constructor() {
    this.panel = $('hidden-space');
    this.canvas = $('hidden-canvas');
    this.last = -Infinity;
    this.cost = 0;
    this.key = '';
    this.space = null;
    this.view = null; // the axes' ranges, eased towards the data's so the picture does not jump
    this.msPerSample = 0; // one forward pass's cost, measured: what sizes the next mapping
    this.samples = SAMPLES;
    this.panel.addEventListener('toggle', () => this.changed());
    $('hidden-layer').addEventListener('change', () => { this.fillAxes(); this.changed(); });
    $('hidden-axes').addEventListener('change', () => this.changed());
  }

  changed() {
    this.last = -Infinity;
    this.view = null;
  }

  /** The layer menu for the network's hidden layers, the axes menu for the layer chosen. */
  fillMenus(sizes) {
    const hidden = sizes.slice(1, -1);
    const layer = $('hidden-layer');
    const key = hidden.join(',');
    if (layer.dataset.sizes === key) return;
    layer.dataset.sizes = key;
    const keep = Number(layer.value) || 1;
    layer.innerHTML = hidden.map((n, i) => `<option value="${i + 1}">${i + 1} (${n} neuron${n === 1 ? '' : 's'})</option>`).join('');
    layer.value = String(Math.min(keep, hidden.length) || 1);
    this.fillAxes();
    this.changed();
  }

  fillAxes() {
    const sizes = Array.from(app.pg.layerSizes());
    const width = sizes[Number($('hidden-layer').value)] ?? 0;
    const axes = $('hidden-axes');
    const keep = axes.value;
    const options = ['<option value="pca">PCA</option>'];
    const n = Math.min(PAIRED, width);
    for (let a = 1; a <= n; a += 1) {
      for (let b = a + 1; b <= n; b += 1) options.push(`<option value="${a},${b}">neurons ${a}, ${b}</option>`);
    }
    axes.innerHTML = options.join('');
    axes.value = [...axes.options].some((o) => o.value === keep) ? keep : 'pca';
  }

  /** Once a frame in free play: recompute if the weights or the choice changed and it is due. */
  tick(now) {
    if (!this.panel.open) return;
    const sizes = Array.from(app.pg.layerSizes());
    $('hidden-empty').hidden = sizes.length > 2;
    this.canvas.hidden = sizes.length <= 2;
    if (sizes.length <= 2) return;
    this.fillMenus(sizes);
    const key = `${app.sceneVersion}|${app.boundary.changedAt}|${$('hidden-layer').value}|${$('hidden-axes').value}|${app.pointsVersion}`;
    if (key === this.key && this.space) return;
    if (now - this.last < Math.max(100, 20 * this.cost)) return;
    const t0 = performance.now();
    const layer = Number($('hidden-layer').value);
    const pair = $('hidden-axes').value === 'pca' ? [null, null] : $('hidden-axes').value.split(',').map(Number);
    // Forward passes the budget affords: half for the grid at most, the rest for the points.
    const afford = this.msPerSample > 0 ? BUDGET_MS / this.msPerSample : Infinity;
    this.samples = Math.max(9, Math.min(SAMPLES, Math.floor(afford / 2 / (2 * LINES))));
    const maxPoints = Math.max(50, Math.min(2000, Math.floor((afford - 2 * LINES * this.samples) / 2)));
    try {
      this.space = app.pg.hiddenSpace(layer, pair[0], pair[1], LINES, this.samples, maxPoints);
    } catch (e) {
      $('hidden-caption').textContent = e.message;
      return;
    }
    this.key = key;
    this.last = now;
    const mapped = this.space.points.length / 4 + 2 * LINES * this.samples;
    this.msPerSample = (performance.now() - t0) / mapped;
    this.draw(pair[0] === null ? null : pair, layer);
    this.cost = performance.now() - t0;
  }

  /** Draws the grid lines, then the points, on axes that fit them (eased, so training does not shake them). */
  draw(pair, layer) {
    const { points, lines, explained } = this.space;
    const { ctx, width, height, dpr } = fitCanvas(this.canvas);
    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    const take = (x, y) => {
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    };
    for (let i = 0; i < points.length; i += 4) take(points[i], points[i + 1]);
    for (let i = 0; i < lines.length; i += 2) take(lines[i], lines[i + 1]);
    if (!(x1 >= x0)) return;
    const padBy = (lo, hi) => { const m = Math.max(1e-6, (hi - lo) * 0.06); return [lo - m, hi + m]; };
    [x0, x1] = padBy(x0, x1);
    [y0, y1] = padBy(y0, y1);
    const target = [x0, x1, y0, y1];
    // Eased while training moves it, so the picture does not jump; the data's own once it stands.
    this.view = this.view && app.playing ? this.view.map((v, i) => v + (target[i] - v) * 0.3) : target;
    // Never so eased that a point falls outside.
    this.view = [Math.min(this.view[0], x0), Math.max(this.view[1], x1), Math.min(this.view[2], y0), Math.max(this.view[3], y1)];
    const [vx0, vx1, vy0, vy1] = this.view;
    const m = 18;
    const X = (x) => m + ((x - vx0) / (vx1 - vx0)) * (width - m - 6);
    const Y = (y) => 6 + (1 - (y - vy0) / (vy1 - vy0)) * (height - m - 6);
    // The plane's grid, bent by the layer: lines of constant y (grey), then of constant x (lighter).
    ctx.lineWidth = 1;
    const samples = this.samples;
    const perLine = samples * 2;
    for (let k = 0; k < 2 * LINES; k += 1) {
      ctx.strokeStyle = k < LINES ? 'rgba(60,70,80,0.45)' : 'rgba(60,70,80,0.25)';
      ctx.beginPath();
      for (let s = 0; s < samples; s += 1) {
        const i = k * perLine + 2 * s;
        if (s === 0) ctx.moveTo(X(lines[i]), Y(lines[i + 1]));
        else ctx.lineTo(X(lines[i]), Y(lines[i + 1]));
      }
      ctx.stroke();
    }
    // Each point as the plot draws it: its class's shape and colour, hollow for a test point.
    const regression = app.problem === 'regression';
    for (let i = 0; i < points.length; i += 4) {
      const [label, test] = [points[i + 2], points[i + 3] === 1];
      stampPoint(ctx, dpr, X(points[i]), Y(points[i + 1]), 3.5, regression ? 1 : label, test, regression ? valueColour(label) : null);
    }
    ctx.fillStyle = '#3d4853';
    ctx.font = '11px system-ui, sans-serif';
    const pct = (v) => `${Math.round(v * 100)} %`;
    const [ax, ay] = pair ? [`neuron ${pair[0]}'s activation`, `neuron ${pair[1]}'s activation`]
      : [`1st principal component (${pct(explained[0])} of the spread)`, `2nd (${pct(explained[1])})`];
    ctx.fillText(`${ax} →`, m, height - 4);
    ctx.save();
    ctx.translate(12, height - m);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(`${ay} →`, 0, 0);
    ctx.restore();
    const count = points.length / 4;
    const all = app.pg.pointCount();
    const of = count < all ? ` (an even sample of the ${all})` : '';
    const shown = app.rewind?.looking ? `, at epoch ${app.pg.epoch()}` : '';
    $('hidden-caption').textContent = `${count} point${count === 1 ? '' : 's'}${of} and the plane's grid (${LINES} × ${LINES} lines) as hidden layer ${layer} `
      + `sees them${shown}: ${pair ? `neuron ${pair[0]}'s activation across, neuron ${pair[1]}'s up`
        : 'the two directions its activations spread along most (principal components), across and up'}. `
      + 'If a straight line parts the classes here, this layer has made them separable by a line, and the output can draw it '
      + '(a flat picture of a wider layer can also hide a separation the layer has).';
  }
}
