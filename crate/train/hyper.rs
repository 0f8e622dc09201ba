//! The hyper-parameters of training: the update rule, its rates, the batch size and how gradients
//! are obtained. They act on the next step and reset nothing, so they live in one plain value that
//! the trainer owns and the optimiser reads at each step.

use crate::base::names::Named;

/// Which update rule turns a gradient into a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptimizerKind {
    /// `w ← w − η g`.
    Sgd,
    /// `v ← μ v − η g; w ← w + v` (heavy ball, μ = [`Hyper::momentum`]).
    Momentum,
    /// Adam (Kingma & Ba) with bias-corrected moment estimates.
    Adam,
}

impl Named for OptimizerKind {
    const ALL: &'static [OptimizerKind] = &[
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Adam,
    ];

    fn name(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::Adam => "adam",
        }
    }
}
crate::serde_by_name!(OptimizerKind);

/// How the gradient is obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Analytic backpropagation.
    Backprop,
    /// Central finite differences, one pair of forward passes per parameter (how the line lesson checks its gradient).
    Numeric,
}

impl Named for Method {
    const ALL: &'static [Method] = &[Method::Backprop, Method::Numeric];

    fn name(self) -> &'static str {
        match self {
            Method::Backprop => "backprop",
            Method::Numeric => "numeric",
        }
    }
}
crate::serde_by_name!(Method);

/// The number type training computes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// Single precision: four values per SIMD vector and a fast rational `tanh` (error bounds in
    /// [`crate::math::float`]); free play's default. Numeric gradients still run in `f64`.
    F32,
    /// Double precision: the lessons, gradient checks and numeric gradients.
    F64,
}

impl Named for Precision {
    const ALL: &'static [Precision] = &[Precision::F32, Precision::F64];

    fn name(self) -> &'static str {
        match self {
            Precision::F32 => "f32",
            Precision::F64 => "f64",
        }
    }
}
crate::serde_by_name!(Precision);

/// The learning rates a setting may take (the page's slider spans them, and a search tries them):
/// η = 0 would train nothing, so it is refused like any rate outside.
pub const LEARNING_RATES: (f64, f64) = (1e-4, 10.0);

/// The settings that act on the next step and reset nothing. Their one home is the trainer
/// (`Trainer::hyper`); the playground's `config()` reads them from there.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hyper {
    /// η, the step size.
    pub learning_rate: f64,
    /// Examples per update; 0 means the whole training set.
    pub batch_size: usize,
    /// The update rule.
    pub optimizer: OptimizerKind,
    /// μ for [`OptimizerKind::Momentum`].
    pub momentum: f64,
    /// Rate of the L1 penalty `λ₁ Σ |w|` on weights (biases are not penalised).
    pub l1: f64,
    /// Rate of the L2 penalty `½ λ₂ Σ w²` on weights.
    pub l2: f64,
    /// Analytic or numeric gradients.
    pub method: Method,
    /// The number type backpropagation trains in (switching keeps the weights, rounded or
    /// widened, and restarts the update rule's state).
    pub precision: Precision,
}

impl Hyper {
    /// Plain SGD with backpropagation, no regularisation.
    pub fn sgd(learning_rate: f64, batch_size: usize) -> Hyper {
        Hyper {
            learning_rate,
            batch_size,
            optimizer: OptimizerKind::Sgd,
            momentum: 0.9,
            l1: 0.0,
            l2: 0.0,
            method: Method::Backprop,
            precision: Precision::F64,
        }
    }
}
