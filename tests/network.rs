//! Native tests of the network: gradients against finite differences, the tutorials' tasks, determinism.

use scratchnet::base::names::Named;
use scratchnet::data::dataset::{Dataset, Generator, Task};
use scratchnet::math::rng;
use scratchnet::model::activation::Activation;
use scratchnet::model::loss::{Loss, OutputActivation};
use scratchnet::model::network::{simple, Init, Network};
use scratchnet::train::hyper::{Method, OptimizerKind};
use scratchnet::train::targets::encode_target;
use scratchnet::train::trainer::Trainer;

const HIDDEN: [Activation; 4] = [
    Activation::Sigmoid,
    Activation::Tanh,
    Activation::Relu,
    Activation::Linear,
];

/// Every (loss, output activation) pair the library accepts.
fn loss_pairs() -> Vec<(Loss, OutputActivation)> {
    let outputs = [
        OutputActivation::Plain(Activation::Sigmoid),
        OutputActivation::Plain(Activation::Tanh),
        OutputActivation::Plain(Activation::Relu),
        OutputActivation::Plain(Activation::Linear),
        OutputActivation::Softmax,
    ];
    let mut pairs = Vec::new();
    for &loss in Loss::ALL {
        for out in outputs {
            if loss.check_output(out, 3).is_ok() {
                pairs.push((loss, out));
            }
        }
    }
    pairs
}

/// Random inputs and targets valid for `out` (probabilities for cross-entropy, one-hot for softmax).
fn random_batch(net: &Network, out: OutputActivation, n: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let mut r = rng::seeded(seed);
    let (ni, no) = (net.inputs(), net.outputs());
    let xs: Vec<f64> = (0..n * ni)
        .map(|_| rng::uniform(&mut r, -1.0, 1.0))
        .collect();
    let mut ts = vec![0.0; n * no];
    for t in ts.chunks_exact_mut(no) {
        let class = rng::index(&mut r, no.max(2)) as f64;
        let task = if out == OutputActivation::Plain(Activation::Linear) {
            Task::Regression
        } else {
            Task::Classification
        };
        encode_target(net, task, class, t);
    }
    (xs, ts)
}

#[test]
fn whole_network_gradient_matches_finite_differences_for_every_activation_and_loss() {
    let mut checked = 0;
    for (loss, out) in loss_pairs() {
        for hidden in HIDDEN {
            for (seed, sizes) in [
                (1u64, vec![3, 5, 4, 3]),
                (2, vec![2, 6, 3]),
                (3, vec![4, 3]),
            ] {
                let mut net = Network::new(&sizes, &[hidden], out, Init::Auto, seed).unwrap();
                let (xs, ts) = random_batch(&net, out, 4, seed + 10);
                let diff = net.gradient_check(&xs, &ts, loss);
                assert!(
                    diff < 1e-6,
                    "{loss:?} / {hidden:?} hidden / {out:?} out / {sizes:?}: relative difference {diff:e}"
                );
                checked += 1;
            }
        }
    }
    // 4 hidden activations × (4 squared-error outputs + BCE/sigmoid + softmax CE) × 3 shapes.
    assert_eq!(checked, 4 * 6 * 3);
}

/// The line lesson's experiment in its own coordinates: the unit square, labels 1 above y = x.
fn unit_square_line(count: usize, seed: u64) -> Dataset {
    let mut d = Dataset::generate(Generator::Line, count, 0.0, seed, 2);
    for v in d.xs.iter_mut() {
        *v = (*v + 1.0) / 2.0;
    }
    d
}

#[test]
fn seed_004_line_task_learns_to_98_percent() {
    let net = Network::new(
        &[2, 5, 1],
        &[Activation::Sigmoid],
        OutputActivation::Plain(Activation::Sigmoid),
        Init::Uniform01,
        4,
    )
    .unwrap();
    let train = unit_square_line(10_000, 40);
    let test = unit_square_line(2_000, 41);
    let mut trainer = Trainer::new(net, Loss::SquaredError, 2.0, 1, 4);
    trainer.train_epoch(&train).unwrap();
    let m = trainer.evaluate(&test);
    assert!(m.accuracy >= 0.98, "held-out accuracy {}", m.accuracy);
    let below = trainer.predict(&[0.5, 0.1])[0];
    let above = trainer.predict(&[0.3, 0.7])[0];
    assert!(below < 0.1, "(0.5, 0.1) predicted {below}");
    assert!(above > 0.9, "(0.3, 0.7) predicted {above}");
}

fn xor_table() -> Dataset {
    Dataset::from_rows(
        Task::Classification,
        &[
            (&[0.0, 0.0], 0.0),
            (&[0.0, 1.0], 1.0),
            (&[1.0, 0.0], 1.0),
            (&[1.0, 1.0], 0.0),
        ],
    )
}

#[test]
fn xor_needs_a_hidden_layer() {
    let data = xor_table();
    // No hidden layer: a single line can separate at most 3 of the 4 corners.
    for seed in 0..5 {
        let net = Network::new(
            &[2, 1],
            &[],
            OutputActivation::Plain(Activation::Sigmoid),
            Init::Auto,
            seed,
        )
        .unwrap();
        let mut t = Trainer::new(net, Loss::BinaryCrossEntropy, 0.5, 0, seed);
        for _ in 0..3000 {
            t.train_epoch(&data);
        }
        let acc = t.evaluate(&data).accuracy;
        assert!(acc <= 0.75, "seed {seed}: single layer reached {acc}");
    }
    let net = simple(&[2, 4, 1], Activation::Tanh, Activation::Sigmoid, 7).unwrap();
    let mut t = Trainer::new(net, Loss::BinaryCrossEntropy, 0.5, 0, 7);
    for _ in 0..3000 {
        t.train_epoch(&data);
    }
    assert_eq!(t.evaluate(&data).accuracy, 1.0);
}

#[test]
fn same_seed_gives_identical_weights_after_training() {
    let run = |seed: u64, kind: OptimizerKind| {
        let net = simple(&[2, 8, 8, 1], Activation::Tanh, Activation::Tanh, seed).unwrap();
        let data = Dataset::generate(Generator::Spiral, 200, 0.1, seed, 2);
        let mut t = Trainer::new(net, Loss::SquaredError, 0.03, 10, seed);
        t.hyper.optimizer = kind;
        for _ in 0..20 {
            t.train_epoch(&data);
        }
        t.network().params().to_vec()
    };
    for kind in [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Adam,
    ] {
        let (a, b) = (run(9, kind), run(9, kind));
        assert!(
            a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()),
            "{kind:?}"
        );
        assert_ne!(a, run(10, kind), "{kind:?}: a different seed must differ");
    }
}

#[test]
fn every_optimizer_and_batch_size_lowers_the_loss() {
    let data = Dataset::generate(Generator::Circle, 200, 0.0, 3, 2);
    for kind in [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Adam,
    ] {
        for batch in [1, 10, 0] {
            let net = simple(&[2, 6, 1], Activation::Tanh, Activation::Sigmoid, 1).unwrap();
            // Momentum's effective step is η / (1 − μ) = 10 η.
            let lr = match kind {
                OptimizerKind::Sgd => 0.3,
                OptimizerKind::Momentum => 0.03,
                OptimizerKind::Adam => 0.02,
            };
            let mut t = Trainer::new(net, Loss::BinaryCrossEntropy, lr, batch, 1);
            t.hyper.optimizer = kind;
            let before = t.evaluate(&data).loss;
            // Full batch takes one update per epoch: give it a comparable number of updates.
            let epochs = if batch == 0 { 1000 } else { 100 };
            for _ in 0..epochs {
                t.train_epoch(&data);
            }
            let after = t.evaluate(&data).loss;
            assert!(
                after < 0.7 * before,
                "{kind:?} batch {batch}: {before} → {after}"
            );
        }
    }
}

#[test]
fn numeric_training_follows_backprop() {
    let data = Dataset::generate(Generator::Line, 50, 0.0, 5, 2);
    let make = |method| {
        let net = simple(&[2, 3, 1], Activation::Sigmoid, Activation::Sigmoid, 5).unwrap();
        let mut t = Trainer::new(net, Loss::SquaredError, 0.5, 5, 5);
        t.hyper.method = method;
        for _ in 0..5 {
            t.train_epoch(&data);
        }
        t.network().params().to_vec()
    };
    let (a, n) = (make(Method::Backprop), make(Method::Numeric));
    for (x, y) in a.iter().zip(&n) {
        assert!((x - y).abs() < 1e-6, "{x} vs {y}");
    }
}

#[test]
fn regularization_shrinks_weights() {
    let data = Dataset::generate(Generator::Gaussians, 100, 0.0, 2, 2);
    let norm = |l2: f64, l1: f64| {
        let net = simple(&[2, 8, 1], Activation::Tanh, Activation::Sigmoid, 2).unwrap();
        let mut t = Trainer::new(net, Loss::BinaryCrossEntropy, 0.1, 10, 2);
        t.hyper.l2 = l2;
        t.hyper.l1 = l1;
        for _ in 0..50 {
            t.train_epoch(&data);
        }
        t.network().params().iter().map(|w| w * w).sum::<f64>()
    };
    let plain = norm(0.0, 0.0);
    assert!(norm(0.05, 0.0) < 0.8 * plain);
    assert!(norm(0.0, 0.01) < 0.8 * plain);
}

#[test]
fn learning_rate_changes_without_reset() {
    let data = Dataset::generate(Generator::Line, 100, 0.0, 8, 2);
    let net = simple(&[2, 4, 1], Activation::Tanh, Activation::Sigmoid, 8).unwrap();
    let mut t = Trainer::new(net, Loss::BinaryCrossEntropy, 0.1, 10, 8);
    t.train_epoch(&data);
    let before = t.network().params().to_vec();
    let epoch = t.epoch();
    t.hyper.learning_rate = 0.0;
    t.train_epoch(&data);
    assert_eq!(
        t.network().params(),
        &before[..],
        "η = 0 must leave the weights unchanged"
    );
    assert_eq!(t.epoch(), epoch + 1);
    t.hyper.learning_rate = 0.5;
    t.train_epoch(&data);
    assert_ne!(t.network().params(), &before[..]);
}

#[test]
fn bad_shapes_are_refused_with_the_field_named() {
    let out = OutputActivation::Plain(Activation::Sigmoid);
    let e = Network::<f64>::new(&[2, 65, 1], &[Activation::Tanh], out, Init::Auto, 0).unwrap_err();
    assert!(e.contains("layers[1]") && e.contains("65"), "{e}");
    let e = Network::<f64>::new(&[9, 1], &[], out, Init::Auto, 0).unwrap_err();
    assert!(e.contains("layers[0]"), "{e}");
    let e = Network::<f64>::new(
        &[2, 3, 3, 3, 3, 3, 3, 3, 1],
        &[Activation::Tanh],
        out,
        Init::Auto,
        0,
    )
    .unwrap_err();
    assert!(e.contains("hidden"), "{e}");
}

/// The reference the fast paths must reproduce: per example `forward` then `backward` into a zeroed
/// gradient, a mean over the batch, then `w ← w − η·g`.
fn reference_sgd_epoch(
    net: &mut Network,
    xs: &[f64],
    ts: &[f64],
    batch: usize,
    rate: f64,
    loss: Loss,
) {
    let (ni, no) = (net.inputs(), net.outputs());
    let mut ws = net.workspace();
    for (bx, bt) in xs.chunks(batch * ni).zip(ts.chunks(batch * no)) {
        ws.grad.fill(0.0);
        for (x, t) in bx.chunks_exact(ni).zip(bt.chunks_exact(no)) {
            net.forward(&mut ws, x);
            net.backward(&mut ws, t, loss);
        }
        let n = (bx.len() / ni) as f64;
        let grad: Vec<f64> = ws
            .grad
            .iter()
            .map(|g| if n == 1.0 { *g } else { g / n })
            .collect();
        for (w, g) in net.params_mut().iter_mut().zip(&grad) {
            *w -= rate * g;
        }
    }
}

#[test]
fn sgd_epoch_fast_paths_equal_the_per_example_reference_bit_for_bit() {
    for hidden in HIDDEN {
        for (loss, out) in loss_pairs() {
            for batch in [1, 4, 7, 64] {
                let mut fast = Network::new(&[3, 6, 5, 3], &[hidden], out, Init::Auto, 5).unwrap();
                let mut slow = fast.clone();
                let (xs, ts) = random_batch(&fast, out, 50, 9);
                let mut ws = fast.workspace();
                for _ in 0..3 {
                    scratchnet::train::sgd::sgd_epoch(
                        &mut fast, &mut ws, &xs, &ts, batch, 0.05, loss,
                    );
                    reference_sgd_epoch(&mut slow, &xs, &ts, batch, 0.05, loss);
                }
                let bits = |n: &Network| n.params().iter().map(|w| w.to_bits()).collect::<Vec<_>>();
                assert_eq!(
                    bits(&fast),
                    bits(&slow),
                    "{hidden:?} {loss:?} {out:?} batch {batch}"
                );
            }
        }
    }
}

/// The largest difference between two parameter lists, relative to the larger magnitude (at least 1).
fn drift(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs() / x.abs().max(y.abs()).max(1.0))
        .fold(0.0, f64::max)
}

#[test]
fn f32_sgd_tracks_f64_for_every_activation_loss_shape_and_batch() {
    // Narrow and wide layers, more inputs than neurons and fewer, one neuron wide, more than one
    // group of eight lanes ([2, 9, 1]).
    let shapes: [&[usize]; 6] = [
        &[2, 5, 1],
        &[3, 6, 5, 3],
        &[2, 8, 8, 1],
        &[8, 3, 8, 2],
        &[4, 1, 1],
        &[2, 9, 1],
    ];
    let mut worst = 0.0f64;
    // Online (batch 1), and mini-batches of 7 over 40 examples (a short last batch of 5).
    for (sizes, batch) in shapes.into_iter().flat_map(|s| [(s, 1), (s, 7)]) {
        let no = sizes[sizes.len() - 1];
        for hidden in HIDDEN {
            for (loss, out) in loss_pairs() {
                if loss.check_output(out, no).is_err() {
                    continue;
                }
                let mut wide = Network::new(sizes, &[hidden], out, Init::Auto, 5).unwrap();
                let mut single: Network<f32> =
                    Network::new(sizes, &[hidden], out, Init::Auto, 5).unwrap();
                let (xs, ts) = random_batch(&wide, out, 40, 9);
                let to32 = |v: &[f64]| v.iter().map(|&x| x as f32).collect::<Vec<f32>>();
                let (xs32, ts32) = (to32(&xs), to32(&ts));
                let (mut ws, mut ws32) = (wide.workspace(), single.workspace());
                let (mut l64, mut l32) = (0.0, 0.0f32);
                for _ in 0..3 {
                    l64 = scratchnet::train::sgd::sgd_epoch(
                        &mut wide, &mut ws, &xs, &ts, batch, 0.05, loss,
                    );
                    l32 = scratchnet::train::sgd::sgd_epoch(
                        &mut single,
                        &mut ws32,
                        &xs32,
                        &ts32,
                        batch,
                        0.05,
                        loss,
                    );
                }
                let p32: Vec<f64> = single.params().iter().map(|&w| f64::from(w)).collect();
                let d = drift(&p32, wide.params());
                let what = format!("{sizes:?} batch {batch} {hidden:?} {loss:?} {out:?}");
                assert!(d < 1e-4, "{what}: weights drifted {d}");
                assert!(
                    (f64::from(l32) - l64).abs() <= 1e-4 * l64.abs().max(1.0),
                    "{what}: loss {l32} against {l64}"
                );
                worst = worst.max(d);
                if batch > 1 {
                    continue;
                }
                // One example at a time through `sgd_example` gives the epoch's bits.
                let mut again: Network<f32> =
                    Network::new(sizes, &[hidden], out, Init::Auto, 5).unwrap();
                let mut ws = again.workspace();
                for _ in 0..3 {
                    for (x, t) in xs32.chunks_exact(sizes[0]).zip(ts32.chunks_exact(no)) {
                        again.sgd_example(&mut ws, x, t, loss, 0.05);
                    }
                }
                assert_eq!(again.params(), single.params(), "{what}");
            }
        }
    }
    // f32 rounding and the rational tanh over 120 steps stay well inside 10⁻⁴.
    assert!(
        worst > 0.0,
        "f32 and f64 gave identical weights: is f32 training at all?"
    );
}

#[test]
fn an_infinite_sum_in_f32_training_stays_in_its_own_neuron() {
    // [3, 2, 1] tanh, in f32: neuron 0's sum overflows f32 (10³⁰ · 10³⁰); neuron 1's is 0.5.
    // Training must give what the forward pass gives (neuron 0 saturated, neuron 1 finite), not NaN
    // in every neuron of the layer.
    let tanh = Activation::Tanh;
    let mut net: Network<f32> = Network::new(
        &[3, 2, 1],
        &[tanh],
        OutputActivation::Plain(tanh),
        Init::Auto,
        1,
    )
    .unwrap();
    #[rustfmt::skip]
    let params = [
        1e30, 0.0, 0.0, // neuron 0
        0.0, 0.0, 0.5, // neuron 1
        0.0, 0.0, // biases
        0.5, 0.5, 0.0, // output weights and bias
    ];
    net.set_params(&params).unwrap();
    let (x, t) = ([1e30f32, 0.0, 1.0], [0.25f32]);
    let mut ws = net.workspace();
    let out = net.forward(&mut ws, &x)[0];
    assert!(out.is_finite(), "general forward pass: {out}");
    let expected = 0.5 * (out - t[0]) * (out - t[0]);
    let loss = net.sgd_example(&mut ws, &x, &t, Loss::SquaredError, 0.1);
    assert_eq!(
        loss, expected,
        "the kernel's loss against the general pass's"
    );
}

#[test]
fn new_weights_drop_a_step_under_way_in_either_precision() {
    use scratchnet::train::hyper::Precision;
    use scratchnet::train::trainer::Step;
    let data = Dataset::generate(Generator::Line, 40, 0.0, 3, 2);
    for precision in [Precision::F64, Precision::F32] {
        let make = || {
            let net = Network::new(
                &[2, 4, 1],
                &[Activation::Tanh],
                OutputActivation::Plain(Activation::Sigmoid),
                Init::Auto,
                5,
            )
            .unwrap();
            let mut t = Trainer::new(net, Loss::BinaryCrossEntropy, 0.1, 0, 9);
            t.hyper.precision = precision;
            t
        };
        let fresh_params: Vec<f64> = make().network().params().iter().map(|w| w * 0.5).collect();
        // A full-batch step spread over calls, interrupted by new weights.
        let mut t = make();
        let mut budget = 8;
        assert_eq!(t.step_part(&data, &mut budget), Step::Partial);
        t.set_params(&fresh_params).unwrap();
        t.step(&data).unwrap();
        // The same weights set before any step was under way.
        let mut u = make();
        u.set_params(&fresh_params).unwrap();
        u.step(&data).unwrap();
        assert_eq!(t.network().params(), u.network().params(), "{precision:?}");
    }
}
