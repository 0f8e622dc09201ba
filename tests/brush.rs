//! The brush: a stroke sprays points, and one Undo takes the whole stroke back.

mod common;

use common::change;
use scratchnet::app::files::MAX_POINTS;
use scratchnet::app::playground::Playground;

#[test]
fn a_stroke_is_one_undo_step() {
    let mut pg = Playground::new(&change("{}")).unwrap();
    let before = (pg.scene.train.clone(), pg.scene.test.clone());
    let n0 = pg.scene.point_count();
    assert_eq!(pg.add_points(&[0.1, 0.2, 0.15, 0.25], 1.0, true), Ok(2));
    assert_eq!(pg.add_points(&[0.2, 0.3], 1.0, false), Ok(1));
    assert_eq!(pg.add_points(&[-0.5, -0.5, -0.6, -0.4], 1.0, false), Ok(2));
    assert_eq!(pg.scene.point_count(), n0 + 5);
    assert_eq!(pg.scene.train.count_class(1), before.0.count_class(1) + 5);
    assert!(pg.undo());
    assert_eq!((pg.scene.train.clone(), pg.scene.test.clone()), before);
    // A second stroke is a step of its own.
    pg.add_points(&[0.0, 0.0], 0.0, true).unwrap();
    pg.add_points(&[0.1, 0.0], 1.0, true).unwrap();
    assert!(pg.undo());
    assert_eq!(pg.scene.point_count(), n0 + 1);
}

#[test]
fn a_bad_spray_is_named_and_adds_nothing() {
    let mut pg = Playground::new(&change("{}")).unwrap();
    let n0 = pg.scene.point_count();
    assert_eq!(
        pg.add_points(&[0.1, 0.2, 0.3], 1.0, true).unwrap_err(),
        "xy: 3 values are not x, y pairs"
    );
    let err = pg.add_points(&[0.1, 0.2, 1.5, 0.0], 1.0, true).unwrap_err();
    assert!(err.starts_with("xy[1]: x: 1.5 is outside"), "{err}");
    let err = pg.add_points(&[0.1, 0.2], 2.0, true).unwrap_err();
    assert!(err.starts_with("label: "), "{err}");
    assert_eq!(pg.scene.point_count(), n0);
    assert!(
        !pg.undo() || pg.scene.point_count() == n0,
        "nothing was recorded"
    );
}

#[test]
fn a_spray_stops_at_the_point_limit() {
    let mut pg = Playground::new(&change(&format!(r#"{{"points":{}}}"#, MAX_POINTS - 3))).unwrap();
    let n0 = pg.scene.point_count();
    let xy: Vec<f64> = (0..10).flat_map(|i| [i as f64 / 20.0, 0.5]).collect();
    assert_eq!(pg.add_points(&xy, 1.0, true), Ok(MAX_POINTS - n0));
    assert_eq!(pg.scene.point_count(), MAX_POINTS);
    assert_eq!(pg.add_points(&xy, 1.0, false), Ok(0));
}
