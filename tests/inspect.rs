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
