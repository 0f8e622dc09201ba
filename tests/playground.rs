//! Native tests of the playground state the page drives.

mod common;

use common::change;
use scratchnet::app::config::Change;
use scratchnet::app::playground::Playground;
use scratchnet::base::names::Named;

/// Trains `calls` × `steps` steps; the first error (divergence), if any.
fn first_failure(pg: &mut Playground, calls: usize, steps: u32) -> Option<String> {
    (0..calls).find_map(|_| pg.train(steps).err())
}

fn set(pg: &mut Playground, json: &str) -> Result<(), String> {
    pg.set(&change(json), None).map(|_| ())
}

#[test]
fn default_scene_learns_the_line() {
    let mut pg = Playground::new(&Change::default()).unwrap();
    assert_eq!(pg.config().setup.dataset.name(), "line");
    for _ in 0..200 {
        pg.train_epoch().unwrap();
    }
    let (_, test) = pg.scene.evaluate();
    assert!(test.accuracy >= 0.95, "test accuracy {}", test.accuracy);
    assert!(pg.scene.value_at(-0.5, 0.5) > 0.5 && pg.scene.value_at(0.5, -0.5) < 0.5);
}

#[test]
fn bad_settings_are_refused_and_change_nothing() {
    let mut pg = Playground::new(&Change::default()).unwrap();
    let before = pg.config().clone();
    let err = set(&mut pg, r#"{"learningRate": 0.5, "noise": 7}"#).unwrap_err();
    assert!(err.contains("noise") && err.contains('7'), "{err}");
    assert_eq!(pg.config(), before, "all or nothing");
    let err = common::decode::<Change>(r#"{"colour": "red"}"#).unwrap_err();
    assert!(err.contains("unknown field `colour`"), "{err}");
}

#[test]
fn divergence_is_caught_and_the_weights_restored() {
    let mut pg = Playground::new(&change(r#"{"loss": "squaredError", "outputActivation": "linear", "hiddenActivation": "relu", "learningRate": 10, "batchSize": 1}"#))
    .unwrap();
    let why = first_failure(&mut pg, 100, 50).expect("η = 10 on a linear output must diverge");
    assert!(
        why.contains("diverged") && why.contains("learning rate"),
        "{why}"
    );
    assert!(why.contains("try a learning rate below 1."), "{why}");
    assert!(pg.scene.network().params().iter().all(|w| w.is_finite()));
    assert!(
        pg.train(1).is_err(),
        "training stays paused until something changes"
    );
    set(&mut pg, r#"{"learningRate": 0.001}"#).unwrap();
    pg.reset();
    assert!(pg.train(10).unwrap().is_finite());
}

#[test]
fn point_edits_undo_in_order() {
    let mut pg = Playground::new(&change(r#"{"points": 10}"#)).unwrap();
    let start = pg.export_points();
    pg.add_point(0.1, 0.2, 1.0).unwrap();
    pg.add_point(-0.3, 0.4, 0.0).unwrap();
    assert!(pg.remove_nearest(0.1, 0.21, 0.1));
    let id = pg.pick(-0.3, 0.4, 0.05).unwrap();
    pg.move_point(id, 0.5, 0.5, true).unwrap();
    pg.clear();
    assert_eq!(pg.scene.train.len() + pg.scene.test.len(), 0);
    for _ in 0..5 {
        assert!(pg.undo());
    }
    assert_eq!(pg.export_points(), start);
    assert!(pg.add_point(1.5, 0.0, 1.0).unwrap_err().contains("x: 1.5"));
    assert!(pg.add_point(0.0, 0.0, 2.0).unwrap_err().contains("label"));
}

#[test]
fn learning_rate_is_live_and_reset_keeps_points() {
    let mut pg = Playground::new(&Change::default()).unwrap();
    set(&mut pg, r#"{"batchSize": 0}"#).unwrap();
    pg.train(20).unwrap();
    let (weights, steps) = (pg.scene.network().params().to_vec(), pg.scene.steps());
    let lr = pg.config().hyper.learning_rate;
    let mut faster = pg.clone();
    set(&mut faster, &format!(r#"{{"learningRate": {}}}"#, lr * 4.0)).unwrap();
    assert_eq!(
        faster.scene.network().params(),
        &weights[..],
        "changing η keeps the weights"
    );
    pg.train(1).unwrap();
    faster.train(1).unwrap();
    // Plain SGD on the whole set: the very next step moves each weight 4 times as far.
    for ((w, a), b) in weights
        .iter()
        .zip(pg.scene.network().params())
        .zip(faster.scene.network().params())
    {
        let (slow, fast) = (a - w, b - w);
        assert!(
            (fast - 4.0 * slow).abs() <= 1e-9 + 1e-4 * fast.abs(),
            "{slow} then {fast}"
        );
    }
    assert_eq!(pg.scene.steps(), steps + 1);
    let points = pg.export_points();
    pg.reset();
    assert_eq!(pg.scene.epoch(), 0);
    assert_eq!(pg.export_points(), points);
}

#[test]
fn a_learning_rate_that_trains_nothing_is_refused_by_name() {
    let mut pg = Playground::new(&Change::default()).unwrap();
    let before = pg.config().hyper.learning_rate;
    for bad in ["0", "1e-400", "0.00001", "-1", "11"] {
        let e = set(&mut pg, &format!(r#"{{"learningRate": {bad}}}"#)).unwrap_err();
        assert!(
            e.starts_with("learningRate:") && e.contains("0.0001"),
            "{bad}: {e}"
        );
        assert_eq!(pg.config().hyper.learning_rate, before);
    }
    set(&mut pg, r#"{"learningRate": 0.0001}"#).unwrap();
}

#[test]
fn boundary_grid_has_the_documented_layout() {
    let mut pg = Playground::new(&Change::default()).unwrap();
    for _ in 0..100 {
        pg.train_epoch().unwrap();
    }
    pg.scene.compute_boundary(64, 0..64).unwrap();
    let p = pg.scene.boundary_values();
    assert_eq!(p.len(), 64 * 64);
    assert_eq!(pg.scene.boundary_rgba().len(), 64 * 64 * 4);
    // Top-left cell is above y = x (class 1, blue); bottom-right is below (class 0, orange).
    assert!(p[0] > 0.5 && p[64 * 64 - 1] < 0.5);
    let top_left = &pg.scene.boundary_rgba()[0..3];
    assert!(
        top_left[2] > top_left[0],
        "blue dominates in class 1: {top_left:?}"
    );
    assert!(pg
        .scene
        .compute_boundary(1, 0..1)
        .unwrap_err()
        .contains("resolution"));
}

#[test]
fn a_boundary_filled_in_bands_equals_one_filled_at_once() {
    let mut pg = Playground::new(&Change::default()).unwrap();
    for _ in 0..20 {
        pg.train_epoch().unwrap();
    }
    pg.scene.compute_boundary(37, 0..37).unwrap();
    let (whole, pixels) = (
        pg.scene.boundary_values().to_vec(),
        pg.scene.boundary_rgba().to_vec(),
    );
    // Another picture first, so that every band must really be recomputed.
    pg.scene.compute_boundary(8, 0..8).unwrap();
    for (start, end) in [(0, 5), (5, 6), (6, 30), (30, 37)] {
        pg.scene.compute_boundary(37, start..end).unwrap();
    }
    assert_eq!(pg.scene.boundary_values(), &whole[..]);
    assert_eq!(pg.scene.boundary_rgba(), &pixels[..]);
    // A band outside the grid is refused with the rows named, and the grid is left as it was.
    let e = pg.scene.compute_boundary(37, 30..38).unwrap_err();
    assert!(e.contains("rows: 30..38"), "{e}");
    assert_eq!(pg.scene.boundary_values(), &whole[..]);
}

#[test]
fn the_seed_draws_points_and_weights_whatever_the_order_of_settings() {
    let all_at_once = Playground::new(&change(r#"{"dataset": "xor", "seed": 42}"#)).unwrap();
    let mut one_by_one = Playground::new(&Change::default()).unwrap();
    set(&mut one_by_one, r#"{"dataset": "xor"}"#).unwrap();
    set(&mut one_by_one, r#"{"seed": 42}"#).unwrap();
    assert_eq!(all_at_once.export_points(), one_by_one.export_points());
    assert_eq!(all_at_once.scene.network(), one_by_one.scene.network());
}

#[test]
fn evaluation_in_slices_matches_one_full_pass() {
    let mut pg = Playground::new(&change(r#"{"points": 300}"#)).unwrap();
    pg.train(30).unwrap();
    let whole = pg.scene.evaluate();
    let mut calls = 1;
    while !pg.scene.evaluate_some(37) {
        calls += 1;
    }
    assert_eq!(calls, 300 / 37 + 1);
    let sliced = pg.scene.metrics();
    assert_eq!(whole.0.loss.to_bits(), sliced.0.loss.to_bits());
    assert_eq!(whole.1.accuracy, sliced.1.accuracy);
    // The misclassified flags come from the pass, not from new forward passes.
    let wrong = pg
        .scene
        .point_buffer()
        .chunks(4)
        .filter(|p| p[3] as u8 & 2 != 0)
        .count();
    let expected = (1.0 - whole.0.accuracy) * pg.scene.train.len() as f64
        + (1.0 - whole.1.accuracy) * pg.scene.test.len() as f64;
    assert_eq!(wrong, expected.round() as usize);
}

include!("checksum.rs.in");

/// The weights after 300 Adam steps on the default scene with [5, 3] hidden and seed 7, as bits. `tests/wasm.rs` asserts the
/// same value in the browser: native and wasm training agree bit for bit.
pub const GOLDEN_CHECKSUM: u64 = include!("golden_checksum.in");

/// The same 300 steps in `precision` (`"f64"` or `"f32"`); the weights, widened to f64.
fn golden_run(precision: &str) -> Vec<f64> {
    let mut pg = Playground::new(&change(&format!(
        r#"{{"seed": 7, "hiddenLayers": [5, 3], "optimizer": "adam", "learningRate": 0.01,
            "precision": "{precision}"}}"#
    )))
    .unwrap();
    pg.train(300).unwrap();
    pg.scene.network().params().to_vec()
}

#[test]
fn trained_weights_match_the_golden_checksum_shared_with_the_wasm_test() {
    // The generic network in f64 gives the bits it gave before it was generic.
    assert_eq!(checksum(&golden_run("f64")), GOLDEN_CHECKSUM);
}

#[test]
fn f32_training_matches_its_own_golden_checksum_shared_with_the_wasm_test() {
    let f32s = golden_run("f32");
    assert_eq!(checksum(&f32s), include!("golden_f32_checksum.in"));
    // Every weight is an f32 widened.
    assert!(f32s.iter().all(|&w| f64::from(w as f32) == w));
}

#[test]
fn online_and_batched_sgd_match_the_golden_checksum_shared_with_the_wasm_test() {
    assert_eq!(
        checksum(&sgd_paths_params()),
        include!("golden_sgd_checksum.in")
    );
    // The same two paths in f32: their own checksum, and within the stated tolerance of f64.
    let f32s = sgd_paths::<f32>();
    assert_eq!(checksum(&f32s), include!("golden_sgd_f32_checksum.in"));
    let drift = f32s
        .iter()
        .zip(sgd_paths_params())
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    assert!(drift < WEIGHT_DRIFT, "f32 SGD drifted {drift} from f64");
}

#[test]
fn a_loss_that_explodes_without_nan_pauses_and_the_weights_from_before_come_back() {
    // A circle learnt by 4 tanh neurons, then η = 10: the loss climbs far above its start and
    // stays there, finite.
    let mut pg = Playground::new(&change(r#"{"dataset": "circle", "learningRate": 0.3}"#)).unwrap();
    for _ in 0..60 {
        pg.train(10).unwrap();
    }
    let trained = pg.scene.evaluate().0.loss;
    set(&mut pg, r#"{"learningRate": 10}"#).unwrap();
    let why = first_failure(&mut pg, 500, 10).expect("η = 10 blows the loss up");
    assert!(
        why.contains("rose from")
            && why.contains("Restore")
            && why.contains("before the first step"),
        "{why}"
    );
    assert!(pg.scene.network().params().iter().all(|w| w.is_finite()));
    assert!(pg.train(1).is_err(), "paused until something changes");
    assert!(pg.can_restore());
    assert!(pg.restore_best());
    let restored = pg.scene.evaluate().0.loss;
    assert!(
        restored <= trained * 1.5,
        "the weights from before the explosion: loss {restored}, {trained} before η went up"
    );
    set(&mut pg, r#"{"learningRate": 0.1}"#).unwrap();
    assert!(pg.train(10).unwrap().is_finite(), "training goes on");
}

#[test]
fn a_step_too_long_for_one_call_is_spread_over_calls_with_the_same_result() {
    let json = r#"{"method": "numeric", "batchSize": 0, "hiddenLayers": [8, 8], "points": 300}"#;
    let mut whole = Playground::new(&change(json)).unwrap();
    whole.train(2).unwrap();
    let mut parts = Playground::new(&change(json)).unwrap();
    let mut calls = 0;
    while parts.scene.steps() < 2 {
        // No time at all: each call does about a millisecond of work, at least one chunk.
        parts.train_within(2, 0.0).unwrap();
        calls += 1;
    }
    assert!(calls > 10, "a numeric full-batch step took {calls} calls");
    assert_eq!(whole.scene.network(), parts.scene.network(), "bit for bit");
    // The same for a backprop full-batch step of a big network.
    let json = r#"{"batchSize": 0, "hiddenLayers": [64, 64, 64], "points": 3000}"#;
    let mut whole = Playground::new(&change(json)).unwrap();
    whole.train(1).unwrap();
    let mut parts = Playground::new(&change(json)).unwrap();
    let mut calls = 0;
    while parts.scene.steps() < 1 {
        parts.train_within(1, 0.0).unwrap();
        calls += 1;
    }
    assert!(calls > 1, "{calls}");
    assert_eq!(whole.scene.network(), parts.scene.network());
}

#[test]
fn reset_restarts_the_weights_and_the_batch_order_so_a_run_repeats() {
    let json = r#"{"batchSize": 10, "seed": 5}"#;
    let mut a = Playground::new(&change(json)).unwrap();
    let mut b = Playground::new(&change(json)).unwrap();
    a.train(37).unwrap(); // a different history before the reset
    a.reset();
    b.reset();
    for _ in 0..30 {
        a.train_epoch().unwrap();
        b.train_epoch().unwrap();
    }
    assert_eq!(a.scene.network(), b.scene.network());
}

#[test]
fn edited_points_dead_relus_and_the_line_rule_are_told() {
    let mut pg = Playground::new(&Change::default()).unwrap();
    assert!(!pg.points_edited() && pg.points_follow_line());
    pg.add_point(-0.5, 0.5, 0.0).unwrap(); // class 0 above the line
    assert!(pg.points_edited() && !pg.points_follow_line());
    assert!(pg.undo());
    assert!(!pg.points_edited());
    assert_eq!(pg.dead_relus(), (0, 0), "tanh has no ReLUs");
    let mut relu = Playground::new(&change(
        r#"{"hiddenActivation": "relu", "hiddenLayers": [3]}"#,
    ))
    .unwrap();
    let (dead, total) = relu.dead_relus();
    assert_eq!(total, 3);
    assert!(dead < 3);
    // Large negative biases kill every ReLU for every point.
    let mut params = relu.scene.network().params().to_vec();
    for b in &mut params[6..9] {
        *b = -100.0;
    }
    relu.scene.trainer.set_params(&params).unwrap();
    assert_eq!(relu.dead_relus(), (3, 3));
}

#[test]
fn one_confidently_wrong_example_is_no_explosion() {
    // Online training on noisy data: single steps of loss 3 and more, never a climbing mean.
    let mut pg = Playground::new(&change(
        r#"{"batchSize": 1, "noise": 0.3, "learningRate": 0.3, "points": 300}"#,
    ))
    .unwrap();
    for _ in 0..3000 {
        pg.train(1).expect("no explosion");
    }
}

#[test]
fn after_a_new_shape_the_weights_to_restore_are_the_new_networks() {
    let mut pg = Playground::new(&change(r#"{"dataset": "circle", "learningRate": 0.3}"#)).unwrap();
    pg.train(300).unwrap();
    set(&mut pg, r#"{"hiddenLayers": [8, 8]}"#).unwrap();
    assert!(
        !pg.can_restore(),
        "the old network's weights are not offered"
    );
    pg.train(300).unwrap();
    set(&mut pg, r#"{"learningRate": 10}"#).unwrap();
    assert!(first_failure(&mut pg, 500, 10).is_some());
    assert!(pg.restore_best());
    assert_eq!(pg.scene.network().sizes(), &[2, 8, 8, 1]);
}

/// How far f32 training may drift from f64 on the same run (stated in docs/BENCHMARKS.md): every
/// weight within `WEIGHT_DRIFT` of its f64 counterpart and the loss within `LOSS_DRIFT` relative,
/// after 1 000 steps of each scene below.
const WEIGHT_DRIFT: f64 = 1e-4;
const LOSS_DRIFT: f64 = 1e-4;

#[test]
fn f32_training_tracks_f64_within_the_stated_tolerance() {
    for scene in [
        r#""dataset": "line""#,
        r#""dataset": "circle", "hiddenLayers": [6, 4], "optimizer": "adam", "learningRate": 0.01"#,
        r#""dataset": "xor", "hiddenLayers": [8], "hiddenActivation": "relu", "batchSize": 1"#,
        r#""dataset": "spiral", "hiddenLayers": [8, 8], "optimizer": "momentum", "learningRate": 0.03"#,
    ] {
        let run = |precision: &str| {
            let mut pg = Playground::new(&change(&format!(
                r#"{{{scene}, "precision": "{precision}"}}"#
            )))
            .unwrap();
            pg.train(1000).unwrap();
            let loss = pg.scene.evaluate().0.loss;
            (pg.scene.network().params().to_vec(), loss)
        };
        let ((w32, l32), (w64, l64)) = (run("f32"), run("f64"));
        let drift = w32
            .iter()
            .zip(&w64)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        let loss_drift = (l32 - l64).abs() / l64;
        eprintln!("{scene}: weights {drift:.2e}, loss {loss_drift:.2e} ({l64:.4})");
        assert!(drift < WEIGHT_DRIFT, "{scene}: a weight drifted {drift}");
        assert!(loss_drift < LOSS_DRIFT, "{scene}: loss {l32} against {l64}");
    }
}

#[test]
fn restore_after_an_explosion_gives_weights_from_before_it_however_long_the_calls() {
    // The training worker runs thousands of steps per call: the weights kept as the best must be
    // ones from before the rate went up, not the end of a call whose mean loss looked low.
    let mut pg = Playground::new(&change(r#"{"dataset": "circle", "learningRate": 0.3}"#)).unwrap();
    pg.train(600).unwrap();
    let trained = pg.scene.evaluate().0.loss;
    set(&mut pg, r#"{"learningRate": 10}"#).unwrap();
    let why = first_failure(&mut pg, 50, 200).expect("η = 10 blows the loss up");
    assert!(why.contains("Restore"), "{why}");
    assert!(pg.restore_best());
    let restored = pg.scene.evaluate().0.loss;
    assert!(
        restored <= trained * 1.5,
        "restored loss {restored}, {trained} before η went up"
    );
}

#[test]
fn each_hidden_layer_can_have_its_own_activation() {
    use scratchnet::model::activation::Activation::{Relu, Sigmoid, Tanh};
    let mut pg = Playground::new(&change(
        r#"{"hiddenLayers": [4, 3], "hiddenActivations": ["tanh", "relu"]}"#,
    ))
    .unwrap();
    assert_eq!(pg.scene.network().hidden_activations(), &[Tanh, Relu]);
    // A new layer takes the last layer's activation.
    set(&mut pg, r#"{"hiddenLayers": [4, 3, 2]}"#).unwrap();
    assert_eq!(pg.scene.network().hidden_activations(), &[Tanh, Relu, Relu]);
    // One activation for all.
    set(&mut pg, r#"{"hiddenActivation": "sigmoid"}"#).unwrap();
    assert_eq!(pg.scene.network().hidden_activations(), &[Sigmoid; 3]);
    // A list of the wrong length, or an activation free play does not offer: refused, unchanged.
    let before = pg.config();
    let e = set(&mut pg, r#"{"hiddenActivations": ["tanh"]}"#).unwrap_err();
    assert!(e.contains("hiddenActivations: 1 given for 3"), "{e}");
    let e = set(
        &mut pg,
        r#"{"hiddenActivations": ["tanh", "step", "relu"]}"#,
    )
    .unwrap_err();
    assert!(
        e.contains("hiddenActivations[1]") && e.contains("step"),
        "{e}"
    );
    assert_eq!(pg.config(), before);
    // A model keeps them.
    set(
        &mut pg,
        r#"{"hiddenActivations": ["relu", "tanh", "sigmoid"]}"#,
    )
    .unwrap();
    let file = pg.scene.export_model();
    let mut other = Playground::new(&Change::default()).unwrap();
    other.import_model(&file).unwrap();
    assert_eq!(
        other.config().setup.hidden_activations,
        [Relu, Tanh, Sigmoid]
    );
}

/// The loss a playground's training starts from: its whole training set's, before any update.
fn loss_now(pg: &mut Playground) -> f64 {
    pg.scene.trainer.evaluate(&pg.scene.train).loss
}

/// `v` as the divergence message writes it (four decimals).
fn four(v: f64) -> String {
    scratchnet::base::text::Num((v * 1e4).round() / 1e4).to_string()
}

#[test]
fn a_loss_thrown_off_by_the_first_step_is_caught_with_its_true_start() {
    // A linear regression at η = 10 with Adam: 0.11 to millions after one step.
    let json = r#"{"problem": "regression", "hiddenActivation": "linear", "optimizer": "adam",
        "learningRate": 10, "batchSize": 10}"#;
    let mut pg = Playground::new(&change(json)).unwrap();
    let start = loss_now(&mut pg);
    let mut calls = 0;
    let why = loop {
        calls += 1;
        match pg.train(1) {
            Err(why) => break why,
            Ok(_) => assert!(calls < 20, "not caught in {calls} steps"),
        }
    };
    assert!(calls <= 3, "caught after {calls} steps: {why}");
    assert!(
        why.contains(&format!("from {} before the first step", four(start))),
        "start {start}: {why}"
    );
    assert!(pg.can_restore(), "the weights before the first step");
    assert!(pg.restore_best());
    assert!((loss_now(&mut pg) - start).abs() < 1e-6);
}

#[test]
fn the_four_arm_spiral_at_rate_3_is_caught_from_its_first_steps() {
    let json = r#"{"problem": "multi-class", "classes": 4, "dataset": "spiral",
        "hiddenLayers": [8, 8], "learningRate": 3, "seed": 3, "batchSize": 10}"#;
    let mut pg = Playground::new(&change(json)).unwrap();
    let start = loss_now(&mut pg);
    assert!((start - 1.39).abs() < 0.05, "{start}");
    let why = first_failure(&mut pg, 100, 20).expect("2 000 steps at loss 6–15 are caught");
    assert!(
        why.contains(&format!("from {} before the first step", four(start))),
        "{why}"
    );
}

#[test]
fn no_run_ends_far_above_its_start_unreported() {
    // 216 configurations; each either trains without ending above 1.5 times its starting loss, or
    // is stopped with a message.
    let mut unreported = Vec::new();
    let mut caught = 0;
    for problem in [
        r#""problem": "classification", "dataset": "circle""#,
        r#""problem": "multi-class", "classes": 3, "dataset": "spiral""#,
        r#""problem": "regression""#,
    ] {
        for activation in ["tanh", "relu", "sigmoid", "linear"] {
            for optimizer in ["sgd", "momentum", "adam"] {
                for rate in [0.03, 0.3, 1.0, 3.0, 6.0, 10.0] {
                    let json = format!(
                        r#"{{{problem}, "hiddenActivation": "{activation}", "optimizer": "{optimizer}",
                        "learningRate": {rate}, "batchSize": 10, "hiddenLayers": [8, 8], "points": 200}}"#
                    );
                    let mut pg = Playground::new(&change(&json)).unwrap();
                    let start = loss_now(&mut pg);
                    if first_failure(&mut pg, 30, 100).is_some() {
                        caught += 1;
                        continue;
                    }
                    let end = loss_now(&mut pg);
                    if end.is_nan() || end > (1.5 * start).max(start + 0.05) {
                        unreported.push(format!("{json}: {start} → {end}"));
                    }
                }
            }
        }
    }
    assert!(unreported.is_empty(), "{}", unreported.join("\n"));
    assert!(
        caught > 10,
        "only {caught} of 216 diverged: the sweep tests too little"
    );
}

#[test]
fn edited_points_lie_on_the_links_grid_and_one_undo_brings_the_exact_set_back() {
    use scratchnet::app::playground::on_link_grid;
    let on_grid = |pg: &Playground| {
        [&pg.scene.train, &pg.scene.test]
            .iter()
            .all(|s| s.xs.iter().all(|&v| on_link_grid(v) == v))
    };
    let mut pg = Playground::new(&Change::default()).unwrap();
    let generated = pg.export_points();
    assert!(!on_grid(&pg), "generated points are exact");
    pg.add_point(0.123456789, -0.3, 1.0).unwrap();
    assert!(on_grid(&pg), "the first edit puts every point on the grid");
    assert!(pg.points_edited());
    // The grid is the one the page's link writes: 16 bits over [−1, 1], decoded as q / 65535 · 2 − 1.
    let q = ((0.123456789f64 + 1.0) / 2.0 * 65535.0).round();
    let last = pg.scene.train.len() - 1;
    assert_eq!(pg.scene.train.x(last)[0], q / 65535.0 * 2.0 - 1.0);
    pg.move_point(0, 0.5, 0.25, true).unwrap();
    pg.move_point(0, 0.51, 0.26, false).unwrap();
    assert!(on_grid(&pg));
    assert!(pg.undo() && pg.undo());
    assert_eq!(
        pg.export_points(),
        generated,
        "two undos: the exact generated set"
    );
    assert!(!pg.points_edited());
    // Regression targets too.
    let mut reg = Playground::new(&change(r#"{"problem": "regression"}"#)).unwrap();
    reg.add_point(0.1, 0.2, 0.333333).unwrap();
    assert!(reg.scene.train.ys.iter().all(|&v| on_link_grid(v) == v));
}

#[test]
fn weights_trained_one_step_a_call_are_the_ones_restored_after_an_explosion() {
    // The page's worker trains a step or two a call at low speeds: those weights must be kept as
    // the best too, not only the ones training started from.
    let mut pg = Playground::new(&change(r#"{"dataset": "circle", "learningRate": 0.3}"#)).unwrap();
    let start = loss_now(&mut pg);
    for _ in 0..3000 {
        pg.train(1).unwrap();
    }
    let trained = loss_now(&mut pg);
    assert!(trained < 0.7 * start, "{start} → {trained}");
    set(&mut pg, r#"{"learningRate": 10}"#).unwrap();
    let why = first_failure(&mut pg, 5000, 1).expect("η = 10 blows the loss up");
    assert!(why.contains("before the first step"), "{why}");
    assert!(pg.restore_best());
    let restored = loss_now(&mut pg);
    assert!(
        restored < 0.8 * start,
        "restored loss {restored}: the trained weights ({trained}), not the first ({start})"
    );
}
