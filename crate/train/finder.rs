//! *Find learning rate*: trains copies of the playground's network, one per learning rate spaced
//! logarithmically over the slider's range, each from the same weights, on the same points in the
//! same batch order for the same number of epochs, and reports the training loss each ends with.
//! The work is done a slice at a time ([`LrFinder::run`]), so the page stays responsive and can
//! cancel (dropping the finder changes nothing: the copies are its own).
//!
//! # The suggested rate
//! A run *diverged* if a step's loss was not finite or it ended more than [`MARGIN`] above the
//! loss it started from (the mini-batches' own noise moves a run that learns nothing by less).
//! Among the runs that did not diverge, let `best` be the lowest final loss: the suggestion is the
//! **largest** rate whose final loss is within [`MARGIN`] (5 %) of `best`. Larger rates learn
//! faster but sit nearer the edge where training blows up; the margin takes the largest rate that
//! did as well as the best, not a larger one that did worse. No suggestion where every run diverged.

use crate::base::clock::now_ms;
use crate::data::dataset::Dataset;
use crate::train::trainer::{Step, Trainer};

/// Most learning rates one search tries.
pub const MAX_RATES: usize = 64;
/// Most epochs each run trains.
pub const MAX_EPOCHS: u64 = 1000;
/// How far above the lowest final loss the suggested rate's may be, and above its starting loss a
/// run may end without counting as diverged.
pub const MARGIN: f64 = 0.05;

/// What a finished search found.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Found {
    /// The learning rates tried, ascending, to three significant digits.
    pub rates: Vec<f64>,
    /// The mean training loss each run ended with (NaN where it was not finite).
    pub losses: Vec<f64>,
    /// Whether each run diverged (module docs).
    pub diverged: Vec<bool>,
    /// The loss of the starting weights.
    pub initial_loss: f64,
    /// Index of the suggested rate, `None` when every run diverged.
    pub suggested: Option<usize>,
}

/// A search under way.
#[derive(Clone, Debug)]
pub struct LrFinder {
    rates: Vec<f64>,
    epochs: u64,
    /// The copy every run starts from.
    start: Trainer,
    data: Dataset,
    initial_loss: f64,
    /// The run in progress (index into `rates`) and its trainer.
    current: Option<(usize, Trainer, bool)>,
    losses: Vec<f64>,
    diverged: Vec<bool>,
}

impl LrFinder {
    /// A search of `count` rates from `lowest` to `highest` (log-spaced, both included) for
    /// `epochs` epochs each, from `trainer`'s weights and hyperparameters (its update rule's state
    /// restarted, its batch order drawn from `seed`) on `data`. Errors name the bad value.
    pub fn new(
        trainer: &Trainer,
        data: &Dataset,
        seed: u64,
        (lowest, highest): (f64, f64),
        count: usize,
        epochs: u64,
    ) -> Result<LrFinder, String> {
        if !(2..=MAX_RATES).contains(&count) {
            return Err(format!("count: {count} is not in 2–{MAX_RATES}"));
        }
        if !(1..=MAX_EPOCHS).contains(&epochs) {
            return Err(format!("epochs: {epochs} is not in 1–{MAX_EPOCHS}"));
        }
        if !(lowest > 0.0 && lowest < highest && highest.is_finite()) {
            return Err(format!(
                "rates: {}–{} is not a range of positive rates",
                crate::base::text::Num(lowest),
                crate::base::text::Num(highest)
            ));
        }
        if data.is_empty() {
            return Err("points: there are no training points to try the rates on".into());
        }
        let mut start = trainer.clone();
        let params = {
            start.sync();
            start.network().params().to_vec()
        };
        start.restart_from(&params)?;
        start.reseed(seed);
        start.set_counts(0, 0);
        let initial_loss = start.evaluate(data).loss;
        let ratio = (highest / lowest).ln();
        let rates = (0..count)
            .map(|i| three_digits(lowest * (ratio * i as f64 / (count - 1) as f64).exp()))
            .collect();
        Ok(LrFinder {
            rates,
            epochs,
            start,
            data: data.clone(),
            initial_loss,
            current: None,
            losses: Vec::with_capacity(count),
            diverged: Vec::with_capacity(count),
        })
    }

    /// The rates tried, ascending.
    pub fn rates(&self) -> &[f64] {
        &self.rates
    }

    /// Trains for about `max_ms` milliseconds (at least one slice of work) and returns the share
    /// of the search done, from 0 to 1.
    pub fn run(&mut self, max_ms: f64) -> f64 {
        let began = now_ms();
        // Example passes between two looks at the clock: about a millisecond of work.
        let params = self.start.network().params().len().max(1);
        let chunk = (200_000 / params).clamp(8, 65_536);
        while !self.done() {
            if self.current.is_none() {
                let k = self.losses.len();
                let mut t = self.start.clone();
                t.hyper.learning_rate = self.rates[k];
                self.current = Some((k, t, false));
            }
            let Some((_, trainer, bad)) = self.current.as_mut() else {
                break;
            };
            let mut spent = 0;
            while spent < chunk && trainer.epoch() < self.epochs && !*bad {
                let mut budget = chunk - spent;
                match trainer.step_part(&self.data, &mut budget) {
                    Step::Done(loss) => *bad |= !loss.is_finite(),
                    Step::Partial => {}
                    Step::NoData => *bad = true,
                }
                spent = chunk - budget;
            }
            if trainer.epoch() >= self.epochs || *bad {
                trainer.sync();
                let loss = trainer.evaluate(&self.data).loss;
                let diverged =
                    *bad || !loss.is_finite() || loss > self.initial_loss * (1.0 + MARGIN);
                self.losses
                    .push(if loss.is_finite() { loss } else { f64::NAN });
                self.diverged.push(diverged);
                self.current = None;
            }
            if now_ms() - began >= max_ms {
                break;
            }
        }
        self.progress()
    }

    /// The share of the search done, from 0 to 1.
    pub fn progress(&self) -> f64 {
        let part = self.current.as_ref().map_or(0.0, |(_, t, _)| {
            (t.epoch() as f64 / self.epochs as f64).min(1.0)
        });
        (self.losses.len() as f64 + part) / self.rates.len() as f64
    }

    /// Whether every rate has been tried.
    pub fn done(&self) -> bool {
        self.losses.len() == self.rates.len()
    }

    /// What the search found, once it is done.
    pub fn found(&self) -> Option<Found> {
        if !self.done() {
            return None;
        }
        let good = || (0..self.rates.len()).filter(|&i| !self.diverged[i]);
        let best = good().map(|i| self.losses[i]).fold(f64::INFINITY, f64::min);
        let suggested = good()
            .filter(|&i| self.losses[i] <= best * (1.0 + MARGIN))
            .max();
        Some(Found {
            rates: self.rates.clone(),
            losses: self.losses.clone(),
            diverged: self.diverged.clone(),
            initial_loss: self.initial_loss,
            suggested,
        })
    }
}

/// `r` to three significant digits, as the page's slider shows a rate (and sets it): `10`, not
/// `10.000000000000002`. A division by an exact power of ten gives the double nearest the decimal.
fn three_digits(r: f64) -> f64 {
    let p = 10f64.powi(2 - r.log10().floor() as i32);
    (r * p).round() / p
}
