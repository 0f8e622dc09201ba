// The training worker: a twin of the page's Playground that trains off the main thread.
//
// The page keeps its own Playground, which it draws and evaluates, and sends this twin every call
// that changes it (points, settings, undo, reset, imports), in order, numbered. The twin applies
// each in turn between slices of training and publishes what it learnt: its weights (a transferred
// copy, never a view of wasm memory), epoch, step count, the number of the last edit applied, and a
// divergence's message, and the snapshots of the run's timeline kept since the last state. The messages both ways are www/protocol.js's.

import init, { Playground } from '../pkg/scratchnet.js';
import { toPage } from './protocol.js';

/** Milliseconds of training per slice; between slices messages are read and the state published. */
const SLICE_MS = 12;
/** Publish at most this often (the display's frame) unless something the page waits for happened. */
const PUBLISH_MS = 16;

let pg = null;
const queue = []; // messages that arrived while the wasm module was starting
let seq = 0;
let playing = false;
let speed = 300;
let stepping = null; // { from: epoch } while an epoch of Step runs
let stepsQueued = 0;
let stepsDone = 0;
let run = null;
let owed = 0;
let lastTurn = 0;
let lastPublish = 0;
let published = { seq: -1, steps: -1 };
let error = null;
let runDone = null;
let timer = null;
let scheduled = false;

// A message to itself runs the next slice as soon as pending messages are handled, without the
// 4 ms clamp nested timeouts get.
const wake = new MessageChannel();
wake.port1.onmessage = () => {
  scheduled = false;
  turn();
};

function schedule(delay = 0) {
  if (timer !== null) {
    clearTimeout(timer);
    timer = null;
  }
  if (delay > 0) {
    timer = setTimeout(() => {
      timer = null;
      turn();
    }, delay);
  } else if (!scheduled) {
    scheduled = true;
    wake.port2.postMessage(null);
  }
}

function publish(force) {
  const steps = pg.steps();
  if (!force && published.seq === seq && published.steps === steps) return;
  const weights = pg.weights().slice(); // out of wasm memory, then handed over, not copied again
  const snapshots = pg.takeSnapshots(); // a copy already
  self.postMessage(toPage.state({
    seq, weights, snapshots, epoch: pg.epoch(), steps, canRestore: pg.canRestore(), error, stepsDone, runDone,
  }), [weights.buffer, snapshots.buffer]);
  published = { seq, steps };
  lastPublish = performance.now();
  error = null;
  runDone = null;
}

/** One slice of training (if there is any to do), then the state if due, then the next turn. */
function turn() {
  const now = performance.now();
  const dt = lastTurn ? Math.min(1000, now - lastTurn) : 0;
  lastTurn = now;
  let busy = false;
  try {
    if (run) {
      const before = pg.steps();
      pg.train(Math.min(run.left, 1e7), SLICE_MS);
      run.left -= pg.steps() - before;
      run.done += pg.steps() - before;
      if (run.left <= 0 || pg.trainPointCount() === 0) {
        runDone = { id: run.id, done: run.done };
        run = null;
      }
      busy = true;
    } else if (stepsQueued > 0) {
      if (!stepping) stepping = { from: pg.epoch() };
      pg.trainEpoch(SLICE_MS);
      if (pg.epoch() !== stepping.from || pg.trainPointCount() === 0) {
        stepping = null;
        stepsQueued -= 1;
        stepsDone += 1;
      }
      busy = true;
    } else if (playing && pg.trainPointCount() === 0) {
      owed = 0; // nothing to train on: wait for an edit (it schedules a turn), do not spin
    } else if (playing) {
      // Steps owed to the speed setting; at most a tenth of a second's worth piles up.
      owed = Math.min(owed + (speed * dt) / 1000, speed / 10 + 1);
      if (owed >= 1) {
        const before = pg.steps();
        pg.train(Math.floor(owed), SLICE_MS);
        owed -= pg.steps() - before;
        busy = true;
      }
    }
  } catch (e) {
    // Divergence: the twin restored its last good weights; the page pauses and explains.
    error = e.message;
    playing = false;
    stepping = null;
    stepsDone += stepsQueued;
    stepsQueued = 0;
    if (run) {
      runDone = { id: run.id, done: run.done };
      run = null;
    }
  }
  const due = performance.now() - lastPublish >= PUBLISH_MS;
  if (due || error !== null || runDone !== null || (!busy && published.seq !== seq)) publish(error !== null || runDone !== null);
  // No rest between slices: the worker's thread has nothing else to do, and even the shortest rest a
  // timer gives, taken after every slice, would cost much of the training and keep no frame.
  if (run || stepsQueued > 0 || (playing && owed >= 1)) schedule();
  else if (playing) schedule(Math.max(1, Math.min(PUBLISH_MS, ((1 - owed) / speed) * 1000)));
  else if (published.seq !== seq || published.steps !== pg.steps()) schedule(PUBLISH_MS);
}

function handle(msg) {
  switch (msg.type) {
    case 'edit':
      try {
        pg[msg.method](...msg.args);
      } catch (e) {
        // The page's Playground accepted this call; the twin refusing it would be a bug.
        self.postMessage(toPage.editError(msg.seq, e.message));
      }
      seq = msg.seq;
      if (msg.method === 'reset') {
        // Reset ends the Steps under way or queued: they were asked of the old weights.
        owed = 0;
        stepping = null;
        stepsDone += stepsQueued;
        stepsQueued = 0;
      }
      break;
    case 'play':
      if (msg.playing && !playing) lastTurn = performance.now();
      playing = msg.playing;
      speed = msg.speed;
      break;
    case 'step':
      stepsQueued += 1;
      break;
    case 'run':
      run = { id: msg.id, left: msg.steps, done: 0 };
      break;
    case 'probe':
      self.postMessage(toPage.probe({
        id: msg.id, config: pg.config(), points: pg.points().slice(), epoch: pg.epoch(), steps: pg.steps(), seq,
      }));
      return;
    default:
      return;
  }
  schedule();
}

self.onmessage = async (e) => {
  const msg = e.data;
  if (msg.type !== 'init') {
    if (pg) handle(msg);
    else queue.push(msg);
    return;
  }
  try {
    await init({ module_or_path: msg.module });
    pg = new Playground({});
    for (const [method, args] of msg.calls) pg[method](...args);
  } catch (err) {
    self.postMessage(toPage.failed(err.message));
    return;
  }
  self.postMessage(toPage.ready());
  for (const m of queue.splice(0)) handle(m);
  publish(true);
};
