//! The gradients the page shows: each weight's gradient magnitude, each neuron's error signal and
//! each layer's gradient norm, averaged over recent batches.
//!
//! Each [`GradientWatch::observe`] takes the next batch of the training set (up to a given size,
//! going round the set), backpropagates it through the network as it stands (the gradient kernel,
//! [`Network::gradient_sum`], as training's), and folds into running
//! means (weight [`SMOOTHING`]): `|∂L/∂w|` of the batch's mean gradient per weight and bias, the
//! mean over the batch of `|δ|` (`∂L/∂z`, the error signal) per neuron, and per weight layer the
//! Euclidean norm of its part of the batch's mean gradient (weights and biases together). The page
//! calls it once a frame while the view is open, on the weights it draws (which the training worker
//! updates), so the averages follow training without slowing it.
//!
//! # Layout
//! [`GradientWatch::weights`] has the network's parameter layout (per layer, weights row-major then
//! biases); [`GradientWatch::errors`] one value per hidden and output neuron, layer after layer;
//! [`GradientWatch::norms`] one per weight layer, the input's first.

use crate::data::dataset::Dataset;
use crate::data::features::{featurize, FeatureMap};
use crate::math::eigen::norm;
use crate::model::loss::Loss;
use crate::model::network::{Network, GRADIENT_LANES};
use crate::train::targets::encode_target;

/// The weight of each new batch in the running means: about the last ten batches count.
pub const SMOOTHING: f64 = 0.1;

/// Running means of the gradients over recent batches (see the module documentation).
#[derive(Clone, Debug, Default)]
pub struct GradientWatch {
    weights: Vec<f64>,
    errors: Vec<f64>,
    norms: Vec<f64>,
    batches: u64,
    cursor: usize,
    /// The shape the means belong to; another shape starts them afresh.
    sizes: Vec<usize>,
    input: Vec<f64>,
    target: Vec<f64>,
    batch_errors: Vec<f64>,
}

impl GradientWatch {
    /// Backpropagates the next `batch` training examples of `data` through `net` and folds the
    /// batch's gradients into the running means. Returns false (nothing changed) for no data.
    pub fn observe(
        &mut self,
        net: &Network,
        features: &Option<FeatureMap>,
        loss: Loss,
        data: &Dataset,
        batch: usize,
    ) -> bool {
        if data.is_empty() || batch == 0 {
            return false;
        }
        if self.sizes != net.sizes() {
            *self = GradientWatch {
                sizes: net.sizes().to_vec(),
                ..GradientWatch::default()
            };
        }
        let mut ws = net.workspace();
        let neurons: usize = net.sizes()[1..].iter().sum();
        self.batch_errors.clear();
        self.batch_errors.resize(neurons, 0.0);
        self.target.resize(net.outputs(), 0.0);
        let n = batch.min(data.len());
        let (mut xs, mut ts) = (Vec::new(), Vec::new());
        // Through the gradient kernel a group of examples at a time: after each group its lanes
        // hold every neuron's δ for each of the group's examples.
        for start in (0..n).step_by(GRADIENT_LANES) {
            let count = GRADIENT_LANES.min(n - start);
            xs.clear();
            ts.clear();
            for k in start..start + count {
                let i = (self.cursor + k) % data.len();
                xs.extend_from_slice(featurize(features, data.x(i), &mut self.input));
                encode_target(net, data.task(), data.ys[i], &mut self.target);
                ts.extend_from_slice(&self.target);
            }
            net.gradient_sum(&mut ws, &xs, &ts, loss);
            for (e, lanes) in self
                .batch_errors
                .iter_mut()
                .zip(ws.lanes_delta.chunks_exact(GRADIENT_LANES))
            {
                *e += lanes[..count].iter().map(|d| d.abs()).sum::<f64>();
            }
        }
        self.cursor = (self.cursor + n) % data.len();
        Network::mean_gradient(&mut ws, n);
        let norms = layer_norms(net, &ws.grad);
        let rate = if self.batches == 0 { 1.0 } else { SMOOTHING };
        for g in ws.grad.iter_mut() {
            *g = g.abs();
        }
        for e in self.batch_errors.iter_mut() {
            *e /= n as f64;
        }
        fold(&mut self.weights, &ws.grad, rate);
        fold(&mut self.errors, &self.batch_errors, rate);
        fold(&mut self.norms, &norms, rate);
        self.batches += 1;
        true
    }

    /// The running mean of `|∂L/∂w|` per weight and bias (the network's parameter layout).
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// The running mean of `|δ|` per hidden and output neuron, layer after layer.
    pub fn errors(&self) -> &[f64] {
        &self.errors
    }

    /// The running mean of each weight layer's gradient norm, the input's first.
    pub fn norms(&self) -> &[f64] {
        &self.norms
    }

    /// Batches folded in since the means began.
    pub fn batches(&self) -> u64 {
        self.batches
    }
}

/// Moves each running mean in `mean` by `rate` of the way to the new value.
fn fold(mean: &mut Vec<f64>, new: &[f64], rate: f64) {
    mean.resize(new.len(), 0.0);
    for (m, v) in mean.iter_mut().zip(new) {
        *m += (v - *m) * rate;
    }
}

/// The Euclidean norm of each weight layer's part of `grad` (weights and biases), the input's
/// layer first.
pub fn layer_norms(net: &Network, grad: &[f64]) -> Vec<f64> {
    (0..net.layers())
        .map(|l| norm(&grad[net.layer_range(l)]))
        .collect()
}
