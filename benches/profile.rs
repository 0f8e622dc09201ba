//! Workloads to profile (docs/PROFILE.md): `cargo bench --bench profile -- WORKLOAD [SECONDS]`
//! runs one in a loop for SECONDS (default 10) and prints its throughput; under
//! `perf record -g` it says where the time goes.
//!
//! - `w1-f32`, `w1-f64`: W1 of `npm run bench` (`[2, 5, 1]` sigmoid, online, η = 1, 10 000
//!   points), in each precision.
//! - `w2-f32`, `w2-f64`: W2 of `npm run bench` (`[2, 8, 8, 1]` tanh, batch 10, η = 0.03, a 500-point
//!   spiral) through `sgd_epoch`, in each precision.
//! - `c-f32`, `c-f64`: scene (c), the page's largest: 6 × 64 tanh, 5 000 points, full
//!   batch, Adam, in a `Playground` as the training worker runs it (`train` calls of 12 ms).

use scratchnet::app::playground::Playground;
use scratchnet::math::float::Float;
use scratchnet::model::activation::Activation;
use scratchnet::model::loss::{Loss, OutputActivation};
use scratchnet::model::network::{Init, Network};
use scratchnet::train::sgd::sgd_epoch;
use std::time::Instant;

fn w2<F: Float>(seconds: f64) {
    let n = 500;
    let mut xs = Vec::new();
    let mut ts = Vec::new();
    for i in 0..n {
        let positive = i % 2 == 0;
        let k = (i / 2) as f64 / (n / 2) as f64;
        let t =
            1.75 * k * std::f64::consts::TAU + if positive { 0.0 } else { std::f64::consts::PI };
        xs.extend([
            F::from_f64(0.95 * k * t.sin()),
            F::from_f64(0.95 * k * t.cos()),
        ]);
        ts.push(F::from_f64(if positive { 1.0 } else { -1.0 }));
    }
    let tanh = OutputActivation::Plain(Activation::Tanh);
    let mut net: Network<F> =
        Network::new(&[2, 8, 8, 1], &[Activation::Tanh], tanh, Init::Auto, 12).unwrap();
    let mut ws = net.workspace();
    let (start, mut epochs) = (Instant::now(), 0u64);
    while start.elapsed().as_secs_f64() < seconds {
        sgd_epoch(
            &mut net,
            &mut ws,
            &xs,
            &ts,
            10,
            F::from_f64(0.03),
            Loss::SquaredError,
        );
        epochs += 1;
    }
    let rate = (epochs * n as u64) as f64 / start.elapsed().as_secs_f64();
    println!("W2 {}: {:.2} M samples/s", F::NAME, rate / 1e6);
}

fn w1<F: Float>(seconds: f64) {
    let n = 10_000;
    let coordinate = |i: u32| f64::from(i.wrapping_mul(2_654_435_761) >> 8) / 16_777_216.0;
    let xs: Vec<F> = (0..2 * n as u32)
        .map(|i| F::from_f64(coordinate(i)))
        .collect();
    let ts: Vec<F> = xs
        .chunks(2)
        .map(|p| if p[1] > p[0] { F::ONE } else { F::ZERO })
        .collect();
    let sigmoid = OutputActivation::Plain(Activation::Sigmoid);
    let mut net: Network<F> =
        Network::new(&[2, 5, 1], &[Activation::Sigmoid], sigmoid, Init::Auto, 11).unwrap();
    let mut ws = net.workspace();
    let (start, mut epochs) = (Instant::now(), 0u64);
    while start.elapsed().as_secs_f64() < seconds {
        sgd_epoch(&mut net, &mut ws, &xs, &ts, 1, F::ONE, Loss::SquaredError);
        epochs += 1;
    }
    let rate = (epochs * n as u64) as f64 / start.elapsed().as_secs_f64();
    println!("W1 {}: {:.2} M samples/s", F::NAME, rate / 1e6);
}

fn scene_c(precision: &str, seconds: f64) {
    let json = format!(
        r#"{{"hiddenLayers": [64, 64, 64, 64, 64, 64], "points": 5000, "batchSize": 0,
            "optimizer": "adam", "precision": "{precision}"}}"#
    );
    let settings = serde_json::from_str(&json).unwrap();
    let mut pg = Playground::new(&settings).unwrap();
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < seconds {
        pg.train_within(1_000_000, 12.0).unwrap();
    }
    let epochs = pg.scene.epoch() as f64;
    println!(
        "scene (c) {precision}: {:.2} epochs/s",
        epochs / start.elapsed().as_secs_f64()
    );
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let seconds = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10.0);
    match args.first().map(String::as_str) {
        Some("w1-f32") => w1::<f32>(seconds),
        Some("w1-f64") => w1::<f64>(seconds),
        Some("w2-f32") => w2::<f32>(seconds),
        Some("w2-f64") => w2::<f64>(seconds),
        Some("c-f32") => scene_c("f32", seconds),
        Some("c-f64") => scene_c("f64", seconds),
        _ => {
            eprintln!(
                "usage: cargo bench --bench profile -- w1-f32|w1-f64|w2-f32|w2-f64|c-f32|c-f64 [seconds]"
            );
            std::process::exit(2);
        }
    }
}
