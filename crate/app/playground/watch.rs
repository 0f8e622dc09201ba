//! Divergence: the watch on the training loss that calls a run exploded, and the smaller rate the
//! message suggests.

use crate::base::text::Num;
use crate::train::hyper::LEARNING_RATES;

/// Watches the training loss for an explosion: a loss far above the one training started from,
/// although still finite (a tanh network at η = 10 on a circle climbs from 0.7 to 4 and more, and
/// stays there). The starting loss is measured on the whole training set before the first update,
/// so a run thrown off by its very first steps is caught and the message's figures are true. It
/// follows a running mean over about [`SETTLE`] steps, not one call's loss, so a single confidently
/// wrong example (an online step of loss 3) is no explosion. Keeps the weights of the lowest
/// running loss seen, to restore.
#[derive(Clone, Debug)]
pub(super) struct LossWatch {
    /// The training loss before the first update; NaN until measured.
    start: f64,
    /// Steps seen since the watch began.
    steps: u64,
    /// The running mean of the batch losses (it begins at `start`).
    smoothed: f64,
    /// A slower running mean, over about [`SLOW`] steps: whether the loss stays high.
    slow: f64,
    /// Steps in a row the slow mean has stayed above [`LossWatch::stuck_line`].
    above: u64,
    /// Whether the start was measured when training resumed after a stop (not before the
    /// network's first step).
    resumed: bool,
    /// The lowest running mean since, and the weights that gave it.
    best: f64,
    pub(super) best_params: Vec<f64>,
}

/// Steps the running mean spans.
const SETTLE: f64 = 20.0;
/// Steps the slow running mean spans: batch losses of a noisy run cross any line often.
const SLOW: f64 = 200.0;
/// Steps in a row the slow mean may stay above 1.5 times the start before training is called
/// diverged: long enough for a momentum or Adam run to overshoot and come back.
const SUSTAINED: u64 = 300;

impl LossWatch {
    pub(super) fn new() -> LossWatch {
        LossWatch {
            start: f64::NAN,
            steps: 0,
            smoothed: f64::NAN,
            slow: f64::NAN,
            above: 0,
            resumed: false,
            best: f64::INFINITY,
            best_params: Vec::new(),
        }
    }

    /// Why training stopped, for the page: `broken` holds the loss that became infinite or NaN
    /// (else the loss exploded while finite), at learning rate `lr`. Restarts the watch.
    pub(super) fn verdict(&mut self, broken: Option<f64>, lr: f64) -> String {
        let (start, smoothed) = (self.start, self.smoothed);
        let stuck = self.smoothed <= (4.0 * start).max(start + 2.0);
        // The figure that tripped the rule: the slow mean for a loss that stayed high.
        let reached = if stuck { self.slow } else { smoothed };
        let when = if self.resumed {
            "when training resumed"
        } else {
            "before the first step"
        };
        self.restart();
        if let Some(loss) = broken {
            format!(
                "Training diverged: the loss became {} at learning rate {}. The weights were \
                 restored to their last finite values; {}",
                Num(loss),
                Num(lr),
                smaller_rate(lr)
            )
        } else {
            let restore = if self.best.is_finite() {
                format!(
                    "Then Restore the weights from before (loss {}), or Reset.",
                    Num(round4(self.best))
                )
            } else {
                "Then Reset.".to_string()
            };
            let how = if stuck {
                format!(" and stayed more than half as high again for {SUSTAINED} steps")
            } else {
                String::new()
            };
            format!(
                "Training diverged: the loss rose from {} {when} to {} at learning rate \
                 {}{how}, and a network thrown that far rarely comes back. Training paused; \
                 {} {restore}",
                Num(round4(start)),
                Num(round4(reached)),
                Num(lr),
                smaller_rate(lr),
            )
        }
    }

    /// Whether the starting loss is still to be measured.
    pub(super) fn unstarted(&self) -> bool {
        self.start.is_nan()
    }

    /// Takes the training loss of the weights before the first update.
    pub(super) fn begin(&mut self, loss: f64) {
        if loss.is_finite() {
            self.start = loss;
            self.smoothed = loss;
            self.slow = loss;
            self.steps = 0;
            self.above = 0;
        }
    }

    /// Takes in the mean loss of `count` more steps.
    pub(super) fn observe(&mut self, loss: f64, count: u64) {
        if self.unstarted() {
            return;
        }
        let weight = count as f64 / (count as f64 + SETTLE);
        self.smoothed += (loss - self.smoothed) * weight;
        self.slow += (loss - self.slow) * (count as f64 / (count as f64 + SLOW));
        self.steps += count;
        self.above = if self.slow > self.stuck_line() && self.smoothed > self.stuck_line() {
            self.above + count
        } else {
            0
        };
    }

    /// The line a loss may not stay above: half as much again as the start (and at least 0.05
    /// above it, for a start near zero).
    pub(super) fn stuck_line(&self) -> f64 {
        (1.5 * self.start).max(self.start + 0.05)
    }

    /// Whether the running loss has exploded: above 4× the starting loss and 2 above it at any
    /// time, or above [`LossWatch::stuck_line`] for [`SUSTAINED`] steps in a row. Untrained
    /// networks start near 0.7 (cross-entropy) or below 1 (squared error on classes), so a
    /// healthy run stays below both.
    pub(super) fn exploded(&self) -> bool {
        !self.unstarted()
            && (self.smoothed > (4.0 * self.start).max(self.start + 2.0) || self.above >= SUSTAINED)
    }

    /// Keeps `params` if `loss`, theirs, is the lowest yet (by 1 %: a copy not every call).
    pub(super) fn keep_if_best(&mut self, loss: f64, params: &[f64]) {
        if !self.unstarted() && loss < 0.99 * self.best {
            self.best = loss;
            self.best_params.clear();
            self.best_params.extend_from_slice(params);
        }
    }

    /// After an explosion: the start is measured again from the weights restored, the best
    /// weights kept to restore.
    pub(super) fn restart(&mut self) {
        self.resumed = true;
        self.start = f64::NAN;
        self.smoothed = f64::NAN;
        self.slow = f64::NAN;
        self.steps = 0;
        self.above = 0;
    }
}

/// What to try after training at rate `lr` broke: a rate ten times smaller, rounded, never below
/// the slider's smallest.
fn smaller_rate(lr: f64) -> String {
    if lr <= LEARNING_RATES.0 {
        return format!(
            "even the smallest learning rate ({}) is too large here: Reset, or try another \
             activation or fewer layers.",
            Num(LEARNING_RATES.0)
        );
    }
    format!(
        "try a learning rate below {}.",
        Num(one_digit(lr / 10.0).max(LEARNING_RATES.0))
    )
}

/// `v` to 4 decimals, for messages.
fn round4(v: f64) -> f64 {
    (v * 1e4).round() / 1e4
}

/// `r` rounded down to one significant digit (`0.037` → `0.03`): the learning rate the divergence
/// message suggests. Built as `d·10ᵏ` or `d / 10ᵏ` from exact integers, so that it is the double
/// nearest that short decimal and prints as it.
fn one_digit(r: f64) -> f64 {
    if !(r > 1e-15 && r < 1e15) {
        return r;
    }
    let mut p = 1.0;
    if r >= 1.0 {
        while p * 10.0 <= r {
            p *= 10.0;
        }
        ((r / p) * (1.0 + 1e-12)).floor() * p
    } else {
        while r * p < 1.0 {
            p *= 10.0;
        }
        ((r * p) * (1.0 + 1e-12)).floor() / p
    }
}

#[cfg(test)]
mod tests {
    use super::one_digit;

    #[test]
    fn suggested_rates_are_short_round_numbers() {
        for (r, want) in [
            (1.0, "1"),
            (0.3, "0.3"),
            (0.037, "0.03"),
            (0.03, "0.03"),
            (0.001, "0.001"),
            (7.9e-5, "0.00007"),
            (42.0, "40"),
        ] {
            assert_eq!(one_digit(r).to_string(), want, "{r}");
        }
        assert!(one_digit(f64::NAN).is_nan());
    }
}
