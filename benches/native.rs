//! `cargo bench`: workloads W1–W3 of `npm run bench`, natively, on the same data (the same mulberry32
//! stream as `benches/web/data.js`) and the same initial weights (Scratchnet's Xavier, seeds 11/12).
//!
//! `cargo bench` prints a table of medians over 5 rounds; `--json` prints one JSON object per
//! round, `--rounds N` sets the count and `--quick` the smoke-test sizes (the runner uses these).

use scratchnet::activation::Activation;
use scratchnet::grid::GridKernel;
use scratchnet::loss::{Loss, OutputActivation};
use scratchnet::network::{Init, Network};
use scratchnet::trainer::sgd_epoch;
use std::time::Instant;

struct Mulberry32(u32);

impl Mulberry32 {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6d2b_79f5);
        let mut t = self.0;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }
}

fn line(n: usize, seed: u32) -> (Vec<f64>, Vec<f64>) {
    let mut r = Mulberry32(seed);
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for _ in 0..n {
        let (x, y) = (r.next(), r.next());
        xs.extend([x, y]);
        ys.push(if y > x { 1.0 } else { 0.0 });
    }
    (xs, ys)
}

fn spiral(n: usize, seed: u32) -> (Vec<f64>, Vec<f64>) {
    let mut r = Mulberry32(seed);
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for i in 0..n {
        let positive = i % 2 == 0;
        let k = (i / 2) as f64 / (n / 2).max(1) as f64;
        let (radius, t) = (0.95 * k, 1.75 * k * std::f64::consts::TAU);
        let t = t + if positive { 0.0 } else { std::f64::consts::PI };
        xs.push(radius * t.sin() + 0.02 * (r.next() - 0.5));
        xs.push(radius * t.cos() + 0.02 * (r.next() - 0.5));
        ys.push(if positive { 1.0 } else { -1.0 });
    }
    (xs, ys)
}

fn grid(res: usize) -> Vec<f64> {
    let mut xs = Vec::with_capacity(2 * res * res);
    for r in 0..res {
        for c in 0..res {
            xs.push(-1.0 + (c as f64 + 0.5) * 2.0 / res as f64);
            xs.push(1.0 - (r as f64 + 0.5) * 2.0 / res as f64);
        }
    }
    xs
}

fn network(sizes: &[usize], act: Activation, seed: u64) -> Network {
    Network::new(
        sizes,
        &[act],
        OutputActivation::Plain(act),
        Init::Auto,
        seed,
    )
    .expect("valid")
}

struct Round {
    w1: f64,
    w2: f64,
    w3: f64,
    w3k: f64,
    accuracy: f64,
}

fn round(quick: bool) -> Round {
    let (n1, t1, n2, e2, res) = if quick {
        (500, 500, 100, 3, 32)
    } else {
        (10_000, 2_000, 500, 50, 256)
    };
    let (xs, ys) = line(n1, 1);
    let (test_xs, test_ys) = line(t1, 2);
    let mut net = network(&[2, 5, 1], Activation::Sigmoid, 11);
    let mut ws = net.workspace();
    let start = Instant::now();
    sgd_epoch(&mut net, &mut ws, &xs, &ys, 1, 1.0, Loss::SquaredError);
    let w1 = start.elapsed().as_secs_f64();
    let right = test_xs
        .chunks_exact(2)
        .zip(&test_ys)
        .filter(|(x, &y)| (net.forward(&mut ws, x)[0] >= 0.5) == (y == 1.0))
        .count();

    let (xs2, ys2) = spiral(n2, 3);
    let mut net2 = network(&[2, 8, 8, 1], Activation::Tanh, 12);
    let mut ws2 = net2.workspace();
    let start = Instant::now();
    for _ in 0..e2 {
        sgd_epoch(
            &mut net2,
            &mut ws2,
            &xs2,
            &ys2,
            10,
            0.03,
            Loss::SquaredError,
        );
    }
    let w2 = start.elapsed().as_secs_f64();

    let net3 = network(&[2, 8, 8, 1], Activation::Tanh, 12);
    let mut ws3 = net3.workspace();
    let cells = grid(res);
    let mut out = vec![0.0; res * res];
    let start = Instant::now();
    for (o, x) in out.iter_mut().zip(cells.chunks_exact(2)) {
        *o = net3.forward(&mut ws3, x)[0];
    }
    let w3 = start.elapsed().as_secs_f64();
    std::hint::black_box(&out);

    let mut kernel = GridKernel::default();
    kernel.load(&net3);
    let mut fast = vec![0.0f32; res * res];
    let start = Instant::now();
    kernel.run(&cells, &mut fast);
    let w3k = start.elapsed().as_secs_f64();
    std::hint::black_box(&fast);
    Round {
        w1,
        w2,
        w3,
        w3k,
        accuracy: right as f64 / test_ys.len() as f64,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    let json = args.iter().any(|a| a == "--json");
    let rounds = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(5);
    let mut all = Vec::new();
    for _ in 0..rounds {
        let r = round(quick);
        if json {
            println!(
                "{{\"W1\":{},\"W2\":{},\"W3\":{},\"W3k\":{},\"accuracy\":{}}}",
                r.w1, r.w2, r.w3, r.w3k, r.accuracy
            );
        }
        all.push(r);
    }
    if !json {
        let median = |f: fn(&Round) -> f64| {
            let mut v: Vec<f64> = all.iter().map(f).collect();
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let (n1, n2, cells) = if quick {
            (500.0, 300.0, 1024.0)
        } else {
            (10_000.0, 25_000.0, 65_536.0)
        };
        println!("Scratchnet native, median of {rounds} rounds");
        println!(
            "W1 tutorial   {:>12.0} samples/s  (held-out accuracy {:.4})",
            n1 / median(|r| r.w1),
            all[0].accuracy
        );
        println!("W2 playground {:>12.0} samples/s", n2 / median(|r| r.w2));
        println!("W3 boundary   {:>12.0} cells/s", cells / median(|r| r.w3));
        println!(
            "W3 kernel     {:>12.0} cells/s  (f32 boundary kernel)",
            cells / median(|r| r.w3k)
        );
    }
}
