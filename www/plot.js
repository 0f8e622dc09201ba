// The plane [−1, 1]²: the decision boundary as a heatmap with its 0.5 contour, the reference line,
// and the points. Drawing only; pointer handling lives in pointer.js.

import { CLASS_COLOURS, DISCRETE_RGB, valueColour } from './classes.js';

/** Most points stamped on the plot; more are drawn as an even sample of this many. */
export const MAX_DRAWN = 10000;

/** Free play's plane: x and y from −1 to 1. */
export const FREE_PLAY_AXES = { scale: 1, offset: 0, ticks: [-1, 0, 1] };

/**
 * Sizes a canvas's backing store to its CSS box × devicePixelRatio; returns the CSS size. A canvas
 * with `renderAs` ({ width, height, dpr }: a snapshot's, not on the page) takes that size instead.
 */
export function fitCanvas(canvas) {
  const dpr = canvas.renderAs?.dpr ?? (window.devicePixelRatio || 1);
  const rect = canvas.renderAs ?? canvas.getBoundingClientRect();
  const w = Math.max(1, Math.round(rect.width));
  const h = Math.max(1, Math.round(rect.height));
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { ctx, width: w, height: h, dpr };
}

/** Converts between plane coordinates and CSS pixels of a square plot of side `size`. */
export const toPixel = (size, x, y) => [((x + 1) / 2) * size, ((1 - y) / 2) * size];
export const toPlane = (size, px, py) => [(px / size) * 2 - 1, 1 - (py / size) * 2];

export class Plot {
  /** @param {HTMLCanvasElement} canvas */
  constructor(canvas) {
    this.canvas = canvas;
    this.layer = document.createElement('canvas'); // the points, redrawn only when they change
    this.layerKey = '';
    this.heat = document.createElement('canvas');
    this.heatCtx = this.heat.getContext('2d');
    this.image = null;
  }

  /**
   * Draws one frame.
   * @param {{ rgba: Uint8ClampedArray, probabilities: Float32Array, res: number, multi?: boolean } | null}
   *   boundary owned copies (www/boundary.js); the same object again means the same picture;
   *   `multi`: each value is a class plus its margin (crate/model/output.rs's `class_value`)
   * @param {Float32Array} points 4 floats per point: x, y, label, flags (1 = test, 2 = misclassified)
   * @param {{ referenceLine: boolean, highlight: number, version: number,
   *   axes?: { scale: number, offset: number, ticks: number[] }, showTest?: boolean,
   *   discretize?: boolean, labels?: 'classes'|'targets'|'sign', curve?: number[]|null,
   *   ghosts?: { boundary: object|null, colour: string, dash: number[] }[] }} options `version` changes
   *   whenever `points` does; `axes` label the plane in the scene's own coordinates; `showTest`
   *   false hides the test points; `discretize` paints each cell the predicted class's colour,
   *   without shading; `labels` says what a point's label is: its class (the default), a
   *   regression target (coloured by value), or a target drawn as class 1 where ≥ 0 (the lessons);
   *   `ghosts` are kept runs (www/runs.js), each drawn as its boundary's contour, thin and dashed
   */
  draw(boundary, points, options) {
    this.last = [boundary, points, options]; // what a snapshot draws again, at its own scale
    const { ctx, width, dpr } = fitCanvas(this.canvas);
    const size = width;
    ctx.clearRect(0, 0, size, size);
    if (boundary) {
      // A boundary that has not changed (a model standing still) is neither re-uploaded nor re-traced.
      const discrete = options.discretize === true;
      if (boundary !== this.boundary || size !== this.contourSize || discrete !== this.discrete) {
        this.boundary = boundary;
        this.contourSize = size;
        this.discrete = discrete;
        this.uploadHeatmap(boundary, discrete);
        this.contour = boundary.multi ? classBorders(size, boundary.probabilities, boundary.res)
          : contourPath(size, boundary.probabilities, boundary.res);
      }
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(this.heat, 0, 0, size, size);
      ctx.save();
      ctx.strokeStyle = '#1d2731';
      ctx.lineWidth = 1.6;
      ctx.stroke(this.contour);
      ctx.restore();
    }
    for (const ghost of options.ghosts ?? []) drawGhost(ctx, size, ghost);
    if (options.cursor) drawCursor(ctx, size, options.cursor);
    const axes = perAxis(options.axes ?? FREE_PLAY_AXES);
    drawAxes(ctx, size, axes);
    // The tick values, for tests and assistive tools (the labels themselves are pixels).
    const same = axes.x.ticks === axes.y.ticks;
    const ticks = same ? axes.x.ticks.join(',') : `x:${axes.x.ticks.join(',')};y:${axes.y.ticks.join(',')}`;
    if (this.canvas.dataset.ticks !== ticks) this.canvas.dataset.ticks = ticks;
    if (options.referenceLine) {
      ctx.save();
      ctx.setLineDash([6, 5]);
      ctx.strokeStyle = '#1d2731aa';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      if (options.curve) {
        // y = f(x) sampled evenly over x; a gap where the curve has no value or leaves the plane.
        const n = options.curve.length;
        let drawing = false;
        options.curve.forEach((y, i) => {
          const x = -1 + (2 * i) / (n - 1);
          if (!Number.isFinite(y) || Math.abs(y) > 1.5) {
            drawing = false;
            return;
          }
          const [px, py] = toPixel(size, x, Math.max(-1.2, Math.min(1.2, y)));
          if (drawing) ctx.lineTo(px, py);
          else ctx.moveTo(px, py);
          drawing = true;
        });
      } else {
        ctx.moveTo(...toPixel(size, -1, -1));
        ctx.lineTo(...toPixel(size, 1, 1));
      }
      ctx.stroke();
      ctx.restore();
    }
    const showTest = options.showTest !== false;
    const labels = options.labels ?? 'classes';
    const key = `${options.version}:${options.highlight}:${this.canvas.width}:${showTest}:${labels}`;
    if (key !== this.layerKey) {
      this.layerKey = key;
      this.layer.width = this.canvas.width;
      this.layer.height = this.canvas.height;
      const layerCtx = this.layer.getContext('2d');
      layerCtx.setTransform(dpr, 0, 0, dpr, 0, 0);
      drawPoints(layerCtx, size, points, options.highlight, showTest, labels);
    }
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.layer, 0, 0);
    ctx.restore();
  }

  uploadHeatmap({ rgba, probabilities, res, multi }, discrete) {
    if (this.heat.width !== res) {
      this.heat.width = res;
      this.heat.height = res;
      this.image = this.heatCtx.createImageData(res, res);
    }
    if (discrete) {
      const data = this.image.data;
      for (let i = 0; i < probabilities.length; i += 1) {
        const p = probabilities[i];
        const cls = multi ? Math.min(DISCRETE_RGB.length - 1, Math.max(0, Math.floor(p) || 0)) : p >= 0.5 ? 1 : 0;
        data.set(DISCRETE_RGB[cls], 4 * i);
        data[4 * i + 3] = 255;
      }
    } else {
      this.image.data.set(rgba);
    }
    this.heatCtx.putImageData(this.image, 0, 0);
  }
}

/** A kept run's boundary as a thin dashed contour in its colour, over a light halo. */
function drawGhost(ctx, size, ghost) {
  const b = ghost.boundary;
  if (!b) return;
  if (ghost.pathSize !== size) {
    ghost.path = b.multi ? classBorders(size, b.probabilities, b.res) : contourPath(size, b.probabilities, b.res);
    ghost.pathSize = size;
  }
  ctx.save();
  ctx.setLineDash(ghost.dash);
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#ffffffb0';
  ctx.stroke(ghost.path);
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = ghost.colour;
  ctx.stroke(ghost.path);
  ctx.restore();
}

/** The keyboard cursor: a ring with a cross, dark inside a light halo so it shows on any colour. */
function drawCursor(ctx, size, cursor) {
  const [x, y] = toPixel(size, cursor.x, cursor.y);
  ctx.save();
  for (const [colour, width] of [['#fff', 4], ['#111', 2]]) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.arc(x, y, 9, 0, Math.PI * 2);
    ctx.moveTo(x - 14, y);
    ctx.lineTo(x - 5, y);
    ctx.moveTo(x + 5, y);
    ctx.lineTo(x + 14, y);
    ctx.moveTo(x, y - 14);
    ctx.lineTo(x, y - 5);
    ctx.moveTo(x, y + 5);
    ctx.lineTo(x, y + 14);
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * The axes through the plane's centre, and tick labels in the scene's own coordinates: a tick at
 * input value v sits at plane (v − offset) / scale.
 * @param {{ scale: number, offset: number, ticks: number[] }} axes
 */
/**
 * Axes as one for x and one for y, each `{ ticks, toPlane, name? }`: the plane's and the lessons'
 * (`{ scale, offset, ticks }`, the same for both) or a table's (own-data.js, each in its column's
 * units and named by it).
 */
function perAxis(axes) {
  if (axes.x) return axes;
  const one = { ticks: axes.ticks, toPlane: (v) => (v - axes.offset) / axes.scale };
  return { x: one, y: one };
}

function drawAxes(ctx, size, { x: ax, y: ay }) {
  ctx.save();
  ctx.strokeStyle = '#0000001f';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(size / 2, 0);
  ctx.lineTo(size / 2, size);
  ctx.moveTo(0, size / 2);
  ctx.lineTo(size, size / 2);
  ctx.stroke();
  ctx.fillStyle = '#1d2731cc';
  ctx.strokeStyle = '#1d273166';
  ctx.font = '10px system-ui, sans-serif';
  const text = (v) => (v < 0 ? `−${Math.abs(v)}` : String(v));
  // Along the bottom edge (x) and the left edge (y), each with a short tick mark.
  for (const v of ax.ticks) {
    const [px] = toPixel(size, ax.toPlane(v), 0);
    const label = text(v);
    const w = ctx.measureText(label).width;
    ctx.beginPath();
    ctx.moveTo(px, size);
    ctx.lineTo(px, size - 5);
    ctx.stroke();
    ctx.fillText(label, Math.min(size - w - 2, Math.max(2, px - w / 2)), size - 7);
  }
  for (const v of ay.ticks) {
    const [, py] = toPixel(size, 0, ay.toPlane(v));
    ctx.beginPath();
    ctx.moveTo(0, py);
    ctx.lineTo(5, py);
    ctx.stroke();
    ctx.fillText(text(v), 7, Math.min(size - 20, Math.max(10, py + 3)));
  }
  // A table's columns name their axes: x at the bottom right, y at the top left.
  ctx.font = '600 11px system-ui, sans-serif';
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#ffffffd0';
  ctx.fillStyle = '#1d2731';
  if (ax.name) {
    const label = `${ax.name} →`;
    const w = ctx.measureText(label).width;
    ctx.strokeText(label, size - w - 4, size - 20);
    ctx.fillText(label, size - w - 4, size - 20);
  }
  if (ay.name) {
    const label = `↑ ${ay.name}`;
    ctx.strokeText(label, 22, 14);
    ctx.fillText(label, 22, 14);
  }
  ctx.restore();
}

/** The 0.5 level set by marching squares over the cell centres, interpolated along cell edges. */
function contourPath(size, p, res) {
  const cell = size / res;
  const px = (c) => (c + 0.5) * cell;
  const path = new Path2D();
  const lerp = (a, b) => (0.5 - a) / (b - a);
  for (let r = 0; r < res - 1; r += 1) {
    for (let c = 0; c < res - 1; c += 1) {
      const tl = p[r * res + c];
      const tr = p[r * res + c + 1];
      const bl = p[(r + 1) * res + c];
      const br = p[(r + 1) * res + c + 1];
      const hits = [];
      if ((tl >= 0.5) !== (tr >= 0.5)) hits.push([px(c + lerp(tl, tr)), px(r)]);
      if ((tr >= 0.5) !== (br >= 0.5)) hits.push([px(c + 1), px(r + lerp(tr, br))]);
      if ((bl >= 0.5) !== (br >= 0.5)) hits.push([px(c + lerp(bl, br)), px(r + 1)]);
      if ((tl >= 0.5) !== (bl >= 0.5)) hits.push([px(c), px(r + lerp(tl, bl))]);
      for (let k = 0; k + 1 < hits.length; k += 2) {
        path.moveTo(hits[k][0], hits[k][1]);
        path.lineTo(hits[k + 1][0], hits[k + 1][1]);
      }
    }
  }
  return path;
}

/**
 * Borders between the classes of a multi-class boundary: wherever two neighbouring cells predict
 * different classes, the border crosses the edge between them where the two margins (each cell's
 * lead over its runner-up) meet, interpolated as the 0.5 contour is. A square whose corners
 * predict three or four classes joins its crossings at their centre.
 */
function classBorders(size, v, res) {
  const cell = size / res;
  const px = (c) => (c + 0.5) * cell;
  const path = new Path2D();
  const cls = (x) => Math.floor(x);
  // Where along an edge from a (margin ma) to b (margin mb) their probabilities cross.
  const at = (a, b) => {
    const ma = a - cls(a);
    const mb = b - cls(b);
    return ma + mb > 0 ? ma / (ma + mb) : 0.5;
  };
  for (let r = 0; r < res - 1; r += 1) {
    for (let c = 0; c < res - 1; c += 1) {
      const tl = v[r * res + c];
      const tr = v[r * res + c + 1];
      const bl = v[(r + 1) * res + c];
      const br = v[(r + 1) * res + c + 1];
      const hits = [];
      if (cls(tl) !== cls(tr)) hits.push([px(c + at(tl, tr)), px(r)]);
      if (cls(tr) !== cls(br)) hits.push([px(c + 1), px(r + at(tr, br))]);
      if (cls(bl) !== cls(br)) hits.push([px(c + at(bl, br)), px(r + 1)]);
      if (cls(tl) !== cls(bl)) hits.push([px(c), px(r + at(tl, bl))]);
      if (hits.length === 2) {
        path.moveTo(...hits[0]);
        path.lineTo(...hits[1]);
      } else if (hits.length > 2) {
        const mx = hits.reduce((s, h) => s + h[0], 0) / hits.length;
        const my = hits.reduce((s, h) => s + h[1], 0) / hits.length;
        for (const h of hits) {
          path.moveTo(...h);
          path.lineTo(mx, my);
        }
      }
    }
  }
  return path;
}

/** Pre-rendered point images at the canvas's pixel ratio, keyed by radius, ratio and style. */
const sprites = new Map();

/** A class's point shape, centred at (half, half), of about the area of a circle of `radius`. */
function shapePath(ctx, cls, half, radius) {
  ctx.beginPath();
  if (cls === 1) {
    ctx.arc(half, half, radius, 0, Math.PI * 2);
  } else if (cls === 2) {
    const r = radius * 1.3; // an equilateral triangle, point up
    ctx.moveTo(half, half - r);
    ctx.lineTo(half + r * 0.866, half + r * 0.5);
    ctx.lineTo(half - r * 0.866, half + r * 0.5);
    ctx.closePath();
  } else if (cls === 3) {
    const r = radius * 1.25; // a diamond
    ctx.moveTo(half, half - r);
    ctx.lineTo(half + r, half);
    ctx.lineTo(half, half + r);
    ctx.lineTo(half - r, half);
    ctx.closePath();
  } else {
    const s = radius * 0.886; // a square
    ctx.rect(half - s, half - s, 2 * s, 2 * s);
  }
}

/**
 * @param {number} label a class, or with `value` set a regression target's colour step
 * @param {string|null} value a regression target's colour (then the point is a circle in it)
 */
function sprite(radius, dpr, label, test, wrong, value = null) {
  const key = `${radius}:${dpr}:${label}:${test}:${wrong}:${value}`;
  let canvas = sprites.get(key);
  if (canvas) return canvas;
  const half = Math.ceil(radius * 1.3) + 2;
  canvas = document.createElement('canvas');
  canvas.width = canvas.height = Math.ceil(2 * half * dpr);
  const ctx = canvas.getContext('2d');
  ctx.scale(dpr, dpr);
  // A second cue besides colour: each class its own shape.
  shapePath(ctx, value === null ? label : 1, half, radius);
  const colour = value ?? CLASS_COLOURS[label] ?? CLASS_COLOURS[0];
  if (value !== null) {
    // A target: filled in its value's colour, outlined dark so that values near 0 (white) show.
    ctx.fillStyle = test ? '#ffffffd0' : colour;
    ctx.fill();
    ctx.lineWidth = test ? 2 : 1.2;
    ctx.strokeStyle = test ? colour : '#1d2731';
    ctx.stroke();
    if (test) {
      ctx.lineWidth = 0.8;
      ctx.strokeStyle = '#1d2731';
      shapePath(ctx, 1, half, radius + 1);
      ctx.stroke();
    }
  } else if (test) {
    // Test points: hollow rings in their class colour.
    ctx.fillStyle = '#ffffffd0';
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = colour;
  } else {
    // Training points: filled in their class colour with a white outline.
    ctx.fillStyle = colour;
    ctx.fill();
    ctx.lineWidth = 1.2;
    ctx.strokeStyle = '#fff';
  }
  ctx.stroke();
  if (wrong) {
    // Misclassified: a dark cross on a white one, so it shows on the dark blue as on the orange.
    const d = radius * 0.75;
    ctx.beginPath();
    ctx.moveTo(half - d, half - d);
    ctx.lineTo(half + d, half + d);
    ctx.moveTo(half + d, half - d);
    ctx.lineTo(half - d, half + d);
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#fff';
    ctx.stroke();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#1d2731';
    ctx.stroke();
  }
  sprites.set(key, canvas);
  return canvas;
}

/**
 * Draws one point as the plot draws it (its class's shape and colour, hollow for a test point; a
 * regression target in its value's colour) centred at (x, y) of `ctx`, whose pixel ratio is `dpr`.
 */
export function stampPoint(ctx, dpr, x, y, radius, label, test, value = null) {
  const image = sprite(radius, dpr, label, test, false, value);
  const side = image.width / dpr;
  ctx.drawImage(image, x - side / 2, y - side / 2, side, side);
}

/** Stamps each point's sprite: thousands of points cost thousands of bitmap copies, not arcs. */
function drawPoints(ctx, size, points, highlight, showTest = true, labels = 'classes') {
  const radius = Math.max(3, Math.min(5, Math.round(size / 100)));
  const dpr = ctx.getTransform().a;
  const half = Math.ceil(radius * 1.3) + 2;
  const look = (label, flags) => {
    const test = flags & 1;
    if (labels === 'targets') {
      // Twenty colour steps per unit: a sprite per step, not per point.
      const step = Math.round(Math.max(-1, Math.min(1, label)) * 20) / 20;
      return sprite(radius, dpr, 1, test, false, valueColour(step));
    }
    const cls = labels === 'sign' ? (label >= 0 ? 1 : 0) : Math.max(0, Math.min(3, Math.round(label)));
    return sprite(radius, dpr, cls, test, (flags & 2) !== 0);
  };
  // At whole device pixels and the sprite's own size, each stamp is a plain copy with no resampling:
  // 5 000 points stamp in under half the time (14 ms against 36 here), which keeps big scenes smooth.
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  // A big table is drawn as an even sample (its rows are shuffled by the split): every point of
  // 100 000 would take a quarter of a second to stamp, and hide one another anyway.
  const stride = 4 * Math.max(1, Math.ceil(points.length / 4 / MAX_DRAWN));
  for (let i = 0; i < points.length; i += stride) {
    const flags = points[i + 3];
    if (!showTest && flags & 1) continue;
    const [x, y] = toPixel(size, points[i], points[i + 1]);
    const image = look(points[i + 2], flags);
    ctx.drawImage(image, Math.round((x - half) * dpr), Math.round((y - half) * dpr));
  }
  ctx.restore();
  if (highlight >= 0 && highlight * 4 < points.length) {
    const [x, y] = toPixel(size, points[highlight * 4], points[highlight * 4 + 1]);
    ctx.beginPath();
    ctx.arc(x, y, radius + 3, 0, Math.PI * 2);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#1d2731';
    ctx.stroke();
  }
}
