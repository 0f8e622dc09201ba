// The frame loop: each frame trains (or takes the worker's state), evaluates in a budget, draws
// the boundary, the chart and (less often) the diagram; and what it notices while playing (a step
// spread over many frames, dead ReLUs, divergence, overfitting) it tells.

import { app, $, scene, refreshPoints } from './app.js';
import { inputNames } from './settings.js';
import { observeChallenge } from './challenge.js';
import { currentHash } from './saving.js';
import { drawNetwork } from './network-view.js';
import { showMessage } from './message.js';
import { overfitText } from './overfit.js';
import { showConfusion } from './inspect.js';

export function setPlaying(playing) {
  app.playing = playing;
  const button = $('play');
  button.setAttribute('aria-pressed', String(playing));
  button.textContent = playing ? '❚❚ Pause' : '▶ Play';
  app.trainer?.syncPlay();
  // The weights stand still: a landscape through them is worth computing.
  if (!playing) app.landscape?.paused();
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
export const trainerHooks = {
  playing: () => app.playing && !app.lessons.active,
  stopped: trainingStopped,
};

const fmtLoss = (v) => (Number.isFinite(v) ? v.toFixed(4) : '–');
const fmtPercent = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');

/** Milliseconds of evaluation per frame; a large set is evaluated over several frames. */
const EVAL_BUDGET_MS = 2;

export function evaluate(force) {
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
  // A snapshot's figures are shown, not recorded: the chart, the challenge and the overfitting watch
  // follow the run itself.
  if (app.rewind?.looking) {
    updateConfusion(force);
    return;
  }
  app.chart.record(epoch, train, test);
  observeChallenge(epoch, { trainLoss: train, testLoss: test, testAccuracy: accuracy, trainAccuracy: app.pg.trainAccuracy() },
    currentHash);
  updateConfusion();
  const overfit = app.overfit.observe(epoch, train, test);
  if (overfit) {
    app.chart.mark(overfit.epoch, 'overfitting starts', { kind: 'overfit' });
    showMessage(overfitText(overfit), 'info', 0, { id: 'dismiss-overfit', label: 'OK', run: () => {} });
  }
}

/** The confusion matrix, for classification, at most twice a second (it passes over every point). */
export function updateConfusion(force = false) {
  const now = performance.now();
  // `app.problem` is the config's, kept by change(): reading config() would cross into wasm each frame.
  if (app.problem === 'regression' || (!force && now - (app.lastConfusion ?? -Infinity) < 500)) return;
  app.lastConfusion = now;
  const asked = $('confusion-set').value;
  const fellBack = asked === 'test' && app.pg.pointCount() === app.pg.trainPointCount();
  const set = fellBack ? 'train' : asked;
  showConfusion(app.pg.confusion(set), set, fellBack);
}

export function frame(now) {
  const dt = app.lastFrame ? Math.min(100, now - app.lastFrame) : 16;
  app.lastFrame = now;
  app.frameMs = dt;
  app.trainer?.tick(now, dt);
  app.finder?.tick();
  if (app.lessons.active) {
    app.lessons.advance(dt);
  } else {
    const looking = app.rewind?.looking;
    if (app.playing && !app.trainer?.stepping && !looking) {
      checkDeadRelus(now);
      tellLongSteps(now);
    }
    app.rewind?.tick(now);
    app.gradients?.tick(looking, now);
    evaluate(false);
    app.hiddenSpace?.tick(now);
    app.landscape?.tick();
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
      axes: lesson ? app.lessons.axes : app.ownAxes ?? undefined,
      referenceLine: lesson ? app.lessons.id === 'line' : app.referenceLine,
      curve: lesson ? null : app.curveLine,
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
      names: inputNames() };
    drawNetwork($('network'), sizes, app.pg.weights(), null, maps, app.gradients?.overlay());
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
