//! The `curve` data set: points above a curve y = f(x) the learner types are class 1.

mod common;

use common::change;
use scratchnet::app::playground::Playground;

fn playground(json: &str) -> Playground {
    Playground::new(&change(json)).unwrap()
}

#[test]
fn points_above_the_curve_are_class_1_and_the_curve_travels_in_the_config() {
    let pg = playground(r#"{"dataset":"curve","curve":"x^3 - x","noise":0}"#);
    let set = &pg.scene.train;
    assert!(set.len() > 100);
    for i in 0..set.len() {
        let [x, y] = [set.x(i)[0], set.x(i)[1]];
        assert_eq!(
            set.ys[i],
            if y > x * x * x - x { 1.0 } else { 0.0 },
            "({x}, {y})"
        );
    }
    let config = serde_json::to_value(pg.config()).unwrap();
    assert_eq!(config["curve"], "x^3 - x");
    assert_eq!(config["dataset"], "curve");
    // The default curve is the line: the same labels as the line data set.
    let line = playground(r#"{"dataset":"line"}"#);
    let curve = playground(r#"{"dataset":"curve"}"#);
    assert_eq!(line.scene.train.ys, curve.scene.train.ys);
    assert_eq!(line.scene.train.xs, curve.scene.train.xs);
}

#[test]
fn a_bad_curve_is_named_with_its_place_and_changes_nothing() {
    let mut pg = playground(r#"{"dataset":"curve","curve":"sin(3*x)/2"}"#);
    let before = (pg.config(), pg.scene.train.clone());
    for (text, want) in [
        ("sin(", "curve: at the end: expected a number"),
        ("x ++", "curve: at the end: expected a number"),
        (
            "foo(x)",
            "curve: at character 1: foo is not x, pi, e or a function",
        ),
        (
            "1/0",
            "curve: 1/0 has no finite value for any x from −1 to 1",
        ),
    ] {
        let json = serde_json::json!({ "curve": text }).to_string();
        let err = pg.set(&change(&json), None).map(|_| ()).unwrap_err();
        assert!(err.starts_with(want), "{text}: {err}");
        assert_eq!(
            (pg.config(), pg.scene.train.clone()),
            before,
            "{text} changed the scene"
        );
    }
    let long = serde_json::json!({ "curve": "x+".repeat(5000) + "x" }).to_string();
    let err = pg.set(&change(&long), None).map(|_| ()).unwrap_err();
    assert!(
        err.starts_with("curve: 10001 characters, at most 200"),
        "{err}"
    );
    // A link keeps what is valid and reports the curve.
    let (lenient, problems) = Playground::lenient(&change(r#"{"dataset":"curve","curve":"x ++"}"#));
    assert_eq!(lenient.config().setup.curve.text(), "x");
    assert!(
        problems.iter().any(|p| p.starts_with("curve: ")),
        "{problems:?}"
    );
}

#[test]
fn a_new_curve_redraws_the_points_only_for_the_curve_data_set() {
    let mut pg = playground(r#"{"dataset":"curve"}"#);
    let effects = pg
        .set(&change(r#"{"curve":"abs(x) - 0.5"}"#), None)
        .unwrap();
    assert!(effects.data);
    let mut line = playground(r#"{"dataset":"line"}"#);
    let effects = line
        .set(&change(r#"{"curve":"abs(x) - 0.5"}"#), None)
        .unwrap();
    assert!(!effects.data, "another data set keeps its points");
}

#[test]
fn the_suggested_sine_trains_to_95_percent() {
    let mut pg = playground(
        r#"{"dataset":"curve","curve":"sin(3*x)/2","points":500,"hiddenLayers":[8,8],"learningRate":0.03,"optimizer":"adam"}"#,
    );
    for _ in 0..300 {
        pg.train_epoch().unwrap();
    }
    let (_, test) = pg.scene.evaluate();
    assert!(test.accuracy >= 0.95, "test accuracy {}", test.accuracy);
}
