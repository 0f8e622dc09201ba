// Boot and wiring: loads the wasm module, builds the Playground from the link's hash, connects the
// controls, the plot, the chart and the frame loop. Each concern lives in its own module.

import init, { Playground } from '../pkg/scratchnet.js';
import { applyHash, writeHash, encodePoints, MAX_LINK_POINTS } from './state.js';
import { attachKeyboard, at } from './keyboard.js';
import { bindControls, showSettings, formatRate, FEATURE_LABELS } from './controls.js';
import { Plot } from './plot.js';
import { LossChart } from './loss-chart.js';
import { attachPointer } from './pointer.js';
import { drawNetwork } from './network-view.js';
import { Scheduler } from './loop.js';
import { recording, startWorker, LocalTrainer } from './training.js';
import { NeuronOverlay, LayerControls } from './neuron-overlay.js';
import { WeightEditor } from './weights.js';
import { BoundaryView } from './boundary.js';
import { bindFiles } from './files.js';
import { showMessage, clearMessage } from './message.js';
import { LessonView } from './lessons.js';
import { className, lossName, PROBLEM_NAMES } from './classes.js';
import { KeptRuns, MAX_KEPT } from './runs.js';
import { FinderView } from './finder.js';
import { OverfitWatch, overfitText } from './overfit.js';
import { describePoint, showConfusion } from './inspect.js';

const $ = (id) => document.getElementById(id);

const app = {
  pg: null,
  view: null,
  playing: true,
  plot: new Plot($('plot')),
  chart: new LossChart($('loss-chart')),
  scheduler: new Scheduler(),
  points: new Float32Array(0), // the current scene's points, copied out of wasm
  pointsVersion: 0, // bumped whenever those points change, so the plot re-stamps them only then
  msPerPoint: 0.01,
  referenceLine: true,
  hover: -1,
  boundary: new BoundaryView(),
  sceneVersion: 0, // bumped when the scene is switched or rebuilt: the boundary may differ
  lastFrame: 0,
  lastNetworkDraw: -Infinity,
  networkCost: 0,
  lessons: null,
  trainer: null, // where free play trains (www/training.js); null until the worker started or failed
  cursor: { x: 0, y: 0, active: false, grabbed: -1, moved: false }, // the plot's keyboard cursor
  linkPoints: null, // edited points as the link carries them (null: the generated set)
  lastRateMark: -Infinity, // when the chart last marked a learning-rate change
  neuron: null, // { layer, neuron } whose map the plot shows instead of the output (hover, focus)
  neuronPicture: null, // { key, at, picture } the plot's last map of that neuron
  overlay: null, // the diagram's neuron buttons
  overfit: new OverfitWatch(), // tells when the test loss climbs while the training loss falls
};
window.scratchnet = app; // for the console and the end-to-end tests

/** Where this browser keeps the page's state between visits. */
const STORAGE_KEY = 'scratchnet-state';
/** Where *Start over* keeps the scene before it (this tab's session only), to undo it. */
const BEFORE_START_OVER = 'scratchnet-before-start-over';

/**
 * After *Start over*: says what it did and offers the scene from before (its link: the settings,
 * and the points where the link could carry them).
 */
function toldStartOver() {
  let before = null;
  try {
    before = JSON.parse(sessionStorage.getItem(BEFORE_START_OVER) ?? 'null');
    sessionStorage.removeItem(BEFORE_START_OVER);
  } catch {
    return;
  }
  if (typeof before?.hash !== 'string' || !before.hash.includes('=')) return;
  const restore = () => {
    app.startedOver = null;
    location.hash = before.hash; // a link with settings: the page rebuilds from it
  };
  app.startedOver = restore;
  showMessage(`Started over: the default scene, and nothing this browser kept. Undo brings back the scene before `
    + `(${before.points} points${before.lost ? ', drawn again: they were too many for a link' : ''}).`, 'info', 0,
  { id: 'undo-start-over', label: 'Undo start over', run: restore });
}

const currentHash = () => writeHash(app.pg.config(), app.view, app.lessons?.id ?? null, app.linkPoints);

/**
 * Writes the state into the address bar's link and into this browser's storage. Where storage
 * refuses the write (full, or denied), the page says so once: the link still holds everything, but
 * the next visit would open an older state.
 */
function saveHash() {
  const hash = currentHash();
  history.replaceState(null, '', hash);
  try {
    localStorage.setItem(STORAGE_KEY, hash);
    app.storageFailed = false;
  } catch (e) {
    if (!app.storageFailed) {
      app.storageFailed = true;
      showMessage(`This browser's storage refused to keep the page's state (${e.name}), so a later visit will not `
        + 'open it: the link in the address bar still holds everything (copy it, or Save points).', 'error', 0);
    }
  }
}

/** After the points changed: what the link carries, the data-set menu, the reference line. */
function pointsChanged() {
  const edited = app.pg.pointsEdited();
  const count = app.pg.pointCount();
  const fits = count <= MAX_LINK_POINTS;
  app.linkPoints = edited && fits ? encodePoints(app.pg.points(), app.pg.config().problem === 'regression') : null;
  if (edited && !fits && !app.warnedLink) {
    app.warnedLink = true;
    showMessage(`A link carries up to ${MAX_LINK_POINTS} edited points; these ${count} need Save points to be kept.`, 'info', 10000);
  }
  app.pointsEdited = edited;
  showDataset();
}

/** The data-set menu and the reference line, from what `pointsChanged` last found. */
function showDataset() {
  const dataset = app.pg.config().dataset;
  $('dataset').value = app.pointsEdited ? 'custom' : dataset;
  app.referenceLine = dataset === 'line' && (!app.pointsEdited || app.pg.pointsFollowLine());
}

/** The scene the page shows and trains: the open lesson's, or free play's. */
const scene = () => (app.lessons?.active ? app.lessons.lesson : app.pg);

/**
 * Applies changed settings; a refused value is reported and the controls show what is in force. A
 * live setting (learning rate, speed, …) rebuilds nothing, so the boundary's refinement goes on.
 */
function change(config, view) {
  Object.assign(app.view, view);
  // A setting changed since Start over: Undo no longer brings back the scene before it.
  if (Object.keys(config).length) app.startedOver = null;
  const before = app.pg.config();
  if (Object.keys(config).length) {
    try {
      const rebuilt = app.pg.set(config);
      if (rebuilt.network) {
        app.sceneVersion += 1;
        app.weightEditor?.close(); // its fields name weights of the old shape
      }
      // A search of another network or other points says nothing about this one.
      if (rebuilt.network || rebuilt.data) {
        app.finder?.invalidate();
        app.overfit.reset();
      }
      if (rebuilt.data) refreshPoints();
      clearMessage();
    } catch (e) {
      showMessage(e.message, 'error');
    }
  }
  const after = app.pg.config();
  const epoch = app.pg.epoch();
  if (after.learningRate !== before.learningRate) {
    // One drag of the slider is one change: marks within 1.5 s of the last merge into it.
    const now = performance.now();
    app.chart.mark(epoch, `η ${formatRate(after.learningRate)}`, { kind: 'rate', merge: now - app.lastRateMark < 1500 });
    app.lastRateMark = now;
  }
  const newData = ['dataset', 'points', 'noise', 'testFraction'].some((k) => after[k] !== before[k]);
  if (newData && epoch + app.pg.steps() > 0) {
    app.chart.mark(epoch, 'new data');
    if (after.seed === before.seed) showMessage('New data: the weights were kept, so training goes on from them (Reset starts them over).');
  }
  if (epoch === 0 && app.pg.steps() === 0) app.chart.clear();
  app.chart.logScale = app.view.log === 1;
  app.problem = after.problem;
  showSettings(after, app.view);
  showLegend();
  tellProblem(before, after);
  app.layerControls?.update(after.hiddenLayers, after.hiddenActivations);
  // Whether the points are edited needs the generated set drawn again: not on every slider move.
  const problem = after.problem !== before.problem || after.classes !== before.classes;
  if (newData || problem || after.seed !== before.seed || app.pointsEdited === undefined) pointsChanged();
  else showDataset();
  if (app.kept) describeRuns();
  updateCounts();
  saveHash();
}

/** The settings beside the printed plot and chart (`#print-summary`), as they are now. */
function printSummary() {
  const c = app.pg.config();
  const rows = [
    ['Problem', PROBLEM_NAMES[c.problem] + (c.problem === 'multi-class' ? ` (${c.classes} classes)` : '')],
    ['Data set', app.pointsEdited ? `custom (${app.pg.pointCount()} points)` : `${c.dataset}, ${c.points} points, noise ${c.noise}`],
    ['Test share', `${Math.round(c.testFraction * 100)} %`], ['Inputs', c.features.map((f) => FEATURE_LABELS[f]).join(', ')],
    ['Hidden layers', c.hiddenLayers.length ? c.hiddenLayers.join(', ') : 'none'],
    ['Activation', new Set(c.hiddenActivations).size > 1 ? c.hiddenActivations.join(', ') : c.hiddenActivation],
    ['Output, loss', `${c.outputActivation}, ${lossName(c.loss)}`], ['Learning rate', String(c.learningRate)],
    ['Batch size', c.batchSize === 0 ? 'all' : String(c.batchSize)], ['Optimizer', c.optimizer],
    ['L1, L2', `${c.l1}, ${c.l2}`], ['Seed', String(c.seed)],
  ];
  const dl = document.createElement('dl');
  for (const [k, v] of rows) dl.append(Object.assign(document.createElement('dt'), { textContent: k }), Object.assign(document.createElement('dd'), { textContent: v }));
  const link = Object.assign(document.createElement('p'), { className: 'link', textContent: `This run: ${location.href}` });
  $('print-summary').replaceChildren(dl, link);
}

function setPlaying(playing) {
  app.playing = playing;
  const button = $('play');
  button.setAttribute('aria-pressed', String(playing));
  button.textContent = playing ? '❚❚ Pause' : '▶ Play';
  app.trainer?.syncPlay();
}

/** Training diverged: pause and explain; after an explosion, offer the weights from before it. */
function trainingStopped(message, canRestore) {
  setPlaying(false);
  const restore = canRestore
    ? { id: 'restore-weights', label: 'Restore weights', run: () => { app.pg.restoreBest(); evaluate(true); } }
    : null;
  showMessage(message, 'error', 0, restore);
}

/** What the trainers ask of the page. */
const trainerHooks = {
  playing: () => app.playing && !app.lessons.active,
  stopped: trainingStopped,
};

function updateCounts() {
  $('point-count').textContent = app.pg.pointCount();
  const { problem, classes } = app.pg.config();
  if (problem === 'regression') return;
  for (let c = 0; c < classes; c += 1) {
    const el = $(`count-class-${c}`);
    if (el) el.textContent = app.pg.classCount(c);
  }
}

/**
 * The plot's legend in free play: each class's colour and shape, or for regression the scale of
 * values. (A lesson shows its own: lessons.js.)
 */
function showLegend() {
  const lesson = app.lessons?.active;
  if (lesson) $('legend-values').hidden = true;
  // A lesson's classes are two, whatever free play's problem (lessons.js shows or hides the legend).
  const { problem, classes } = lesson ? { problem: 'classification', classes: 2 } : app.pg.config();
  const regression = problem === 'regression';
  if (!lesson) {
    $('legend-values').hidden = !regression;
    $('legend-classes').hidden = regression;
    $('legend-targets').hidden = true;
  }
  // "hollow: test" only where there are test points: most lessons train on all their rows.
  const tests = lesson ? app.lessons.hasTestPoints() : true;
  const key = regression ? 'values' : `${classes}|${tests}`;
  if (app.legendKey === key) return;
  app.legendKey = key;
  if (regression) return;
  const order = classes === 2 ? [1, 0] : Array.from({ length: classes }, (_, c) => c);
  const items = order.flatMap((c) => [Object.assign(document.createElement('span'), { className: `swatch c${c}` }), ` ${className(c)} `]);
  $('legend-classes').replaceChildren(...items, tests ? '· hollow: test · ✕ misclassified' : '· ✕ misclassified');
}

/** What a click or Enter adds: the chosen class, or for regression the target slider's value. */
function clickLabel() {
  if (app.pg.config().problem === 'regression') return Number($('target-value').value);
  return Number($('class-select').value);
}

/**
 * What a Shift-click adds: the classes other than the chosen one in turn (for two classes, the
 * other one), starting again whenever another class is chosen.
 */
function nextClass() {
  const { classes } = app.pg.config();
  const chosen = Number($('class-select').value);
  if (app.shift?.chosen !== chosen || app.shift.classes !== classes) app.shift = { chosen, classes, step: 0 };
  app.shift.step = (app.shift.step % (classes - 1)) + 1;
  return (chosen + app.shift.step) % classes;
}

/**
 * Resolves once the page's network is where training stopped (a worker trains ahead of it), or
 * once `withdrawn()` says the wait no longer matters (a Reset meanwhile means that step count never
 * comes).
 */
async function caughtUp(withdrawn = () => false) {
  const trainer = app.trainer;
  if (trainer?.kind !== 'worker') return;
  const { steps } = await trainer.probe();
  await new Promise((resolve) => {
    const check = () => (withdrawn() || (app.pg.steps() >= steps && !trainer.stepping) ? resolve() : requestAnimationFrame(check));
    check();
  });
}

/** The settings a kept run is compared by: the config, and whether the points were edited. */
const runSettings = () => ({ ...app.pg.config(), pointsEdited: app.pointsEdited === true });

/** Rewrites the kept runs' legend against the settings now in force. */
function describeRuns() {
  app.kept.describe(runSettings());
  $('keep-run').disabled = app.kept.runs.length >= MAX_KEPT;
}

/** *Keep run*: freezes the boundary on screen and the loss history with the settings that made them. */
function keepRun() {
  evaluate(true);
  const kept = app.kept.keep(runSettings(), app.boundary.shown, app.chart.samples, app.pg.epoch());
  if (!kept) {
    showMessage(`Up to ${MAX_KEPT} runs are kept: remove one to keep this one.`, 'info');
    return;
  }
  const n = app.kept.runs.length;
  showMessage(`Run kept (${n} of ${MAX_KEPT}): change a setting and train to compare; its contour is dashed on the plot and its loss dashed on the chart.`, 'info', 6000);
  // The button is disabled at the limit: focus goes to the newest run's Remove.
  if (n >= MAX_KEPT) [...document.querySelectorAll('#kept-runs .remove-run')].at(-1)?.focus();
}

/** After a change of problem: say what came with it, and what stayed. */
function tellProblem(before, after) {
  if (before.problem === after.problem && before.classes === after.classes) return;
  const what = after.problem === 'multi-class' ? `Multi-class with ${after.classes} classes` : `${PROBLEM_NAMES[after.problem][0].toUpperCase()}${PROBLEM_NAMES[after.problem].slice(1)}`;
  const changed = [];
  if (after.dataset !== before.dataset) changed.push(`data set ${after.dataset}`);
  if (after.outputActivation !== before.outputActivation || after.classes !== before.classes) {
    const outputs = app.pg.layerSizes().at(-1);
    changed.push(`output ${after.outputActivation} (${outputs} neuron${outputs === 1 ? '' : 's'})`);
  }
  if (after.loss !== before.loss) changed.push(`loss ${lossName(after.loss)}`);
  showMessage(`${what}: ${changed.length ? `${changed.join(', ')}, new weights and new points` : 'new weights and new points'}; `
    + 'the hidden layers, learning rate, batch size and optimizer are kept. Undo starts afresh: '
    + 'the old points cannot come back into this problem.', 'info', 8000);
}

const fmtLoss = (v) => (Number.isFinite(v) ? v.toFixed(4) : '–');
const fmtPercent = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');

/** Milliseconds of evaluation per frame; a large set is evaluated over several frames. */
const EVAL_BUDGET_MS = 2;

function evaluate(force) {
  let done = true;
  if (force) {
    app.pg.evaluate();
  } else {
    const budget = Math.max(20, Math.floor(EVAL_BUDGET_MS / app.msPerPoint));
    const t0 = performance.now();
    done = app.pg.evaluateSome(budget);
    const points = Math.min(budget, app.pg.pointCount());
    if (points > 0) app.msPerPoint = 0.7 * app.msPerPoint + 0.3 * Math.max(1e-5, (performance.now() - t0) / points);
  }
  if (!done) return;
  refreshPoints();
  const epoch = app.pg.epoch();
  const [train, test] = [app.pg.trainLoss(), app.pg.testLoss()];
  $('epoch').textContent = epoch;
  $('train-loss').textContent = fmtLoss(train);
  $('test-loss').textContent = fmtLoss(test);
  // Without test points there is no test accuracy: "–", never the training accuracy under its name.
  const accuracy = app.pg.testAccuracy();
  $('accuracy').textContent = fmtPercent(accuracy);
  $('accuracy').dataset.value = Number.isFinite(accuracy) ? String(accuracy * 100) : '';
  $('train-accuracy').textContent = fmtPercent(app.pg.trainAccuracy());
  app.chart.record(epoch, train, test);
  updateConfusion();
  const overfit = app.overfit.observe(epoch, train, test);
  if (overfit) {
    app.chart.mark(overfit.epoch, 'overfitting starts', { kind: 'overfit' });
    showMessage(overfitText(overfit), 'info', 0, { id: 'dismiss-overfit', label: 'OK', run: () => {} });
  }
}

/** The confusion matrix, for classification, at most twice a second (it passes over every point). */
function updateConfusion(force = false) {
  const now = performance.now();
  // `app.problem` is the config's, kept by change(): reading config() would cross into wasm each frame.
  if (app.problem === 'regression' || (!force && now - (app.lastConfusion ?? -Infinity) < 500)) return;
  app.lastConfusion = now;
  const asked = $('confusion-set').value;
  const fellBack = asked === 'test' && app.pg.pointCount() === app.pg.trainPointCount();
  const set = fellBack ? 'train' : asked;
  showConfusion(app.pg.confusion(set), set, fellBack);
}

/** Describes the point nearest (x, y) within `radius` in `#inspect-details`; returns the words. */
function inspectAt(x, y, radius) {
  const id = app.pg.pick(x, y, radius);
  const text = id < 0 ? `No point within reach of (${x.toFixed(2)}, ${y.toFixed(2)}): inspect a point by clicking on it.`
    : describePoint(app.pg.inspectPoint(id), id, app.pg.config().features.map((f) => FEATURE_LABELS[f]),
      app.pg.config().problem === 'regression');
  $('inspect-details').textContent = text;
  $('inspect-details').hidden = false;
  app.hover = id;
  return text;
}

function frame(now) {
  const dt = app.lastFrame ? Math.min(100, now - app.lastFrame) : 16;
  app.lastFrame = now;
  app.trainer?.tick(now, dt);
  app.finder?.tick();
  if (app.lessons.active) {
    app.lessons.advance(dt);
  } else {
    if (app.playing && !app.trainer?.stepping) {
      checkDeadRelus(now);
      tellLongSteps(now);
    }
    evaluate(false);
  }
  const current = scene();
  if (current.onPlane()) {
    const rect = $('plot').getBoundingClientRect();
    // Never finer than the grid wasm computes (1 024 a side), whatever the screen's pixel ratio.
    const full = Math.min(1024, Math.round(rect.width * (window.devicePixelRatio || 1)));
    const lesson = app.lessons.active;
    const key = `${app.sceneVersion}|${full}`;
    const computations = app.boundary.computations;
    let boundary = app.boundary.update(current, key, full, app.scheduler);
    app.boundaryBusy = app.boundary.computations !== computations;
    const caption = $('plot-caption');
    const neuron = lesson ? null : app.neuron && neuronPicture(app.neuron, now);
    if (neuron) boundary = neuron;
    if (caption.hidden !== !neuron) caption.hidden = !neuron;
    app.plot.draw(boundary, app.points, {
      axes: lesson ? app.lessons.axes : undefined,
      referenceLine: lesson ? app.lessons.id === 'line' : app.referenceLine,
      highlight: lesson ? -1 : app.hover,
      cursor: app.cursor.active ? app.cursor : null,
      version: app.pointsVersion,
      // The lessons' plots show every point and the shading, whatever free play's toggles say.
      showTest: lesson || app.view.showTest === 1,
      discretize: !lesson && app.view.discretize === 1,
      labels: lesson ? (app.lessons.id === 'regression' ? 'sign' : 'classes')
        : app.problem === 'regression' ? 'targets' : 'classes',
      ghosts: lesson ? [] : app.kept.runs,
    });
  }
  app.chart.ghosts = app.lessons.active ? [] : app.kept.runs;
  app.chart.draw();
  // The diagram changes slowly: redraw it (and its neuron maps) at most every 250 ms, and for a big
  // network (where the maps and the lines cost milliseconds) no more than 5 % of the time.
  // Not in a frame that computed the boundary: the two together could take longer than a frame.
  // A network with layers wider than 16 (hundreds of maps) is redrawn once a second.
  const wide = app.pg.layerSizes().some((n) => n > 16);
  const diagramDue = now - app.lastNetworkDraw > Math.max(wide ? 1000 : 250, 20 * app.networkCost);
  if (!app.lessons.active && diagramDue && !(app.boundaryBusy && now - app.lastNetworkDraw < 1000)) {
    const t0 = performance.now();
    const sizes = Array.from(app.pg.layerSizes());
    const widest = Math.max(...sizes.slice(1));
    // A tall layer gets the height its neurons need apart (16 px each); enlarged, the view's own.
    const enlarged = $('network-box').classList.contains('enlarged');
    $('network').style.height = enlarged ? '' : `${Math.max(220, Math.min(1100, 16 * Math.max(...sizes) + 24))}px`;
    const res = widest <= 8 ? 16 : 8;
    const maps = { res, rgba: app.pg.neuronMaps(res).slice(), inputs: app.pg.inputMaps(res),
      names: app.pg.config().features.map((f) => FEATURE_LABELS[f]) };
    drawNetwork($('network'), sizes, app.pg.weights(), null, maps);
    app.weightEditor.refresh();
    app.overlay.update(sizes);
    app.overlay.describe(sizes, app.pg.weights());
    if (app.neuron && (app.neuron.layer >= sizes.length || app.neuron.neuron >= sizes[app.neuron.layer])) app.neuron = null;
    app.networkCost = performance.now() - t0;
    app.lastNetworkDraw = now;
  }
  $('speed-readout').textContent = `${Math.round(app.trainer?.stepsPerSecond() ?? 0)} steps/s`;
  requestAnimationFrame(frame);
}

/**
 * The plot's picture of one neuron's output: `{ res, rgba, probabilities }` as the boundary's, the
 * levels in place of probabilities (so the contour is where the neuron is at the middle of its
 * range). Recomputed when the weights change, at most every 100 ms.
 */
function neuronPicture({ layer, neuron }, now) {
  const version = `${app.sceneVersion}|${layer}|${neuron}|${app.boundary.changedAt}`;
  const cached = app.neuronPicture;
  if (cached && (cached.version === version || now - cached.at < 100) && cached.pick === `${layer}|${neuron}`) {
    return cached.picture;
  }
  const res = app.pg.weights().length <= 5000 ? 96 : 48;
  let picture;
  try {
    const rgba = app.pg.neuronMap(layer, neuron, res).slice();
    picture = { res, rgba, probabilities: app.pg.neuronLevels().slice() };
  } catch {
    return null; // a network the maps cannot show
  }
  const output = layer === app.pg.layerSizes().length - 1;
  $('plot-caption').textContent = `layer ${layer}${output ? ' (output)' : ''}, neuron ${neuron + 1}`;
  app.neuronPicture = { version, at: now, pick: `${layer}|${neuron}`, picture };
  return picture;
}

/** Opens a lesson ('' for free play), reporting an unknown id. */
function openLesson(id) {
  app.finder?.invalidate();
  try {
    app.lessons.open(id);
  } catch (e) {
    app.lessons.close();
    showMessage(`${e.message}; showing the playground instead`, 'error', 10000);
  }
  sceneChanged();
  saveHash();
}

/** The current scene was switched or rebuilt (a lesson opened, closed or changed its network). */
function sceneChanged() {
  app.sceneVersion += 1;
  refreshPoints();
  showLegend();
}

/** Copies the current scene's points out of wasm (the view dies with the next call); the plot
 * re-stamps them only if something about them changed. */
function refreshPoints() {
  const points = scene().points();
  const same = app.points?.length === points.length && app.points.every((v, i) => v === points[i]);
  if (same) return;
  app.points = points.slice();
  app.pointsVersion += 1;
}

/**
 * Undo (the button, Ctrl/⌘-Z): the last point or weight edit; with none left right after *Start
 * over*, the scene from before it.
 */
function undo() {
  if (app.pg.undo()) pointEdited();
  else if (app.startedOver) app.startedOver();
  else showMessage('Nothing to undo.', 'info', 3000);
}

function pointEdited() {
  app.startedOver = null; // Undo is for this edit now, not for the scene before Start over
  // A search on the points before says nothing about these (Clear, an added point, Undo), nor
  // does the test loss's history.
  app.finder?.invalidate();
  app.overfit.reset();
  refreshPoints();
  updateCounts();
  pointsChanged();
  saveHash();
  describeRuns();
}

/** When playing shows no step for 3 s, says why (one step spread over many frames) and what helps. */
function tellLongSteps(now) {
  const steps = app.pg.steps();
  if (steps !== app.longSteps?.steps) {
    app.longSteps = { steps, since: now, told: false };
    return;
  }
  if (app.longSteps.told || now - app.longSteps.since < 3000) return;
  app.longSteps.told = true;
  const c = app.pg.config();
  const why = c.method === 'numeric' ? 'finite differences take two passes over the batch for every weight'
    : `the batch holds ${c.batchSize === 0 ? 'every training point' : `${c.batchSize} training point${c.batchSize === 1 ? '' : 's'}`}`;
  showMessage(`Training is running, a slice of one long step per frame: ${why}. Pause works at any time; `
    + 'backpropagation, a smaller batch or fewer points make steps far shorter.', 'info', 0);
}

/** Every couple of seconds while a ReLU network trains: are all its hidden neurons dead? */
function checkDeadRelus(now) {
  if (now - (app.lastDeadCheck ?? 0) < 2000 || !app.pg.config().hiddenActivations.includes('relu')) return;
  app.lastDeadCheck = now;
  const [dead, total] = app.pg.deadRelus();
  if (total > 0 && dead === total) {
    setPlaying(false);
    showMessage(`All ${total} hidden ReLU neurons output 0 for every point, so no gradient flows and `
      + 'training cannot recover. Lower the learning rate and press Reset, or choose tanh.', 'error', 0);
  }
}

function bindPage() {
  bindControls(change);
  // The plot shows the neuron hovered or focused, else the one pinned from the weight editor.
  app.overlay = new NeuronOverlay($('network-neurons'), $('network'), (pick) => {
    app.hovered = pick;
    app.neuron = pick ?? app.pinned ?? null;
  });
  app.weightEditor = new WeightEditor($('network'), $('weight-tip'), $('weight-editor'), {
    sizes: () => Array.from(app.pg.layerSizes()),
    weights: () => app.pg.weights(),
    names: () => app.pg.config().features.map((f) => FEATURE_LABELS[f]),
    setWeight(index, value) {
      app.pg.setWeight(index, value);
      app.lastNetworkDraw = -Infinity; // the diagram shows it now
      clearMessage();
    },
    refuse: (text) => showMessage(text, 'error'),
    pin(pick) {
      app.pinned = pick;
      app.neuron = app.hovered ?? pick ?? null;
    },
  });
  $('network-neurons').addEventListener('click', (e) => {
    const b = e.target.closest('.neuron');
    if (b) app.weightEditor.show(Number(b.dataset.layer), Number(b.dataset.neuron) - 1);
  });
  app.kept = new KeptRuns($('kept-runs'), () => describeRuns());
  app.finder = new FinderView({
    playground: () => app.pg,
    async before(withdrawn) {
      setPlaying(false);
      await caughtUp(withdrawn);
    },
    use(rate) {
      change({ learningRate: rate }, {});
      showMessage(`Learning rate set to ${formatRate(rate)}. Press Play to train with it.`, 'info', 6000);
    },
    say: (text, kind) => showMessage(text, kind ?? 'info'),
  });
  $('keep-run').addEventListener('click', keepRun);
  const enlarge = (on) => {
    $('network-box').classList.toggle('enlarged', on);
    $('network-enlarge').setAttribute('aria-pressed', String(on));
    $('network-enlarge').textContent = on ? 'Back to the panel' : 'Enlarge diagram';
    app.lastNetworkDraw = -Infinity; // drawn at its new size in the next frame
  };
  $('network-enlarge').addEventListener('click', () => enlarge(!$('network-box').classList.contains('enlarged')));
  document.addEventListener('keydown', (e) => {
    // Esc closes the weight editor first (it takes the key), and means nothing here in a dialog.
    if (e.defaultPrevented || e.target.closest?.('dialog')) return;
    if (e.key === 'Escape' && $('network-box').classList.contains('enlarged') && $('weight-editor').hidden) {
      enlarge(false);
      $('network-enlarge').focus();
    }
  });
  app.layerControls = new LayerControls($('layer-controls'), (shape) => change(shape, {}),
    (text) => showMessage(text, 'info'));
  $('play').addEventListener('click', () => {
    if (!app.playing) clearMessage();
    setPlaying(!app.playing);
    // Training again: a search from the weights it started with would be out of date.
    if (app.playing) app.finder.invalidate();
  });
  $('step').addEventListener('click', () => {
    app.finder.invalidate();
    setPlaying(false);
    app.trainer?.step();
    evaluate(true);
  });
  $('reset').addEventListener('click', () => {
    app.finder.invalidate();
    app.pg.reset();
    app.chart.clear();
    clearMessage();
    evaluate(true);
  });
  $('regenerate').addEventListener('click', () => {
    app.pg.generate();
    app.chart.mark(app.pg.epoch(), 'data');
    pointEdited();
  });
  $('clear').addEventListener('click', () => {
    app.pg.clear();
    pointEdited();
  });
  $('undo').addEventListener('click', undo);
  // While a lesson is open the plot is the lesson's: free play's points never change under it.
  const inLesson = () => app.lessons.active;
  attachPointer($('plot'), {
    add(x, y, otherClass) {
      if (inLesson()) {
        if (app.lessons.click(x, y)) refreshPoints();
        return;
      }
      const regression = app.pg.config().problem === 'regression';
      try {
        app.pg.addPoint(x, y, otherClass && !regression ? nextClass() : clickLabel());
      } catch (e) {
        showMessage(e.message, 'error');
      }
      pointEdited();
    },
    remove(x, y) {
      if (!inLesson() && app.pg.removeNearest(x, y, 10)) pointEdited();
    },
    pick: (x, y, radius) => (inLesson() ? -1 : app.pg.pick(x, y, radius)),
    move(id, x, y, first) {
      if (inLesson()) return;
      app.pg.movePoint(id, x, y, first);
      app.hover = id;
      pointEdited();
    },
    hover(id) {
      app.hover = inLesson() ? -1 : id;
    },
    inspecting: (alt) => !inLesson() && (alt || $('inspect').checked),
    inspect: (x, y, radius) => inspectAt(x, y, radius),
  });
  attachKeyboard($('plot'), $('plot-status'), app, {
    add(x, y) {
      if (inLesson()) {
        if (!app.lessons.click(x, y)) return 'this lesson\'s data are fixed: nothing added';
        refreshPoints();
        return `added a point at ${at({ x, y })}, labelled by the lesson's rule`;
      }
      const label = clickLabel();
      try {
        app.pg.addPoint(x, y, label);
      } catch (e) {
        return e.message;
      }
      pointEdited();
      const what = app.pg.config().problem === 'regression' ? `a point of target ${label}` : className(label);
      return `added ${what} at ${at({ x, y })}; ${app.pg.pointCount()} points`;
    },
    remove(x, y, radius) {
      if (inLesson() || !app.pg.removeNearest(x, y, radius)) return `no point within ${radius} of ${at({ x, y })}`;
      pointEdited();
      return `removed the point nearest ${at({ x, y })}; ${app.pg.pointCount()} points`;
    },
    pick: (x, y, radius) => (inLesson() ? -1 : app.pg.pick(x, y, radius)),
    move(id, x, y, first) {
      app.pg.movePoint(id, x, y, first);
      pointEdited();
    },
    inspect: (x, y, radius) => (inLesson() ? 'a lesson\'s points are not inspected here' : inspectAt(x, y, radius)),
  });
  $('confusion-set').addEventListener('change', () => updateConfusion(true));
  $('inspect').addEventListener('change', (e) => { if (!e.target.checked) $('inspect-details').hidden = true; });
  const help = $('help');
  $('help-button').addEventListener('click', () => help.showModal());
  $('start-over').addEventListener('click', () => {
    // The scene before is kept for this tab's session, so that the page after can offer it back.
    const before = { hash: currentHash(), points: app.pg.pointCount(), lost: app.pointsEdited === true && app.linkPoints === null };
    try { sessionStorage.setItem(BEFORE_START_OVER, JSON.stringify(before)); } catch { /* no undo then */ }
    try { localStorage.removeItem(STORAGE_KEY); } catch { /* nothing kept */ }
    history.replaceState(null, '', location.pathname);
    location.reload();
  });
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented) return; // a widget used the key (the diagram's arrows between neurons)
    const el = document.activeElement;
    const typing = ['INPUT', 'SELECT', 'TEXTAREA'].includes(el?.tagName);
    // Controls that Space presses or toggles keep it; elsewhere it plays or pauses.
    const usesSpace = typing || ['BUTTON', 'SUMMARY', 'A'].includes(el?.tagName) || el?.id === 'plot' || help.open;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !typing) {
      e.preventDefault();
      if (!inLesson()) undo();
    } else if (!typing && e.key === '?') {
      e.preventDefault();
      if (!help.open) help.showModal();
    } else if (!usesSpace && e.key === ' ') {
      e.preventDefault();
      $('play').click();
    } else if (!typing && e.key === 'ArrowRight') {
      $('step').click();
    } else if (!typing && !inLesson() && !e.ctrlKey && !e.metaKey && !e.altKey && e.key.toLowerCase() === 'r') {
      $('reset').click(); // the shortcut the Reset button's tooltip names
    }
  });
  bindFiles(app, { onPoints: pointEdited, onModel: () => { app.finder.invalidate(); change({}, {}); } });
  $('lesson').addEventListener('change', (e) => openLesson(e.target.value));
  window.addEventListener('hashchange', () => {
    if (location.hash === currentHash()) return;
    // An in-page anchor (the skip link's #plot) carries no setting: it never rebuilds the scene.
    // The address bar gets the state's link back.
    if (!location.hash.includes('=')) {
      history.replaceState(null, '', currentHash());
      return;
    }
    location.reload();
  });
  // The skip link moves focus to the plot without touching the address bar's link.
  document.querySelector('.skip-link')?.addEventListener('click', (e) => {
    e.preventDefault();
    $('plot').focus();
  });
  window.addEventListener('beforeprint', printSummary);
  // Another tab of the page saved its state: this tab keeps its own (in its link), and says which
  // state a new tab will open.
  window.addEventListener('storage', (e) => {
    if (e.key !== STORAGE_KEY || e.newValue === null || e.newValue === currentHash() || app.toldOtherTab) return;
    // Once a tab, and never over a message that offers something (Restore weights, a link's problems).
    if ($('message').classList.contains('shown') && $('message').querySelector('button')) return;
    app.toldOtherTab = true;
    showMessage('Another tab of Scratchnet saved its state: a new tab, or this page reloaded without its link, '
      + 'opens the state saved last. This tab keeps its own in its link and saves it again with your next change.', 'info', 10000);
  });
}

/**
 * Edits made before the trainer is settled, as [method, args, result]: the worker replays them on
 * its twin, so that the twin starts where the page's Playground is (undo history included).
 */
const early = [];
let forwardEdit = (method, args, result) => early.push([method, args, result]);
const newPlayground = () => recording(new Playground({}), (method, args, result) => forwardEdit(method, args, result));

/** Trains in a worker where one starts, else on the main thread; edits made meanwhile follow. */
async function startTraining(module) {
  const sent = early.length;
  const worker = await startWorker(module, early.slice(0, sent).map(([m, a]) => [m, a]), app, trainerHooks);
  app.trainer = worker ?? new LocalTrainer(app, trainerHooks);
  for (const [m, a, r] of early.slice(sent)) app.trainer.edited(m, a, r);
  early.length = 0;
  forwardEdit = (method, args, result) => app.trainer.edited(method, args, result);
  document.body.dataset.trainer = app.trainer.kind;
}

async function main() {
  const t0 = performance.now();
  const module = await window.scratchnetWasm;
  await init({ module_or_path: module ?? window.scratchnetWasmUrl });
  // The link wins; without one, what this browser kept from the last visit.
  let stored = null;
  try {
    stored = location.hash.length > 1 ? null : localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage denied: start from the defaults.
  }
  app.pg = newPlayground();
  let { view, lesson, problems } = applyHash(location.hash.length > 1 ? location.hash : (stored ?? ''), app.pg);
  if (stored !== null && problems.length) {
    // A corrupt or outdated stored state is dropped whole, with a word, never half-applied.
    app.pg.free();
    early.length = 0;
    app.pg = newPlayground();
    ({ view, lesson } = applyHash('', app.pg));
    problems = [];
    try { localStorage.removeItem(STORAGE_KEY); } catch { /* nothing kept */ }
    showMessage('The state this browser kept from an earlier visit could not be read, so the page starts afresh.', 'error', 10000);
  }
  // The scene the link or the store set up is where the page starts: nothing before it to undo.
  app.pg.forgetHistory();
  app.view = view;
  app.lessons = new LessonView(app, { sceneChanged, refreshPoints });
  if (problems.length) {
    // However many there are, one readable message: the first few, then a count.
    const shown = problems.slice(0, 3).join('; ');
    const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
    // Kept until dismissed or replaced: a link's problems deserve a full read.
    showMessage(`This link had values that were not valid: ${shown}${more}`, 'error', 0,
      { id: 'dismiss-message', label: 'OK', run: () => {} });
  }
  bindPage();
  change({}, {});
  toldStartOver();
  app.chart.clear();
  if (lesson !== null) openLesson(lesson);
  evaluate(true);
  document.body.dataset.ready = 'true';
  app.readyMs = performance.now() - t0;
  app.readyAt = performance.now(); // since navigation start
  requestAnimationFrame(frame);
  // Training starts once its place is settled (a worker starts in tens of milliseconds).
  const noWorker = new URLSearchParams(location.search).has('mainthread');
  await startTraining(noWorker ? null : module);
}

main().catch((e) => {
  showMessage(`Scratchnet could not start: ${e.message}`, 'error', 0);
  throw e;
});
