//! Finite-difference gradients: each parameter nudged up and down, the loss measured both ways.
//! Slow ((2·params + 1) forward passes per example) but independent of backpropagation, so the
//! lessons show it beside the analytic gradient and the tests check one against the other.

use crate::math::float::Float;
use crate::model::loss::Loss;
use crate::model::network::{Network, Workspace};

/// Examples with their targets and the loss they are scored by: `xs` n × inputs, `ts` n × outputs,
/// row-major.
#[derive(Clone, Copy, Debug)]
pub struct Batch<'a, F = f64> {
    /// Inputs.
    pub xs: &'a [F],
    /// Targets, encoded for the output layer.
    pub ts: &'a [F],
    /// What is minimised.
    pub loss: Loss,
}

/// Where a finite-difference gradient spread over several calls stands.
#[derive(Clone, Debug, Default)]
pub struct NumericProgress<F = f64> {
    /// Passes done: `2i` nudges parameter `i` up, `2i + 1` down, the last is the loss itself.
    pass: usize,
    /// Examples of the current pass done.
    example: usize,
    /// Their loss so far.
    sum: F,
    /// The mean loss with the current parameter nudged up.
    up: F,
}

impl<F: Float> Network<F> {
    /// Writes the finite-difference gradient of the mean batch loss into `grad`, nudging each
    /// parameter by ±`h` (central differences) and restoring it exactly. Returns the loss.
    pub fn numeric_gradient(
        &mut self,
        ws: &mut Workspace<F>,
        xs: &[F],
        ts: &[F],
        loss: Loss,
        h: F,
        grad: &mut [F],
    ) -> F {
        let mut progress = NumericProgress::default();
        loop {
            let mut budget = usize::MAX;
            let batch = Batch { xs, ts, loss };
            if let Some(value) =
                self.numeric_gradient_part(ws, batch, h, grad, &mut progress, &mut budget)
            {
                return value;
            }
        }
    }

    /// Goes on with a finite-difference gradient where `progress` left it, for at most `budget`
    /// forward passes (it takes `(2·params + 1) · n`); returns the loss when done. Between calls
    /// every parameter holds its own value (a nudge lasts only within a call), and the sums run in
    /// the order of one uninterrupted pass, so the result is the same bit for bit.
    pub fn numeric_gradient_part(
        &mut self,
        ws: &mut Workspace<F>,
        batch: Batch<F>,
        h: F,
        grad: &mut [F],
        progress: &mut NumericProgress<F>,
        budget: &mut usize,
    ) -> Option<F> {
        let Batch { xs, ts, loss } = batch;
        let (ni, no) = (self.inputs(), self.outputs());
        let n = xs.len() / ni;
        let passes = 2 * self.params().len() + 1;
        while progress.pass < passes {
            // Pass 2i nudges parameter i up, 2i + 1 down; the last pass is the loss itself.
            let i = progress.pass / 2;
            let original = self.params().get(i).copied().unwrap_or(F::ZERO);
            if i < self.params().len() {
                let up = progress.pass.is_multiple_of(2);
                self.params_mut()[i] = if up { original + h } else { original - h };
            }
            let end = n.min(progress.example.saturating_add(*budget));
            for e in progress.example..end {
                self.forward(ws, &xs[e * ni..(e + 1) * ni]);
                progress.sum += self.last_loss(ws, &ts[e * no..(e + 1) * no], loss);
            }
            *budget -= end - progress.example;
            progress.example = end;
            if i < self.params().len() {
                self.params_mut()[i] = original;
            }
            if end < n {
                return None;
            }
            let value = progress.sum / F::from_f64(n as f64);
            match (i < self.params().len(), progress.pass % 2) {
                (true, 0) => progress.up = value,
                (true, _) => grad[i] = (progress.up - value) / (F::from_f64(2.0) * h),
                (false, _) => {
                    *progress = NumericProgress::default();
                    return Some(value);
                }
            }
            progress.pass += 1;
            progress.example = 0;
            progress.sum = F::ZERO;
        }
        None
    }
}

/// `max_i |a_i − b_i| / max(|a_i|, |b_i|, 1e-8)`; the floor keeps two tiny gradients from counting as
/// far apart.
pub fn max_relative_difference(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs() / x.abs().max(y.abs()).max(1e-8))
        .fold(0.0, f64::max)
}
