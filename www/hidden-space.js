// The hidden space (ConvNetJS's signature view): `#hidden-space`, a panel whose heading opens it,
// draws the data points and the input plane's grid lines as one hidden layer sees them: two chosen
// neurons' activations as the axes, or the first two principal components of the layer's
// activations (Playground.hiddenSpace). It follows training live, recomputed at most every 100 ms
// (less often for a network whose mapping costs more), so the frame keeps its rate.

import { app, $ } from './app.js';
import { fitCanvas } from './plot.js';
import { CLASS_COLOURS, valueColour } from './classes.js';

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
    layer.innerHTML = hidden.map((n, i) => `<option value="${i + 1}">layer ${i + 1} (${n} neuron${n === 1 ? '' : 's'})</option>`).join('');
    layer.value = String(Math.min(keep, hidden.length) || 1);
    this.fillAxes();
    this.changed();
  }

  fillAxes() {
    const sizes = Array.from(app.pg.layerSizes());
    const width = sizes[Number($('hidden-layer').value)] ?? 0;
    const axes = $('hidden-axes');
    const keep = axes.value;
    const options = ['<option value="pca">principal components (PCA)</option>'];
    const n = Math.min(PAIRED, width);
    for (let a = 1; a <= n; a += 1) {
      for (let b = a + 1; b <= n; b += 1) options.push(`<option value="${a},${b}">neurons ${a} and ${b}</option>`);
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
    const { ctx, width, height } = fitCanvas(this.canvas);
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
    this.view = this.view ? this.view.map((v, i) => v + (target[i] - v) * 0.3) : target;
    // Never so eased that a point falls outside.
    this.view = [Math.min(this.view[0], x0), Math.max(this.view[1], x1), Math.min(this.view[2], y0), Math.max(this.view[3], y1)];
    const [vx0, vx1, vy0, vy1] = this.view;
    const m = 24;
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
    const regression = app.problem === 'regression';
    for (let i = 0; i < points.length; i += 4) {
      const [px, py, label, test] = [X(points[i]), Y(points[i + 1]), points[i + 2], points[i + 3]];
      const colour = regression ? valueColour(label) : CLASS_COLOURS[label] ?? '#000';
      ctx.beginPath();
      ctx.arc(px, py, 3, 0, Math.PI * 2);
      if (test) {
        ctx.strokeStyle = colour;
        ctx.lineWidth = 1.5;
        ctx.stroke();
      } else {
        ctx.fillStyle = colour;
        ctx.fill();
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = 0.8;
        ctx.stroke();
      }
    }
    ctx.fillStyle = '#5f6b76';
    ctx.font = '10px system-ui, sans-serif';
    const pct = (v) => `${Math.round(v * 100)}%`;
    const [ax, ay] = pair ? [`neuron ${pair[0]}`, `neuron ${pair[1]}`]
      : [`PC 1 (${pct(explained[0])} of the variance)`, `PC 2 (${pct(explained[1])})`];
    ctx.fillText(`→ ${ax}`, m, height - 6);
    ctx.save();
    ctx.translate(12, height - m);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(`→ ${ay}`, 0, 0);
    ctx.restore();
    const count = points.length / 4;
    const all = app.pg.pointCount();
    const of = count < all ? ` (an even sample of the ${all})` : '';
    $('hidden-caption').textContent = `${count} point${count === 1 ? '' : 's'}${of} and the plane's grid (${LINES} × ${LINES} lines) as hidden layer ${layer} `
      + `sees them: ${pair ? `neuron ${pair[0]}'s activation across, neuron ${pair[1]}'s up` : 'its activations\u2019 first two principal components'}. `
      + 'Where one straight line parts the classes here, the layers above can separate them.';
  }
}
