// The in-browser half of the benchmark: workloads W1–W3 for every implementation, one round at a
// time, so that the runner can interleave rounds (and native runs) and pair them.

import { lineData, spiralData, gridData, accuracy } from './data.js';
import { ALL } from './impl/index.js';
import { Network } from '../../pkg/scratchnet.js';

/** The workloads; `quick` shrinks them for the smoke test. */
export function workloads(quick) {
  const w1 = { sizes: [2, 5, 1], hidden: 'sigmoid', output: 'sigmoid', batch: 1, lr: 1.0, epochs: 1,
    train: lineData(quick ? 500 : 10000, 1), test: lineData(quick ? 500 : 2000, 2) };
  const w2 = { sizes: [2, 8, 8, 1], hidden: 'tanh', output: 'tanh', batch: 10, lr: 0.03, epochs: quick ? 3 : 50,
    train: spiralData(quick ? 100 : 500, 3) };
  const w3 = { grid: gridData(quick ? 32 : 256) };
  return { w1, w2, w3 };
}

let state = null;

async function setup(quick) {
  if (state?.quick === quick) return state;
  for (const impl of ALL) await impl.init();
  const w = workloads(quick);
  // The same initial weights for everyone: Scratchnet's seeded Xavier initialisation.
  const init = (spec, seed) => {
    const net = new Network(spec.sizes, spec.hidden, spec.output, seed);
    const p = net.params();
    net.free();
    return p;
  };
  w.w1.params = init(w.w1, 11);
  w.w2.params = init(w.w2, 12);
  // Small copies of W1 and W2 that every implementation runs, untimed, before its timed runs, so
  // that no one is measured while its JIT (or TF's kernels) is still cold.
  const warm = workloads(true);
  warm.w1.params = w.w1.params;
  warm.w2.params = w.w2.params;
  // Large enough for V8 to move hot wasm and JS from its baseline tier to its optimising one.
  warm.w3 = { grid: gridData(128) };
  warm.w1.train = lineData(3000, 5);
  state = { quick, w, warm };
  return state;
}

const time = (f) => {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
};

/**
 * The browser's clock ticks in steps of 0.1 ms (5 µs at best), too coarse for one quick run of a
 * fast implementation (a 32 × 32 grid takes 40 µs): a timed workload is repeated until this much
 * time has passed, and the time per repetition reported.
 */
const minSeconds = (quick) => (quick ? 0.003 : 0.025);

/** Calls `f` back to back until `min` seconds have passed (at least once): { elapsed, runs }. */
function repeatFor(f, min) {
  const t0 = performance.now();
  let runs = 0;
  let elapsed;
  do {
    f();
    runs += 1;
    elapsed = (performance.now() - t0) / 1000;
  } while (elapsed < min);
  return { elapsed, runs };
}

/**
 * Trains `spec` with `impl`; returns seconds per training run and the model's outputs on `evalXs`
 * after exactly one run (what the accuracy check compares). Further runs, timed only to reach
 * `min` seconds, continue training the same model: an epoch costs the same whatever the weights.
 */
function train(impl, spec, evalXs, min = 0) {
  const model = impl.make(spec.sizes, spec.hidden, spec.output, spec.params);
  try {
    model.prepare(spec.train.xs, spec.train.ys, spec.batch);
    const run = () => {
      for (let e = 0; e < spec.epochs; e += 1) model.trainEpoch(spec.train.xs, spec.train.ys, spec.batch, spec.lr);
    };
    const first = time(run);
    const outputs = evalXs ? model.predictGrid(evalXs) : null;
    if (first >= min) return { seconds: first, outputs };
    const more = repeatFor(run, min - first);
    return { seconds: (first + more.elapsed) / (1 + more.runs), outputs };
  } finally {
    model.free();
  }
}

/**
 * One round: every implementation (in an order rotated by `round`) on W1, W2 and W3.
 * Returns rows { impl, workload, seconds, perSecond, accuracy? }.
 */
window.benchRound = async ({ quick = false, round = 0, only = null } = {}) => {
  const { w, warm } = await setup(quick);
  const impls = ALL.filter((i) => !only || only.includes(i.name));
  const order = impls.map((_, k) => impls[(k + round) % impls.length]);
  const rows = [];
  for (const impl of order) {
    if (impl.init && impl.name.startsWith('TensorFlow')) await impl.init();
    if (!impl.w3Only) {
    train(impl, warm.w1, null);
    train(impl, warm.w2, null);
    const r1 = train(impl, w.w1, w.w1.test.xs, minSeconds(quick));
    rows.push({ impl: impl.name, workload: 'W1', seconds: r1.seconds, perSecond: (w.w1.train.n * w.w1.epochs) / r1.seconds,
      accuracy: accuracy(r1.outputs, w.w1.test.ys) });
    if (impl.w1Only) continue;
    const r2 = train(impl, w.w2, null, minSeconds(quick));
    rows.push({ impl: impl.name, workload: 'W2', seconds: r2.seconds, perSecond: (w.w2.train.n * w.w2.epochs) / r2.seconds });
    }
    if (impl.trainOnly) continue;
    const model = impl.make(w.w2.sizes, w.w2.hidden, w.w2.output, w.w2.params);
    model.predictGrid(warm.w3.grid.xs); // untimed warm-up
    let out = null;
    const w3 = repeatFor(() => { out = model.predictGrid(w.w3.grid.xs); }, minSeconds(quick));
    const s3 = w3.elapsed / w3.runs;
    model.free();
    rows.push({ impl: impl.name, workload: 'W3', seconds: s3, perSecond: w.w3.grid.n / s3, checksum: out.reduce((sum, v) => sum + Math.abs(v), 0) });
  }
  return rows;
};

/** The workloads' data and initial weights, for the native half of the benchmark. */
window.benchData = async ({ quick = false } = {}) => {
  const { w } = await setup(quick);
  const arr = (a) => Array.from(a);
  return {
    w1: { sizes: w.w1.sizes, hidden: w.w1.hidden, output: w.w1.output, batch: w.w1.batch, lr: w.w1.lr, epochs: w.w1.epochs,
      xs: arr(w.w1.train.xs), ys: arr(w.w1.train.ys), testXs: arr(w.w1.test.xs), testYs: arr(w.w1.test.ys), params: arr(w.w1.params) },
    w2: { sizes: w.w2.sizes, hidden: w.w2.hidden, output: w.w2.output, batch: w.w2.batch, lr: w.w2.lr, epochs: w.w2.epochs,
      xs: arr(w.w2.train.xs), ys: arr(w.w2.train.ys), params: arr(w.w2.params) },
    w3: { xs: arr(w.w3.grid.xs) },
    impls: ALL.map((i) => ({ name: i.name, note: i.note ?? '' })),
  };
};

window.benchReady = true;
