//! The plot's Inspect and the confusion matrix agree with the scene's own evaluation.

mod common;

use common::change;
use scratchnet::app::inspect::{confusion, point_report};
use scratchnet::app::playground::Playground;

#[test]
fn the_confusion_matrix_counts_every_point_once_and_its_diagonal_is_the_accuracy() {
    let mut pg = Playground::new(&change(
        r#"{"problem": "multi-class", "classes": 3, "dataset": "gaussians", "points": 300, "testFraction": 0.3}"#,
    ))
    .unwrap();
    pg.train(300).unwrap();
    let (train, test) = pg.scene.evaluate();
    for (which, metrics, n) in [
        (true, test, pg.scene.test.len()),
        (false, train, pg.scene.train.len()),
    ] {
        let m = confusion(&mut pg.scene, which);
        assert_eq!(m.len(), 9);
        assert_eq!(m.iter().sum::<u32>() as usize, n);
        let right: u32 = (0..3).map(|k| m[k * 3 + k]).sum();
        assert!((f64::from(right) / n as f64 - metrics.accuracy).abs() < 1e-12);
        // Each row holds that class's points.
        for k in 0..3 {
            let set = if which {
                &pg.scene.test
            } else {
                &pg.scene.train
            };
            let count = set.count_class(k) as u32;
            assert_eq!(m[k * 3..k * 3 + 3].iter().sum::<u32>(), count);
        }
    }
    let mut regression = Playground::new(&change(r#"{"problem": "regression"}"#)).unwrap();
    assert!(confusion(&mut regression.scene, true).is_empty());
}

#[test]
fn a_points_report_is_its_own_evaluation() {
    let mut pg =
        Playground::new(&change(r#"{"features": ["x", "y", "xy"], "noise": 0.3}"#)).unwrap();
    pg.train(50).unwrap();
    pg.scene.evaluate();
    let buffer = pg.scene.point_buffer().to_vec();
    let n = pg.scene.point_count();
    let mut total = 0.0;
    for id in 0..pg.scene.train.len() {
        let r = point_report(&mut pg.scene, id).unwrap();
        assert!(!r.test);
        assert_eq!(r.inputs.len(), 3);
        assert_eq!(r.inputs[2], r.x[0] * r.x[1], "the xy feature");
        assert_eq!(r.outputs.len(), 1);
        assert_eq!(r.predicted, Some(usize::from(r.outputs[0] >= 0.5)));
        // The misclassified flag of the point buffer (bit 1) says the same.
        let flags = buffer[4 * id + 3] as u32;
        assert_eq!(r.misclassified, flags & 2 != 0, "point {id}");
        total += r.loss;
    }
    let mean = total / pg.scene.train.len() as f64;
    assert!((mean - pg.scene.metrics().0.loss).abs() < 1e-9, "{mean}");
    assert!(point_report(&mut pg.scene, n).is_none());
    assert!(point_report(&mut pg.scene, n - 1).unwrap().test);
}

#[test]
fn the_confusion_matrix_is_the_last_passs_counted_as_it_went() {
    let mut pg = Playground::new(&change(
        r#"{"problem": "multi-class", "classes": 3, "dataset": "gaussians", "points": 200, "noise": 0.6, "testFraction": 0.4}"#,
    ))
    .unwrap();
    pg.train(40).unwrap();
    // A pass in slices of 7 points counts the same matrices as one whole pass.
    pg.scene.invalidate();
    while !pg.scene.evaluate_some(7) {}
    let sliced = [
        confusion(&mut pg.scene, false),
        confusion(&mut pg.scene, true),
    ];
    let (train, test) = pg.scene.evaluate();
    let whole = [
        confusion(&mut pg.scene, false),
        confusion(&mut pg.scene, true),
    ];
    assert_eq!(sliced, whole);
    // Each point's own report, counted by hand: the same matrices (training, then test points).
    let n_train = pg.scene.train.len();
    let mut by_hand = [vec![0u32; 9], vec![0u32; 9]];
    for id in 0..pg.scene.point_count() {
        let r = point_report(&mut pg.scene, id).unwrap();
        by_hand[usize::from(id >= n_train)][r.label as usize * 3 + r.predicted.unwrap()] += 1;
    }
    assert_eq!(whole, by_hand);
    let wrong: u32 = (0..9).filter(|c| c % 4 != 0).map(|c| whole[1][c]).sum();
    assert!(
        wrong > 0,
        "a noisy test set has errors to count: {:?}",
        whole[1]
    );
    // Training on without a new pass: the matrix stays the one the accuracies report.
    pg.train(200).unwrap();
    assert_eq!(confusion(&mut pg.scene, false), whole[0]);
    let right: u32 = (0..3).map(|k| whole[1][k * 3 + k]).sum();
    let n_test = pg.scene.test.len() as f64;
    assert!((f64::from(right) / n_test - test.accuracy).abs() < 1e-12);
    assert_eq!(train.accuracy, pg.scene.metrics().0.accuracy);
}

#[test]
fn before_any_pass_the_confusion_matrix_is_counted_on_the_spot() {
    let mut pg = Playground::new(&change(r#"{"points": 60, "testFraction": 0.5}"#)).unwrap();
    pg.scene.invalidate();
    // A new point makes the last pass's matrix another set's: it is counted afresh, every point once.
    pg.add_point(0.2, -0.4, 1.0).unwrap();
    let m = confusion(&mut pg.scene, false);
    assert_eq!(m.iter().sum::<u32>() as usize, pg.scene.train.len());
    pg.scene.evaluate();
    assert_eq!(
        confusion(&mut pg.scene, false),
        m,
        "the same weights count the same"
    );
}
