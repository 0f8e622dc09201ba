//! `cargo bench`: workloads W1–W3 of `npm run bench`, natively, on the same data (the same mulberry32
//! stream as `benches/web/data.js`) and the same initial weights (Scratchnet's Xavier, seeds 11/12).
//!
//! `cargo bench` prints a table of medians over 5 rounds; `--json` prints one JSON object per
//! round, `--rounds N` sets the count and `--quick` the smoke-test sizes (the runner uses these).

use scratchnet::kernel::grid::GridKernel;
use scratchnet::math::elementary::tanh;
use scratchnet::model::activation::{sigmoid, Activation};
use scratchnet::model::loss::{Loss, OutputActivation};
use scratchnet::model::network::{Init, Network};
use scratchnet::train::sgd::sgd_epoch;
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

/// W1 hand-specialised: `[2, 5, 1]` sigmoid, squared error, batch 1, every size a constant and every
/// value in a register, on Scratchnet's parameter layout and with its sigmoid. Not a product path: a
/// bound on what any general implementation of the same arithmetic can reach.
fn bound_w1(p: &mut [f64], xs: &[f64], ys: &[f64], rate: f64) {
    let (mut w, mut b1, mut v) = ([[0.0; 2]; 5], [0.0; 5], [0.0; 5]);
    for j in 0..5 {
        (w[j], b1[j], v[j]) = ([p[2 * j], p[2 * j + 1]], p[10 + j], p[15 + j]);
    }
    let mut b2 = p[20];
    for (x, &y) in xs.chunks_exact(2).zip(ys) {
        let mut a = [0.0; 5];
        for j in 0..5 {
            a[j] = sigmoid(w[j][0] * x[0] + w[j][1] * x[1] + b1[j]);
        }
        let o = sigmoid((0..5).fold(0.0, |s, j| s + v[j] * a[j]) + b2);
        let d = (o - y) * (o * (1.0 - o));
        for j in 0..5 {
            let h = v[j] * d * (a[j] * (1.0 - a[j]));
            v[j] -= rate * (d * a[j]);
            w[j][0] -= rate * (h * x[0]);
            w[j][1] -= rate * (h * x[1]);
            b1[j] -= rate * h;
        }
        b2 -= rate * d;
    }
    for j in 0..5 {
        [p[2 * j], p[2 * j + 1]] = w[j];
        (p[10 + j], p[15 + j]) = (b1[j], v[j]);
    }
    p[20] = b2;
}

/// W2 hand-specialised in the same way: `[2, 8, 8, 1]` tanh, batches of exactly 10, the batch's
/// examples side by side in fixed arrays so that every loop has a constant length.
fn bound_w2(p: &mut [f64], xs: &[f64], ys: &[f64], rate: f64) {
    const B: usize = 10;
    let dtanh = |a: f64| 1.0 - a * a;
    for (bx, by) in xs.chunks_exact(2 * B).zip(ys.chunks_exact(B)) {
        let (mut x0, mut x1) = ([0.0; B], [0.0; B]);
        for s in 0..B {
            (x0[s], x1[s]) = (bx[2 * s], bx[2 * s + 1]);
        }
        let (mut h1, mut h2) = ([[0.0; B]; 8], [[0.0; B]; 8]);
        for j in 0..8 {
            for s in 0..B {
                h1[j][s] = tanh(p[2 * j] * x0[s] + p[2 * j + 1] * x1[s] + p[16 + j]);
            }
        }
        for j in 0..8 {
            let mut z = [0.0; B];
            for k in 0..8 {
                for s in 0..B {
                    z[s] += p[24 + 8 * j + k] * h1[k][s];
                }
            }
            for s in 0..B {
                h2[j][s] = tanh(z[s] + p[88 + j]);
            }
        }
        let mut d3 = [0.0; B];
        for s in 0..B {
            let o = tanh((0..8).fold(0.0, |z, k| z + p[96 + k] * h2[k][s]) + p[104]);
            d3[s] = (o - by[s]) * dtanh(o);
        }
        let mut g = [0.0; 105];
        let (mut d2, mut d1) = ([[0.0; B]; 8], [[0.0; B]; 8]);
        for k in 0..8 {
            for s in 0..B {
                g[96 + k] += d3[s] * h2[k][s];
                d2[k][s] = p[96 + k] * d3[s] * dtanh(h2[k][s]);
            }
        }
        g[104] = d3.iter().sum();
        for j in 0..8 {
            for k in 0..8 {
                for s in 0..B {
                    g[24 + 8 * j + k] += d2[j][s] * h1[k][s];
                    d1[k][s] += p[24 + 8 * j + k] * d2[j][s];
                }
            }
            g[88 + j] = d2[j].iter().sum();
        }
        for k in 0..8 {
            for s in 0..B {
                let d = d1[k][s] * dtanh(h1[k][s]);
                g[2 * k] += d * x0[s];
                g[2 * k + 1] += d * x1[s];
                g[16 + k] += d;
            }
        }
        for (w, g) in p.iter_mut().zip(g) {
            *w -= rate * (g / B as f64);
        }
    }
}

/// The largest difference between two parameter vectors: the bounds must do Scratchnet's work.
fn max_diff(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

struct Round {
    w1: f64,
    w2: f64,
    w1_bound: f64,
    w2_bound: f64,
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
    let mut bound1 = net.params().to_vec();
    let mut ws = net.workspace();
    let start = Instant::now();
    sgd_epoch(&mut net, &mut ws, &xs, &ys, 1, 1.0, Loss::SquaredError);
    let w1 = start.elapsed().as_secs_f64();
    let right = test_xs
        .chunks_exact(2)
        .zip(&test_ys)
        .filter(|(x, &y)| (net.forward(&mut ws, x)[0] >= 0.5) == (y == 1.0))
        .count();

    let start = Instant::now();
    bound_w1(&mut bound1, &xs, &ys, 1.0);
    let w1_bound = start.elapsed().as_secs_f64();
    assert!(
        max_diff(&bound1, net.params()) < 1e-9,
        "W1 bound: other weights"
    );

    let (xs2, ys2) = spiral(n2, 3);
    let mut net2 = network(&[2, 8, 8, 1], Activation::Tanh, 12);
    let mut bound2 = net2.params().to_vec();
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
    let start = Instant::now();
    for _ in 0..e2 {
        bound_w2(&mut bound2, &xs2, &ys2, 0.03);
    }
    let w2_bound = start.elapsed().as_secs_f64();
    assert!(
        max_diff(&bound2, net2.params()) < 1e-9,
        "W2 bound: other weights"
    );

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
        w1_bound,
        w2_bound,
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
                "{{\"W1\":{},\"W2\":{},\"W3\":{},\"W3k\":{},\"W1bound\":{},\"W2bound\":{},\"accuracy\":{}}}",
                r.w1, r.w2, r.w3, r.w3k, r.w1_bound, r.w2_bound, r.accuracy
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
        println!(
            "bounds (hand-specialised to the shape): W1 {:.0}, W2 {:.0} samples/s",
            n1 / median(|r| r.w1_bound),
            n2 / median(|r| r.w2_bound)
        );
        println!("W3 boundary   {:>12.0} cells/s", cells / median(|r| r.w3));
        println!(
            "W3 kernel     {:>12.0} cells/s  (f32 boundary kernel)",
            cells / median(|r| r.w3k)
        );
    }
}
