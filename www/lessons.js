// Lessons on the page: the `#lesson` select, the `#lesson-panel` (what the tutorial built, the
// neuron's formula, the update rule, live figures, the lesson's own controls), the data table that
// replaces the heatmap for lessons with more than two inputs, and the animated runs.

import { Lesson } from '../pkg/scratchnet.js';
import { LESSONS } from './lesson-text.js';
import { drawNetwork } from './network-view.js';
import { fitCanvas } from './plot.js';
import { download } from './files.js';
import { showMessage } from './message.js';
import { clip } from './state.js';

const $ = (id) => document.getElementById(id);
const RUN_BUDGET_MS = 10;

const LABELS = {
  accuracy: 'Accuracy', loss: 'Loss', iterations: 'Iterations', bias: 'Bias b', confidence: 'Mean confidence',
  'max-gradient-difference': 'Largest relative difference',
};
const label = (name) => LABELS[name]
  ?? (name.startsWith('prediction-') ? `Prediction (${name.slice(11).split('-').join(', ')})`
    : name.replace(/^w(\d+)$/, 'Weight w$1'));

function format(name, v) {
  if (!Number.isFinite(v)) return '–';
  if (name === 'accuracy' || name === 'confidence') return `${v.toFixed(name === 'confidence' ? 3 : 1)}%`;
  if (name === 'iterations') return String(v);
  if (name === 'max-gradient-difference') return v.toExponential(2);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3) : v.toFixed(4);
}

function panelHtml(id, text) {
  const extras = {
    line: `<label class="inline"><input type="checkbox" id="lesson-numeric"> train by numeric gradients</label>`,
    'first-input': `<label class="inline">Iterations <select id="lesson-iterations">
        <option>100</option><option>1000</option><option selected>10000</option><option>100000</option></select></label>`,
  };
  const files = id === 'first-input'
    ? `<button id="lesson-save" type="button">Save weights</button>
       <button id="lesson-load" type="button">Load weights</button>
       <input id="lesson-file" type="file" accept="application/json,.json" hidden>`
    : '';
  return `
    <h2>Lesson · <span class="seed-name">${text.seed}</span></h2>
    <h3 id="lesson-title">${text.title}</h3>
    <p class="built">${text.built}</p>
    <div class="formula" aria-label="One neuron">a = f(Σᵢ wᵢ xᵢ + b)
      <span class="where">with f = <span id="lesson-activation">${text.activation}</span></span></div>
    <p class="rule"><strong>Update rule:</strong> <span id="lesson-rule">${text.rule}</span></p>
    <div class="row lesson-controls">
      <button id="lesson-run" type="button" class="primary">Run</button>
      ${id === 'xor' ? '<button id="lesson-fix" type="button">Add a hidden layer</button>' : ''}
      ${extras[id] ?? ''} ${files}
    </div>
    <dl id="lesson-figures" class="figures"></dl>
    <div id="lesson-gradients"></div>
    <div id="lesson-truth"></div>
    <canvas id="lesson-network" aria-label="The lesson's network"></canvas>
    <p class="note" id="lesson-note">${text.note}</p>`;
}

/** The plot's legend: classes and mistakes, or (regression) the sign of the real-valued target. */
function showTargetLegend(targets) {
  $('legend-classes').hidden = targets;
  $('legend-targets').hidden = !targets;
}

export class LessonView {
  /**
   * @param {{ chart: import('./loss-chart.js').LossChart }} app
   * @param {{ sceneChanged(): void, refreshPoints(): void }} on what the page redraws: the whole
   *   scene (a new network), or the points (their misclassified flags after training)
   */
  constructor(app, on) {
    this.app = app;
    this.on = on;
    this.lesson = null;
    this.id = null;
    this.pending = 0;
    this.chunk = 100;
  }

  get active() {
    return this.lesson !== null;
  }

  /** Opens lesson `id` (or closes lessons for ''); throws for an unknown id. */
  open(id) {
    if (!id) return this.close();
    const text = Object.hasOwn(LESSONS, id) ? LESSONS[id] : null;
    if (!text) throw new Error(`lesson: "${clip(id)}" is not one of ${Object.keys(LESSONS).join(', ')}`);
    this.lesson?.free();
    this.lesson = new Lesson(id, 1);
    this.id = id;
    this.pending = 0;
    const panel = $('lesson-panel');
    panel.innerHTML = panelHtml(id, text);
    panel.hidden = false;
    panel.dataset.lesson = id;
    panel.dataset.running = 'false';
    document.body.classList.add('lesson-mode');
    $('lesson').value = id;
    const onPlane = this.lesson.onPlane();
    document.querySelector('.plot-wrap').hidden = !onPlane;
    $('lesson-table').hidden = onPlane;
    $('lesson-scatter').hidden = id !== 'regression';
    showTargetLegend(id === 'regression');
    this.app.chart.clear();
    this.app.chart.unit = 'iteration';
    this.bind(id);
    this.update();
  }

  close() {
    this.lesson?.free();
    this.lesson = null;
    this.id = null;
    $('lesson-panel').hidden = true;
    $('lesson-panel').innerHTML = '';
    document.body.classList.remove('lesson-mode');
    document.querySelector('.plot-wrap').hidden = false;
    $('lesson-table').hidden = true;
    $('lesson-scatter').hidden = true;
    showTargetLegend(false);
    $('lesson').value = '';
    this.app.chart.clear();
    this.app.chart.unit = 'epoch';
  }

  bind(id) {
    $('lesson-run').addEventListener('click', () => this.run());
    if (id === 'xor') {
      $('lesson-fix').addEventListener('click', () => {
        this.lesson.fix();
        const fixed = LESSONS.xor.fixed;
        $('lesson-activation').textContent = fixed.activation;
        $('lesson-rule').textContent = fixed.rule;
        $('lesson-note').textContent = fixed.note;
        $('lesson-fix').disabled = true;
        this.app.chart.clear();
        this.update();
        this.on.sceneChanged();
      });
    }
    if (id === 'line') {
      $('lesson-numeric').addEventListener('change', (e) => this.lesson.setMethod(e.target.checked ? 'numeric' : 'backprop'));
    }
    if (id === 'first-input') {
      this.lesson.setIterations(Number($('lesson-iterations').value));
      $('lesson-iterations').addEventListener('change', (e) => this.lesson.setIterations(Number(e.target.value)));
      $('lesson-save').addEventListener('click', () => download('scratchnet-first-input-weights.json', this.lesson.exportModel()));
      $('lesson-load').addEventListener('click', () => $('lesson-file').click());
      $('lesson-file').addEventListener('change', async (e) => {
        const file = e.target.files[0];
        e.target.value = '';
        if (!file) return;
        try {
          this.lesson.importModel(await file.text());
          showMessage(`Loaded weights from ${file.name}; predictions below use them, no training.`);
        } catch (err) {
          showMessage(`${file.name} was not loaded: ${err.message}`, 'error', 10000);
        }
        this.update();
      });
    }
  }

  /** Starts a run; frames carry it out a budget at a time. */
  run() {
    this.lesson.startRun();
    this.pending = this.lesson.runSteps();
    this.done = 0;
    this.startIteration = this.lesson.figures().iterations;
    // Short runs go one iteration at a time so the chart shows the loss at every one of them.
    this.chunk = this.pending <= 500 ? 1 : 100;
    if (this.id !== 'regression') this.app.chart.clear();
    $('lesson-panel').dataset.running = 'true';
  }

  /** Advances a run within the frame's budget and refreshes the panel. */
  advance() {
    if (this.pending <= 0) return;
    const start = performance.now();
    try {
      while (this.pending > 0 && performance.now() - start < RUN_BUDGET_MS) {
        const n = Math.min(this.pending, this.chunk);
        const t0 = performance.now();
        const loss = this.lesson.train(n);
        const took = performance.now() - t0;
        if (this.chunk > 1) this.chunk = Math.max(1, Math.round(took > 0 ? (n * RUN_BUDGET_MS) / (2 * took) : n * 2));
        this.pending -= n;
        this.done += n;
        // train() returns the loss before its last step: that of iteration start + done − 1.
        this.app.chart.record(this.startIteration + this.done - 1, loss, NaN);
      }
    } catch (e) {
      this.pending = 0;
      showMessage(e.message, 'error', 0);
    }
    if (this.pending <= 0) $('lesson-panel').dataset.running = 'false';
    this.update();
  }

  update() {
    const figures = this.lesson.figures(); // evaluates, so the points' flags are fresh below
    this.on.refreshPoints();
    const dl = $('lesson-figures');
    dl.innerHTML = '';
    for (const [name, value] of Object.entries(figures)) {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = label(name);
      const dd = document.createElement('dd');
      dd.dataset.name = name;
      dd.dataset.value = String(value);
      dd.textContent = format(name, value);
      div.append(dt, dd);
      dl.append(div);
    }
    if (this.pending <= 0) this.app.chart.record(figures.iterations, figures.loss, NaN);
    const sizes = Array.from(this.lesson.layerSizes());
    drawNetwork($('lesson-network'), sizes, this.lesson.weights());
    const rows = this.lesson.rows();
    if (this.lesson.onPlane()) {
      $('lesson-truth').innerHTML = rows.length / (sizes[0] + 3) <= 8 ? tableHtml(rows, sizes[0], 'Truth table') : '';
    } else {
      $('lesson-table').innerHTML = tableHtml(rows, sizes[0], 'Data (live)');
    }
    // Bar widths through the CSSOM: the page's Content-Security-Policy refuses inline style attributes.
    for (const bar of document.querySelectorAll('#lesson-panel [data-bar], #lesson-table [data-bar]')) {
      bar.style.width = `${bar.dataset.bar}%`;
    }
    if (this.id === 'line') $('lesson-gradients').innerHTML = gradientsHtml(this.lesson.gradients(), sizes);
    if (this.id === 'regression') drawScatter($('lesson-scatter'), rows, sizes[0]);
  }
}

/** Inputs, target and the live output (with a bar) per row; held-out rows are marked new. */
function tableHtml(rows, inputs, caption) {
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

/** The analytic and numeric gradient of every parameter, side by side. */
function gradientsHtml(both, sizes) {
  const n = both.length / 2;
  let html = '<table class="data-table grads"><caption>Gradient on the current example</caption>'
    + '<thead><tr><th>parameter</th><th>backprop</th><th>numeric</th></tr></thead><tbody>';
  let k = 0;
  for (let l = 0; l + 1 < sizes.length; l += 1) {
    for (let j = 0; j < sizes[l + 1]; j += 1) {
      for (let i = 0; i < sizes[l]; i += 1) html += row(`w${l + 1}[${j},${i}]`, k++);
    }
    for (let j = 0; j < sizes[l + 1]; j += 1) html += row(`b${l + 1}[${j}]`, k++);
  }
  function row(name, i) {
    return `<tr><td>${name}</td><td>${both[i].toExponential(6)}</td><td>${both[n + i].toExponential(6)}</td></tr>`;
  }
  return `${html}</tbody></table>`;
}

/** Outputs against targets, with the line y = x where a perfect fit puts them. */
function drawScatter(canvas, rows, inputs) {
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
  ctx.fillStyle = '#0877bdaa';
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
