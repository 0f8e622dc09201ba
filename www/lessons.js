// Lessons on the page: the `#lesson` select, the `#lesson-panel` (what the tutorial built, the
// neuron's formula, the update rule, live figures, the lesson's own controls), the data table that
// replaces the heatmap for lessons with more than two inputs, and the animated runs.

import { Lesson } from '../pkg/scratchnet.js';
import { LESSONS, sci } from './lesson-text.js';
import { drawNetwork } from './network-view.js';
import { download } from './files.js';
import { showMessage } from './message.js';
import { clip } from './state.js';
import { stepHtml, drawParams, tableHtml, gradientsHtml, drawScatter } from './lesson-detail.js';
import { drawNormChart, layerKey, layerName } from './gradients.js';

const $ = (id) => document.getElementById(id);
const RUN_BUDGET_MS = 10;
/** How long a run takes at each pace, in ms (`instant`: as fast as the frame budget allows). */
const PACES = { slow: 8000, normal: 3000, instant: 0 };
/** Loss samples a run aims for (at least 100 whatever its length). */
const SAMPLES = 200;
/** Whether the person asked for less motion: runs then go at once rather than animate. */
const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
/** Lessons whose inputs are 0 and 1 (truth tables): their axes have ticks at 0 and 1 only. */
const TRUTH_TABLES = ['perceptron-and', 'xor'];

const LABELS = {
  accuracy: 'Accuracy', loss: 'Loss', iterations: 'Iterations', bias: 'Bias b', confidence: 'Mean confidence',
  'max-gradient-difference': 'Largest relative difference', 'gap-shrink': 'Gap to 100 % shrank (last 10×)',
  'bias-progress': 'Bias: share of the way to 5', 'gradient-ratio': 'Last layer\'s gradient ÷ first layer\'s',
};
/** Lessons whose accuracy is on held-out cases: blank until a run has trained the neuron. */
const UNTRAINED_BLANK = ['first-input', 'new-situation'];
/** What each lesson's accuracy is measured on (its held-out rows, or its only rows). */
const ACCURACY_ON = {
  line: 'Accuracy on 2 000 fresh points', 'perceptron-and': 'Accuracy on the 4 rows', xor: 'Accuracy on the 4 rows',
  'first-input': 'Accuracy on the 2 new cases', 'new-situation': 'Accuracy on the new case (1, 0, 0)',
};
const label = (name, id) => (name === 'accuracy' && ACCURACY_ON[id]) || (LABELS[name]
  ?? (/^gradient-\d$/.test(name) ? `Gradient norm, ${layerName(Number(name.slice(9)) - 1, 7)}`
    : name.startsWith('prediction-') ? `Prediction (${name.slice(11).split('-').join(', ')})`
    : name.replace(/^w(\d+)$/, 'Weight w$1 (on x$1)')));

function format(name, v) {
  if (!Number.isFinite(v)) return '–';
  if (name === 'accuracy' || name === 'confidence') return `${v.toFixed(name === 'confidence' ? 3 : 1)}%`;
  if (name === 'bias-progress') return `${(Math.abs(v) < 0.05 ? 0 : v).toFixed(1)}%`;
  if (name === 'gap-shrink') return `${v.toFixed(2)}×`;
  if (name === 'iterations') return String(v);
  if (name === 'max-gradient-difference') return v.toExponential(2);
  if (/^gradient-\d$/.test(name)) return sci(v, 3);
  if (name === 'gradient-ratio') return `${Number(v.toPrecision(3))}×`;
  // Outputs to five decimals, as the notes quote them: a sigmoid's 0.99996 is not 1.
  if (name.startsWith('prediction-')) return v.toFixed(5);
  const a = Math.abs(v);
  // What is 0 up to rounding (a bias of 1e-16) shows as 0.
  if (a < 1e-9) return '0';
  return a < 1e-3 || a >= 1e5 ? v.toExponential(3) : v.toFixed(4);
}

function panelHtml(id, text) {
  const extras = {
    line: `<label class="inline"><input type="checkbox" id="lesson-numeric"> train by numeric gradients</label>`,
    'vanishing-gradients': `<label class="inline">Hidden activation <select id="lesson-hidden-activation">
        <option value="sigmoid">sigmoid</option><option value="tanh">tanh</option><option value="relu">ReLU</option></select></label>`,
    'first-input': `<label class="inline">Iterations <select id="lesson-iterations">
        <option>100</option><option>1000</option><option selected>10000</option><option>100000</option></select></label>`,
  };
  const files = id === 'first-input'
    ? `<button id="lesson-save" type="button">Save weights</button>
       <button id="lesson-load" type="button">Load weights</button>
       <input id="lesson-file" type="file" accept="application/json,.json" hidden>`
    : '';
  return `
    <h2>Lesson · <span class="source-name">${text.source}</span></h2>
    <h3 id="lesson-title">${text.title}</h3>
    <p class="built">${text.built}</p>
    <div class="formula" aria-label="One neuron">a = f(Σᵢ wᵢ xᵢ + b)
      <span class="where">with f = <span id="lesson-activation">${text.activation}</span></span></div>
    <p class="rule"><strong>Update rule:</strong> <span id="lesson-rule">${text.rule}</span></p>
    <div class="row lesson-controls">
      <button id="lesson-run" type="button" class="primary">Run</button>
      <button id="lesson-pause" type="button" aria-pressed="false" disabled>Pause</button>
      <button id="lesson-stop" type="button" disabled>Stop</button>
      <label class="inline">Pace <select id="lesson-pace">
        <option value="slow">slow</option><option value="normal"${reducedMotion() ? '' : ' selected'}>normal</option>
        <option value="instant"${reducedMotion() ? ' selected' : ''}>instant</option></select></label>
      ${id === 'xor' ? '<button id="lesson-fix" type="button">Add a hidden layer</button>' : ''}
      ${extras[id] ?? ''} ${files}
    </div>
    <progress id="lesson-progress" max="1" value="0" aria-label="Run progress"></progress>
    <dl id="lesson-figures" class="figures"></dl>
    <p class="note" id="lesson-note"></p>
    <div id="lesson-gradients"></div>
    <div id="lesson-truth"></div>
    <canvas id="lesson-network" aria-label="The lesson's network"></canvas>
    <div id="lesson-norms" hidden><h4>Gradient norm per layer of weights</h4>
      <canvas id="lesson-norms-chart" aria-label="Each layer's gradient norm against the iterations, on a log axis"></canvas>
      <p id="lesson-norms-key" class="legend"></p></div>
    <div id="lesson-params" hidden><canvas id="lesson-params-chart"
      aria-label="The weights and the bias against the iterations"></canvas></div>
    <div id="lesson-stepper" hidden>
      <button id="lesson-step-example" type="button">Step one example</button>
      <div id="lesson-step"></div>
    </div>`;
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
    this.text = text;
    this.paused = false;
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
    $('lesson-params').hidden = id !== 'regression';
    $('lesson-norms').hidden = id !== 'vanishing-gradients';
    this.norms = [];
    $('lesson-stepper').hidden = !this.lesson.canStep();
    showTargetLegend(id === 'regression');
    // The plot in the lesson's own coordinates: a tick at input v sits at plane (v − offset) / scale.
    const plane = this.lesson.plane();
    this.axes = plane && {
      scale: plane.scale,
      offset: plane.offset,
      ticks: TRUTH_TABLES.includes(id) ? [0, 1]
        : [plane.offset - plane.scale, plane.offset, plane.offset + plane.scale].map((v) => Number(v.toPrecision(3))),
    };
    // Clicks on the plot: the line lesson adds to its own data; the others' data are fixed tables.
    const plot = document.getElementById('plot');
    plot.classList.toggle('locked', id !== 'line');
    plot.title = id === 'line' ? 'Click to add a point; the lesson labels it by its rule (1 above y = x)'
      : 'This lesson\'s data are fixed: clicks add nothing';
    this.params = [];
    this.app.chart.clear();
    this.app.chart.unit = 'iteration';
    this.app.chart.logX = false;
    this.bind(id);
    this.update();
    this.sample(); // the loss before any training: where the chart starts
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
    const plot = document.getElementById('plot');
    plot.classList.remove('locked');
    plot.removeAttribute('title');
    this.axes = null;
    this.app.chart.clear();
    this.app.chart.unit = 'epoch';
    this.app.chart.logX = false;
  }

  /** A click on the plot at plane (x, y) while this lesson is open. */
  click(x, y) {
    if (this.id !== 'line') return false;
    this.lesson.addPoint(x, y);
    this.update();
    return true;
  }

  bind(id) {
    $('lesson-run').addEventListener('click', () => this.run());
    $('lesson-pause').addEventListener('click', () => this.pause(!this.paused));
    $('lesson-stop').addEventListener('click', () => this.stop());
    $('lesson-step-example').addEventListener('click', () => this.stepExample());
    if (id === 'xor') {
      $('lesson-fix').addEventListener('click', () => {
        this.stop();
        this.lesson.fix();
        this.text = { ...LESSONS.xor, ...LESSONS.xor.fixed };
        $('lesson-panel').querySelector('.built').textContent = this.text.built;
        $('lesson-activation').textContent = this.text.activation;
        $('lesson-rule').textContent = this.text.rule;
        $('lesson-fix').disabled = true;
        this.app.chart.clear();
        this.update();
        this.on.sceneChanged();
      });
    }
    if (id === 'vanishing-gradients') {
      $('lesson-hidden-activation').addEventListener('change', (e) => {
        this.stop();
        this.lesson.setActivation(e.target.value);
        this.activation = e.target.value;
        const names = { sigmoid: 'sigmoid σ(z) = 1 / (1 + e⁻ᶻ)', tanh: 'tanh(z)', relu: 'ReLU max(0, z)' };
        $('lesson-activation').textContent = `${names[e.target.value]} in every hidden layer, sigmoid at the output`;
        this.norms = [];
        this.app.chart.clear();
        this.update();
        this.sample();
        this.on.sceneChanged();
      });
      this.activation = 'sigmoid';
      this.normsKey();
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

  /** Starts a run; frames carry it out at the chosen pace, sampling the loss as it goes. */
  run() {
    this.lesson.startRun();
    const total = this.lesson.runSteps();
    this.total = total;
    this.pending = total;
    this.done = 0;
    this.owed = 0;
    this.pause(false);
    this.startIteration = this.lesson.steps();
    // Log-x when the run spans decades; samples spaced to match, at least 100 from iteration 0.
    const logX = total >= 1000;
    const marks = new Set([total]);
    for (let k = 1; k <= SAMPLES; k += 1) {
      marks.add(logX ? Math.round(total ** (k / SAMPLES)) : Math.max(1, Math.round((k * total) / SAMPLES)));
    }
    this.samples = [...marks].sort((a, b) => a - b);
    this.nextSample = 0;
    if (this.id !== 'regression' || this.startIteration === 0) this.app.chart.clear();
    this.app.chart.logX = logX && this.startIteration === 0;
    this.sample();
    $('lesson-panel').dataset.running = 'true';
    $('lesson-pause').disabled = false;
    $('lesson-stop').disabled = false;
    $('lesson-run').disabled = true;
    // On a phone the plot stays at the top (style.css): bring the run's controls and figures up
    // beneath it, so the whole run is in view.
    if (window.matchMedia('(max-width: 800px)').matches) $('lesson-figures').scrollIntoView({ block: 'end' });
  }

  /** Pauses or resumes the run. */
  pause(paused) {
    this.paused = paused;
    const button = $('lesson-pause');
    button.setAttribute('aria-pressed', String(paused));
    button.textContent = paused ? 'Resume' : 'Pause';
  }

  /** Ends the run where it is. */
  stop() {
    if (this.pending <= 0) return;
    this.pending = 0;
    this.finish();
  }

  finish() {
    $('lesson-panel').dataset.running = 'false';
    $('lesson-pause').disabled = true;
    $('lesson-stop').disabled = true;
    $('lesson-run').disabled = false;
    this.pause(false);
    this.update();
  }

  /** Records the training loss now: the chart's sample at the current iteration. */
  sample() {
    this.lesson.evaluate();
    this.app.chart.record(this.lesson.steps(), this.lesson.trainLoss(), NaN);
    if (this.id === 'vanishing-gradients') {
      // The gradient norms at the loss chart's samples: as many, spaced alike, whatever the pace.
      const f = this.lesson.figures();
      if (f.iterations === 0) this.norms = [];
      this.norms.push({ at: f.iterations, norms: Array.from({ length: 7 }, (_, k) => f[`gradient-${k + 1}`]) });
    }
  }

  /** Advances a run within the frame's budget and at its pace, and refreshes the panel. */
  advance(dt = 16) {
    if (this.pending <= 0 || this.paused) return;
    const duration = PACES[$('lesson-pace').value] ?? PACES.normal;
    // Iterations this frame may take: all that fit (instant), or the pace's share of the run.
    this.owed = duration ? Math.min(this.owed + (this.total * dt) / duration, this.pending) : this.pending;
    const start = performance.now();
    try {
      while (this.owed >= 1 && this.pending > 0 && performance.now() - start < RUN_BUDGET_MS) {
        // Up to the next loss sample, so the chart gets every one of them.
        while (this.samples[this.nextSample] <= this.done) this.nextSample += 1;
        const toSample = (this.samples[this.nextSample] ?? this.total) - this.done;
        const n = Math.max(1, Math.min(Math.floor(this.owed), toSample, this.pending));
        const before = this.lesson.steps();
        this.lesson.train(n, RUN_BUDGET_MS);
        const ran = this.lesson.steps() - before;
        this.pending -= ran;
        this.done += ran;
        this.owed -= ran;
        if (this.done === this.samples[this.nextSample]) this.sample();
        if (ran < n) break; // the time ran out: go on next frame
      }
    } catch (e) {
      this.pending = 0;
      showMessage(e.message, 'error', 0);
    }
    $('lesson-progress').value = this.done / this.total;
    if (this.pending <= 0) this.finish();
    else this.update();
  }

  /** Takes the next example through the network, shows every number, and applies its update. */
  stepExample() {
    this.stop();
    const report = this.lesson.stepExample();
    const sizes = Array.from(this.lesson.layerSizes());
    $('lesson-step').innerHTML = stepHtml(report, sizes);
    this.stepValues = [report.inputs, ...report.activations];
    this.update();
  }

  /** The norm chart's key: each layer of weights in its colour. */
  normsKey() {
    layerKey($('lesson-norms-key'), 7);
  }

  /** Whether the open lesson holds test (held-out) points: flag bit 0 of its points. */
  hasTestPoints() {
    const p = this.lesson?.points();
    if (!p) return false;
    for (let i = 3; i < p.length; i += 4) if (p[i] & 1) return true;
    return false;
  }

  update() {
    const figures = this.lesson.figures(); // evaluates, so the points' flags are fresh below
    this.on.refreshPoints();
    const state = { running: $('lesson-panel').dataset.running === 'true', example: this.id === 'line' ? this.lesson.currentExample() : null,
      activation: this.activation };
    $('lesson-note').textContent = this.text.note(figures, state).replace(/\s+/g, ' ');
    if (this.id === 'vanishing-gradients') {
      const norms = Array.from({ length: 7 }, (_, k) => figures[`gradient-${k + 1}`]);
      // Sampled with the loss (sample()); the newest figures extend the line between samples.
      const shown = this.norms[this.norms.length - 1]?.at === figures.iterations ? this.norms
        : [...this.norms, { at: figures.iterations, norms }];
      drawNormChart($('lesson-norms-chart'), shown, 'iteration', this.app.chart.logX);
    }
    if (this.id === 'regression') {
      this.params.push([figures.iterations, figures.w1, figures.w2, figures.bias]);
      drawParams($('lesson-params-chart'), this.params);
    }
    const dl = $('lesson-figures');
    dl.innerHTML = '';
    for (const [name, value] of Object.entries(figures)) {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = label(name, this.id);
      const dd = document.createElement('dd');
      dd.dataset.name = name;
      dd.dataset.value = String(value);
      // An accuracy on held-out cases means nothing before training: no figure until a run.
      const untrained = name === 'accuracy' && figures.iterations === 0 && UNTRAINED_BLANK.includes(this.id);
      dd.textContent = untrained ? '– (press Run)' : format(name, value);
      div.append(dt, dd);
      dl.append(div);
    }
    const sizes = Array.from(this.lesson.layerSizes());
    drawNetwork($('lesson-network'), sizes, this.lesson.weights(), this.stepValues ?? null);
    this.stepValues = null;
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
    if (this.id === 'line') $('lesson-gradients').innerHTML = gradientsHtml(this.lesson.gradients(), sizes, this.lesson.currentExample());
    if (this.id === 'regression') drawScatter($('lesson-scatter'), rows, sizes[0]);
  }
}
