//! Every lesson's outcome reproduced with the library alone (the figures the tutorials report).

mod common;

use common::decode;
use scratchnet::hyper::Method;
use scratchnet::lesson::{Lesson, LessonId, FIRST_INPUT_ITERATIONS};
use scratchnet::model::ModelFile;

fn figure(lesson: &mut Lesson, name: &str) -> f64 {
    lesson
        .figures()
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{:?} reports no {name}", lesson.id()))
        .1
}

#[test]
fn line_lesson_reproduces_seed_004_by_backprop_and_by_numeric_gradients() {
    for method in [Method::Backprop, Method::Numeric] {
        let mut l = Lesson::new(LessonId::Line, 4);
        l.set_method(method);
        l.run().unwrap();
        assert!(
            figure(&mut l, "accuracy") >= 98.0,
            "{method:?}: {}",
            figure(&mut l, "accuracy")
        );
        assert!(figure(&mut l, "prediction-0.5-0.1") < 0.1, "{method:?}");
        assert!(figure(&mut l, "prediction-0.3-0.7") > 0.9, "{method:?}");
        let diff = figure(&mut l, "max-gradient-difference");
        assert!(
            diff < 1e-5,
            "{method:?}: the two gradients differ by {diff:e}"
        );
    }
}

#[test]
fn perceptron_learns_and_within_100_random_steps() {
    for seed in 0..10 {
        let mut l = Lesson::new(LessonId::PerceptronAnd, seed);
        l.run().unwrap();
        assert_eq!(figure(&mut l, "accuracy"), 100.0, "seed {seed}");
        for (x, want) in [
            ([0.0, 0.0], 0.0),
            ([0.0, 1.0], 0.0),
            ([1.0, 0.0], 0.0),
            ([1.0, 1.0], 1.0),
        ] {
            assert_eq!(l.predict(&x), want, "seed {seed}: AND{x:?}");
        }
    }
}

#[test]
fn xor_single_layer_fails_and_the_hidden_layer_succeeds() {
    for seed in 0..10 {
        let mut l = Lesson::new(LessonId::Xor, seed);
        for _ in 0..20 {
            l.run().unwrap();
            assert!(
                figure(&mut l, "accuracy") <= 75.0,
                "seed {seed}: a line cannot split XOR"
            );
        }
        l.fix().unwrap();
        l.run().unwrap();
        assert_eq!(
            figure(&mut l, "accuracy"),
            100.0,
            "seed {seed}: with a hidden layer"
        );
    }
}

#[test]
fn first_input_confidence_rises_with_iterations_and_saved_weights_predict_the_same() {
    let mut l = Lesson::new(LessonId::FirstInput, 0);
    let mut last = 0.0;
    for n in FIRST_INPUT_ITERATIONS {
        l.set_iterations(n).unwrap();
        l.run().unwrap();
        let c = figure(&mut l, "confidence");
        assert!(c > last, "{n} iterations: confidence {c} after {last}");
        last = c;
    }
    assert!(last > 99.0, "confidence after 100 000 iterations: {last}");
    assert_eq!(
        figure(&mut l, "accuracy"),
        100.0,
        "the new cases follow the first input"
    );
    let file = serde_json::to_string(&l.scene.export_model()).unwrap();
    let mut fresh = Lesson::new(LessonId::FirstInput, 9);
    fresh
        .import_model(&decode::<ModelFile>(&file).unwrap())
        .unwrap();
    assert_eq!(
        fresh.rows(),
        l.rows(),
        "loaded weights give identical predictions without training"
    );
    assert!(l.set_iterations(5).is_err());
}

#[test]
fn new_situation_predicts_the_new_case() {
    let mut l = Lesson::new(LessonId::NewSituation, 1);
    l.run().unwrap();
    assert_eq!(figure(&mut l, "iterations"), 15_000.0);
    let p = figure(&mut l, "prediction-1-0-0");
    assert!(p > 0.99, "(1, 0, 0) → {p}");
}

#[test]
fn regression_finds_the_weights_fast_and_the_bias_slowly() {
    let mut l = Lesson::new(LessonId::Regression, 3);
    let mut losses = vec![figure(&mut l, "loss")];
    for _ in 0..100 {
        l.train(1).unwrap();
        losses.push(figure(&mut l, "loss"));
    }
    assert!(
        losses.windows(2).all(|w| w[1] < w[0]),
        "the loss falls every iteration"
    );
    let (w0, w1, b) = (
        figure(&mut l, "w0"),
        figure(&mut l, "w1"),
        figure(&mut l, "bias"),
    );
    assert!(
        (w0 - 2.0).abs() < 0.05 && (w1 + 3.0).abs() < 0.05,
        "after 100: w = ({w0}, {w1})"
    );
    assert!(
        b > 2.5 && b < 3.7,
        "after 100 the bias is still on its way: {b}"
    );
    l.train(200).unwrap();
    let b = figure(&mut l, "bias");
    assert!((b - 5.0).abs() < 0.5, "after 300: bias {b}");
}

#[test]
fn importing_the_wrong_shape_is_refused() {
    let other = Lesson::new(LessonId::NewSituation, 0).scene.export_model();
    let mut l = Lesson::new(LessonId::FirstInput, 0);
    let before = l.rows();
    let err = l.import_model(&other).unwrap_err();
    assert!(err.contains("layers"), "{err}");
    assert_eq!(l.rows(), before);
}
