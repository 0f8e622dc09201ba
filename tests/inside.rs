//! Native tests of the views inside a run: the timeline and rewinding, the gradients, the hidden
//! space and the loss landscape, each against an independent computation.

mod common;

use common::change;
use scratchnet::app::config::Change;
use scratchnet::app::playground::Playground;
use scratchnet::data::features::featurize;
use scratchnet::model::network::Network;
use scratchnet::train::targets::encode_target;
use scratchnet::train::timeline::Timeline;
use scratchnet::view::gradients::layer_norms;
use scratchnet::view::hidden::{principal_axes, HiddenAxes, HiddenRequest};
use scratchnet::view::landscape::{random_directions, Directions};

fn req(layer: usize, axes: HiddenAxes, lines: usize, samples: usize, max: usize) -> HiddenRequest {
    HiddenRequest {
        layer,
        axes,
        lines,
        samples,
        max_points: max,
    }
}

fn playground(json: &str) -> Playground {
    Playground::new(&change(json)).unwrap()
}

/// The training points' features and encoded targets, as flat batches.
fn batch(pg: &Playground) -> (Vec<f64>, Vec<f64>) {
    let (net, data) = (pg.scene.network(), &pg.scene.train);
    let (mut xs, mut ts, mut buf) = (Vec::new(), Vec::new(), Vec::new());
    let mut t = vec![0.0; net.outputs()];
    for i in 0..data.len() {
        xs.extend_from_slice(featurize(&pg.scene.trainer.features, data.x(i), &mut buf));
        encode_target(net, data.task(), data.ys[i], &mut t);
        ts.extend_from_slice(&t);
    }
    (xs, ts)
}

#[test]
fn training_records_every_epoch_from_the_start_and_a_rebuild_starts_a_new_timeline() {
    let mut pg = Playground::new(&Change::default()).unwrap();
    let start = pg.scene.network().params().to_vec();
    for _ in 0..30 {
        pg.train(7).unwrap();
    }
    let epochs: Vec<u64> = pg.timeline().snapshots().iter().map(|s| s.epoch).collect();
    // 210 steps of 14 per epoch (140 training points, batches of 10): epochs 0 to 15, each once.
    assert_eq!(epochs, (0..=15).collect::<Vec<_>>());
    assert_eq!(pg.timeline().snapshots()[0].params, start);
    let steps: Vec<u64> = pg.timeline().snapshots().iter().map(|s| s.steps).collect();
    assert!(
        steps.iter().zip(&epochs).all(|(&s, &e)| s == 14 * e),
        "{steps:?}"
    );
    pg.set(&change(r#"{"hiddenLayers": [5, 3]}"#), None)
        .unwrap();
    let fresh = pg.timeline().snapshots();
    assert_eq!(fresh.len(), 1);
    assert_eq!(fresh[0].params, pg.scene.network().params());
    // A live setting keeps the run's timeline.
    pg.train(30).unwrap();
    pg.set(&change(r#"{"learningRate": 0.03}"#), None).unwrap();
    assert_eq!(pg.timeline().snapshots().len(), 3);
}

#[test]
fn looking_back_shows_a_snapshot_and_never_changes_the_weights_being_trained() {
    let json = r#"{"optimizer": "adam", "learningRate": 0.01}"#;
    let (mut looked, mut plain) = (playground(json), playground(json));
    for pg in [&mut looked, &mut plain] {
        pg.train(100).unwrap();
    }
    let initial = looked.timeline().snapshots()[0].params.clone();
    let shown = looked.look_back(0).unwrap().epoch;
    assert_eq!(shown, 0);
    assert_eq!(looked.scene.network().params(), &initial[..]);
    assert_eq!(looked.scene.epoch(), 0);
    assert_eq!(looked.looking_at(), Some(0));
    // What is drawn is the snapshot's: its loss, not the trained one's.
    let (then, _) = looked.scene.evaluate();
    looked.look_back(3).unwrap();
    assert_eq!(looked.scene.epoch(), 3);
    assert!(looked.go_live());
    let (now, _) = looked.scene.evaluate();
    assert!(now.loss < then.loss, "{} then, {} now", then.loss, now.loss);
    // Training goes on exactly as if nobody had looked (Adam's moments included).
    for pg in [&mut looked, &mut plain] {
        pg.train(100).unwrap();
    }
    assert_eq!(
        looked.scene.network().params(),
        plain.scene.network().params()
    );
    assert!(looked.look_back(10_000).unwrap_err().contains("10000"));
    assert_eq!(looked.looking_at(), None);
}

#[test]
fn a_twins_weights_and_snapshots_go_to_the_live_trainer_while_looking_back() {
    let mut twin = Playground::new(&Change::default()).unwrap();
    let mut page = Playground::new(&Change::default()).unwrap();
    twin.train(300).unwrap();
    page.look_back(0).unwrap();
    let fresh: Vec<_> = twin.take_new_snapshots().to_vec();
    assert_eq!(fresh.len(), 22, "epochs 0–21 of 300 steps");
    assert!(twin.take_new_snapshots().is_empty());
    let params = twin.scene.network().params().to_vec();
    page.adopt(&params, twin.scene.epoch(), twin.scene.steps())
        .unwrap();
    page.adopt_snapshots(fresh.iter().map(|s| (s.epoch, s.steps, &s.params[..])));
    assert_eq!(page.scene.epoch(), 0, "still looking back");
    assert_eq!(page.timeline().snapshots(), twin.timeline().snapshots());
    page.go_live();
    assert_eq!(page.scene.network().params(), &params[..]);
    assert_eq!(page.scene.epoch(), 21);
}

#[test]
fn gradient_norms_match_the_gradient_kernel_on_the_same_batch() {
    let mut pg = playground(r#"{"hiddenLayers": [6, 5], "dataset": "circle"}"#);
    pg.train(50).unwrap();
    let n = pg.scene.train.len();
    assert!(pg.observe_gradients(n));
    let (xs, ts) = batch(&pg);
    let net = pg.scene.network().clone();
    let mut ws = net.workspace();
    net.gradient(&mut ws, &xs, &ts, pg.scene.trainer.loss);
    let want = layer_norms(&net, &ws.grad);
    let watch = pg.gradients().clone();
    assert_eq!(watch.norms().len(), 3);
    for (got, want) in watch.norms().iter().zip(&want) {
        assert!(
            (got - want).abs() <= 1e-12 * want.max(1e-12),
            "{got} against {want}"
        );
    }
    for (got, want) in watch.weights().iter().zip(&ws.grad) {
        assert!((got - want.abs()).abs() <= 1e-12, "{got} against {want}");
    }
    // One error signal per hidden and output neuron; an output neuron's is the mean |∂L/∂z|,
    // which for sigmoid with cross-entropy is the mean |p − t| over the batch.
    assert_eq!(watch.errors().len(), 6 + 5 + 1);
    let mut mean = 0.0;
    for (i, t) in ts.iter().enumerate() {
        let p = pg.scene.trainer.predict(pg.scene.train.x(i))[0];
        mean += (p - t).abs() / n as f64;
    }
    assert!((watch.errors()[11] - mean).abs() < 1e-12, "{mean}");
    // Later batches move the running means a tenth of the way.
    pg.observe_gradients(n);
    assert!((pg.gradients().norms()[0] - want[0]).abs() < 1e-12 * want[0].max(1e-12));
}

#[test]
fn six_sigmoid_layers_make_the_first_layers_gradients_vanish() {
    let layers = r#""hiddenLayers": [8, 8, 8, 8, 8, 8]"#;
    let norms = |activation: &str| {
        let mut pg = playground(&format!(
            r#"{{{layers}, "hiddenActivation": "{activation}", "dataset": "circle", "init": "xavier"}}"#
        ));
        pg.observe_gradients(200);
        pg.gradients().norms().to_vec()
    };
    let sigmoid = norms("sigmoid");
    let relu = norms("relu");
    let ratio = |n: &[f64]| n[0] / n[n.len() - 1];
    // Orders of magnitude below the last layer's under sigmoid; not so under ReLU.
    assert!(ratio(&sigmoid) < 1e-3, "{sigmoid:?}");
    assert!(
        ratio(&relu) > 100.0 * ratio(&sigmoid),
        "{relu:?} against {sigmoid:?}"
    );
}

#[test]
fn the_hidden_space_is_the_forward_pass_of_its_layer() {
    let mut pg = playground(r#"{"hiddenLayers": [5, 4], "dataset": "spiral"}"#);
    pg.train(200).unwrap();
    let space = pg
        .hidden_space(&req(2, HiddenAxes::Neurons(3, 1), 5, 9, 2_000))
        .unwrap();
    let net: Network = pg.scene.network().clone();
    let mut ws = net.workspace();
    let features = pg.scene.trainer.features.clone();
    let mut buf = Vec::new();
    let layer2 = |x: &[f64], ws: &mut _, buf: &mut Vec<f64>| -> Vec<f64> {
        net.forward(ws, featurize(&features, x, buf));
        ws.layer(2).1.to_vec()
    };
    let (train, test) = (&pg.scene.train, &pg.scene.test);
    assert_eq!(space.points.len(), 4 * (train.len() + test.len()));
    for (k, p) in space.points.chunks_exact(4).enumerate() {
        let (set, i, flag) = if k < train.len() {
            (train, k, 0.0)
        } else {
            (test, k - train.len(), 1.0)
        };
        let h = layer2(set.x(i), &mut ws, &mut buf);
        assert_eq!(
            [p[0], p[1], p[2], p[3]],
            [h[3] as f32, h[1] as f32, set.ys[i] as f32, flag]
        );
    }
    // Grid lines: 5 of constant y, then 5 of constant x, 9 samples each from −1 to 1.
    assert_eq!(space.lines.len(), 2 * 2 * 5 * 9);
    let h = layer2(&[-0.75, -1.0], &mut ws, &mut buf);
    assert_eq!(&space.lines[2..4], &[h[3] as f32, h[1] as f32]);
    let h = layer2(&[0.5, 1.0], &mut ws, &mut buf);
    let at = 2 * (5 * 9 + 3 * 9 + 8);
    assert_eq!(&space.lines[at..at + 2], &[h[3] as f32, h[1] as f32]);

    // Principal components: the projections of the same activations on their covariance's leading
    // eigenvectors, centred on the training points' mean.
    let pca = pg
        .hidden_space(&req(1, HiddenAxes::Pca, 3, 3, 2_000))
        .unwrap();
    let acts: Vec<Vec<f64>> = (0..train.len())
        .map(|i| {
            net.forward(&mut ws, featurize(&features, train.x(i), &mut buf));
            ws.layer(1).1.to_vec()
        })
        .collect();
    let (mean, dirs, explained) = principal_axes(acts.iter().map(|a| &a[..]), 5);
    assert!(explained[0] >= explained[1] && explained[0] + explained[1] <= 1.0 + 1e-9);
    assert_eq!(pca.explained, explained);
    for (a, p) in acts.iter().zip(pca.points.chunks_exact(4)) {
        for (d, &got) in dirs.iter().zip(&p[..2]) {
            let want: f64 = a
                .iter()
                .zip(&mean)
                .zip(d)
                .map(|((x, m), u)| (x - m) * u)
                .sum();
            assert!((got as f64 - want).abs() < 1e-5, "{got} against {want}");
        }
    }
    assert!(pg
        .hidden_space(&req(3, HiddenAxes::Pca, 3, 3, 2_000))
        .unwrap_err()
        .contains("1–2"));
    // A cap on the points mapped: an even sample of each set.
    let few = pg.hidden_space(&req(1, HiddenAxes::Pca, 3, 3, 10)).unwrap();
    assert_eq!(few.points.len(), 4 * (10 + 10));
    assert!(pg
        .hidden_space(&req(1, HiddenAxes::Neurons(0, 5), 3, 3, 2_000))
        .unwrap_err()
        .contains("neuron 6"));
}

#[test]
fn the_landscapes_centre_is_the_current_loss_and_its_path_lies_in_its_plane() {
    let mut pg = playground(r#"{"hiddenLayers": [4], "dataset": "circle"}"#);
    pg.train_epoch().unwrap();
    pg.train_epoch().unwrap();
    let mut land = pg.landscape(Directions::Pca, 11).unwrap();
    while !land.advance(50.0) {}
    let (train, _) = pg.scene.evaluate();
    assert_eq!(
        land.values()[5 * 11 + 5],
        train.loss,
        "the centre is the weights trained"
    );
    assert!(land.values().iter().all(|v| v.is_finite()));
    // Principal directions are orthonormal, and a path of three snapshots (the last one the
    // current weights) lies in the plane: w₀ + α·d₁ + β·d₂ gives each back.
    let [d1, d2] = land.directions();
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    assert!((dot(d1, d1) - 1.0).abs() < 1e-9 && (dot(d2, d2) - 1.0).abs() < 1e-9);
    assert!(dot(d1, d2).abs() < 1e-9);
    let snaps = pg.timeline().snapshots();
    assert_eq!(land.path().len(), 2 * snaps.len());
    assert_eq!(snaps.len(), 3, "epochs 0, 1 and 2");
    let base = pg.scene.network().params();
    for (s, ab) in snaps.iter().zip(land.path().chunks_exact(2)) {
        for ((w, b), (x, y)) in s.params.iter().zip(base).zip(d1.iter().zip(d2)) {
            assert!((b + ab[0] * x + ab[1] * y - w).abs() < 1e-9);
        }
    }
    // The loss grows away from where training went: a corner is above the centre.
    assert!(land.values()[0] > land.values()[5 * 11 + 5] || land.values()[120] > land.values()[60]);
}

#[test]
fn random_directions_are_filter_normalised() {
    let pg = playground(r#"{"hiddenLayers": [6, 3]}"#);
    let net = pg.scene.network();
    let [d1, d2] = random_directions(net, 7);
    for d in [&d1, &d2] {
        for l in 0..net.layers() {
            let n_in = net.sizes()[l];
            let w = net.weight_range(l);
            for (row, wrow) in d[w.clone()]
                .chunks_exact(n_in)
                .zip(net.params()[w].chunks_exact(n_in))
            {
                let norm = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt();
                assert!((norm(row) - norm(wrow)).abs() < 1e-12 * norm(wrow).max(1.0));
            }
            let biases = net.layer_range(l).end - net.sizes()[l + 1]..net.layer_range(l).end;
            assert!(d[biases].iter().all(|&b| b == 0.0));
        }
    }
    assert_ne!(d1, d2);
    assert_eq!(
        random_directions(net, 7)[0],
        d1,
        "the same seed, the same direction"
    );
    let mut land = pg.landscape(Directions::Random(7), 9).unwrap();
    assert_eq!(
        land.extent(),
        [1.0, 1.0],
        "the path is one point: the plane spans ±1"
    );
    while !land.advance(50.0) {}
    let mut plain = pg.clone();
    let (train, _) = plain.scene.evaluate();
    assert_eq!(land.values()[4 * 9 + 4], train.loss);
    // A plane needs a run that moved; and a resolution with a centre.
    assert!(pg
        .landscape(Directions::Pca, 9)
        .unwrap_err()
        .contains("train a few epochs"));
    assert!(pg
        .landscape(Directions::Random(1), 10)
        .unwrap_err()
        .contains("odd"));
}

#[test]
fn the_timeline_bound_is_stated_in_snapshots_and_weights() {
    assert_eq!(Timeline::capacity(17), 300);
    assert_eq!(Timeline::capacity(21_377), 98);
}

#[test]
fn principal_directions_of_a_long_run_come_from_an_even_choice_of_its_snapshots() {
    let mut pg = Playground::new(&Change::default()).unwrap();
    for _ in 0..120 {
        pg.train_epoch().unwrap();
    }
    assert!(pg.timeline().snapshots().len() > 100);
    let land = pg.landscape(Directions::Pca, 5).unwrap();
    let [d1, d2] = land.directions();
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    assert!((dot(d1, d1) - 1.0).abs() < 1e-9 && dot(d1, d2).abs() < 1e-9);
    // Every snapshot is on the path; the last is the current weights, at the centre.
    let path = land.path();
    assert_eq!(path.len(), 2 * pg.timeline().snapshots().len());
    assert_eq!(&path[path.len() - 2..], &[0.0, 0.0]);
    // The run moved mostly along the first direction: its start lies far out along it.
    assert!(path[0].abs() > path[1].abs(), "{} {}", path[0], path[1]);
}

#[test]
fn a_run_that_diverges_leaves_no_snapshot_of_the_weights_taken_back() {
    let mut pg = playground(
        r#"{"loss": "squaredError", "outputActivation": "linear", "hiddenActivation": "relu", "learningRate": 10, "batchSize": 1}"#,
    );
    let mut failed = false;
    for _ in 0..100 {
        let before = pg.scene.epoch();
        if pg.train(400).is_err() {
            failed = true;
            // The call's epochs are forgotten with its weights: the newest snapshot is from before.
            let newest = pg.timeline().snapshots().last().unwrap().epoch;
            assert!(newest <= before, "{newest} after {before}");
            break;
        }
    }
    assert!(failed, "η = 10 on a linear output diverges");
    assert!(pg
        .timeline()
        .snapshots()
        .iter()
        .all(|s| s.params.iter().all(|w| w.is_finite())));
}

#[test]
fn a_step_asked_for_while_looking_back_trains_a_whole_epoch_of_the_live_weights() {
    let mut pg = Playground::new(&Change::default()).unwrap();
    for _ in 0..5 {
        pg.train_epoch().unwrap();
    }
    pg.look_back(0).unwrap();
    pg.train_epoch().unwrap();
    assert_eq!(pg.looking_at(), None);
    assert_eq!(pg.scene.epoch(), 6);
    assert_eq!(pg.scene.steps(), 6 * 14);
}
