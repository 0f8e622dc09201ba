// The network diagram: neurons in columns, one line per weight, blue for positive and orange for
// negative, thicker and darker as the weight grows. Reads the Playground's weight view directly.
// With neuron maps, each hidden and output neuron is drawn as a small heatmap of its output over
// the plane (www/main.js computes them), in the plot's colours. With gradients (www/gradients.js),
// the lines show each weight's gradient magnitude and a ring each neuron's error signal instead.

import { fitCanvas } from './plot.js';

const MAX_EDGES = 200;

/** The magnitude of the `keep`-th largest of `count` weights from `offset` (0 when all fit). */
function strongest(params, offset, count, keep) {
  if (count <= keep) return 0;
  const magnitudes = new Float64Array(count);
  for (let k = 0; k < count; k += 1) magnitudes[k] = Math.abs(params[offset + k]);
  magnitudes.sort();
  return magnitudes[count - keep];
}

/**
 * Where the diagram puts each neuron, in CSS pixels of a `width × height` canvas: `x(l)`, `y(l, j)`,
 * and `side(l)`, the side of a neuron's square (its map) in layer `l`.
 * @param {number[]} sizes layer sizes, inputs first
 */
export function layout(sizes, width, height) {
  const layers = sizes.length;
  const gap = (l) => Math.min(30, (height - 24) / Math.max(1, sizes[l]));
  return {
    x: (l) => 52 + (l / (layers - 1)) * (width - 76),
    y: (l, j) => height / 2 + (j - (sizes[l] - 1) / 2) * gap(l),
    side: (l) => Math.max(2, Math.min(26, gap(l) - 2)),
  };
}

/**
 * @param {HTMLCanvasElement} canvas
 * @param {number[]} sizes layer sizes, inputs first
 * @param {Float64Array} params every weight and bias: per layer, weights row-major (n_out × n_in),
 *   then biases — read from wasm memory just before this call
 * @param {number[][]|null} values optional numbers to print beside each neuron, per layer (inputs
 *   first): the activations of one example being stepped through
 * @param {{ res: number, rgba: Uint8ClampedArray, inputs?: Uint8Array, names?: string[] }|null} maps
 *   optional: every hidden and output neuron's map, neuron after neuron in layer order
 *   (Playground.neuronMaps), drawn as the neuron; `inputs` the input features' maps
 *   (Playground.inputMaps) and `names` their labels
 * @param {{ weights: Float64Array, errors: Float64Array }|null} gradients optional: the running means
 *   of |∂L/∂w| (weights' order) and of each hidden and output neuron's |δ| (Playground.gradientWeights,
 *   gradientErrors), drawn in place of the weights
 */
export function drawNetwork(canvas, sizes, params, values = null, maps = null, gradients = null) {
  const { ctx, width, height } = fitCanvas(canvas);
  ctx.clearRect(0, 0, width, height);
  const layers = sizes.length;
  const { x, y, side } = layout(sizes, width, height);
  // With gradients, the lines show |∂L/∂w| on a log scale over GRADIENT_DECADES below the largest,
  // in one colour (a gradient's size, not its sign, is what vanishes); else the weights themselves.
  const scale = gradients ? gradientScale(gradients.weights) : null;
  if (gradients) params = gradients.weights;
  let maxAbs = 1e-9;
  for (let i = 0; i < params.length; i += 1) maxAbs = Math.max(maxAbs, Math.abs(params[i]));

  // Edges go into a few buckets by sign and strength, one path each; of a large layer only its
  // strongest MAX_EDGES weights are drawn: a 6 × 64 network has 21 000, and rasterising them all
  // costs far more than a frame.
  const BUCKETS = 6;
  const paths = [[], []].map(() => Array.from({ length: BUCKETS }, () => new Path2D()));
  let offset = 0;
  for (let l = 0; l + 1 < layers; l += 1) {
    const nIn = sizes[l];
    const nOut = sizes[l + 1];
    const threshold = strongest(params, offset, nIn * nOut, MAX_EDGES);
    for (let j = 0; j < nOut; j += 1) {
      for (let i = 0; i < nIn; i += 1) {
        const w = params[offset + j * nIn + i];
        if (Math.abs(w) < threshold) continue;
        const strength = scale ? scale.strength(w) : Math.abs(w) / maxAbs;
        const bucket = Math.min(BUCKETS - 1, Math.floor(strength * BUCKETS));
        const path = paths[scale || w >= 0 ? 1 : 0][bucket];
        path.moveTo(x(l), y(l, i));
        path.lineTo(x(l + 1), y(l + 1, j));
      }
    }
    offset += nIn * nOut + nOut;
  }
  for (let sign = 0; sign < 2; sign += 1) {
    for (let b = 0; b < BUCKETS; b += 1) {
      const strength = (b + 0.5) / BUCKETS;
      ctx.strokeStyle = scale ? gradientColour(strength)
        : sign ? `rgba(8,48,107,${0.15 + 0.85 * strength})` : `rgba(212,106,0,${0.15 + 0.85 * strength})`;
      ctx.lineWidth = 0.5 + 3 * strength;
      ctx.stroke(paths[sign][b]);
    }
  }
  const atlas = maps ? mapAtlas(atlasCanvas, maps.res, maps.rgba) : null;
  const inputAtlas = maps?.inputs ? mapAtlas(inputCanvas, maps.res, maps.inputs) : null;
  let m = 0;
  for (let l = 0; l < layers; l += 1) {
    for (let j = 0; j < sizes[l]; j += 1) {
      if (inputAtlas && l === 0) {
        const s = side(0);
        ctx.drawImage(inputAtlas, 0, j * maps.res, maps.res, maps.res, x(0) - s / 2, y(0, j) - s / 2, s, s);
        ctx.lineWidth = 1;
        ctx.strokeStyle = '#183d4e';
        ctx.strokeRect(x(0) - s / 2, y(0, j) - s / 2, s, s);
        continue;
      }
      if (atlas && l > 0) {
        // The neuron's map, framed.
        const s = side(l);
        ctx.imageSmoothingEnabled = true;
        ctx.drawImage(atlas, 0, m * maps.res, maps.res, maps.res, x(l) - s / 2, y(l, j) - s / 2, s, s);
        if (s >= 6) {
          ctx.lineWidth = 1;
          ctx.strokeStyle = '#183d4e';
          ctx.strokeRect(x(l) - s / 2, y(l, j) - s / 2, s, s);
        }
        m += 1;
        continue;
      }
      ctx.beginPath();
      ctx.arc(x(l), y(l, j), sizes[l] > 16 ? 3 : 6, 0, Math.PI * 2);
      ctx.fillStyle = '#fff';
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#183d4e';
      ctx.stroke();
    }
  }
  if (gradients) {
    // Each neuron's error signal |δ|, on its own log scale, as the width and colour of a ring.
    const errors = gradientScale(gradients.errors);
    let k = 0;
    for (let l = 1; l < layers; l += 1) {
      for (let j = 0; j < sizes[l]; j += 1, k += 1) {
        const e = errors.strength(gradients.errors[k] ?? 0);
        const s = Math.max(8, side(l)) + 4;
        ctx.lineWidth = 1 + 3 * e;
        ctx.strokeStyle = gradientColour(e);
        ctx.strokeRect(x(l) - s / 2, y(l, j) - s / 2, s, s);
      }
    }
  }
  ctx.fillStyle = '#5f6b76';
  ctx.font = '10px system-ui, sans-serif';
  if (values) {
    ctx.fillStyle = '#183d4e';
    for (let l = 0; l < layers; l += 1) {
      for (let j = 0; j < sizes[l]; j += 1) {
        const v = values[l]?.[j];
        if (v === undefined) continue;
        const label = Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(3);
        const right = l + 1 === layers;
        const w = ctx.measureText(label).width;
        ctx.fillText(label, right ? x(l) - w - 9 : x(l) + 9, y(l, j) - 7);
      }
    }
    ctx.fillStyle = '#5f6b76';
  }
  if (maps?.names && inputAtlas) {
    // Each input's name beside its map.
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    maps.names.forEach((name, j) => ctx.fillText(name, x(0) - side(0) / 2 - 3, y(0, j)));
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
  } else {
    ctx.fillText(sizes[0] === 2 ? 'x, y' : 'inputs', 4, 12);
  }
  ctx.fillText('out', width - 22, 12);
}

/** Decades of gradient size the diagram tells apart: anything smaller draws as faint as the least. */
export const GRADIENT_DECADES = 4;

/**
 * Where magnitudes sit on the diagram's log scale: `strength(v)` from 0 (GRADIENT_DECADES below the
 * largest, or less) to 1 (the largest); `top`, log10 of the largest.
 */
export function gradientScale(values) {
  let max = 0;
  for (let i = 0; i < values.length; i += 1) if (values[i] > max) max = values[i];
  const top = max > 0 ? Math.log10(max) : 0;
  return {
    top,
    strength: (v) => (v > 0 && max > 0 ? Math.max(0, Math.min(1, 1 + (Math.log10(v) - top) / GRADIENT_DECADES)) : 0),
  };
}

/** A gradient's colour at `strength` 0–1: pale lilac to deep purple. */
export function gradientColour(strength) {
  const t = Math.max(0, Math.min(1, strength));
  const [r, g, b] = [226 + (74 - 226) * t, 212 + (20 - 212) * t, 240 + (140 - 240) * t].map(Math.round);
  return `rgba(${r},${g},${b},${0.35 + 0.65 * t})`;
}

const atlasCanvas = document.createElement('canvas');
const inputCanvas = document.createElement('canvas');
/** The maps as one canvas, map after map downwards (the layout `neuronMaps` returns them in). */
function mapAtlas(canvas, res, rgba) {
  const count = rgba.length / (4 * res * res);
  if (canvas.width !== res || canvas.height !== res * count) {
    canvas.width = res;
    canvas.height = res * count;
  }
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(res, res * count);
  image.data.set(rgba);
  ctx.putImageData(image, 0, 0);
  return canvas;
}
