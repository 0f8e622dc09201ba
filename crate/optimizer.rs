//! Parameter updates: plain SGD, momentum and Adam, with L1/L2 regularisation of the weights.
//!
//! The optimiser keeps its state (velocity, moment estimates) in buffers laid out like the network's
//! parameters. The learning rate is a plain field: changing it between steps resets nothing.

use crate::network::Network;
use serde::{Deserialize, Serialize};

/// Which update rule turns a gradient into a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OptimizerKind {
    /// `w ← w − η g`.
    Sgd,
    /// `v ← μ v − η g; w ← w + v` (heavy ball, μ = [`Optimizer::momentum`]).
    Momentum,
    /// Adam (Kingma & Ba) with bias-corrected moment estimates.
    Adam,
}

/// An update rule, its hyper-parameters and its state.
#[derive(Clone, Debug)]
pub struct Optimizer {
    /// The rule.
    pub kind: OptimizerKind,
    /// η, the step size.
    pub learning_rate: f64,
    /// μ for [`OptimizerKind::Momentum`].
    pub momentum: f64,
    /// Rate of the L1 penalty `λ₁ Σ |w|` on weights (biases are not penalised).
    pub l1: f64,
    /// Rate of the L2 penalty `½ λ₂ Σ w²` on weights.
    pub l2: f64,
    /// Whether biases learn; `false` keeps them where they are (the bias-free neurons of seeds 000
    /// and 002).
    pub train_biases: bool,
    velocity: Vec<f64>,
    second: Vec<f64>,
    steps: u64,
}

const BETA1: f64 = 0.9;
const BETA2: f64 = 0.999;
const EPSILON: f64 = 1e-8;

impl Optimizer {
    /// A fresh optimiser for `n_params` parameters.
    pub fn new(kind: OptimizerKind, learning_rate: f64, n_params: usize) -> Optimizer {
        Optimizer {
            kind,
            learning_rate,
            momentum: 0.9,
            l1: 0.0,
            l2: 0.0,
            train_biases: true,
            velocity: vec![0.0; n_params],
            second: vec![0.0; n_params],
            steps: 0,
        }
    }

    /// Forgets the accumulated state (after new weights or a new shape), keeping hyper-parameters.
    pub fn reset(&mut self, n_params: usize) {
        self.velocity.clear();
        self.velocity.resize(n_params, 0.0);
        self.second.clear();
        self.second.resize(n_params, 0.0);
        self.steps = 0;
    }

    /// Adds the regularisation terms to `grad` (weights only) and applies one update to `net`.
    pub fn step(&mut self, net: &mut Network, grad: &mut [f64]) {
        if self.l1 != 0.0 || self.l2 != 0.0 {
            for l in 0..net.layers() {
                let range = net.weight_range(l);
                let weights = &net.params()[range.clone()];
                for (g, &w) in grad[range].iter_mut().zip(weights) {
                    *g += self.l2 * w + self.l1 * sign(w);
                }
            }
        }
        if !self.train_biases {
            for l in 0..net.layers() {
                let start = net.weight_range(l).end;
                let n_out = net.sizes()[l + 1];
                grad[start..start + n_out].fill(0.0);
            }
        }
        self.steps += 1;
        let lr = self.learning_rate;
        let params = net.params_mut();
        match self.kind {
            OptimizerKind::Sgd => {
                for (w, g) in params.iter_mut().zip(grad.iter()) {
                    *w -= lr * g;
                }
            }
            OptimizerKind::Momentum => {
                let mu = self.momentum;
                for ((w, g), v) in params.iter_mut().zip(grad.iter()).zip(&mut self.velocity) {
                    *v = mu * *v - lr * g;
                    *w += *v;
                }
            }
            OptimizerKind::Adam => {
                let t = self.steps.min(i32::MAX as u64) as i32;
                let c1 = 1.0 - BETA1.powi(t);
                let c2 = 1.0 - BETA2.powi(t);
                let iter = params
                    .iter_mut()
                    .zip(grad.iter())
                    .zip(self.velocity.iter_mut().zip(self.second.iter_mut()));
                for ((w, &g), (m, v)) in iter {
                    *m = BETA1 * *m + (1.0 - BETA1) * g;
                    *v = BETA2 * *v + (1.0 - BETA2) * g * g;
                    *w -= lr * (*m / c1) / ((*v / c2).sqrt() + EPSILON);
                }
            }
        }
    }
}

fn sign(w: f64) -> f64 {
    if w > 0.0 {
        1.0
    } else if w < 0.0 {
        -1.0
    } else {
        0.0
    }
}
