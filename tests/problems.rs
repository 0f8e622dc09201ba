//! Native tests of free play's problem types: multi-class with 3 or 4 classes,
//! regression, and switching between them.

mod common;

use common::change;
use scratchnet::app::config::Problem;
use scratchnet::app::files::PointsFile;
use scratchnet::app::playground::Playground;
use scratchnet::base::names::Named;
use scratchnet::data::dataset::{bumps, Dataset, Generator, Task};
use scratchnet::model::activation::Activation;
use scratchnet::model::loss::{Loss, OutputActivation};
use scratchnet::model::network::{Init, Network};

fn playground(json: &str) -> Playground {
    Playground::new(&change(json)).unwrap()
}

fn set(pg: &mut Playground, json: &str) -> Result<(), String> {
    pg.set(&change(json), None).map(|_| ())
}

#[test]
fn softmax_cross_entropy_gradients_match_finite_differences_for_three_and_four_classes() {
    for k in [3usize, 4] {
        let mut net = Network::new(
            &[2, 5, 4, k],
            &[Activation::Tanh],
            OutputActivation::Softmax,
            Init::Auto,
            7,
        )
        .unwrap();
        // Ten points, each one-hot on a class in turn.
        let mut xs = Vec::new();
        let mut ts = Vec::new();
        for i in 0..10 {
            let a = i as f64 * 0.37;
            xs.extend([a.sin(), (1.3 * a).cos()]);
            ts.extend((0..k).map(|c| f64::from(u8::from(c == i % k))));
        }
        let error = net.gradient_check(&xs, &ts, Loss::SoftmaxCrossEntropy);
        assert!(error < 1e-6, "k = {k}: relative gradient error {error}");
    }
}

#[test]
fn multi_class_generators_are_seeded_and_balanced() {
    for generator in [Generator::Gaussians, Generator::Spiral, Generator::Sectors] {
        for k in [3usize, 4] {
            let a = Dataset::generate(generator, 301, 0.0, 9, k);
            let b = Dataset::generate(generator, 301, 0.0, 9, k);
            assert_eq!(a, b, "{} k = {k}: same seed, same points", generator.name());
            if generator != Generator::Spiral {
                // (Without noise the spiral's points are set by their index alone.)
                let c = Dataset::generate(generator, 301, 0.0, 10, k);
                assert!(
                    a.xs != c.xs,
                    "{}: another seed, other points",
                    generator.name()
                );
            }
            assert_eq!(a.task(), Task::Classification);
            let counts: Vec<usize> = (0..k).map(|c| a.count_class(c)).collect();
            assert_eq!(counts.iter().sum::<usize>(), 301);
            let (lo, hi) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
            assert!(
                hi - lo <= 1,
                "{} k = {k}: classes {counts:?}",
                generator.name()
            );
            assert!(a.xs.iter().all(|v| (-1.0..=1.0).contains(v)));
        }
    }
    // Sectors: each class holds the wedge its points are in, the first at the top.
    let d = Dataset::generate(Generator::Sectors, 400, 0.0, 3, 4);
    for i in 0..d.len() {
        let x = d.x(i);
        let turn =
            (x[1].atan2(x[0]) - std::f64::consts::FRAC_PI_2).rem_euclid(std::f64::consts::TAU);
        let wedge = (turn / (std::f64::consts::TAU / 4.0)) as usize;
        assert_eq!(wedge, d.ys[i] as usize, "point {x:?}");
    }
    // Two classes keep the sets they always had (links and the golden runs depend on them).
    let spiral = Dataset::generate(Generator::Spiral, 6, 0.0, 1, 2);
    assert_eq!(spiral.ys, [1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
}

#[test]
fn regression_generators_draw_their_surfaces() {
    let plane = Dataset::generate(Generator::Plane, 200, 0.0, 4, 2);
    assert_eq!(plane.task(), Task::Regression);
    for i in 0..plane.len() {
        let x = plane.x(i);
        assert!((plane.ys[i] - (x[0] + x[1]) / 2.0).abs() < 1e-12);
    }
    let b = Dataset::generate(Generator::Bumps, 400, 0.0, 4, 2);
    for i in 0..b.len() {
        assert!((b.ys[i] - bumps(b.x(i)[0], b.x(i)[1])).abs() < 1e-12);
    }
    // Three bumps up, three down, near ±1 at their centres and near 0 between the rows.
    assert!(bumps(-2.0 / 3.0, 0.42) > 0.9 && bumps(0.0, 0.42) < -0.9);
    assert!(bumps(0.0, -0.42) > 0.9 && bumps(2.0 / 3.0, -0.42) < -0.9);
    assert!(bumps(0.0, 1.0).abs() < 0.1);
    let targets = |d: &Dataset| {
        d.ys.iter()
            .copied()
            .fold((f64::MAX, f64::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)))
    };
    let (lo, hi) = targets(&b);
    assert!(
        lo < -0.8 && hi > 0.8 && lo >= -1.0 && hi <= 1.0,
        "{lo}..{hi}"
    );
    // Noise jitters the targets, not the positions, and keeps them within [−1, 1].
    for generator in [Generator::Plane, Generator::Bumps] {
        let clean = Dataset::generate(generator, 300, 0.0, 4, 2);
        let noisy = Dataset::generate(generator, 300, 1.0, 4, 2);
        assert_eq!(noisy.xs, clean.xs);
        assert_ne!(noisy.ys, clean.ys);
        assert!(noisy.ys.iter().all(|t| (-1.0..=1.0).contains(t)));
        // What a noisy scene saves, it loads back.
        let file = PointsFile::from_sets(&noisy, &Dataset::new(2, Task::Regression), None);
        assert_eq!(file.to_sets(Task::Regression, 2, 2).unwrap().0, noisy);
    }
}

#[test]
fn four_gaussians_reach_95_percent_test_accuracy() {
    let mut pg = playground(
        r#"{"problem": "multi-class", "classes": 4, "dataset": "gaussians",
        "points": 400, "noise": 0.2, "seed": 5, "learningRate": 0.1}"#,
    );
    let c = pg.config().setup;
    assert_eq!(
        (c.output_activation, c.loss),
        (OutputActivation::Softmax, Loss::SoftmaxCrossEntropy)
    );
    assert_eq!(pg.scene.network().outputs(), 4);
    for _ in 0..300 {
        pg.train_epoch().unwrap();
    }
    let (train, test) = pg.scene.evaluate();
    assert!(
        test.accuracy >= 0.95,
        "test accuracy {} (train {})",
        test.accuracy,
        train.accuracy
    );
    // The boundary's value at a blob's centre is its class, confidently.
    pg.scene.compute_boundary(64, 0..64).unwrap();
    // Class 0's blob is the first after the top, going anticlockwise: at 135°.
    let centre = 0.55 * std::f64::consts::FRAC_1_SQRT_2;
    let v = pg.scene.value_at(-centre, centre);
    assert!(v.floor() == 0.0 && v.fract() > 0.5, "class 0's blob: {v}");
    let values = pg.scene.boundary_values();
    let classes: std::collections::BTreeSet<u32> = values.iter().map(|&v| v as u32).collect();
    assert_eq!(classes.into_iter().collect::<Vec<_>>(), [0, 1, 2, 3]);
}

#[test]
fn a_three_arm_spiral_trains_and_clicks_add_any_class() {
    let mut pg = playground(
        r#"{"problem": "multi-class", "dataset": "spiral", "hiddenLayers": [16, 16],
        "learningRate": 0.03, "optimizer": "adam", "seed": 2}"#,
    );
    assert_eq!(pg.config().setup.classes, 3);
    let first = pg.scene.evaluate().0.loss;
    for _ in 0..300 {
        pg.train_epoch().unwrap();
    }
    let (train, _) = pg.scene.evaluate();
    assert!(
        train.loss < 0.5 * first && train.accuracy > 0.8,
        "{first} → {train:?}"
    );
    let before = pg.scene.train.count_class(2);
    pg.add_point(0.1, 0.2, 2.0).unwrap();
    assert_eq!(pg.scene.train.count_class(2), before + 1);
    let e = pg.add_point(0.1, 0.2, 3.0).unwrap_err();
    assert!(
        e.starts_with("label: 3 is not a class of this scene (0–2)"),
        "{e}"
    );
    let e = pg.add_point(0.1, 0.2, 1.5).unwrap_err();
    assert!(e.contains("1.5"), "{e}");
    assert!(pg.undo());
    assert_eq!(pg.scene.train.count_class(2), before);
}

#[test]
fn regression_trains_on_the_bumps_and_takes_targets_from_clicks() {
    let mut pg = playground(
        r#"{"problem": "regression", "dataset": "bumps", "hiddenLayers": [8, 8],
        "points": 300, "learningRate": 0.01, "optimizer": "adam", "seed": 3}"#,
    );
    let c = pg.config().setup;
    assert_eq!(
        c.output_activation,
        OutputActivation::Plain(Activation::Linear)
    );
    assert_eq!(c.loss, Loss::SquaredError);
    let first = pg.scene.evaluate().0.loss;
    for _ in 0..400 {
        pg.train_epoch().unwrap();
    }
    let (train, test) = pg.scene.evaluate();
    assert!(train.loss < 0.3 * first, "{first} → {}", train.loss);
    assert!(
        train.accuracy.is_nan() && test.accuracy.is_nan(),
        "no accuracy for regression"
    );
    // The point buffer carries each point's target as its label.
    let buffer = pg.scene.point_buffer().to_vec();
    assert_eq!(buffer[2], pg.scene.train.ys[0] as f32);
    pg.add_point(0.5, 0.5, -0.75).unwrap();
    // Edited points and targets lie on the grid a link carries them on (16 bits over [−1, 1]).
    let grid = scratchnet::app::playground::on_link_grid;
    assert_eq!(*pg.scene.train.ys.last().unwrap(), grid(-0.75));
    assert!((grid(-0.75) + 0.75).abs() < 2e-5);
    let e = pg.add_point(0.5, 0.5, 2.0).unwrap_err();
    assert!(
        e.starts_with("label: 2 is outside the targets' range [-1, 1]"),
        "{e}"
    );
    // The boundary maps the output onto [0, 1] around ½ (a target of 0).
    assert!((pg.scene.value_at(-2.0 / 3.0, 0.42) - 0.5) > 0.2);
}

#[test]
fn switching_problems_keeps_the_hyperparameters_and_says_what_changed() {
    let mut pg = playground(
        r#"{"hiddenLayers": [6, 3], "learningRate": 0.3, "optimizer": "adam", "batchSize": 5}"#,
    );
    set(&mut pg, r#"{"problem": "multi-class"}"#).unwrap();
    let c = pg.config();
    assert_eq!(c.setup.problem, Problem::MultiClass);
    assert_eq!(c.setup.hidden_layers, [6, 3]);
    assert_eq!((c.hyper.learning_rate, c.hyper.batch_size), (0.3, 5));
    assert_eq!(
        c.setup.dataset,
        Generator::Gaussians,
        "line is no multi-class set"
    );
    assert_eq!((c.setup.classes, pg.scene.network().outputs()), (3, 3));
    assert!(pg.scene.train.count_class(2) + pg.scene.test.count_class(2) > 0);
    set(&mut pg, r#"{"classes": 4}"#).unwrap();
    assert_eq!(pg.scene.network().outputs(), 4);
    // Wrong outputs and data sets for the problem are refused by name.
    let e = set(
        &mut pg,
        r#"{"outputActivation": "sigmoid", "loss": "binaryCrossEntropy"}"#,
    )
    .unwrap_err();
    assert!(e.contains("multi-class uses softmax"), "{e}");
    let e = set(&mut pg, r#"{"dataset": "xor"}"#).unwrap_err();
    assert!(
        e.contains(
            "\"xor\" is not a multi-class data set; choose one of gaussians, spiral, sectors"
        ),
        "{e}"
    );
    let e = set(&mut pg, r#"{"classes": 5}"#).unwrap_err();
    assert!(e.starts_with("classes: 5"), "{e}");
    set(&mut pg, r#"{"problem": "regression"}"#).unwrap();
    let c = pg.config();
    assert_eq!((c.setup.dataset, c.setup.classes), (Generator::Plane, 2));
    assert_eq!(c.hyper.optimizer.name(), "adam");
    assert_eq!(pg.scene.train.task(), Task::Regression);
    let e = set(&mut pg, r#"{"classes": 3}"#).unwrap_err();
    assert!(e.contains("needs the multi-class problem"), "{e}");
    // Undo cannot bring the points of another problem back.
    assert!(!pg.undo());
    set(&mut pg, r#"{"problem": "classification"}"#).unwrap();
    let c = pg.config().setup;
    assert_eq!(c.dataset, Generator::Line, "plane is no classification set");
    assert_eq!(
        c.output_activation,
        OutputActivation::Plain(Activation::Sigmoid)
    );
    assert_eq!(c.loss, Loss::BinaryCrossEntropy);
}

#[test]
fn a_link_with_a_bad_problem_keeps_the_rest() {
    let (pg, problems) = Playground::lenient(&change(
        r#"{"problem": "multi-class", "classes": 9, "dataset": "sectors", "learningRate": 0.2}"#,
    ));
    let c = pg.config();
    assert_eq!((c.setup.problem, c.setup.classes), (Problem::MultiClass, 3));
    assert_eq!(c.setup.dataset, Generator::Sectors);
    assert_eq!(c.hyper.learning_rate, 0.2);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("classes: 9"), "{problems:?}");
}

#[test]
fn point_files_carry_classes_and_targets() {
    let mut pg = playground(r#"{"problem": "multi-class", "classes": 4, "points": 40}"#);
    let file = pg.export_points();
    let text = serde_json::to_string(&file).unwrap();
    assert!(text.contains("\"label\":3"), "{text}");
    assert!(!text.contains("target"));
    let mut other = playground(r#"{"problem": "multi-class", "classes": 4, "points": 0}"#);
    other.import_points(&file).unwrap();
    let grid = scratchnet::app::playground::on_link_grid;
    let snapped: Vec<f64> = pg.scene.train.xs.iter().map(|&v| grid(v)).collect();
    assert_eq!(
        other.scene.train.xs, snapped,
        "loaded points lie on the link's grid"
    );
    assert_eq!(other.scene.train.ys, pg.scene.train.ys);
    // A four-class file does not fit a two-class scene: the label says why.
    let mut two = playground("{}");
    let before = two.scene.train.clone();
    let e = two.import_points(&file).unwrap_err();
    assert!(
        e.contains(".label: ") && e.contains("not a class of this scene (0–1)"),
        "{e}"
    );
    assert_eq!(two.scene.train, before);
    // Regression points carry targets, and only into a regression scene.
    let mut reg = playground(r#"{"problem": "regression", "points": 30}"#);
    let file = reg.export_points();
    let text = serde_json::to_string(&file).unwrap();
    assert!(
        text.contains("\"target\":") && !text.contains("\"label\""),
        "{text}"
    );
    let parsed: PointsFile = serde_json::from_str(&text).unwrap();
    reg.clear();
    reg.import_points(&parsed).unwrap();
    assert_eq!(reg.scene.train.len() + reg.scene.test.len(), 30);
    let e = pg.import_points(&parsed).unwrap_err();
    assert!(e.contains("needs a label"), "{e}");
    let bad: PointsFile = serde_json::from_str(
        r#"{"format":"scratchnet-points","version":1,"points":[{"x":0,"y":0,"target":1.5}]}"#,
    )
    .unwrap();
    let e = reg.import_points(&bad).unwrap_err();
    assert_eq!(
        e,
        "points[0].target: 1.5 is outside the targets' range [-1, 1]"
    );
}

#[test]
fn models_must_have_the_scenes_outputs() {
    let four = playground(r#"{"problem": "multi-class", "classes": 4}"#);
    let model = four.scene.export_model();
    let mut three = playground(r#"{"problem": "multi-class"}"#);
    let e = three.import_model(&model).unwrap_err();
    assert!(
        e.contains("3 neurons (one per class)") && e.contains("has 4"),
        "{e}"
    );
    let mut again = playground(r#"{"problem": "multi-class", "classes": 4, "seed": 9}"#);
    again.import_model(&model).unwrap();
    assert_eq!(
        again.scene.network().params(),
        four.scene.network().params()
    );
    let mut reg = playground(r#"{"problem": "regression"}"#);
    let e = reg
        .import_model(&playground("{}").scene.export_model())
        .unwrap_err();
    assert!(
        e.starts_with("outputActivation: \"sigmoid\" cannot reach"),
        "{e}"
    );
    assert!(e.contains("regression uses linear or tanh"), "{e}");
    assert_eq!(
        scratchnet::model::output::class_value(&[0.2, f64::NAN, 0.8]),
        0.0,
        "no class from outputs that are no numbers"
    );
}

/// Runs a search to the end, a slice at a time as the page does.
fn search(pg: &Playground, count: usize, epochs: u64) -> scratchnet::train::finder::Found {
    let mut finder = pg.lr_finder(count, epochs).unwrap();
    let mut last = 0.0;
    while !finder.done() {
        let progress = finder.run(2.0);
        assert!(progress >= last && progress <= 1.0, "{last} → {progress}");
        last = progress;
    }
    assert_eq!(last, 1.0);
    finder.found().unwrap()
}

#[test]
fn the_learning_rate_finder_is_deterministic_and_its_pick_converges() {
    let pg = playground(r#"{"seed": 4}"#);
    let before = pg.scene.network().params().to_vec();
    let found = search(&pg, 16, 30);
    assert_eq!(found, search(&pg, 16, 30), "the same seed, the same search");
    assert_eq!(
        pg.scene.network().params(),
        before,
        "the search trains copies"
    );
    assert_eq!(found.rates.len(), 16);
    assert_eq!(
        (found.rates[0], found.rates[15]),
        (1e-4, 10.0),
        "the slider's range"
    );
    for w in found.rates.windows(2) {
        // Log-spaced: each 10^(5/15) times the last, to the three digits kept.
        assert!(
            (w[1] / w[0] / 10f64.powf(5.0 / 15.0) - 1.0).abs() < 5e-3,
            "{w:?}"
        );
    }
    assert_eq!(
        found.rates[9], 0.1,
        "three digits, as the slider shows them"
    );
    let k = found.suggested.expect("a rate to suggest");
    assert!(!found.diverged[k]);
    let best = (0..16)
        .filter(|&i| !found.diverged[i])
        .map(|i| found.losses[i])
        .fold(f64::INFINITY, f64::min);
    assert!(found.losses[k] <= best * 1.05);
    assert!(
        ((k + 1)..16).all(|i| found.diverged[i] || found.losses[i] > best * 1.05),
        "the largest within the margin"
    );
    // Training with the suggestion converges: from the same start, the loss falls well below
    // where it began and no step diverges.
    let mut pg = pg;
    let rate = format!(r#"{{"learningRate": {}}}"#, found.rates[k]);
    set(&mut pg, &rate).unwrap();
    let first = pg.scene.evaluate().0.loss;
    for _ in 0..60 {
        pg.train_epoch().unwrap();
    }
    let (train, test) = pg.scene.evaluate();
    assert!(train.loss < 0.3 * first, "{first} → {}", train.loss);
    assert!(test.accuracy >= 0.95, "test accuracy {}", test.accuracy);
}

#[test]
fn the_finder_reports_runs_that_diverge_and_refuses_bad_requests() {
    // Squared error on a linear output: the largest rates blow up.
    let pg = playground(
        r#"{"problem": "regression", "dataset": "plane", "hiddenActivation": "linear", "seed": 2}"#,
    );
    let found = search(&pg, 12, 10);
    assert!(found.diverged[11], "η = 10 diverges: {found:?}");
    assert!(!found.diverged[0], "η = 10⁻⁴ does not");
    let k = found.suggested.unwrap();
    assert!(found.rates[k] < 10.0 && !found.diverged[k]);
    assert!(found
        .losses
        .iter()
        .zip(&found.diverged)
        .all(|(l, &d)| d || l.is_finite()));
    let e = pg.lr_finder(1, 10).unwrap_err();
    assert_eq!(e, "count: 1 is not in 2–64");
    let e = pg.lr_finder(16, 0).unwrap_err();
    assert_eq!(e, "epochs: 0 is not in 1–1000");
    let mut empty = playground(r#"{"points": 0}"#);
    empty.clear();
    assert!(empty
        .lr_finder(16, 10)
        .unwrap_err()
        .contains("no training points"));
}
