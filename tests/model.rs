//! Native tests of the versioned files: round trips, and malformed files refused with the field named.

mod common;

use common::{change, decode};
use scratchnet::app::files::{ModelFile, PointsFile};
use scratchnet::app::playground::Playground;
use scratchnet::base::names::Named;

fn playground() -> Playground {
    Playground::new(&change(r#"{"seed": 3}"#)).unwrap()
}

fn text<T: serde::Serialize>(file: &T) -> String {
    serde_json::to_string(file).unwrap()
}

#[test]
fn model_json_round_trip_gives_identical_predictions() {
    let mut a = playground();
    a.train(300).unwrap();
    let json = text(&a.scene.export_model());
    let mut b = Playground::new(&change(r#"{"seed": 99}"#)).unwrap();
    assert_ne!(a.scene.network().params(), b.scene.network().params());
    b.import_model(&decode::<ModelFile>(&json).unwrap())
        .unwrap();
    assert_eq!(a.scene.network(), b.scene.network());
    for &(x, y) in &[(-0.5, 0.5), (0.2, -0.7), (0.9, 0.9)] {
        assert_eq!(
            a.scene.value_at(x, y).to_bits(),
            b.scene.value_at(x, y).to_bits()
        );
    }
}

#[test]
fn points_json_round_trip() {
    let a = playground();
    let json = text(&a.export_points());
    let mut b = Playground::new(&change(r#"{"dataset": "xor"}"#)).unwrap();
    b.import_points(&decode::<PointsFile>(&json).unwrap())
        .unwrap();
    // Loaded points go on the grid a link carries them on (16 bits over [−1, 1]), so the page
    // trains on what its link says; from there a file round trip is exact.
    let snapped = |set: &scratchnet::data::dataset::Dataset| -> Vec<f64> {
        set.xs
            .iter()
            .map(|&v| scratchnet::app::playground::on_link_grid(v))
            .collect()
    };
    assert_eq!(b.scene.train.xs, snapped(&a.scene.train));
    assert_eq!(b.scene.test.xs, snapped(&a.scene.test));
    assert_eq!(b.scene.train.ys, a.scene.train.ys);
    let mut c = Playground::new(&change(r#"{"dataset": "xor"}"#)).unwrap();
    c.import_points(&decode::<PointsFile>(&text(&b.export_points())).unwrap())
        .unwrap();
    assert_eq!(b.scene.train, c.scene.train);
    assert_eq!(b.scene.test, c.scene.test);
}

/// Imports `json` as a model into a trained playground, expecting an error mentioning `field`, and
/// checks that the model is untouched.
fn refused_model(json: &str, field: &str) {
    let mut pg = playground();
    pg.train(50).unwrap();
    let before = pg.scene.network().clone();
    let err = match decode::<ModelFile>(json) {
        Err(e) => e,
        Ok(file) => pg.import_model(&file).unwrap_err(),
    };
    assert!(err.contains(field), "expected {field} in: {err}");
    assert_eq!(
        pg.scene.network(),
        &before,
        "a refused import must leave the model untouched"
    );
}

#[test]
fn malformed_models_are_refused_naming_the_field() {
    let good: serde_json::Value =
        serde_json::from_str(&text(&playground().scene.export_model())).unwrap();
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
    // Shapes and values the page could not show, or a link not rebuild, are refused by name.
    let mut flat = good.clone();
    flat["layers"] = serde_json::json!([2, 4]);
    flat["hiddenActivations"] = serde_json::json!([]);
    flat["params"] = serde_json::json!(vec![0.1; 2 * 4 + 4]);
    refused_model(&flat.to_string(), "layers[1]");
    let two_layers = |acts: serde_json::Value| {
        let mut j = good.clone();
        j["layers"] = serde_json::json!([2, 4, 4, 1]);
        j["hiddenActivations"] = acts;
        j["params"] = serde_json::json!(vec![0.1; 2 * 4 + 4 + 4 * 4 + 4 + 4 + 1]);
        j.to_string()
    };
    // Each layer may have its own activation, but only one free play offers.
    refused_model(
        &two_layers(serde_json::json!(["relu", "step"])),
        "hiddenActivations[1]",
    );
    let mut mixed = playground();
    mixed
        .import_model(
            &decode::<ModelFile>(&two_layers(serde_json::json!(["relu", "sigmoid"]))).unwrap(),
        )
        .unwrap();
    assert_eq!(
        mixed
            .config()
            .setup
            .hidden_activations
            .iter()
            .map(|a| a.name())
            .collect::<Vec<_>>(),
        ["relu", "sigmoid"]
    );
    refused_model(
        &two_layers(serde_json::json!(["step", "step"])),
        "hiddenActivations[0]",
    );
    let mut wide = good.clone();
    wide["layers"] = serde_json::json!([2, 4, 2]);
    wide["params"] = serde_json::json!(vec![0.1; 2 * 4 + 4 + 4 * 2 + 2]);
    refused_model(&wide.to_string(), "layers[2]");
    let n = good["params"].as_array().unwrap().len();
    refused_model(
        &with("params", serde_json::json!(vec![1e308; n])),
        "params[0]",
    );
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("params");
    refused_model(&missing.to_string(), "params");
}

#[test]
fn malformed_points_are_refused_naming_the_point() {
    let mut pg = playground();
    let before = pg.scene.train.clone();
    let bad = r#"{"format":"scratchnet-points","version":1,"points":[{"x":0.1,"y":0.2,"label":1},{"x":1.5,"y":0,"label":0}]}"#;
    let err = pg
        .import_points(&decode::<PointsFile>(bad).unwrap())
        .unwrap_err();
    assert!(err.contains("points[1].x") && err.contains("1.5"), "{err}");
    let bad =
        r#"{"format":"scratchnet-points","version":1,"points":[{"x":0.1,"y":0.2,"label":4}]}"#;
    let err = pg
        .import_points(&decode::<PointsFile>(bad).unwrap())
        .unwrap_err();
    assert!(err.contains("points[0].label"), "{err}");
    assert_eq!(pg.scene.train, before);
}

#[test]
fn model_files_carry_the_precision_in_f64_and_files_without_it_still_load() {
    // An f32 run exports f64 values that are its f32 weights widened, and says "f32".
    let mut a = playground();
    a.train(200).unwrap();
    assert_eq!(a.config().hyper.precision.name(), "f32");
    let json = text(&a.scene.export_model());
    assert!(json.contains(r#""precision":"f32""#), "{json}");
    let file = decode::<ModelFile>(&json).unwrap();
    assert!(file.params.iter().all(|&w| f64::from(w as f32) == w));
    // Imported into an f64 playground, it trains on in f32.
    let mut b = Playground::new(&change(r#"{"precision": "f64"}"#)).unwrap();
    b.import_model(&file).unwrap();
    assert_eq!(b.config().hyper.precision.name(), "f32");
    // A file written before the setting existed loads, keeping the precision in force.
    let old = json.replace(r#","precision":"f32""#, "");
    assert!(!old.contains("precision"));
    let mut c = Playground::new(&change(r#"{"precision": "f64"}"#)).unwrap();
    c.import_model(&decode::<ModelFile>(&old).unwrap()).unwrap();
    assert_eq!(c.config().hyper.precision.name(), "f64");
    assert_eq!(c.scene.network().params(), a.scene.network().params());
    // An unknown precision is refused by name.
    let bad = json.replace(r#""precision":"f32""#, r#""precision":"f16""#);
    let e = decode::<ModelFile>(&bad).unwrap_err();
    assert!(e.contains("precision") && e.contains("f16"), "{e}");
}
