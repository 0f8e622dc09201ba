//! The input features: computed in Rust for training, prediction, the boundary and the maps;
//! the spiral that x and y alone cannot learn in a given time, learnt with more features.

mod common;

use common::{change, decode};
use scratchnet::app::files::ModelFile;
use scratchnet::app::playground::Playground;
use scratchnet::model::numeric::max_relative_difference;

const MORE: &str = r#""x", "y", "x2", "y2", "sinx", "siny""#;

fn playground(features: &str, extra: &str) -> Playground {
    Playground::new(&change(&format!(
        r#"{{"dataset": "spiral", "hiddenLayers": [6, 6], "learningRate": 0.03, "points": 400,
            "optimizer": "adam", "features": [{features}]{extra}}}"#
    )))
    .unwrap()
}

/// Test accuracy after `epochs` epochs of the spiral with `features` and 2 × 6 tanh neurons.
fn spiral(features: &str, epochs: usize) -> f64 {
    let mut pg = playground(features, "");
    for _ in 0..epochs {
        pg.train_epoch().unwrap();
    }
    pg.scene.evaluate().1.accuracy
}

#[test]
fn the_spiral_needs_more_than_x_and_y_in_100_epochs() {
    let plain = spiral(r#""x", "y""#, 100);
    let more = spiral(MORE, 100);
    assert!(more >= 0.95, "x, y, x², y², sin x, sin y: {more}");
    assert!(plain < 0.95, "x and y alone: {plain}");
}

#[test]
fn features_shape_the_input_layer_and_the_gradient_checks_with_them_on() {
    let mut pg = playground(MORE, "");
    assert_eq!(pg.scene.network().sizes(), &[6, 6, 6, 1]);
    pg.train(50).unwrap();
    let train = pg.scene.train.clone();
    for i in [0, 7, 42] {
        let (analytic, numeric) = pg.scene.trainer.compare_gradients(&train, i);
        let worst = max_relative_difference(&analytic, &numeric);
        assert!(worst < 1e-5, "example {i}: {worst}");
    }
    // Prediction featurizes as training does: a point's value equals the network on its features.
    let (x, y) = (0.3, -0.6);
    let pi = std::f64::consts::PI;
    let inputs = [x, y, x * x, y * y, (pi * x).sin(), (pi * y).sin()];
    let mut ws = pg.scene.network().workspace();
    let direct = pg.scene.network().clone().forward(&mut ws, &inputs)[0];
    let via = pg.scene.trainer.predict(&[x, y])[0];
    assert!((direct - via).abs() < 1e-12, "{direct} vs {via}");
}

#[test]
fn no_feature_is_refused_and_nothing_changes() {
    let mut pg = playground(MORE, "");
    let before = pg.config();
    let e = pg.set(&change(r#"{"features": []}"#), None).unwrap_err();
    assert!(e.contains("features") && e.contains("at least one"), "{e}");
    assert_eq!(pg.config(), before);
    let e = decode::<scratchnet::app::config::Change>(r#"{"features": ["z"]}"#).unwrap_err();
    assert!(e.contains("features[0]") && e.contains("\"z\""), "{e}");
}

#[test]
fn a_model_round_trips_its_features_and_an_old_file_loads_as_x_and_y() {
    let mut a = playground(MORE, "");
    a.train(100).unwrap();
    let json = serde_json::to_string(&a.scene.export_model()).unwrap();
    assert!(
        json.contains(r#""features":["x","y","x2","y2","sinx","siny"]"#),
        "{json}"
    );
    let mut b = playground(r#""x", "y""#, "");
    b.import_model(&decode::<ModelFile>(&json).unwrap())
        .unwrap();
    assert_eq!(b.config().setup.features, a.config().setup.features);
    assert_eq!(b.scene.value_at(0.2, 0.4), a.scene.value_at(0.2, 0.4));
    // A file from before features: no `features` field; it loads as x and y.
    let mut old = playground(r#""x", "y""#, "");
    old.train(10).unwrap();
    let text = serde_json::to_string(&old.scene.export_model())
        .unwrap()
        .replace(r#","features":["x","y"]"#, "");
    assert!(!text.contains("features"));
    let mut c = playground(MORE, "");
    c.import_model(&decode::<ModelFile>(&text).unwrap())
        .unwrap();
    assert_eq!(c.scene.network().sizes()[0], 2);
    assert_eq!(c.config().setup.features.len(), 2);
    // Features that do not fit the file's first layer are refused by name.
    let bad = json.replace(r#"["x","y","x2","y2","sinx","siny"]"#, r#"["x","y"]"#);
    let e = c
        .import_model(&decode::<ModelFile>(&bad).unwrap())
        .unwrap_err();
    assert!(e.contains("layers[0]") && e.contains("6"), "{e}");
}
