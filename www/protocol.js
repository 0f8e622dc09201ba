// The protocol between the page and its training worker (www/worker.js), in one place: every
// message either side sends is built by a function here, and every Playground method is sorted
// into the calls the page forwards to the worker's twin and the ones it keeps to itself. A method
// the wasm binding gains must be sorted here; tests/e2e/protocol.test.js fails until it is.
//
// page → worker
//   init { module, calls }      start: the compiled wasm module and the edits made before the
//                               worker was ready, as [method, args] pairs
//   edit { seq, method, args }  a Playground call in EDITS, applied to the twin in order; seq
//                               counts the edits, so a published state names the last it includes
//   play { playing, speed }     Play or Pause, and the speed in steps per second
//   step {}                     one epoch (the Step button)
//   run { id, steps }           exactly `steps` updates (scripts and tests)
//   probe { id }                ask for the twin's settings and points (tests)
// worker → page
//   ready {}                    the twin is built and has applied init's calls
//   failed { message }          the worker cannot train: the page trains on its own thread
//   state { seq, weights, snapshots, epoch, steps, canRestore, error, stepsDone, runDone }
//                               the twin's weights (a transferred Float64Array) after edit `seq`;
//                               `snapshots` the timeline's snapshots kept since the last state
//                               (takeSnapshots' layout, transferred);
//                               `error` the divergence message or null, `stepsDone` the Steps
//                               finished so far, `runDone` { id, done } of a finished run or null
//   edit-error { seq, message } the twin refused an edit the page's Playground accepted (a bug)
//   probe { id, config, points, epoch, steps, seq }

/** The Playground calls that change it: each is applied to the twin too, in the same order. */
export const EDITS = new Set(['set', 'applyLink', 'generate', 'reset', 'restoreBest', 'addPoint', 'addPoints', 'removeNearest',
  'movePoint', 'clear', 'undo', 'importModel', 'importPoints', 'setWeight', 'forgetHistory']);

/** Edits after which the page's weights are not the ones the twin trained before them. */
export const REBUILDS = new Set(['reset', 'restoreBest', 'importModel', 'importPoints', 'setWeight', 'undo']);

/**
 * Edits that may start a new timeline of snapshots (a new network or Reset; `set` and `applyLink`
 * when they rebuild the network): snapshots the twin took before one belong to another run.
 */
export const TIMELINE_RESTARTS = new Set(['reset', 'importModel', 'importPoints']);

/**
 * The Playground calls the page keeps to itself: reads, drawing, evaluation, the training the twin
 * does on its own (train, trainEpoch), the twin's weights taken over (adopt), and the object's life.
 */
export const LOCAL = new Set(['__destroy_into_raw', 'free', 'adopt', 'train', 'trainEpoch', 'evaluate', 'evaluateSome',
  'boundaryProbabilities', 'canRestore', 'classCount', 'computeBoundary', 'config', 'confusion', 'deadRelus',
  'diverged', 'epoch', 'exportModel', 'exportPoints', 'inputMaps', 'inspectPoint', 'layerSizes', 'lrFinder',
  'curveValues', 'multiClass', 'tableInfo', 'predictAll', 'neuronLevels', 'neuronMap', 'neuronMaps', 'onPlane', 'pick', 'plane', 'pointCount', 'points',
  'pointsEdited', 'pointsFollowLine', 'predict', 'steps', 'testAccuracy', 'testLoss', 'trainAccuracy', 'trainLoss',
  'trainPointCount', 'weights', 'timeline', 'lookBack', 'goLive', 'takeSnapshots', 'adoptSnapshots', 'observeGradients',
  'gradientWeights', 'gradientErrors', 'gradientNorms', 'hiddenSpace', 'landscape']);

/** Messages the page sends the worker. */
export const toWorker = {
  init: (module, calls) => ({ type: 'init', module, calls }),
  edit: (seq, method, args) => ({ type: 'edit', seq, method, args }),
  play: (playing, speed) => ({ type: 'play', playing, speed }),
  step: () => ({ type: 'step' }),
  run: (id, steps) => ({ type: 'run', id, steps }),
  probe: (id) => ({ type: 'probe', id }),
};

/** Messages the worker sends the page. */
export const toPage = {
  ready: () => ({ type: 'ready' }),
  failed: (message) => ({ type: 'failed', message }),
  state: ({ seq, weights, snapshots, epoch, steps, canRestore, error, stepsDone, runDone }) =>
    ({ type: 'state', seq, weights, snapshots, epoch, steps, canRestore, error, stepsDone, runDone }),
  editError: (seq, message) => ({ type: 'edit-error', seq, message }),
  probe: ({ id, config, points, epoch, steps, seq }) => ({ type: 'probe', id, config, points, epoch, steps, seq }),
};
