//! The neuron maps: every neuron's output over the plane from one call, equal to a plain
//! forward pass at every cell within the boundary kernel's tolerance.

mod common;

use common::change;
use scratchnet::app::playground::Playground;

/// The level a map shows for activation `a` of a tanh hidden neuron or a sigmoid output.
fn level(a: f64, tanh: bool) -> f64 {
    if tanh {
        0.5 * (a + 1.0)
    } else {
        a
    }
}

#[test]
fn every_neurons_map_equals_the_forward_pass_at_every_cell() {
    let mut pg = Playground::new(&change(
        r#"{"dataset": "circle", "hiddenLayers": [5, 3], "learningRate": 0.3}"#,
    ))
    .unwrap();
    pg.train(300).unwrap();
    let res = 16;
    let levels = pg.scene.neuron_maps(res, None).unwrap().levels().to_vec();
    let sizes = pg.scene.network().sizes().to_vec();
    assert_eq!(levels.len(), (5 + 3 + 1) * res * res);
    let net = pg.scene.network().clone();
    let mut ws = net.workspace();
    let mut worst: f64 = 0.0;
    for r in 0..res {
        for c in 0..res {
            let x = -1.0 + (c as f64 + 0.5) * 2.0 / res as f64;
            let y = 1.0 - (r as f64 + 0.5) * 2.0 / res as f64;
            net.forward(&mut ws, &[x, y]);
            let mut m = 0;
            for l in 1..sizes.len() {
                let (_, a) = ws.layer(l);
                for &a in a {
                    let want = level(a, l + 1 < sizes.len());
                    let got = f64::from(levels[m * res * res + r * res + c]);
                    worst = worst.max((got - want).abs());
                    m += 1;
                }
            }
        }
    }
    assert!(
        worst < 1e-5,
        "a map differs from the forward pass by {worst}"
    );
    // One neuron alone gives the same map as in the whole set.
    let third = pg
        .scene
        .neuron_maps(res, Some((2, 1)))
        .unwrap()
        .levels()
        .to_vec();
    assert_eq!(third, levels[6 * res * res..7 * res * res]);
    // A neuron that does not exist is refused by name.
    let e = pg.scene.neuron_maps(res, Some((2, 3))).unwrap_err();
    assert!(e.contains("layer 2 neuron 3"), "{e}");
}

#[test]
fn a_dead_relu_is_white_and_a_live_one_spans_its_range() {
    let mut pg = Playground::new(&change(
        r#"{"dataset": "xor", "hiddenLayers": [4], "hiddenActivation": "relu"}"#,
    ))
    .unwrap();
    pg.train(200).unwrap();
    // Kill neuron 0: every weight and its bias far negative.
    let mut params = pg.scene.network().params().to_vec();
    params[0] = -5.0;
    params[1] = -5.0;
    params[8] = -50.0;
    pg.scene.trainer.restart_from(&params).unwrap();
    let res = 16;
    let levels = pg.scene.neuron_maps(res, None).unwrap().levels().to_vec();
    let map = |m: usize| &levels[m * res * res..(m + 1) * res * res];
    assert!(map(0).iter().all(|&p| p == 0.5), "a dead ReLU is white");
    let live = (1..4)
        .find(|&m| map(m).iter().any(|&p| p > 0.0))
        .expect("a live ReLU");
    let top = map(live).iter().fold(0.0f32, |a, &b| a.max(b));
    assert_eq!(top, 1.0, "its largest value is full blue");
}
