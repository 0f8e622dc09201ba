//! What the tutorials are made of: their data tables, the planes their data are drawn on, and
//! their fixed networks and trainers.

use crate::app::scene::Plane;
use crate::data::dataset::{Dataset, Task};
use crate::model::activation::Activation;
use crate::model::loss::{Loss, OutputActivation};
use crate::model::network::{Init, Network};
use crate::train::trainer::Trainer;

/// The `line` lesson's unit square drawn on the plane.
pub(super) fn unit_square() -> Plane {
    Plane {
        scale: 0.5,
        offset: 0.5,
        span: 1.0,
    }
}

/// Truth-table inputs 0 and 1 drawn at ±⅔ of the plane.
pub(super) fn truth_table() -> Plane {
    Plane {
        scale: 0.75,
        offset: 0.5,
        span: 1.0,
    }
}

pub(super) fn table(rows: &[(&[f64], f64)]) -> Dataset {
    Dataset::from_rows(Task::Classification, rows)
}

pub(super) const AND: [(&[f64], f64); 4] = [
    (&[0.0, 0.0], 0.0),
    (&[0.0, 1.0], 0.0),
    (&[1.0, 0.0], 0.0),
    (&[1.0, 1.0], 1.0),
];
pub(super) const XOR: [(&[f64], f64); 4] = [
    (&[0.0, 0.0], 0.0),
    (&[0.0, 1.0], 1.0),
    (&[1.0, 0.0], 1.0),
    (&[1.0, 1.0], 0.0),
];

/// A lesson's fixed network. Its shape is valid by construction; the panic shows the message as
/// text (an `expect` would link the `Debug` string escaper into the wasm for it).
pub(super) fn network(
    sizes: &[usize],
    hidden: &[Activation],
    output: Activation,
    init: Init,
    seed: u64,
) -> Network {
    Network::new(sizes, hidden, OutputActivation::Plain(output), init, seed)
        .unwrap_or_else(|e| panic!("lesson network: {e}"))
}

pub(super) fn perceptron(seed: u64) -> Trainer {
    let net = network(&[2, 1], &[], Activation::Step, Init::Xavier, seed);
    // η = 0.3 converged within 100 random steps on all of 200 seeds tried (0.1: 10 failed).
    let mut t = Trainer::new(net, Loss::SquaredError, 0.3, 1, seed);
    t.random_sampling = true;
    t
}

pub(super) fn one_neuron(inputs: usize, rows: usize, seed: u64) -> Trainer {
    let net = network(&[inputs, 1], &[], Activation::Sigmoid, Init::Xavier, seed);
    // The tutorials add up the example gradients (no mean): a rate of `rows` on our mean does the same.
    let mut t = Trainer::new(net, Loss::SquaredError, rows as f64, 0, seed);
    t.set_train_biases(false);
    t
}

/// Updates one run of the vanishing-gradients lesson makes.
pub(super) const DEEP_RUN_STEPS: u64 = 3_000;
/// The activations the vanishing-gradients lesson compares.
pub(super) const DEEP_ACTIVATIONS: [Activation; 3] =
    [Activation::Sigmoid, Activation::Tanh, Activation::Relu];

/// The vanishing-gradients lesson's network: six hidden layers of 8 with `activation`, a sigmoid
/// output, weights scaled for the activation (Xavier, He for ReLU), mini-batches of 10 at η = 0.1
/// on cross-entropy.
pub(super) fn deep_network(activation: Activation, seed: u64) -> Trainer {
    let net = network(
        &[2, 8, 8, 8, 8, 8, 8, 1],
        &[activation; 6],
        Activation::Sigmoid,
        Init::Auto,
        seed,
    );
    Trainer::new(net, Loss::BinaryCrossEntropy, 0.1, 10, seed)
}
