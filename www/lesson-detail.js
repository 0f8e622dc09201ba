// What a lesson shows beside its text: every parameter's name, one example's step taken apart, the
// parameters' history, the data table and its scatter, and the two gradients side by side.

import { fitCanvas } from './plot.js';

/**
 * Every parameter's name, in `weights()` order, one naming with the inputs x1, x2, …: for a single
 * neuron w1 is the weight on x1 and b its bias; with hidden layers a weight names its two ends, such
 * as w(x1 → h1.2) from x1 to the second neuron of hidden layer 1, and a bias its neuron, b(h1.2).
 */
function parameterNames(sizes) {
  const layers = sizes.length - 1;
  const neuron = (l, j) => {
    if (l === 0) return `x${j + 1}`;
    if (l < layers) return `h${l}.${j + 1}`;
    return sizes[l] === 1 ? 'out' : `out${j + 1}`;
  };
  const names = [];
  for (let l = 0; l < layers; l += 1) {
    for (let j = 0; j < sizes[l + 1]; j += 1) {
      for (let i = 0; i < sizes[l]; i += 1) names.push(layers === 1 ? `w${i + 1}` : `w(${neuron(l, i)} → ${neuron(l + 1, j)})`);
    }
    for (let j = 0; j < sizes[l + 1]; j += 1) names.push(layers === 1 ? 'b' : `b(${neuron(l + 1, j)})`);
  }
  return names;
}

/** Every number of one example's step, each with a `data-name` hook and its exact `data-value`. */
export function stepHtml(report, sizes) {
  // Six significant digits, small values in exponent form: never a gradient of 2e-9 shown as 0.
  const show = (v) => (v === 0 ? '0' : Math.abs(v) < 1e-4 ? v.toExponential(3) : String(Number(v.toPrecision(6))));
  const cell = (name, v) => `<td data-name="${name}" data-value="${v}">${show(v)}</td>`;
  let html = `<table class="data-table step"><caption>Example ${report.example + 1}: inputs, target, every
    neuron, the error</caption><tbody>`;
  html += `<tr><th>inputs x</th>${report.inputs.map((v, i) => cell(`step-input-${i}`, v)).join('')}</tr>`;
  html += `<tr><th>target t</th>${cell('step-target', report.target)}</tr>`;
  report.sums.forEach((z, l) => {
    const layer = l + 1 === report.sums.length ? 'output' : `layer ${l + 1}`;
    html += `<tr><th>${layer}: z = Σ w·x + b</th>${z.map((v, j) => cell(`step-z-${l + 1}-${j}`, v)).join('')}</tr>`;
    html += `<tr><th>${layer}: a = f(z)</th>${report.activations[l].map((v, j) => cell(`step-a-${l + 1}-${j}`, v)).join('')}</tr>`;
  });
  html += `<tr><th>error a − t</th>${cell('step-error', report.error)}</tr>`;
  html += `<tr><th>loss ½(a − t)²</th>${cell('step-loss', report.loss)}</tr></tbody></table>`;
  // What η is here: online, the lesson's own; over a full batch, the lesson's divided among the rows,
  // so that one iteration (the sum of every row's change) is the rule's update.
  const eta = report.batch <= 1
    ? `η = ${show(report.learningRate)}, the lesson's rate: online, each example's change is applied at once`
    : `η = ${show(report.learningRate)} for this one example: one iteration adds up the changes of all
      ${report.batch} rows, so each row gets the lesson's rate divided by ${report.batch}`;
  html += `<table class="data-table grads step" tabindex="0"><caption>Each parameter: its gradient, and the change
    −η·∂L/∂w this example makes, with ${eta}. A bias whose change is 0 is held fixed in this lesson.</caption>
    <thead><tr><th>parameter</th><th>backprop ∂L/∂w</th><th>numeric</th><th>change</th></tr></thead><tbody>`;
  parameterNames(sizes).forEach((name, k) => {
    html += `<tr><td>${name}</td>${cell(`step-gradient-${k}`, report.gradient[k])}${cell(`step-numeric-${k}`, report.numeric[k])}${cell(`step-update-${k}`, report.update[k])}</tr>`;
  });
  return `${html}</tbody></table>`;
}

/** The regression's weights and bias against the iterations, with the values they head for. */
export function drawParams(canvas, history) {
  const { ctx, width, height } = fitCanvas(canvas);
  ctx.clearRect(0, 0, width, height);
  if (!history.length) return;
  const pad = { l: 28, r: 60, t: 8, b: 16 };
  const last = Math.max(1, history[history.length - 1][0]);
  const lo = -4;
  const hi = 6;
  const X = (i) => pad.l + (i / last) * (width - pad.l - pad.r);
  const Y = (v) => pad.t + (1 - (Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo)) * (height - pad.t - pad.b);
  ctx.font = '10px system-ui, sans-serif';
  const series = [[1, 'w1 → 2', 2, '#0877bd'], [2, 'w2 → −3', -3, '#b3261e'], [3, 'b → 5', 5, '#183d4e']];
  for (const [index, label, target, colour] of series) {
    ctx.strokeStyle = colour;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(pad.l, Y(target));
    ctx.lineTo(width - pad.r, Y(target));
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.lineWidth = 1.6;
    ctx.beginPath();
    history.forEach((h, n) => (n ? ctx.lineTo(X(h[0]), Y(h[index])) : ctx.moveTo(X(h[0]), Y(h[index]))));
    ctx.stroke();
    ctx.fillStyle = colour;
    ctx.fillText(label, width - pad.r + 4, Y(target) + 3);
  }
  ctx.fillStyle = '#5f6b76';
  ctx.fillText('iteration 0', pad.l, height - 3);
  ctx.fillText(String(last), width - pad.r - 20, height - 3);
}

/** Inputs, target and the live output (with a bar) per row; held-out rows are marked new. */
export function tableHtml(rows, inputs, caption) {
  const width = inputs + 3;
  let html = `<table class="data-table"><caption>${caption}</caption><thead><tr>`;
  for (let i = 0; i < inputs; i += 1) html += `<th>x${i + 1}</th>`;
  html += '<th>target</th><th>output</th></tr></thead><tbody>';
  for (let r = 0; r < rows.length; r += width) {
    const out = rows[r + inputs + 1];
    const isNew = rows[r + inputs + 2] === 1;
    html += `<tr${isNew ? ' class="new"' : ''}>`;
    for (let i = 0; i < inputs; i += 1) html += `<td>${rows[r + i]}</td>`;
    const bar = Math.max(0, Math.min(1, out)) * 100;
    html += `<td>${rows[r + inputs]}${isNew ? ' <em>new</em>' : ''}</td>
      <td class="out"><span class="bar" data-bar="${bar.toFixed(1)}"></span><span class="num">${out.toFixed(5)}</span></td></tr>`;
  }
  return `${html}</tbody></table>`;
}

/** The analytic and numeric gradient of every parameter, side by side, on example `example` (from 0). */
export function gradientsHtml(both, sizes, example) {
  const n = both.length / 2;
  let html = `<table class="data-table grads" tabindex="0"><caption>Gradient on example ${example + 1}, the next one
    training meets (Step one example takes it, and this table moves on to the one after)</caption>
    <thead><tr><th>parameter</th><th>backprop</th><th>numeric</th></tr></thead><tbody>`;
  parameterNames(sizes).forEach((name, i) => {
    html += `<tr><td>${name}</td><td>${both[i].toExponential(6)}</td><td>${both[n + i].toExponential(6)}</td></tr>`;
  });
  return `${html}</tbody></table>`;
}

/** Outputs against targets, with the line y = x where a perfect fit puts them. */
export function drawScatter(canvas, rows, inputs) {
  const { ctx, width, height } = fitCanvas(canvas);
  const width_ = inputs + 3;
  ctx.clearRect(0, 0, width, height);
  const lim = 60;
  const X = (v) => ((v + lim) / (2 * lim)) * width;
  const Y = (v) => height - ((v + lim) / (2 * lim)) * height;
  ctx.strokeStyle = '#1d273166';
  ctx.setLineDash([5, 4]);
  ctx.beginPath();
  ctx.moveTo(X(-lim), Y(-lim));
  ctx.lineTo(X(lim), Y(lim));
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = '#08306baa';
  for (let r = 0; r < rows.length; r += width_) {
    ctx.beginPath();
    ctx.arc(X(rows[r + inputs]), Y(rows[r + inputs + 1]), 2.2, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.fillStyle = '#5f6b76';
  ctx.font = '10px system-ui, sans-serif';
  ctx.fillText('target →', width - 48, height - 4);
  ctx.fillText('↑ output', 4, 12);
}
