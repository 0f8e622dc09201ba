// Overfitting, told: the test loss rising for a sustained stretch while the training loss falls.
// The network is then learning its training points rather than the pattern behind them; the page
// says so in plain words, marks on the loss chart where the test loss was lowest, and says what
// helps.

/** Epochs the test loss must have gone without a new low, at the least. */
const PATIENCE = 25;
/** How far above its low the test loss must be, and how far below its value then the training loss. */
const TEST_RISE = 1.25;
const TRAIN_FALL = 0.8;

export class OverfitWatch {
  constructor() {
    this.reset();
  }

  /** Starts over (new weights, new points, a new network). */
  reset() {
    this.best = { test: Infinity, train: NaN, epoch: 0 };
    this.told = false;
    this.lastEpoch = -1;
  }

  /**
   * Takes one evaluation; returns what to tell once overfitting is clear (`{ epoch, testAtBest,
   * test, trainAtBest, train }`), else null. Tells once per run.
   */
  observe(epoch, train, test) {
    if (epoch < this.lastEpoch) this.reset(); // weights reset under the watch
    this.lastEpoch = epoch;
    if (!Number.isFinite(test) || !Number.isFinite(train)) return null;
    if (test < this.best.test) {
      this.best = { test, train, epoch };
      return null;
    }
    const since = epoch - this.best.epoch;
    if (this.told || since < Math.max(PATIENCE, this.best.epoch / 4)) return null;
    if (test > this.best.test * TEST_RISE && train < this.best.train * TRAIN_FALL) {
      this.told = true;
      return { epoch: this.best.epoch, testAtBest: this.best.test, test, trainAtBest: this.best.train, train };
    }
    return null;
  }
}

/** The message for what `observe` found. */
export function overfitText({ epoch, testAtBest, test, trainAtBest, train }) {
  const f = (v) => v.toFixed(4);
  return `Overfitting: since epoch ${epoch} the test loss has risen from ${f(testAtBest)} to ${f(test)} while the training `
    + `loss fell from ${f(trainAtBest)} to ${f(train)}. The network is learning these training points rather than the `
    + `pattern behind them (marked on the loss chart). What helps: more points, L2 regularisation, a smaller network, `
    + `or stopping near epoch ${epoch}.`;
}
