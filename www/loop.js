// The frame scheduler: training and drawing share each animation frame on a time budget, so the page
// keeps the display's frame rate whatever the network size. Training runs `speed` steps per second
// (as far as the budget allows); expensive work (evaluation, the boundary) adapts its cadence and
// resolution to what it costs.

/** Milliseconds of training per frame at most; the rest of the ~16 ms frame is drawing. */
export const TRAIN_BUDGET_MS = 6;
/** Milliseconds the boundary may take per frame before its resolution drops. */
const BOUNDARY_BUDGET_MS = 8;

export class Scheduler {
  constructor() {
    this.owed = 0; // steps owed to the speed setting
    this.msPerStep = 0.5; // running estimate; starts cautious so a big network's first frame is short
    this.lastChunk = 1;
    this.stepTimes = []; // [time, steps] over the last second, for the speed readout
    this.res = 64;
    this.avgCost = 0; // boundary cost averaged at the current resolution
    this.costSamples = 0;
  }

  /**
   * Runs as many training steps as `speed` asks for since the last frame, within the budget.
   * `train(n, ms)` runs up to n steps within ms, returns how many completed (0 while one step too
   * long for a frame goes on over several), and may throw (divergence). Returns the steps run.
   */
  train(now, dt, speed, train) {
    // At most two frames' worth of steps may be owed: after a slow frame, training gives way rather
    // than making the next frame slow too.
    this.owed = Math.min(this.owed + (speed * dt) / 1000, (2 * speed) / 60 + 1);
    const start = performance.now();
    let done = 0;
    while (this.owed >= 1) {
      const left = TRAIN_BUDGET_MS - (performance.now() - start);
      if (left <= 0) break;
      // Grow chunks at most twofold, so one wrong estimate cannot blow a frame.
      const n = Math.max(1, Math.min(Math.floor(this.owed), Math.floor(left / this.msPerStep), 2 * this.lastChunk));
      this.lastChunk = n;
      const t0 = performance.now();
      const completed = train(n, left);
      const took = performance.now() - t0;
      this.msPerStep = 0.7 * this.msPerStep + 0.3 * Math.max(1e-4, took / Math.max(completed, 1));
      this.owed -= completed;
      done += completed;
      if (completed < n) break; // the time ran out inside a step: it goes on next frame
    }
    if (this.owed >= 1 && performance.now() - start >= TRAIN_BUDGET_MS) {
      // Over budget: drop what cannot be done rather than piling it up.
      this.owed = Math.min(this.owed, 1);
    }
    this.stepTimes.push([now, done]);
    while (this.stepTimes.length && now - this.stepTimes[0][0] > 1000) this.stepTimes.shift();
    return done;
  }

  /** Training steps per second over the last second. */
  stepsPerSecond() {
    if (this.stepTimes.length < 2) return 0;
    const span = (this.stepTimes[this.stepTimes.length - 1][0] - this.stepTimes[0][0]) / 1000;
    const steps = this.stepTimes.slice(1).reduce((s, [, n]) => s + n, 0);
    return span > 0 ? steps / span : 0;
  }

  /**
   * The boundary resolution for this frame: up to `full` (the plot's pixel size). Decisions use the
   * cost averaged over recent frames at the current resolution, so one slow frame on a busy machine
   * neither halves it nor keeps it down: halve while the average exceeds the budget, grow only when
   * the cost predicted for the larger grid (it scales with the number of cells) fits.
   */
  boundaryResolution(full, lastCost) {
    if (lastCost > 0) {
      this.costSamples = (this.costSamples ?? 0) + 1;
      this.avgCost = this.costSamples === 1 ? lastCost : 0.8 * this.avgCost + 0.2 * lastCost;
    }
    const settled = this.costSamples >= 5;
    let next = this.res;
    if (settled && this.avgCost > BOUNDARY_BUDGET_MS && this.res > 16) {
      next = Math.max(16, Math.floor(this.res / 2));
    } else if (this.res < full && (!settled || this.avgCost * (Math.min(full, this.res * 2) / this.res) ** 2 < BOUNDARY_BUDGET_MS)) {
      // Unsettled: the first frames grow freely until a measured cost says otherwise.
      if (settled || lastCost * (Math.min(full, this.res * 2) / this.res) ** 2 < BOUNDARY_BUDGET_MS) next = Math.min(full, this.res * 2);
    }
    if (next !== this.res) {
      this.res = next;
      this.costSamples = 0;
    }
    return Math.min(this.res, full);
  }
}
