// Settings: a change applied to the Playground and shown everywhere it shows (controls, legend,
// counts, the chart's marks, the link), and what the page says about it.

import { app, $, refreshPoints } from './app.js';
import { encodePoints, MAX_LINK_POINTS } from './state.js';
import { showSettings, formatRate, FEATURE_LABELS } from './controls.js';
import { showMessage, clearMessage } from './message.js';
import { className, lossName, PROBLEM_NAMES, setClassNames } from './classes.js';
import { datasetInfo } from '../pkg/scratchnet.js';
import { MAX_KEPT } from './runs.js';
import { saveHash } from './saving.js';
import { challengeReset } from './challenge.js';
import { showRate } from './present.js';
import { showPanel, showSlice, storeTable, storedTable, tableAxes, tableMeta, fromPlane, units } from './own-data.js';

/** Points on the curve the plot draws for the `curve` data set. */
const CURVE_SAMPLES = 161;

/** After the points changed: what the link carries, the data-set menu, the reference line. */
export function pointsChanged() {
  const edited = app.pg.pointsEdited();
  const count = app.pg.pointCount();
  const fits = count <= MAX_LINK_POINTS;
  // A table's points live in this browser's storage and in files, never in the link.
  const own = app.pg.config().dataset === 'own';
  app.linkPoints = edited && fits && !own ? encodePoints(app.pg.points(), app.pg.config().problem === 'regression') : null;
  storeTable();
  if (edited && !fits && !own && !app.warnedLink) {
    app.warnedLink = true;
    showMessage(`A link carries up to ${MAX_LINK_POINTS} edited points; these ${count} need Save points to be kept.`, 'info', 10000);
  }
  app.pointsEdited = edited;
  showDataset();
}

/** The data-set menu and the reference line, from what `pointsChanged` last found. */
export function showDataset() {
  const dataset = app.pg.config().dataset;
  $('dataset').value = app.pointsEdited ? 'custom' : dataset;
  app.referenceLine = (dataset === 'line' || dataset === 'curve') && (!app.pointsEdited || app.pg.pointsFollowLine());
  // The curve data set's line, sampled once per change of it: the plot draws it as y = x is drawn.
  app.curveLine = dataset === 'curve' ? app.pg.curveValues(CURVE_SAMPLES) : null;
}

/**
 * Applies changed settings; a refused value is reported and the controls show what is in force. A
 * live setting (learning rate, speed, …) rebuilds nothing, so the boundary's refinement goes on.
 */
export function change(config, view) {
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
        challengeReset();
      }
      if (rebuilt.data) refreshPoints();
      clearMessage();
      if (config.dataset === 'own') showPanel(true);
    } catch (e) {
      if (config.dataset === 'own') noTableYet(e.message);
      else showMessage(e.message, 'error');
    }
  }
  const after = app.pg.config();
  const epoch = app.pg.epoch();
  showRate(after.learningRate);
  if (after.learningRate !== before.learningRate) {
    // One drag of the slider is one change: marks within 1.5 s of the last merge into it.
    const now = performance.now();
    app.chart.mark(epoch, `η ${formatRate(after.learningRate)}`, { kind: 'rate', merge: now - app.lastRateMark < 1500 });
    app.lastRateMark = now;
  }
  // The slice moved: the boundary and the neuron maps are of another cut through the inputs.
  if (after.slice.join() !== before.slice.join()) app.sceneVersion += 1;
  const newData = ['dataset', 'points', 'noise', 'testFraction'].some((k) => after[k] !== before[k]);
  if (newData && epoch + app.pg.steps() > 0) {
    app.chart.mark(epoch, 'new data');
    if (after.seed === before.seed) showMessage('New data: the weights were kept, so training goes on from them (Reset starts them over).');
  }
  if (epoch === 0 && app.pg.steps() === 0) app.chart.clear();
  app.chart.logScale = app.view.log === 1;
  app.problem = after.problem;
  showSource(after.dataset);
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

/**
 * "Your data" chosen with no table of this problem loaded: the one this browser kept from an
 * earlier visit (it brings its own problem), else the panel that loads one, the data set in force
 * kept meanwhile.
 */
async function noTableYet(why) {
  showPanel(true);
  $('data-status').textContent = /none is loaded/.test(why) ? 'Open, drop or paste a table to use it.' : `${why}.`;
  const kept = await storedTable();
  // Only a table's file (one that says what its columns are) is taken as the learner's table.
  if (kept !== null && kept.includes('"table":{')) {
    try {
      app.pg.importPoints(kept);
      tableLoaded();
      $('data-status').textContent = 'Your table, as this browser kept it.';
      return;
    } catch { /* not loadable: the panel */ }
  }
  $('data-import').focus();
}

/** After a table was put on the plot: a new scene, its points, and everything that shows them. */
export function tableLoaded() {
  app.sceneVersion += 1;
  app.weightEditor?.close();
  app.finder?.invalidate();
  app.overfit.reset();
  app.chart.clear();
  refreshPoints();
  change({}, {});
  pointsChanged();
}

/**
 * A real data set's classes are its species, a table's its label's values, and the page says what
 * the axes are and where the data are from; a generated set's classes are numbered.
 */
function showSource(dataset) {
  const lesson = app.lessons?.active;
  const meta = lesson ? null : tableMeta();
  const info = lesson || meta ? null : datasetInfo(dataset);
  setClassNames(meta ? (meta.classes.length ? meta.classes : null) : info?.classes ?? null);
  const caption = $('dataset-source');
  caption.hidden = info === null && meta === null;
  $('points').disabled = info !== null || meta !== null; // a table brings all its rows
  if (info) caption.textContent = `x: ${info.columns[0]}, y: ${info.columns[1]}, each scaled onto the plane; every row of the table (the Points slider does not apply). ${info.source}.`;
  $('use-all-measurements').hidden = info === null;
  if (meta) {
    const label = meta.classes.length ? `${meta.classes.length} classes` : 'a number: regression';
    caption.textContent = `Your data${meta.source ? ` (${meta.source})` : ''}: x ${meta.inputs[0]}, y ${meta.inputs[1]}`
      + `${meta.inputs.length > 2 ? `, and ${meta.inputs.slice(2).join(', ')} as inputs too` : ''}; label ${meta.target} (${label}). `
      + 'Each column is scaled onto the plane, its smallest value at −0.9 and its largest at 0.9; the axes show its own units.';
  }
  app.ownAxes = tableAxes(meta);
  showSlice(meta, app.pg.config().slice, (slice) => change({ slice }, {}));
  // A table's regression targets: the colour scale in the label's units.
  const ticks = document.querySelectorAll('#legend-values .value-ticks span');
  const scale = meta && !meta.classes.length ? meta.ranges[meta.inputs.length] : null;
  [-1, -0.5, 0, 0.5, 1].forEach((v, i) => {
    if (ticks[i]) ticks[i].textContent = scale ? units(fromPlane(v, scale)) : ['−1', '−0.5', '0', '0.5', '+1'][i];
  });
}

/** The network's inputs as the diagram, the weight editor and Inspect name them. */
export const inputNames = () => [...app.pg.config().features.map((f) => FEATURE_LABELS[f]),
  ...(tableMeta()?.inputs.slice(2) ?? [])];

/** The settings beside the printed plot and chart (`#print-summary`), as they are now. */
export function printSummary() {
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

export function updateCounts() {
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
export function showLegend() {
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
  const key = regression ? 'values' : `${classes}|${tests}|${className(0)}`;
  if (app.legendKey === key) return;
  app.legendKey = key;
  if (regression) return;
  const order = classes === 2 ? [1, 0] : Array.from({ length: classes }, (_, c) => c);
  const items = order.flatMap((c) => [Object.assign(document.createElement('span'), { className: `swatch c${c}` }), ` ${className(c)} `]);
  $('legend-classes').replaceChildren(...items, tests ? '· hollow: test · ✕ misclassified' : '· ✕ misclassified');
}

/** The settings a kept run is compared by: the config, and whether the points were edited. */
export const runSettings = () => ({ ...app.pg.config(), pointsEdited: app.pointsEdited === true });

/** Rewrites the kept runs' legend against the settings now in force. */
export function describeRuns() {
  app.kept.describe(runSettings());
  $('keep-run').disabled = app.kept.runs.length >= MAX_KEPT;
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
