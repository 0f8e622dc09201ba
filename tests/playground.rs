//! Native tests of the playground state the page drives.

use scratchnet::config::Value;
use scratchnet::playground::Playground;

fn setting(name: &str, v: Value) -> (String, Value) {
    (name.to_string(), v)
}

#[test]
fn default_scene_learns_the_line() {
    let mut pg = Playground::new(&[]).unwrap();
    assert_eq!(pg.config().dataset.name(), "line");
    for _ in 0..200 {
        pg.train_epoch().unwrap();
    }
    let (_, test) = pg.evaluate();
    assert!(test.accuracy >= 0.95, "test accuracy {}", test.accuracy);
    assert!(pg.predict(-0.5, 0.5) > 0.5 && pg.predict(0.5, -0.5) < 0.5);
}

#[test]
fn bad_settings_are_refused_and_change_nothing() {
    let mut pg = Playground::new(&[]).unwrap();
    let before = pg.config().clone();
    let err = pg
        .set(&[
            setting("learningRate", Value::Number(0.5)),
            setting("noise", Value::Number(7.0)),
        ])
        .unwrap_err();
    assert!(err.contains("noise") && err.contains('7'), "{err}");
    assert_eq!(pg.config(), &before, "all or nothing");
    let err = Playground::new(&[setting("colour", Value::Text("red".into()))]).unwrap_err();
    assert!(err.contains("colour"), "{err}");
}

#[test]
fn divergence_is_caught_and_the_weights_restored() {
    let mut pg = Playground::new(&[
        setting("loss", Value::Text("squaredError".into())),
        setting("outputActivation", Value::Text("linear".into())),
        setting("hiddenActivation", Value::Text("relu".into())),
        setting("learningRate", Value::Number(10.0)),
        setting("batchSize", Value::Number(1.0)),
    ])
    .unwrap();
    let mut failure = None;
    for _ in 0..100 {
        if let Err(e) = pg.train(50) {
            failure = Some(e);
            break;
        }
    }
    let why = failure.expect("η = 10 on a linear output must diverge");
    assert!(
        why.contains("diverged") && why.contains("learning rate"),
        "{why}"
    );
    assert!(why.contains("try a learning rate below 1."), "{why}");
    assert!(pg.network().params().iter().all(|w| w.is_finite()));
    assert!(
        pg.train(1).is_err(),
        "training stays paused until something changes"
    );
    pg.set(&[setting("learningRate", Value::Number(0.001))])
        .unwrap();
    pg.reset().unwrap();
    assert!(pg.train(10).unwrap().is_finite());
}

#[test]
fn point_edits_undo_in_order() {
    let mut pg = Playground::new(&[setting("points", Value::Number(10.0))]).unwrap();
    let start = pg.export_points();
    pg.add_point(0.1, 0.2, 1).unwrap();
    pg.add_point(-0.3, 0.4, 0).unwrap();
    assert!(pg.remove_nearest(0.1, 0.21, 0.1));
    let id = pg.pick(-0.3, 0.4, 0.05).unwrap();
    pg.move_point(id, 0.5, 0.5, true).unwrap();
    pg.clear();
    assert_eq!(pg.train_set().len() + pg.test_set().len(), 0);
    for _ in 0..5 {
        assert!(pg.undo());
    }
    assert_eq!(pg.export_points(), start);
    assert!(pg.add_point(1.5, 0.0, 1).unwrap_err().contains("x: 1.5"));
    assert!(pg.add_point(0.0, 0.0, 2).unwrap_err().contains("label"));
}

#[test]
fn learning_rate_is_live_and_reset_keeps_points() {
    let mut pg = Playground::new(&[]).unwrap();
    pg.train(20).unwrap();
    let (weights, epoch) = (pg.network().params().to_vec(), pg.epoch());
    pg.set(&[setting("learningRate", Value::Number(0.0))])
        .unwrap();
    assert_eq!(
        pg.network().params(),
        &weights[..],
        "changing η keeps the weights"
    );
    pg.train(20).unwrap();
    assert_eq!(
        pg.network().params(),
        &weights[..],
        "η = 0 is used by the very next step"
    );
    assert!(pg.epoch() >= epoch);
    let points = pg.export_points();
    pg.reset().unwrap();
    assert_eq!(pg.epoch(), 0);
    assert_eq!(pg.export_points(), points);
}

#[test]
fn boundary_grid_has_the_documented_layout() {
    let mut pg = Playground::new(&[]).unwrap();
    for _ in 0..100 {
        pg.train_epoch().unwrap();
    }
    pg.compute_boundary(64).unwrap();
    let p = pg.probabilities();
    assert_eq!(p.len(), 64 * 64);
    assert_eq!(pg.rgba().len(), 64 * 64 * 4);
    // Top-left cell is above y = x (class 1, blue); bottom-right is below (class 0, orange).
    assert!(p[0] > 0.5 && p[64 * 64 - 1] < 0.5);
    let top_left = &pg.rgba()[0..3];
    assert!(
        top_left[2] > top_left[0],
        "blue dominates in class 1: {top_left:?}"
    );
    assert!(pg.compute_boundary(1).unwrap_err().contains("resolution"));
}

#[test]
fn a_boundary_filled_in_bands_equals_one_filled_at_once() {
    let mut pg = Playground::new(&[]).unwrap();
    for _ in 0..20 {
        pg.train_epoch().unwrap();
    }
    pg.compute_boundary(37).unwrap();
    let (whole, pixels) = (pg.probabilities().to_vec(), pg.rgba().to_vec());
    // Another picture first, so that every band must really be recomputed.
    pg.compute_boundary(8).unwrap();
    for (start, end) in [(0, 5), (5, 6), (6, 30), (30, 37)] {
        pg.compute_boundary_rows(37, start..end).unwrap();
    }
    assert_eq!(pg.probabilities(), &whole[..]);
    assert_eq!(pg.rgba(), &pixels[..]);
    // A band outside the grid is refused with the rows named, and the grid is left as it was.
    let e = pg.compute_boundary_rows(37, 30..38).unwrap_err();
    assert!(e.contains("rows: 30..38"), "{e}");
    assert_eq!(pg.probabilities(), &whole[..]);
}

#[test]
fn the_seed_draws_points_and_weights_whatever_the_order_of_settings() {
    let all_at_once = Playground::new(&[
        setting("dataset", Value::Text("xor".into())),
        setting("seed", Value::Number(42.0)),
    ])
    .unwrap();
    let mut one_by_one = Playground::new(&[]).unwrap();
    one_by_one
        .set(&[setting("dataset", Value::Text("xor".into()))])
        .unwrap();
    one_by_one
        .set(&[setting("seed", Value::Number(42.0))])
        .unwrap();
    assert_eq!(all_at_once.export_points(), one_by_one.export_points());
    assert_eq!(all_at_once.network(), one_by_one.network());
}

#[test]
fn evaluation_in_slices_matches_one_full_pass() {
    let mut pg = Playground::new(&[setting("points", Value::Number(300.0))]).unwrap();
    pg.train(30).unwrap();
    let whole = pg.evaluate();
    let mut calls = 1;
    while !pg.evaluate_some(37) {
        calls += 1;
    }
    assert_eq!(calls, 300 / 37 + 1);
    let sliced = pg.metrics();
    assert_eq!(whole.0.loss.to_bits(), sliced.0.loss.to_bits());
    assert_eq!(whole.1.accuracy, sliced.1.accuracy);
    // The misclassified flags come from the pass, not from new forward passes.
    let wrong = pg
        .point_buffer()
        .chunks(4)
        .filter(|p| p[3] as u8 & 2 != 0)
        .count();
    let expected = (1.0 - whole.0.accuracy) * pg.train_set().len() as f64
        + (1.0 - whole.1.accuracy) * pg.test_set().len() as f64;
    assert_eq!(wrong, expected.round() as usize);
}

include!("checksum.rs.in");

/// The weights after 300 Adam steps on the default scene with [5, 3] hidden and seed 7, as bits. `tests/wasm.rs` asserts the
/// same value in the browser: native and wasm training agree bit for bit.
pub const GOLDEN_CHECKSUM: u64 = include!("golden_checksum.in");

#[test]
fn trained_weights_match_the_golden_checksum_shared_with_the_wasm_test() {
    let mut pg = Playground::new(&[
        setting("seed", Value::Number(7.0)),
        setting("hiddenLayers", Value::List(vec![5.0, 3.0])),
        setting("optimizer", Value::Text("adam".into())),
        setting("learningRate", Value::Number(0.01)),
    ])
    .unwrap();
    pg.train(300).unwrap();
    assert_eq!(checksum(pg.network().params()), GOLDEN_CHECKSUM);
}

#[test]
fn online_and_batched_sgd_match_the_golden_checksum_shared_with_the_wasm_test() {
    assert_eq!(
        checksum(&sgd_paths_params()),
        include!("golden_sgd_checksum.in")
    );
}
