//! Parameter updates: plain SGD, momentum and Adam, with L1/L2 regularisation of the weights.
//!
//! The optimiser keeps its state (velocity, moment estimates) in buffers laid out like the network's
//! parameters. The rule and its rates are the trainer's [`Hyper`] settings, passed to each step.

use crate::math::float::Float;
use crate::model::network::Network;
use crate::train::hyper::{Hyper, OptimizerKind};

/// The state of an update rule (velocity, moment estimates) and which parameters learn. The rule and
/// its hyper-parameters arrive with each step ([`Hyper`]), so changing them resets nothing but a
/// switch of rule, whose state means nothing to the new one.
#[derive(Clone, Debug)]
pub struct Optimizer<F = f64> {
    /// Whether biases learn; `false` keeps them where they are (the bias-free neurons of the
    /// one-neuron lessons).
    pub train_biases: bool,
    /// The rule `velocity` and `second` belong to.
    kind: OptimizerKind,
    velocity: Vec<F>,
    second: Vec<F>,
    steps: u64,
}

const BETA1: f64 = 0.9;
const BETA2: f64 = 0.999;
const EPSILON: f64 = 1e-8;

impl<F: Float> Optimizer<F> {
    /// A fresh optimiser for `n_params` parameters.
    pub fn new(n_params: usize) -> Optimizer<F> {
        Optimizer {
            train_biases: true,
            kind: OptimizerKind::Sgd,
            velocity: vec![F::ZERO; n_params],
            second: vec![F::ZERO; n_params],
            steps: 0,
        }
    }

    /// Forgets the accumulated state (after new weights or a new shape).
    pub fn reset(&mut self, n_params: usize) {
        self.velocity.clear();
        self.velocity.resize(n_params, F::ZERO);
        self.second.clear();
        self.second.resize(n_params, F::ZERO);
        self.steps = 0;
    }

    /// Adds the regularisation terms to `grad` (weights only) and applies one update to `net` by
    /// the rule and rates of `h`.
    pub fn step(&mut self, net: &mut Network<F>, grad: &mut [F], h: &Hyper) {
        if self.kind != h.optimizer {
            self.kind = h.optimizer;
            self.reset(net.params().len());
        }
        if h.l1 != 0.0 || h.l2 != 0.0 {
            let (l1, l2) = (F::from_f64(h.l1), F::from_f64(h.l2));
            for l in 0..net.layers() {
                let range = net.weight_range(l);
                let weights = &net.params()[range.clone()];
                for (g, &w) in grad[range].iter_mut().zip(weights) {
                    *g += l2 * w + l1 * sign(w);
                }
            }
        }
        if !self.train_biases {
            for l in 0..net.layers() {
                let start = net.weight_range(l).end;
                let n_out = net.sizes()[l + 1];
                grad[start..start + n_out].fill(F::ZERO);
            }
        }
        self.steps += 1;
        let lr = F::from_f64(h.learning_rate);
        let params = net.params_mut();
        match self.kind {
            OptimizerKind::Sgd => {
                for (w, g) in params.iter_mut().zip(grad.iter()) {
                    *w -= lr * *g;
                }
            }
            OptimizerKind::Momentum => {
                let mu = F::from_f64(h.momentum);
                for ((w, g), v) in params.iter_mut().zip(grad.iter()).zip(&mut self.velocity) {
                    *v = mu * *v - lr * *g;
                    *w += *v;
                }
            }
            OptimizerKind::Adam => {
                let t = self.steps.min(i32::MAX as u64) as i32;
                let c1 = F::from_f64(1.0 - BETA1.powi(t));
                let c2 = F::from_f64(1.0 - BETA2.powi(t));
                let (b1, b2, eps) = (F::from_f64(BETA1), F::from_f64(BETA2), F::from_f64(EPSILON));
                let (rest1, rest2) = (F::from_f64(1.0 - BETA1), F::from_f64(1.0 - BETA2));
                let iter = params
                    .iter_mut()
                    .zip(grad.iter())
                    .zip(self.velocity.iter_mut().zip(self.second.iter_mut()));
                for ((w, &g), (m, v)) in iter {
                    *m = b1 * *m + rest1 * g;
                    *v = b2 * *v + rest2 * g * g;
                    *w -= lr * (*m / c1) / ((*v / c2).sqrt() + eps);
                }
            }
        }
    }
}

fn sign<F: Float>(w: F) -> F {
    if w > F::ZERO {
        F::ONE
    } else if w < F::ZERO {
        -F::ONE
    } else {
        F::ZERO
    }
}
