// The loss chart: train and test loss per epoch, auto-scaled, optionally on a log scale, with marks
// where a setting or the data changed and the epoch the timeline shows. The history is bounded: when full, every other sample is
// dropped and sampling slows down by half, so a long run keeps its whole shape in fixed memory.

import { fitCanvas } from './plot.js';

const CAPACITY = 400;

/** A chart's two axes: the left edge and the bottom of the plotting area. */
export function drawAxes(ctx, pad, w, h) {
  ctx.strokeStyle = '#dde3e8';
  ctx.beginPath();
  ctx.moveTo(pad.l, pad.t);
  ctx.lineTo(pad.l, pad.t + h);
  ctx.lineTo(pad.l + w, pad.t + h);
  ctx.stroke();
}

/**
 * Strokes a line through `points` ([x, y] in pixels), broken where an entry is null (a value that
 * is not a number, or not drawn), in the context's current style.
 */
export function traceLine(ctx, points) {
  ctx.beginPath();
  let pen = false;
  for (const p of points) {
    if (!p) { pen = false; continue; }
    if (pen) ctx.lineTo(p[0], p[1]);
    else ctx.moveTo(p[0], p[1]);
    pen = true;
  }
  ctx.stroke();
}

/**
 * Where the y axis is ticked, in the axis's own units (log10 of the loss on a log axis): round
 * values from `lo` to `hi`, at least three.
 */
export function yTicks(lo, hi, log) {
  if (log) {
    const powers = [];
    for (let e = Math.ceil(lo - 1e-9); e <= hi + 1e-9; e += 1) powers.push(e);
    return powers.length >= 3 ? powers : [lo, (lo + hi) / 2, hi];
  }
  const raw = (hi - lo) / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => (hi - lo) / s <= 5) ?? 10 * mag;
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

export class LossChart {
  /** @param {HTMLCanvasElement} canvas */
  constructor(canvas) {
    this.canvas = canvas;
    this.logScale = false;
    this.logX = false; // iterations on a log axis (log10 of 1 + i), for runs that span decades
    this.unit = 'epoch';
    /** Kept runs' training losses (www/runs.js): { samples, colour, dash }, kept through clear(). */
    this.ghosts = [];
    /** The epoch the timeline shows while looking back (www/rewind.js), marked by a solid line. */
    this.cursor = null;
    this.clear();
  }

  /** Forgets the history (after a reset). */
  clear() {
    this.samples = []; // { epoch, train, test }
    this.marks = []; // { epoch, label, kind }
    this.stride = 1;
    this.lastEpoch = -Infinity;
  }

  /** How many samples the chart holds, and the first one's epoch (tests read these). */
  get sampleCount() {
    return this.samples.length;
  }

  /** Records the losses at `epoch` if it is at least one stride past the last sample. */
  record(epoch, train, test) {
    if (epoch < this.lastEpoch + this.stride && this.samples.length) return;
    this.samples.push({ epoch, train, test });
    this.lastEpoch = epoch;
    if (this.samples.length > CAPACITY) {
      this.samples = this.samples.filter((_, i) => i % 2 === 0 || i === this.samples.length - 1);
      this.stride *= 2;
    }
  }

  /**
   * Marks `epoch` with what changed there (a learning rate, new data). With `merge`, a change of the
   * same kind as the last mark replaces that mark's label instead of adding one (one drag of a
   * slider is one change, whatever the number of values it passed through).
   */
  mark(epoch, label, { kind = label, merge = false } = {}) {
    const last = this.marks[this.marks.length - 1];
    if (last && (last.epoch === epoch || (merge && last.kind === kind))) {
      last.label = label;
      last.kind = kind;
    } else {
      this.marks.push({ epoch, label, kind });
    }
    if (this.marks.length > 50) this.marks.shift();
  }

  draw() {
    const { ctx, width, height } = fitCanvas(this.canvas);
    ctx.clearRect(0, 0, width, height);
    const pad = { l: 44, r: 8, t: 8, b: 18 };
    const w = width - pad.l - pad.r;
    const h = height - pad.t - pad.b;
    const finite = (v) => Number.isFinite(v) && (!this.logScale || v > 0);
    const ghosts = this.ghosts.map((g) => g.samples).filter((s) => s.length);
    const values = [...this.samples.flatMap((s) => [s.train, s.test]), ...ghosts.flat().map((s) => s.train)].filter(finite);
    ctx.font = '10px system-ui, sans-serif';
    ctx.fillStyle = '#5f6b76';
    if (!values.length) {
      ctx.fillText('The loss appears here as the network trains.', pad.l, pad.t + h / 2);
      return;
    }
    // The epochs every line spans, the live run's and the kept runs'.
    const runs = [this.samples, ...ghosts].filter((s) => s.length);
    const first = Math.min(...runs.map((s) => s[0].epoch));
    const last = Math.max(first + 1, ...runs.map((s) => s[s.length - 1].epoch));
    const f = this.logScale ? Math.log10 : (v) => v;
    let lo = this.logScale ? f(Math.min(...values)) : 0;
    let hi = f(Math.max(...values));
    if (hi - lo < 1e-9) { hi += 0.5; lo -= this.logScale ? 0.5 : 0; }
    const g = this.logX ? (e) => Math.log10(1 + e) : (e) => e;
    const X = (e) => pad.l + ((g(e) - g(first)) / (g(last) - g(first))) * w;
    const Y = (v) => pad.t + (1 - (f(v) - lo) / (hi - lo)) * h;

    // Axes and labels.
    drawAxes(ctx, pad, w, h);
    // Two significant digits as a plain number (260, 0.044, 1e-7), on either scale.
    const label = (v) => String(Number((this.logScale ? 10 ** v : v).toPrecision(2)));
    // Ticks a reader can read values off: 3 to 6 round values on a linear axis, the powers of ten
    // (or, within one decade, the ends and the middle) on a log one; faint lines across.
    this.yTicks = yTicks(lo, hi, this.logScale);
    ctx.save();
    ctx.strokeStyle = '#eef1f4';
    for (const t of this.yTicks) {
      const yy = pad.t + (1 - (t - lo) / (hi - lo)) * h;
      ctx.beginPath();
      ctx.moveTo(pad.l + 1, yy);
      ctx.lineTo(pad.l + w, yy);
      ctx.stroke();
      ctx.fillText(label(t), 2, Math.min(pad.t + h, Math.max(pad.t + 8, yy + 3)));
    }
    ctx.restore();
    // A lesson's iterations may be spaced logarithmically; that is the x axis, not the loss box.
    ctx.fillText(`${this.unit} ${first}${this.logX ? ', iterations on a log axis' : ''}`, pad.l, height - 4);
    const right = `${last}`;
    ctx.fillText(right, pad.l + w - ctx.measureText(right).width, height - 4);

    ctx.save();
    ctx.setLineDash([3, 3]);
    ctx.strokeStyle = '#b3261e';
    ctx.fillStyle = '#b3261e';
    let labelRight = -Infinity;
    for (const m of this.marks) {
      if (m.epoch < first || m.epoch > last) continue;
      ctx.beginPath();
      ctx.moveTo(X(m.epoch), pad.t);
      ctx.lineTo(X(m.epoch), pad.t + h);
      ctx.stroke();
      // Each mark says what changed, where its label does not run into the last one's.
      const x = Math.min(X(m.epoch) + 3, pad.l + w - ctx.measureText(m.label).width);
      if (x > labelRight) {
        ctx.fillText(m.label, x, pad.t + 9);
        labelRight = x + ctx.measureText(m.label).width + 4;
      }
    }
    ctx.restore();

    if (this.cursor !== null && this.cursor >= first && this.cursor <= last) {
      // The epoch shown while looking back, labelled on whichever side has room.
      ctx.save();
      ctx.strokeStyle = '#6a3d9a';
      ctx.fillStyle = '#6a3d9a';
      ctx.lineWidth = 2;
      const cx = X(this.cursor);
      ctx.beginPath();
      ctx.moveTo(cx, pad.t);
      ctx.lineTo(cx, pad.t + h);
      ctx.stroke();
      const text = `shown: epoch ${this.cursor}`;
      const tw = ctx.measureText(text).width;
      ctx.fillText(text, cx + 4 + tw > pad.l + w ? cx - 4 - tw : cx + 4, pad.t + h - 4);
      ctx.restore();
    }
    for (const ghost of this.ghosts) {
      ctx.save();
      ctx.strokeStyle = ghost.colour;
      ctx.setLineDash(ghost.dash);
      ctx.lineWidth = 1.4;
      traceLine(ctx, ghost.samples.map((s) => (finite(s.train) ? [X(s.epoch), Y(s.train)] : null)));
      ctx.restore();
    }
    for (const [key, colour] of [['train', '#7a8793'], ['test', '#111']]) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.6;
      traceLine(ctx, this.samples.map((s) => (finite(s[key]) ? [X(s.epoch), Y(s[key])] : null)));
    }
  }
}
