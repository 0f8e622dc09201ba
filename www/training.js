// Where free play trains. Where module workers run (every current browser), a worker trains a twin
// of the page's Playground (www/worker.js) and the main thread only draws: the page's own
// Playground applies each edit at once (so a click shows at once), the same edit goes to the twin
// in order, and the weights the twin publishes are adopted for drawing and evaluation. Where
// workers are missing or fail to start, training runs on the main thread in each frame's budget.
// The messages between page and worker are www/protocol.js's. Both trainers have one interface:
//   tick(now, dt)       once per frame: train (main thread) or take the twin's latest state
//   step()              one epoch (the Step button); `stepping` while any asked for runs (each
//                       click is one epoch, run in turn)
//   run(n)              exactly n updates; resolves with the number done (scripts and tests)
//   syncPlay()          Play or Pause (or the speed) changed: take it up now
//   stepsPerSecond()    for the speed readout
//   settled()           resolves once the page shows the state after every edit made so far
//   kind                'worker' or 'main'

import { Scheduler, TRAIN_BUDGET_MS } from './loop.js';
import { EDITS, REBUILDS, TIMELINE_RESTARTS, toWorker } from './protocol.js';

/**
 * `pg` wrapped so that every call that changes it (and succeeds) is passed to `sink(method, args,
 * result)` after it ran, and announced to `before(method)` before it runs (the timeline returns to
 * the live weights); every other call goes straight through.
 */
export function recording(pg, sink, before = () => {}) {
  return new Proxy(pg, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      if (!EDITS.has(key)) return value.bind(target);
      return (...args) => {
        before(key);
        const result = value.apply(target, args);
        sink(key, args, result);
        return result;
      };
    },
  });
}

/** Steps per second over the last second, from [time, steps] samples. */
class Rate {
  constructor() {
    this.samples = [];
  }

  add(now, steps) {
    this.samples.push([now, steps]);
    while (this.samples.length > 2 && now - this.samples[0][0] > 1000) this.samples.shift();
  }

  perSecond() {
    const s = this.samples;
    if (s.length < 2) return 0;
    const [t0, n0] = s[0];
    const [t1, n1] = s[s.length - 1];
    return t1 > t0 ? ((n1 - n0) * 1000) / (t1 - t0) : 0;
  }
}

/** Training in the frame loop, on the page's own Playground (no worker). */
export class LocalTrainer {
  /**
   * @param {object} app the page (app.pg, app.view.speed)
   * @param {object} hooks { playing(): bool, stopped(message, canRestore) }
   */
  constructor(app, hooks) {
    this.app = app;
    this.hooks = hooks;
    this.kind = 'main';
    this.scheduler = new Scheduler();
    this.stepping = false;
    this.queued = 0; // Steps clicked while one runs
    this.from = 0;
    this.running = null;
  }

  /** Training starts and stops in `tick`: nothing to tell. */
  syncPlay() {}

  /** Edits need no forwarding here; Reset ends the Steps under way or queued. */
  edited(method) {
    if (method === 'reset') {
      this.stepping = false;
      this.queued = 0;
    }
  }

  /** Runs up to `n` steps within `ms`; returns the steps completed. Throws on divergence. */
  trainSteps(n, ms) {
    const pg = this.app.pg;
    const before = pg.steps();
    try {
      pg.train(n, ms);
    } catch (e) {
      this.stepping = false;
      this.hooks.stopped(e.message, pg.canRestore());
      throw e;
    }
    return pg.steps() - before;
  }

  tick(now, dt) {
    const pg = this.app.pg;
    if (this.running) {
      let failed = false;
      try {
        this.running.left -= this.trainSteps(this.running.left, TRAIN_BUDGET_MS);
      } catch {
        failed = true;
      }
      if (failed || this.running.left <= 0 || pg.trainPointCount() === 0) {
        const { n, left, resolve } = this.running;
        this.running = null;
        resolve(n - Math.max(0, left));
      }
    } else if (this.stepping) {
      this.stepOn(TRAIN_BUDGET_MS);
    } else if (this.hooks.playing() && !this.app.rewind?.looking) {
      // While the page shows a snapshot, playing waits: this Playground is the one trained.
      try {
        this.scheduler.train(now, dt, this.app.view.speed, (n, ms) => this.trainSteps(n, ms));
      } catch {
        // trainSteps has paused and explained.
      }
    }
  }

  stepOn(ms) {
    const pg = this.app.pg;
    try {
      pg.trainEpoch(ms);
    } catch (e) {
      this.stepping = false;
      this.queued = 0;
      this.hooks.stopped(e.message, pg.canRestore());
    }
    if (this.stepping && (pg.epoch() !== this.from || pg.trainPointCount() === 0)) {
      this.stepping = false;
      if (this.queued > 0) {
        this.queued -= 1;
        this.step();
      }
    }
  }

  step() {
    if (this.stepping) {
      this.queued += 1;
      return;
    }
    this.stepping = true;
    this.from = this.app.pg.epoch();
    // A small network's epoch fits in this click; a big one goes on over the next frames.
    this.stepOn(TRAIN_BUDGET_MS);
  }

  run(n) {
    return new Promise((resolve) => {
      this.running = { n, left: n, resolve };
    });
  }

  settled() {
    return Promise.resolve();
  }

  stepsPerSecond() {
    return this.scheduler.stepsPerSecond();
  }
}

/** Training in a module worker on a twin Playground. */
export class WorkerTrainer {
  /**
   * @param {Worker} worker started, 'ready' received
   * @param {object} app the page
   * @param {object} hooks as for LocalTrainer
   */
  constructor(worker, app, hooks) {
    this.worker = worker;
    this.app = app;
    this.hooks = hooks;
    this.kind = 'worker';
    this.seq = 0; // the last edit sent
    this.rebuiltAt = 0; // the last edit after which earlier weights no longer apply
    this.timelineAt = 0; // the last edit that may have started a new timeline (a new network, Reset)
    this.latest = null;
    this.sent = { playing: false, speed: 0 };
    this.stepping = false;
    this.stepsSent = 0;
    this.rate = new Rate();
    this.runs = new Map();
    this.nextId = 1;
    this.waiting = []; // [seq, resolve] of settled() calls
    this.adopted = -1; // the edit number of the last state adopted
    worker.onmessage = (e) => this.receive(e.data);
  }

  /** Sends an edit the page's Playground accepted (see `recording`). */
  edited(method, args, result) {
    this.seq += 1;
    const network = (method === 'set' && result?.network) || method === 'applyLink';
    if (REBUILDS.has(method) || network) this.rebuiltAt = this.seq;
    if (TIMELINE_RESTARTS.has(method) || network) this.timelineAt = this.seq;
    this.worker.postMessage(toWorker.edit(this.seq, method, args));
  }

  receive(msg) {
    if (msg.type === 'state') {
      // States are taken in the next frame; one not yet taken is replaced (its weights are older).
      const earlier = this.latest;
      this.latest = msg;
      // The timeline's snapshots are taken as they come (a state not taken is replaced, and the
      // next carries only newer ones; frames stop in a hidden tab, messages do not), unless a new
      // timeline began since: they are another run's. (A weight set or restored since leaves them
      // the run's history, though the weights they came with are not taken.)
      if (msg.snapshots?.length && msg.seq >= this.timelineAt) {
        try {
          this.app.pg.adoptSnapshots(msg.snapshots);
        } catch (e) {
          console.error(`training worker snapshots not taken: ${e.message}`);
        }
      }
      msg.snapshots = null;
      if (earlier?.error && !msg.error) {
        msg.error = earlier.error;
        msg.canRestore = earlier.canRestore;
      }
      if (earlier?.runDone && !msg.runDone) msg.runDone = earlier.runDone;
    } else if (msg.type === 'probe') {
      this.runs.get(msg.id)?.(msg);
      this.runs.delete(msg.id);
    } else if (msg.type === 'edit-error') {
      console.error(`training worker refused edit ${msg.seq}: ${msg.message}`);
    }
  }

  /**
   * Tells the twin whether to train, and how fast, if that changed. Called each frame, on Play and
   * Pause (so the twin stops at once, not a frame later) and before a probe (so its count is final).
   */
  syncPlay() {
    const playing = this.hooks.playing() && !this.stepping;
    const speed = this.app.view.speed;
    if (playing !== this.sent.playing || speed !== this.sent.speed) {
      this.sent = { playing, speed };
      this.worker.postMessage(toWorker.play(playing, speed));
    }
  }

  tick(now) {
    this.syncPlay();
    const s = this.latest;
    if (!s) return;
    this.latest = null;
    // Weights trained before a rebuild the twin has not reached yet would undo it on this side.
    let adopted = false;
    if (s.seq >= this.rebuiltAt) {
      try {
        this.app.pg.adopt(s.weights, s.epoch, s.steps);
        adopted = true;
      } catch (e) {
        // Never expected (the twin applies the page's edits); the frame loop must go on regardless.
        console.error(`training worker state not taken: ${e.message}`);
      }
    }
    if (adopted) {
      this.rate.add(now, s.steps);
      this.adopted = s.seq;
      const [ready, later] = [this.waiting.filter(([q]) => q <= s.seq), this.waiting.filter(([q]) => q > s.seq)];
      this.waiting = later;
      for (const [, resolve] of ready) resolve();
    }
    this.stepping = s.stepsDone < this.stepsSent;
    if (s.error) this.hooks.stopped(s.error, s.canRestore);
    if (s.runDone) {
      this.runs.get(s.runDone.id)?.(s.runDone.done);
      this.runs.delete(s.runDone.id);
    }
  }

  step() {
    this.stepsSent += 1;
    this.stepping = true;
    this.worker.postMessage(toWorker.step());
  }

  /** Resolves with the steps the twin did for this run (it counts them itself). */
  run(n) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.runs.set(id, resolve);
      this.worker.postMessage(toWorker.run(id, n));
    });
  }

  settled() {
    if (this.adopted >= this.seq) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push([this.seq, resolve]));
  }

  /** The twin's points, config and counters, once it has applied every edit sent (tests). */
  probe() {
    this.syncPlay();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.runs.set(id, resolve);
      this.worker.postMessage(toWorker.probe(id));
    });
  }

  stepsPerSecond() {
    return this.rate.perSecond();
  }
}

/**
 * Starts the training worker with the compiled wasm `module` and the edits made so far (`calls`);
 * resolves with a WorkerTrainer, or with null where workers are unavailable or fail to start
 * (the caller then trains on the main thread).
 */
export function startWorker(module, calls, app, hooks) {
  if (typeof Worker !== 'function' || !(module instanceof WebAssembly.Module)) return Promise.resolve(null);
  let worker;
  try {
    const url = window.scratchnetWorkerUrl ?? new URL('./worker.js', import.meta.url);
    worker = new Worker(url, { type: window.scratchnetWorkerType ?? 'module' });
  } catch {
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const give = (trainer) => {
      clearTimeout(timeout);
      worker.onerror = null;
      if (!trainer) {
        worker.onmessage = null;
        worker.terminate();
      }
      resolve(trainer);
    };
    // A worker that has not started in 5 s (a module worker the browser cannot load) is dropped.
    const timeout = setTimeout(() => give(null), 5000);
    worker.onerror = (e) => {
      e.preventDefault();
      give(null);
    };
    worker.onmessage = (e) => {
      if (e.data.type === 'ready') give(new WorkerTrainer(worker, app, hooks));
      else if (e.data.type === 'failed') give(null);
    };
    worker.postMessage(toWorker.init(module, calls));
  });
}
