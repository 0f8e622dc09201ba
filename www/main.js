// Boot and wiring: loads the wasm module, builds the Playground from the link's hash (or what this
// browser kept), binds the controls, the diagram, the buttons and the keys, and starts the frame
// loop and training. The page's state is declared in app.js; each concern lives in its own module.

import init, { Playground } from '../pkg/scratchnet.js';
import { app, $, refreshPoints } from './app.js';
import { applyHash, writeHash } from './state.js';
import { bindControls, formatRate } from './controls.js';
import { recording, startWorker, LocalTrainer } from './training.js';
import { NeuronOverlay, LayerControls } from './neuron-overlay.js';
import { WeightEditor } from './weights.js';
import { bindFiles } from './files.js';
import { showMessage, clearMessage } from './message.js';
import { LessonView } from './lessons.js';
import { KeptRuns, MAX_KEPT } from './runs.js';
import { FinderView } from './finder.js';
import { change, describeRuns, printSummary, runSettings, showLegend, inputNames, tableLoaded } from './settings.js';
import { bindOwnData, storedTable } from './own-data.js';
import { applyHidden, bindShare } from './embed.js';
import { setChallenge, listChallenges, challengeReset, leaveChallenge } from './challenge.js';
import { bindPresent } from './present.js';
import { bindSnapshot } from './snapshot.js';
import { Rewind } from './rewind.js';
import { GradientView } from './gradients.js';
import { HiddenSpaceView } from './hidden-space.js';
import { LandscapeView } from './landscape.js';
import { setPlaying, evaluate, updateConfusion, frame, trainerHooks } from './frame.js';
import { bindEditing, undo, pointEdited } from './editing.js';
import { currentHash, saveHash, storedHash, forgetStored, startOver, toldStartOver, watchOtherTabs } from './saving.js';

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

/** *Keep run*: freezes the boundary on screen and the loss history with the settings that made them. */
function keepRun() {
  // A run is kept as it stands now, not as a snapshot shown.
  if (app.rewind.looking) app.rewind.live();
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
    names: inputNames,
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
      // The search starts from the weights being trained, not from a snapshot shown.
      app.rewind.live();
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
  bindEditing();
  const inLesson = () => app.lessons.active;
  $('confusion-set').addEventListener('change', () => updateConfusion(true));
  $('inspect').addEventListener('change', (e) => { if (!e.target.checked) $('inspect-details').hidden = true; });
  const help = $('help');
  $('help-button').addEventListener('click', () => help.showModal());
  $('start-over').addEventListener('click', startOver);
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
  // A point file may be a table's: it brings its own problem and columns.
  bindFiles(app, { onPoints: () => (app.pg.tableInfo() ? tableLoaded() : pointEdited()),
    onModel: () => { app.finder.invalidate(); challengeReset({ modelLoaded: true }); change({}, {}); } });
  $('challenge-leave').addEventListener('click', () => {
    leaveChallenge();
    saveHash();
  });
  bindOwnData(tableLoaded);
  bindPresent((config) => change(config, {}));
  bindSnapshot();
  // What the page shows changed under it (a snapshot, or the live weights again): redraw it now.
  // (A big set is evaluated over the next frames, as training's is: one pass could take a frame's time.)
  app.rewind = new Rewind({ redraw: () => { app.lastNetworkDraw = -Infinity; evaluate(app.pg.pointCount() <= 2000); } });
  app.gradients = new GradientView();
  app.hiddenSpace = new HiddenSpaceView();
  app.landscape = new LandscapeView();
  bindShare((hidden, challenge) => writeHash(app.pg.config(), app.view, app.lessons?.id ?? null, app.linkPoints, hidden,
    challenge ?? app.challenge?.text ?? ''));
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
  watchOtherTabs();
}

/**
 * Edits made before the trainer is settled, as [method, args, result]: the worker replays them on
 * its twin, so that the twin starts where the page's Playground is (undo history included).
 */
const early = [];
let forwardEdit = (method, args, result) => early.push([method, args, result]);
const newPlayground = () => recording(new Playground({}), (method, args, result) => forwardEdit(method, args, result),
  () => app.rewind?.beforeEdit());

/** Trains in a worker where one starts, else on the main thread; edits made meanwhile follow. */
async function startTraining(module) {
  const sent = early.length;
  const worker = await startWorker(module, early.slice(0, sent).map(([m, a]) => [m, a]), app, trainerHooks);
  app.trainer = worker ?? new LocalTrainer(app, trainerHooks);
  if (!worker && module) {
    showMessage('This browser could not start the training worker (a module worker), so the network trains on the '
      + 'page\'s own thread: a big network or a fast speed may make the page slower.', 'info', 10000);
  }
  for (const [m, a, r] of early.slice(sent)) app.trainer.edited(m, a, r);
  early.length = 0;
  forwardEdit = (method, args, result) => app.trainer.edited(method, args, result);
  document.body.dataset.trainer = app.trainer.kind;
}

/**
 * What this browser lacks that the page needs, said in words, or null. WebAssembly with SIMD (the
 * engine is built with it: Chrome 91, Firefox 89 and Safari 16.4 on), checked by validating a
 * two-instruction SIMD function rather than failing somewhere inside the module.
 */
function missingSupport() {
  if (typeof WebAssembly !== 'object') return 'this browser cannot run WebAssembly, which Scratchnet is written in';
  const simd = Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11);
  if (!WebAssembly.validate(simd)) {
    return 'this browser cannot run WebAssembly SIMD, which Scratchnet\'s engine uses (Chrome and Edge 91, Firefox 89 '
      + 'and Safari 16.4 or later can): update the browser or open the page in another';
  }
  return null;
}

async function main() {
  const t0 = performance.now();
  const missing = missingSupport();
  if (missing) throw new Error(missing);
  // Clicks and taps on the plot are pointer events: without them the page still trains and shows.
  if (typeof PointerEvent !== 'function') {
    showMessage('This browser has no pointer events: the plot will not take clicks or taps (the controls all work).', 'error', 0);
  }
  const module = await window.scratchnetWasm;
  await init({ module_or_path: module ?? window.scratchnetWasmUrl });
  // The link wins; without one, what this browser kept from the last visit.
  const stored = location.hash.length > 1 ? null : storedHash();
  app.pg = newPlayground();
  const hash = location.hash.length > 1 ? location.hash : (stored ?? '');
  // The table is asked of storage only for a link to it.
  const table = /(^|[#&])dataset=own(&|$)/.test(hash) ? await storedTable() : null;
  let { view, lesson, hide, challenge, problems } = applyHash(hash, app.pg, table);
  if (stored !== null && problems.length) {
    // A corrupt or outdated stored state is dropped whole, with a word, never half-applied.
    app.pg.free();
    early.length = 0;
    app.pg = newPlayground();
    ({ view, lesson, hide, challenge } = applyHash('', app.pg));
    problems = [];
    forgetStored();
    showMessage('The state this browser kept from an earlier visit could not be read, so the page starts afresh.', 'error', 10000);
  }
  // The scene the link or the store set up is where the page starts: nothing before it to undo.
  app.pg.forgetHistory();
  app.view = view;
  applyHidden(hide);
  setChallenge(challenge);
  listChallenges();
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
