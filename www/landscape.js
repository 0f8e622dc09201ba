// The loss landscape: `#landscape`, a panel whose heading opens it (and computes), draws the
// training loss over a plane through the current weights (Playground.landscape; Li et al. 2018) as
// a contour map, 49 × 49 evaluations over the whole training set computed in wasm a slice per frame,
// with the run's path (the timeline's snapshots) projected on it and the current weights marked at
// its centre. `#landscape-compute` computes it again, and so does a pause in training.

import { app, $ } from './app.js';
import { fitCanvas } from './plot.js';

/** Cells a side: odd, so the centre cell is the current weights themselves. */
export const LANDSCAPE_RES = 49;
/** Milliseconds of computing per frame; fewer when frames already run long (a big network training). */
const SLICE_MS = 6;
const SLICE_MS_BUSY = 2;
/** How long paused weights must stand still before the map is computed again through them. */
const STILL_MS = 300;
/** Contour levels drawn. */
const LEVELS = 12;

/** A colour for `t` in [0, 1], low loss dark blue to high loss pale yellow (after viridis). */
function heat(t) {
  const stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  const x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  return stops[i].map((c, k) => Math.round(c + (stops[i + 1][k] - c) * f));
}

export class LandscapeView {
  constructor() {
    this.panel = $('landscape');
    this.job = null;
    this.result = null; // { values, res, extent, path, directions, at }
    this.panel.addEventListener('toggle', () => { if (this.panel.open) this.start(); else this.stop(); });
    $('landscape-compute').addEventListener('click', () => this.start());
    $('landscape-directions').addEventListener('change', () => this.start());
  }

  /** Training paused: the weights stand still, so the map through them is worth computing. */
  paused() {
    if (this.panel.open) this.start();
  }

  stop() {
    this.job?.free();
    this.job = null;
  }

  /** Starts a new map through the weights shown now. */
  start() {
    this.stop();
    const directions = $('landscape-directions').value;
    this.weightsAt = app.boundary.changedAt;
    try {
      this.job = app.pg.landscape(directions, LANDSCAPE_RES, 1);
    } catch (e) {
      this.status(e.message);
      return;
    }
    this.directions = directions;
    this.epoch = app.pg.epoch();
    this.lookingBack = app.rewind?.looking ?? false;
    this.status('Computing the loss over the plane…');
  }

  status(text) {
    $('landscape-status').textContent = text;
  }

  /** Once a frame: a slice of the map, drawn as far as it has got. */
  tick() {
    if (!this.panel.open) return;
    // Paused, the weights shown moved since this map began (the worker's last state after a pause,
    // a snapshot looked at) and have stood still since: the map follows them.
    const moved = app.boundary.changedAt !== this.weightsAt;
    if (!app.playing && moved && performance.now() - app.boundary.changedAt > STILL_MS) this.start();
    if (!this.job) return;
    const done = this.job.advance(app.frameMs > 20 ? SLICE_MS_BUSY : SLICE_MS);
    // The map as far as it has got, five times a second, and whole at the end.
    const now = performance.now();
    if (!done && now - (this.drawnAt ?? -Infinity) < 200) return;
    this.drawnAt = now;
    this.result = {
      values: this.job.values(), res: this.job.res(), extent: this.job.extent(), path: this.job.path(),
      directions: this.directions,
    };
    this.draw();
    if (!done) {
      this.status(`Computing the loss over the plane: ${Math.round(this.job.progress() * 100)}%`);
      return;
    }
    const { values, res } = this.result;
    const centre = values[(res * res - 1) / 2];
    this.result.centre = centre;
    $('landscape-centre').textContent = Number.isFinite(centre) ? centre.toFixed(4) : '–';
    const which = `the weights of epoch ${this.epoch}${this.lookingBack ? ' (looking back)' : ''}`;
    $('landscape-which').textContent = which;
    const since = app.playing ? ' Training has moved on since: pause, or Recompute, for a map through the weights of now.' : '';
    this.status(`Done: ${res} × ${res} losses, each over all ${app.pg.trainPointCount()} training points, around ${which}.${since}`);
    this.stop();
  }

  /** The map (log loss, so the valley floor shows), its contours, the path and the current weights. */
  draw() {
    const { values, res, extent, path, directions } = this.result;
    const { ctx, width, height } = fitCanvas($('landscape-canvas'));
    ctx.clearRect(0, 0, width, height);
    const m = { l: 30, b: 22, t: 6, r: 6 };
    const size = Math.min(width - m.l - m.r, height - m.t - m.b);
    // Log losses, once: the colours and every contour level read them.
    const logs = Float64Array.from(values, (v) => (v > 0 ? Math.log(v) : NaN));
    const finite = logs.filter(Number.isFinite);
    if (!finite.length) return;
    const lo = finite.reduce((a, b) => Math.min(a, b));
    const hi = finite.reduce((a, b) => Math.max(a, b));
    const t = (l) => (hi > lo ? (l - lo) / (hi - lo) : 0);
    const image = ctx.createImageData(res, res);
    for (let row = 0; row < res; row += 1) {
      for (let col = 0; col < res; col += 1) {
        const l = logs[row * res + col];
        const k = 4 * ((res - 1 - row) * res + col); // β grows upwards
        const [r, g, b] = Number.isFinite(l) ? heat(t(l)) : [235, 235, 235];
        image.data.set([r, g, b, 255], k);
      }
    }
    const cells = document.createElement('canvas');
    cells.width = res;
    cells.height = res;
    cells.getContext('2d').putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(cells, m.l, m.t, size, size);
    // Plane coordinates to pixels: α across, β up, the centre in the middle.
    const X = (a) => m.l + ((a / extent[0] + 1) / 2) * size;
    const Y = (b) => m.t + ((1 - b / extent[1]) / 2) * size;
    const cell = (i) => m.l + ((i + 0.5) / res) * size;
    const cellY = (j) => m.t + size - ((j + 0.5) / res) * size;
    // Contours at evenly spaced log losses (marching squares, one segment per crossing cell).
    ctx.strokeStyle = 'rgba(255,255,255,0.55)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let level = 1; level < LEVELS; level += 1) {
      const c = lo + ((hi - lo) * level) / LEVELS;
      for (let j = 0; j + 1 < res; j += 1) {
        for (let i = 0; i + 1 < res; i += 1) {
          const corners = [[i, j], [i + 1, j], [i + 1, j + 1], [i, j + 1]].map(([a, b]) => [a, b, logs[b * res + a]]);
          if (corners.some((q) => !Number.isFinite(q[2]))) continue;
          const crossings = [];
          for (let e = 0; e < 4; e += 1) {
            const [p, q] = [corners[e], corners[(e + 1) % 4]];
            if ((p[2] < c) !== (q[2] < c)) {
              const f = (c - p[2]) / (q[2] - p[2]);
              crossings.push([cell(p[0] + (q[0] - p[0]) * f), cellY(p[1] + (q[1] - p[1]) * f)]);
            }
          }
          for (let k = 0; k + 1 < crossings.length; k += 2) {
            ctx.moveTo(...crossings[k]);
            ctx.lineTo(...crossings[k + 1]);
          }
        }
      }
    }
    ctx.stroke();
    // The run's path, oldest snapshot first, drawn on a dark edge so it reads on any colour.
    if (path.length >= 4) {
      for (const [colour, w] of [['rgba(0,0,0,0.6)', 3.5], ['#ff7f50', 1.8]]) {
        ctx.strokeStyle = colour;
        ctx.lineWidth = w;
        ctx.beginPath();
        for (let k = 0; k < path.length; k += 2) {
          const [px, py] = [X(path[k]), Y(path[k + 1])];
          if (k === 0) ctx.moveTo(px, py);
          else ctx.lineTo(px, py);
        }
        ctx.stroke();
      }
      ctx.fillStyle = '#ff7f50';
      ctx.beginPath();
      ctx.arc(X(path[0]), Y(path[1]), 3.5, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.fillStyle = '#fff';
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(X(0), Y(0), 5, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = '#5f6b76';
    ctx.font = '10px system-ui, sans-serif';
    const names = directions === 'pca' ? ['1st principal direction of the run', '2nd'] : ['random direction 1', 'random direction 2'];
    ctx.fillText(`${names[0]} (±${extent[0].toPrecision(2)}) →`, m.l, m.t + size + 14);
    ctx.save();
    ctx.translate(12, m.t + size);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(`${names[1]} (±${extent[1].toPrecision(2)}) →`, 0, 0);
    ctx.restore();
    $('landscape-low').textContent = Math.exp(lo).toPrecision(3);
    $('landscape-high').textContent = Math.exp(hi).toPrecision(3);
  }
}
