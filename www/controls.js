// The control panel: maps each <input>/<select> to a Playground setting or a view setting, in both
// directions. Sliders with a non-linear scale (learning rate, speed, batch size, L2) convert here.

import { newSeed, ranges } from '../pkg/scratchnet.js';
import { showMessage } from './message.js';
import { DATASETS, className, FEATURE_LABELS } from './classes.js';

export { FEATURE_LABELS };

const $ = (id) => document.getElementById(id);

/** The settings' ranges, as the Playground checks them (read once the wasm module is ready). */
let known = null;
export const range = () => (known ??= ranges());
/** The learning rate's range in decades: [log10 of the smallest, log10 of the largest]. */
const decades = () => range().learningRate.map(Math.log10);
/** Learning-rate slider: 0–1000 ↦ the learning rate's range, logarithmic. */
export const rateFromSlider = (v) => {
  const [lo, hi] = decades();
  return 10 ** (lo + ((hi - lo) * v) / 1000);
};
export const sliderFromRate = (lr) => {
  const [lo, hi] = decades();
  return Math.round(((Math.log10(lr) - lo) / (hi - lo)) * 1000);
};
/** Speed slider: 0–100 ↦ 1 … 50 000 steps per second, logarithmic. */
const speedFromSlider = (v) => Math.round(10 ** ((4.7 * v) / 100));
const sliderFromSpeed = (s) => Math.round((Math.log10(s) / 4.7) * 100);
const BATCH_SIZES = [1, 2, 5, 10, 20, 50, 100, 0];
const L2_RATES = [0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03];

/** A readable learning rate: three significant digits, no float noise. */
export function formatRate(lr) {
  if (lr >= 0.01) return String(Number(lr.toPrecision(3)));
  return lr.toExponential(2).replace(/\.?0+e/, 'e');
}


/** The hidden-layer sizes last shown, which a new layer count extends or cuts. */
let shownSizes = [4];

/**
 * The sizes typed into the neurons field: whole numbers separated by commas or spaces ("8, 4").
 * Throws an Error naming the entry that is not one; ranges are the Playground's to check.
 */
export function parseNeurons(text) {
  const entries = text.split(/[\s,]+/).filter((t) => t !== '');
  if (!entries.length) throw new Error('neurons per layer: enter a number, or one per layer such as 8, 4');
  return entries.map((t) => {
    if (!/^\d+$/.test(t)) throw new Error(`neurons per layer: "${t}" is not a whole number`);
    return Number(t);
  });
}

const nearestIndex = (list, v) => list.reduce((best, x, i) => (Math.abs(x - v) < Math.abs(list[best] - v) ? i : best), 0);

/**
 * Binds every control. `onChange(config, view)` receives the changed Playground fields (possibly
 * empty) and view fields.
 */
/** The input features' names (as the Playground's `features` setting has them), in order. */
export const FEATURES = ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny'];

export function bindControls(onChange) {
  // The controls offer what the Playground accepts, and say so.
  $('hidden-layers').max = String(range().maxHiddenLayers);
  $('points').max = String(range().maxPoints);
  for (const el of document.querySelectorAll('.lr-range')) el.textContent = range().learningRate.join(' to ');
  const set = (config, view = {}) => onChange(config, view);
  for (const name of FEATURES) {
    $(`feature-${name}`).addEventListener('change', (e) => {
      const on = FEATURES.filter((f) => $(`feature-${f}`).checked);
      if (!on.length) {
        // The network needs an input: say so, and keep this one on.
        e.target.checked = true;
        showMessage('At least one input must stay on: the network needs something to learn from.', 'error');
        return;
      }
      set({ features: on });
    });
  }
  // A new layer count keeps the sizes already chosen and repeats the last for added layers; a count
  // outside 0–6 is brought inside, and the page says so.
  const withLayerCount = () => {
    const typed = $('hidden-layers').value;
    const wanted = Number(typed);
    const layers = Math.max(0, Math.min(range().maxHiddenLayers, Math.round(wanted) || 0));
    const note = String(layers) === typed.trim() ? null
      : `Hidden layers: "${typed.slice(0, 20)}" is not a whole number from 0 to ${range().maxHiddenLayers}, so ${layers} it is.`;
    return { sizes: Array.from({ length: layers }, (_, i) => shownSizes[Math.min(i, shownSizes.length - 1)]), note };
  };
  const fromNeurons = () => {
    try {
      const sizes = parseNeurons($('neurons').value);
      // One number sizes every hidden layer (at least one); a list gives the layers themselves.
      const layers = Math.max(1, Number($('hidden-layers').value) || 0);
      set({ hiddenLayers: sizes.length === 1 ? Array(layers).fill(sizes[0]) : sizes });
    } catch (e) {
      showMessage(e.message, 'error');
      $('neurons').value = shownSizes.join(', ');
    }
  };
  $('learning-rate').addEventListener('input', (e) => {
    const lr = Number(rateFromSlider(Number(e.target.value)).toPrecision(3));
    $('learning-rate-value').textContent = formatRate(lr);
    set({ learningRate: lr });
  });
  // A rate typed exactly (0.3 stays 0.3; the slider's steps give 0.299): the Playground checks
  // its range and names a value it refuses.
  $('learning-rate-input').addEventListener('change', (e) => {
    const text = e.target.value.trim();
    const lr = /^[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(lr)) {
      showMessage(`Learning rate: "${text.slice(0, 20)}" is not a number; type one from ${range().learningRate.join(' to ')}, such as 0.3.`, 'error');
      set({}); // the box shows the rate in force again
      return;
    }
    set({ learningRate: lr });
  });
  $('dataset').addEventListener('change', (e) => set({ dataset: e.target.value }));
  // A curve applies on Enter or when the field is left; a refused one is named and the last good
  // curve stays (the field keeps what was typed, to be corrected).
  const curve = $('curve-expr');
  const applyCurve = () => {
    if (curve.value.trim() !== curve.dataset.applied) set({ curve: curve.value });
  };
  curve.addEventListener('change', applyCurve);
  curve.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') applyCurve();
  });
  for (const button of document.querySelectorAll('.curve-example')) {
    button.addEventListener('click', () => {
      curve.value = button.textContent;
      set({ dataset: 'curve', curve: button.textContent });
    });
  }
  $('problem').addEventListener('change', (e) => set({ problem: e.target.value }));
  $('classes').addEventListener('change', (e) => set({ classes: Number(e.target.value) }));
  $('target-value').addEventListener('input', (e) => {
    $('target-value-value').textContent = Number(e.target.value).toFixed(2);
  });
  $('points').addEventListener('change', (e) => set({ points: Number(e.target.value) }));
  $('points').addEventListener('input', (e) => { $('points-value').textContent = e.target.value; });
  $('noise').addEventListener('change', (e) => set({ noise: Number(e.target.value) }));
  $('noise').addEventListener('input', (e) => { $('noise-value').textContent = e.target.value; });
  $('test-fraction').addEventListener('change', (e) => set({ testFraction: Number(e.target.value) }));
  $('test-fraction').addEventListener('input', (e) => {
    $('test-fraction-value').textContent = `${Math.round(Number(e.target.value) * 100)}%`;
  });
  $('hidden-layers').addEventListener('change', () => {
    const { sizes, note } = withLayerCount();
    set({ hiddenLayers: sizes });
    // After the change, which clears the message bar: what was typed is not what was set.
    if (note) showMessage(note, 'info');
  });
  $('neurons').addEventListener('change', fromNeurons);
  $('activation').addEventListener('change', (e) => set({ hiddenActivation: e.target.value }));
  $('batch-size').addEventListener('input', (e) => set({ batchSize: BATCH_SIZES[Number(e.target.value)] }));
  $('optimizer').addEventListener('change', (e) => set({ optimizer: e.target.value }));
  $('method').addEventListener('change', (e) => set({ method: e.target.value }));
  $('precision').addEventListener('change', (e) => set({ precision: e.target.value }));
  $('l2').addEventListener('input', (e) => set({ l2: L2_RATES[Number(e.target.value)] }));
  $('l1').addEventListener('input', (e) => set({ l1: L2_RATES[Number(e.target.value)] }));
  $('momentum').addEventListener('input', (e) => set({ momentum: Number(e.target.value) }));
  $('speed').addEventListener('input', (e) => set({}, { speed: speedFromSlider(Number(e.target.value)) }));
  $('seed').addEventListener('change', (e) => set({ seed: Number(e.target.value) }));
  $('new-seed').addEventListener('click', () => set({ seed: newSeed() }));
  $('log-scale').addEventListener('change', (e) => set({}, { log: e.target.checked ? 1 : 0 }));
  $('show-test').addEventListener('change', (e) => set({}, { showTest: e.target.checked ? 1 : 0 }));
  $('discretize').addEventListener('change', (e) => set({}, { discretize: e.target.checked ? 1 : 0 }));
}

/** The problem the Data panel was last built for: `problem/classes`. */
let shownProblem = '';

/**
 * The Data panel for the config's problem: the problem and class count, the data sets it offers,
 * one entry per class in *Click adds* and in the counts, or for regression the target slider.
 */
function showProblem(config) {
  const { problem, classes } = config;
  $('problem').value = problem;
  $('classes').value = String(classes);
  const key = `${problem}/${classes}/${config.dataset}`;
  if (key === shownProblem) return;
  shownProblem = key;
  for (const el of document.querySelectorAll('.multi-only')) el.hidden = problem !== 'multi-class';
  for (const el of document.querySelectorAll('.classes-only')) el.hidden = problem === 'regression';
  for (const el of document.querySelectorAll('.targets-only')) el.hidden = problem !== 'regression';
  const option = (value, text, disabled = false) => Object.assign(document.createElement('option'), { value, textContent: text, disabled });
  const sets = DATASETS[problem] ?? DATASETS.classification;
  $('dataset').replaceChildren(option(sets[0][0], sets[0][1]), option('custom', 'Custom', true),
    ...sets.slice(1).map(([value, text]) => option(value, text)));
  // Two classes list class 1 first (the default a click adds), more classes in order.
  const order = classes === 2 ? [1, 0] : Array.from({ length: classes }, (_, c) => c);
  const chosen = Number($('class-select').value);
  $('class-select').replaceChildren(...order.map((c) => option(String(c), className(c))));
  $('class-select').value = String(chosen < classes ? chosen : order[0]);
  const counts = order.flatMap((c) => {
    const swatch = Object.assign(document.createElement('span'), { className: `swatch c${c}` });
    const count = Object.assign(document.createElement('span'), { id: `count-class-${c}`, textContent: '0' });
    count.title = className(c);
    return [' ', swatch, count];
  });
  $('class-counts').replaceChildren(' (', ...counts.slice(1), ')');
  $('target-value-value').textContent = Number($('target-value').value).toFixed(2);
}

/** Shows the current settings in the controls (after a hash load, a lesson or a refused value). */
export function showSettings(config, view) {
  for (const name of FEATURES) $(`feature-${name}`).checked = config.features.includes(name);
  $('learning-rate').value = sliderFromRate(config.learningRate);
  $('learning-rate-value').textContent = formatRate(config.learningRate);
  // The rate in force, exactly (a refused one is replaced by it).
  $('learning-rate-input').value = String(config.learningRate);
  showProblem(config);
  $('dataset').value = config.dataset;
  $('curve-field').hidden = config.dataset !== 'curve';
  const curve = $('curve-expr');
  // The curve in force; a refused one stays in the field only while it is being corrected.
  if (curve.dataset.applied !== config.curve || document.activeElement !== curve) curve.value = config.curve;
  curve.dataset.applied = config.curve;
  $('points').value = config.points;
  $('points-value').textContent = config.points;
  $('noise').value = config.noise;
  $('noise-value').textContent = config.noise;
  $('test-fraction').value = config.testFraction;
  $('test-fraction-value').textContent = `${Math.round(config.testFraction * 100)}%`;
  $('hidden-layers').value = config.hiddenLayers.length;
  // With no hidden layer the field is empty (the sizes come back with the layers, from memory).
  if (config.hiddenLayers.length) shownSizes = [...config.hiddenLayers];
  $('neurons').value = config.hiddenLayers.length ? shownSizes.join(', ') : '';
  $('neurons').placeholder = config.hiddenLayers.length ? '' : 'none: no hidden layer';
  // Layers with different activations: the menu says "mixed" rather than name one of them.
  const mixed = new Set(config.hiddenActivations).size > 1;
  let option = $('activation').querySelector('option[value="mixed"]');
  if (mixed && !option) {
    option = Object.assign(document.createElement('option'), { value: 'mixed', textContent: 'mixed (per layer below)', disabled: true });
    $('activation').append(option);
  } else if (!mixed && option) {
    option.remove();
  }
  $('activation').value = mixed ? 'mixed' : config.hiddenActivation;
  $('batch-size').value = nearestIndex(BATCH_SIZES, config.batchSize);
  $('batch-size-value').textContent = config.batchSize === 0 ? 'full' : config.batchSize;
  $('optimizer').value = config.optimizer;
  $('method').value = config.method;
  $('precision').value = config.precision;
  $('l2').value = nearestIndex(L2_RATES, config.l2);
  $('l2-value').textContent = config.l2;
  $('l1').value = nearestIndex(L2_RATES, config.l1);
  $('l1-value').textContent = config.l1;
  $('momentum').value = config.momentum;
  $('momentum-value').textContent = config.momentum;
  // μ only means something to the momentum rule.
  for (const el of document.querySelectorAll('.momentum-only')) el.hidden = config.optimizer !== 'momentum';
  $('speed').value = sliderFromSpeed(view.speed);
  $('speed-value').textContent = `${view.speed} steps/s`;
  $('seed').value = config.seed;
  $('log-scale').checked = view.log === 1;
  $('show-test').checked = view.showTest === 1;
  $('discretize').checked = view.discretize === 1;
}
