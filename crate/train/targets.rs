//! What training is measured against: a label encoded as the output layer's targets, and the
//! loss and accuracy over a data set.

use crate::data::dataset::{Dataset, Task};
use crate::model::activation::Activation;
use crate::model::loss::OutputActivation;
use crate::model::network::Network;

/// Loss and accuracy over a data set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// Mean loss per example.
    pub loss: f64,
    /// Fraction of examples classified correctly (0–1); NaN for regression.
    pub accuracy: f64,
}

/// Metrics from summed losses and a count of right answers over `data`.
pub fn metrics(data: &Dataset, loss_sum: f64, correct: usize) -> Metrics {
    let n = data.len() as f64;
    Metrics {
        loss: loss_sum / n,
        accuracy: match data.task() {
            Task::Classification => correct as f64 / n,
            Task::Regression => f64::NAN,
        },
    }
}
/// Writes the output layer's target for an example with target `y`: the value itself for regression;
/// for classification 0/1 (±1 under tanh) on a single output, or one-hot over several outputs.
pub fn encode_target(net: &Network, task: Task, y: f64, out: &mut [f64]) {
    let (lo, hi) = match net.output_activation() {
        OutputActivation::Plain(Activation::Tanh) => (-1.0, 1.0),
        _ => (0.0, 1.0),
    };
    match (task, out.len()) {
        (Task::Regression, _) => out.fill(y),
        (Task::Classification, 1) => out[0] = if y >= 0.5 { hi } else { lo },
        (Task::Classification, _) => {
            for (k, o) in out.iter_mut().enumerate() {
                *o = if k == y as usize { hi } else { lo };
            }
        }
    }
}
