// The decision boundary the plot shows. While the model changes (training, a new setting) it is
// computed whole every frame at the resolution the frame budget allows (the scheduler's). While the
// model stands still it is not recomputed at all, and once it has stood still for STILL_MS, if it
// is coarser than the plot, it is refined towards the plot's full resolution, doubling each time, a
// band of rows per frame: a paused 6 × 64 network ends up as sharp as a small one without a long
// frame. (A training worker publishes new weights a few times a second for a big network: the
// pauses between them are no reason to refine a picture the next weights replace.)

/** Milliseconds of refinement per frame. */
const REFINE_BUDGET_MS = 8;
/** How long the model must stand still before refinement starts. */
const STILL_MS = 300;

export class BoundaryView {
  constructor() {
    /** What the plot draws: { res, rgba, probabilities, multi }, copied out of wasm memory. */
    this.shown = null;
    this.key = null;
    this.weights = null;
    this.refining = null; // { res, row } while a finer grid is being filled
    this.liveCost = 0; // ms of the last whole computation, for the scheduler
    this.msPerCell = 0; // running estimate, to size the bands
    this.computations = 0; // calls into wasm, for the tests
    this.changedAt = 0; // when the model last changed
  }

  /**
   * Whether what the boundary depends on moved since the last frame: the source's weights (compared
   * value by value, so no path that changes them is missed) and `key`, which names everything else
   * (the source, settings, the plot's size).
   */
  changed(src, key) {
    const w = src.weights();
    const last = this.weights;
    const same = key === this.key && last?.length === w.length && last.every((v, i) => v === w[i]);
    if (!same) {
      this.key = key;
      this.weights = w.slice();
      this.changedAt = performance.now();
    }
    return !same;
  }

  /** The boundary to draw this frame, computing what is due. */
  update(src, key, full, scheduler) {
    if (this.changed(src, key) || !this.shown) {
      this.refining = null;
      const res = scheduler.boundaryResolution(full, this.liveCost);
      const t0 = performance.now();
      const rgba = src.computeBoundary(res);
      this.liveCost = performance.now() - t0;
      this.msPerCell = this.liveCost / (res * res);
      this.computations += 1;
      this.show(res, rgba, src);
    } else if (this.shown.res < full && performance.now() - this.changedAt >= STILL_MS) {
      this.refine(src, full);
    }
    return this.shown;
  }

  /** Fills the next band of rows of a grid twice as fine as the one shown; shows it when complete. */
  refine(src, full) {
    this.refining ??= { res: Math.min(full, 2 * this.shown.res), row: 0 };
    const r = this.refining;
    const rows = Math.max(1, Math.floor(REFINE_BUDGET_MS / Math.max(1e-6, this.msPerCell * r.res)));
    const end = Math.min(r.res, r.row + rows);
    const t0 = performance.now();
    const rgba = src.computeBoundary(r.res, r.row, end);
    this.msPerCell = 0.7 * this.msPerCell + 0.3 * ((performance.now() - t0) / ((end - r.row) * r.res));
    this.computations += 1;
    r.row = end;
    if (end === r.res) {
      this.refining = null;
      this.show(r.res, rgba, src);
    }
  }

  show(res, rgba, src) {
    // Copies: the views die with the next call into wasm, and this picture may be drawn for long.
    this.shown = { res, rgba: rgba.slice(), probabilities: src.boundaryProbabilities().slice(), multi: src.multiClass() };
  }
}
