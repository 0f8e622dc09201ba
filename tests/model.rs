//! Native tests of the versioned files: round trips, and malformed files refused with the field named.

mod common;

use common::parse;
use scratchnet::config::Value;
use scratchnet::model::{ModelFile, PointsFile};
use scratchnet::playground::Playground;

fn playground() -> Playground {
    Playground::new(&[("seed".into(), Value::Number(3.0))]).unwrap()
}

#[test]
fn model_json_round_trip_gives_identical_predictions() {
    let mut a = playground();
    a.train(300).unwrap();
    let json = a.export_model().to_json().to_text();
    let mut b = Playground::new(&[("seed".into(), Value::Number(99.0))]).unwrap();
    assert_ne!(a.network().params(), b.network().params());
    b.import_model(&ModelFile::from_json(&parse(&json)).unwrap())
        .unwrap();
    assert_eq!(a.network(), b.network());
    for &(x, y) in &[(-0.5, 0.5), (0.2, -0.7), (0.9, 0.9)] {
        assert_eq!(a.predict(x, y).to_bits(), b.predict(x, y).to_bits());
    }
}

#[test]
fn points_json_round_trip() {
    let a = playground();
    let json = a.export_points().to_json().to_text();
    let mut b = Playground::new(&[("dataset".into(), Value::Text("xor".into()))]).unwrap();
    b.import_points(&PointsFile::from_json(&parse(&json)).unwrap())
        .unwrap();
    assert_eq!(a.train_set(), b.train_set());
    assert_eq!(a.test_set(), b.test_set());
}

/// Imports `json` as a model into a trained playground, expecting an error mentioning `field`, and
/// checks that the model is untouched.
fn refused_model(json: &str, field: &str) {
    let mut pg = playground();
    pg.train(50).unwrap();
    let before = pg.network().clone();
    let err = match ModelFile::from_json(&parse(json)) {
        Err(e) => e,
        Ok(file) => pg.import_model(&file).unwrap_err(),
    };
    assert!(err.contains(field), "expected {field} in: {err}");
    assert_eq!(
        pg.network(),
        &before,
        "a refused import must leave the model untouched"
    );
}

#[test]
fn malformed_models_are_refused_naming_the_field() {
    let good: serde_json::Value =
        serde_json::from_str(&playground().export_model().to_json().to_text()).unwrap();
    let with = |key: &str, v: serde_json::Value| {
        let mut j = good.clone();
        j[key] = v;
        j.to_string()
    };
    refused_model(&with("format", "something-else".into()), "format");
    refused_model(&with("version", 7.into()), "version");
    refused_model(&with("layers", serde_json::json!([2, 99, 1])), "layers[1]");
    refused_model(
        &with("hiddenActivations", serde_json::json!(["swish"])),
        "hiddenActivations[0]",
    );
    refused_model(&with("outputActivation", "cube".into()), "outputActivation");
    refused_model(&with("params", serde_json::json!([0.5, 0.25])), "params");
    refused_model(&with("layers", serde_json::json!([3, 4, 1])), "layers");
    refused_model(&with("extra", 1.into()), "extra");
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("params");
    refused_model(&missing.to_string(), "params");
}

#[test]
fn malformed_points_are_refused_naming_the_point() {
    let mut pg = playground();
    let before = pg.train_set().clone();
    let bad = r#"{"format":"scratchnet-points","version":1,"points":[{"x":0.1,"y":0.2,"label":1},{"x":1.5,"y":0,"label":0}]}"#;
    let err = pg
        .import_points(&PointsFile::from_json(&parse(bad)).unwrap())
        .unwrap_err();
    assert!(err.contains("points[1].x") && err.contains("1.5"), "{err}");
    let bad =
        r#"{"format":"scratchnet-points","version":1,"points":[{"x":0.1,"y":0.2,"label":4}]}"#;
    let err = pg
        .import_points(&PointsFile::from_json(&parse(bad)).unwrap())
        .unwrap_err();
    assert!(err.contains("points[0].label"), "{err}");
    assert_eq!(pg.train_set(), &before);
}
