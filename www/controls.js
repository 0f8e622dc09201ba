// The control panel: maps each <input>/<select> to a Playground setting or a view setting, in both
// directions. Sliders with a non-linear scale (learning rate, speed, batch size, L2) convert here.

const $ = (id) => document.getElementById(id);

/** Learning-rate slider: 0–1000 ↦ 10^−4 … 10^1, logarithmic. */
export const rateFromSlider = (v) => 10 ** (-4 + (5 * v) / 1000);
export const sliderFromRate = (lr) => Math.round(((Math.log10(lr) + 4) / 5) * 1000);
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

const nearestIndex = (list, v) => list.reduce((best, x, i) => (Math.abs(x - v) < Math.abs(list[best] - v) ? i : best), 0);

/**
 * Binds every control. `onChange(config, view)` receives the changed Playground fields (possibly
 * empty) and view fields.
 */
export function bindControls(onChange) {
  const set = (config, view = {}) => onChange(config, view);
  const hidden = () => {
    const layers = Math.max(0, Math.min(6, Math.round(Number($('hidden-layers').value) || 0)));
    const neurons = Math.max(1, Math.min(64, Math.round(Number($('neurons').value) || 1)));
    return Array(layers).fill(neurons);
  };
  $('learning-rate').addEventListener('input', (e) => {
    const lr = Number(rateFromSlider(Number(e.target.value)).toPrecision(3));
    $('learning-rate-value').textContent = formatRate(lr);
    set({ learningRate: lr });
  });
  $('dataset').addEventListener('change', (e) => set({ dataset: e.target.value }));
  $('points').addEventListener('change', (e) => set({ points: Number(e.target.value) }));
  $('points').addEventListener('input', (e) => { $('points-value').textContent = e.target.value; });
  $('noise').addEventListener('change', (e) => set({ noise: Number(e.target.value) }));
  $('noise').addEventListener('input', (e) => { $('noise-value').textContent = e.target.value; });
  $('test-fraction').addEventListener('change', (e) => set({ testFraction: Number(e.target.value) }));
  $('test-fraction').addEventListener('input', (e) => {
    $('test-fraction-value').textContent = `${Math.round(Number(e.target.value) * 100)}%`;
  });
  $('hidden-layers').addEventListener('change', () => set({ hiddenLayers: hidden() }));
  $('neurons').addEventListener('change', () => set({ hiddenLayers: hidden() }));
  $('activation').addEventListener('change', (e) => set({ hiddenActivation: e.target.value }));
  $('batch-size').addEventListener('input', (e) => set({ batchSize: BATCH_SIZES[Number(e.target.value)] }));
  $('optimizer').addEventListener('change', (e) => set({ optimizer: e.target.value }));
  $('l2').addEventListener('input', (e) => set({ l2: L2_RATES[Number(e.target.value)] }));
  $('speed').addEventListener('input', (e) => set({}, { speed: speedFromSlider(Number(e.target.value)) }));
  $('seed').addEventListener('change', (e) => set({ seed: Number(e.target.value) }));
  $('new-seed').addEventListener('click', () => set({ seed: Math.floor(Math.random() * 1e6) }));
  $('log-scale').addEventListener('change', (e) => set({}, { log: e.target.checked ? 1 : 0 }));
}

/** Shows the current settings in the controls (after a hash load, a lesson or a refused value). */
export function showSettings(config, view) {
  $('learning-rate').value = sliderFromRate(config.learningRate);
  $('learning-rate-value').textContent = formatRate(config.learningRate);
  $('dataset').value = config.dataset;
  $('points').value = config.points;
  $('points-value').textContent = config.points;
  $('noise').value = config.noise;
  $('noise-value').textContent = config.noise;
  $('test-fraction').value = config.testFraction;
  $('test-fraction-value').textContent = `${Math.round(config.testFraction * 100)}%`;
  $('hidden-layers').value = config.hiddenLayers.length;
  $('neurons').value = config.hiddenLayers[0] ?? Number($('neurons').value || 4);
  $('activation').value = config.hiddenActivation;
  $('batch-size').value = nearestIndex(BATCH_SIZES, config.batchSize);
  $('batch-size-value').textContent = config.batchSize === 0 ? 'full' : config.batchSize;
  $('optimizer').value = config.optimizer;
  $('l2').value = nearestIndex(L2_RATES, config.l2);
  $('l2-value').textContent = config.l2;
  $('speed').value = sliderFromSpeed(view.speed);
  $('speed-value').textContent = `${view.speed} steps/s`;
  $('seed').value = config.seed;
  $('log-scale').checked = view.log === 1;
}
