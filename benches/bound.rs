//! Not part of the network: a yardstick for the benchmark (`npm run bench`). The workloads W1 and W2
//! written out for their exact shapes in `f32`, with the boundary kernel's four-lane vectors and
//! rational `tanh` ([`crate::math::lanes`]): every size a constant and every loop unrolled, which no general
//! network can do. Scratchnet trains in `f64` with an accurate `tanh`; this gives both
//! up, so its speed says how far any honest implementation of the workloads could go in wasm, and
//! so how far any W1 and W2 targets are within reach. The page never calls it: its wasm
//! binding exists only with the `bound` feature, which only the benchmark builds.
//!
//! Parameters are in Scratchnet's layout (per layer: weights row-major `n_out × n_in`, then biases).
//! Hidden neurons sit in eight lanes (an [`F8`]); W1's five leave three lanes that stay zero.

use crate::math::lanes::{Lane, F4, F8};
use crate::model::activation::Activation;
use crate::wasm::args;
use crate::wasm::convert::err;
use crate::wasm::network::{MAX_RATE, MAX_VALUES};
use wasm_bindgen::prelude::*;

/// Moving weights in and out of the lanes.
impl F8 {
    /// Up to eight values, zeros after.
    fn load(a: &[f32]) -> F8 {
        F8::gather(a, 0, 1, a.len())
    }

    /// `count` (at most 8) values `stride` apart from `a[start]`, zeros after.
    #[inline(never)]
    fn gather(a: &[f32], start: usize, stride: usize, count: usize) -> F8 {
        let mut v = [0.0; 8];
        for (j, x) in v.iter_mut().take(count).enumerate() {
            *x = a[start + j * stride];
        }
        F8::from_array(v)
    }

    /// The first `count` lanes to `a[start]`, `stride` apart.
    #[inline(never)]
    fn scatter(self, a: &mut [f32], start: usize, stride: usize, count: usize) {
        for (j, x) in self.to_array().iter().take(count).enumerate() {
            a[start + j * stride] = *x;
        }
    }

    /// Each lane in all lanes of its own vector.
    #[inline(always)]
    fn lanes(self) -> [F4; 8] {
        self.to_array().map(F4::splat)
    }
}

/// Refuses what the fixed shapes cannot take, naming the value: `params` values for `workload`,
/// two inputs per target, a batch of at least one.
fn check(
    workload: &str,
    p: &[f32],
    want: usize,
    xs: &[f32],
    ys: &[f32],
    batch: usize,
) -> Result<(), String> {
    if p.len() != want {
        return Err(format!("params: {} values, {workload} has {want}", p.len()));
    }
    if xs.len() != 2 * ys.len() {
        return Err(format!(
            "xs: {} values for {} targets, must be 2 per target",
            xs.len(),
            ys.len()
        ));
    }
    if batch == 0 {
        return Err("batch: 0, must be at least 1".into());
    }
    Ok(())
}

/// W1: one epoch of `[2, 5, 1]` sigmoid, squared error, one example per step (`p`: 21 values).
pub fn w1_epoch(p: &mut [f32], xs: &[f32], ys: &[f32], rate: f32) -> Result<(), String> {
    check("W1", p, 21, xs, ys, 1)?;
    let sig = Activation::Sigmoid;
    let (mut w0, mut w1) = (F8::gather(p, 0, 2, 5), F8::gather(p, 1, 2, 5));
    let (mut b, mut v) = (F8::gather(p, 10, 1, 5), F8::gather(p, 15, 1, 5));
    let mut c = F4::splat(p[20]);
    // The three unused lanes would hold σ(0) = ½: zeroed, they add nothing and learn nothing.
    let live = F8::load(&[1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0]);
    let (one, lr) = (F4::splat(1.0), F4::splat(rate));
    for (xy, &t) in xs.chunks_exact(2).zip(ys) {
        let (x, y, t) = (F4::splat(xy[0]), F4::splat(xy[1]), F4::splat(t));
        let h = sig.apply(b.add(w0.scale(x)).add(w1.scale(y))).mul(live);
        let o = sig.apply(c.add(v.mul(h).sum()));
        let d = o.sub(t).mul(o.mul(one.sub(o)));
        let dh = v.scale(d).mul(h.mul(F8(one, one).sub(h)));
        let g = d.mul(lr);
        v = v.sub(h.scale(g));
        c = c.sub(g);
        let e = dh.scale(lr);
        w0 = w0.sub(e.scale(x));
        w1 = w1.sub(e.scale(y));
        b = b.sub(e);
    }
    w0.scatter(p, 0, 2, 5);
    w1.scatter(p, 1, 2, 5);
    b.scatter(p, 10, 1, 5);
    v.scatter(p, 15, 1, 5);
    p[20] = c.to_array()[0];
    Ok(())
}

/// W2: one epoch of `[2, 8, 8, 1]` tanh, squared error, mini-batches of `batch` (`p`: 105 values).
pub fn w2_epoch(
    p: &mut [f32],
    xs: &[f32],
    ys: &[f32],
    rate: f32,
    batch: usize,
) -> Result<(), String> {
    check("W2", p, 105, xs, ys, batch)?;
    let th = Activation::Tanh;
    let (mut c0, mut c1) = (F8::gather(p, 0, 2, 8), F8::gather(p, 1, 2, 8));
    let mut b1 = F8::load(&p[16..24]);
    // The second layer both ways: by column (k: the inputs' weights per output neuron) for the
    // forward pass and the gradient, by row for the error sent back.
    let mut col: [F8; 8] = std::array::from_fn(|k| F8::gather(p, 24 + k, 8, 8));
    let mut row: [F8; 8] = std::array::from_fn(|j| F8::load(&p[24 + 8 * j..32 + 8 * j]));
    let (mut b2, mut v) = (F8::load(&p[88..96]), F8::load(&p[96..104]));
    let mut c = F4::splat(p[104]);
    let one = F4::splat(1.0);
    let ones = F8(one, one);
    for (xb, yb) in xs.chunks(2 * batch).zip(ys.chunks(batch)) {
        let (mut g0, mut g1, mut gb1) = (F8::splat(0.0), F8::splat(0.0), F8::splat(0.0));
        let mut gcol = [F8::splat(0.0); 8];
        let (mut gb2, mut gv, mut gc) = (F8::splat(0.0), F8::splat(0.0), F4::splat(0.0));
        for (xy, &t) in xb.chunks_exact(2).zip(yb) {
            let (x, y, t) = (F4::splat(xy[0]), F4::splat(xy[1]), F4::splat(t));
            let a1 = th.apply(b1.add(c0.scale(x)).add(c1.scale(y)));
            let s1 = a1.lanes();
            let mut z2 = b2;
            for k in 0..8 {
                z2 = z2.add(col[k].scale(s1[k]));
            }
            let a2 = th.apply(z2);
            let o = th.apply(c.add(v.mul(a2).sum()));
            let d = o.sub(t).mul(one.sub(o.mul(o)));
            gc = gc.add(d);
            gv = gv.add(a2.scale(d));
            let d2 = v.scale(d).mul(ones.sub(a2.mul(a2)));
            gb2 = gb2.add(d2);
            for k in 0..8 {
                gcol[k] = gcol[k].add(d2.scale(s1[k]));
            }
            let s2 = d2.lanes();
            let mut e = F8::splat(0.0);
            for j in 0..8 {
                e = e.add(row[j].scale(s2[j]));
            }
            let d1 = e.mul(ones.sub(a1.mul(a1)));
            gb1 = gb1.add(d1);
            g0 = g0.add(d1.scale(x));
            g1 = g1.add(d1.scale(y));
        }
        let step = F4::splat(rate / yb.len() as f32);
        let down = |w: &mut F8, g: F8| *w = w.sub(g.scale(step));
        down(&mut c0, g0);
        down(&mut c1, g1);
        down(&mut b1, gb1);
        down(&mut b2, gb2);
        down(&mut v, gv);
        c = c.sub(gc.mul(step));
        for (w, g) in col.iter_mut().zip(gcol) {
            down(w, g);
        }
        let m: [[f32; 8]; 8] = std::array::from_fn(|k| col[k].to_array());
        row = std::array::from_fn(|j| F8::load(&std::array::from_fn::<f32, 8, _>(|k| m[k][j])));
    }
    c0.scatter(p, 0, 2, 8);
    c1.scatter(p, 1, 2, 8);
    b1.scatter(p, 16, 1, 8);
    for (j, r) in row.iter().enumerate() {
        r.scatter(p, 24 + 8 * j, 1, 8);
    }
    b2.scatter(p, 88, 1, 8);
    v.scatter(p, 96, 1, 8);
    p[104] = c.to_array()[0];
    Ok(())
}

/// The yardstick as a wasm export: W1 or W2 hand-specialised in `f32`.
#[wasm_bindgen]
pub struct Bound {
    xs: Vec<f32>,
    ys: Vec<f32>,
    params: Vec<f32>,
}

#[wasm_bindgen]
impl Bound {
    /// The training set and the initial parameters (Scratchnet's layout), rounded to `f32`.
    #[wasm_bindgen(constructor)]
    pub fn new(xs: &[f64], ys: &[f64], params: &[f64]) -> Bound {
        let f32s = |v: &[f64]| v.iter().map(|&x| x as f32).collect();
        Bound {
            xs: f32s(xs),
            ys: f32s(ys),
            params: f32s(params),
        }
    }

    /// One epoch of W1 (`[2, 5, 1]` sigmoid, batch 1).
    #[wasm_bindgen(js_name = trainW1)]
    pub fn train_w1(&mut self, learning_rate: JsValue) -> Result<(), JsError> {
        let lr = args::real("learningRate", &learning_rate, 0.0, MAX_RATE).map_err(err)? as f32;
        w1_epoch(&mut self.params, &self.xs, &self.ys, lr).map_err(err)
    }

    /// One epoch of W2 (`[2, 8, 8, 1]` tanh, mini-batches).
    #[wasm_bindgen(js_name = trainW2)]
    pub fn train_w2(&mut self, learning_rate: JsValue, batch: JsValue) -> Result<(), JsError> {
        let lr = args::real("learningRate", &learning_rate, 0.0, MAX_RATE).map_err(err)? as f32;
        let batch = args::whole("batchSize", &batch, MAX_VALUES as u64).map_err(err)? as usize;
        w2_epoch(&mut self.params, &self.xs, &self.ys, lr, batch).map_err(err)
    }

    /// The parameters, in `f64`.
    pub fn params(&self) -> Vec<f64> {
        self.params.iter().map(|&v| f64::from(v)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::rng::{seeded, uniform};
    use crate::model::loss::{Loss, OutputActivation};
    use crate::model::network::{Init, Network};
    use crate::train::sgd::sgd_epoch;

    fn line(n: usize) -> (Vec<f64>, Vec<f64>) {
        let mut rng = seeded(5);
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for _ in 0..n {
            let (x, y) = (uniform(&mut rng, 0.0, 1.0), uniform(&mut rng, 0.0, 1.0));
            xs.extend([x, y]);
            ys.push(if y > x { 1.0 } else { 0.0 });
        }
        (xs, ys)
    }

    fn f32s(v: &[f64]) -> Vec<f32> {
        v.iter().map(|&x| x as f32).collect()
    }

    /// The yardstick does the work it claims: from Scratchnet's own initial weights it ends where
    /// Scratchnet's `f64` training ends, to within what `f32` and the rational `tanh` explain.
    fn follows(
        sizes: &[usize],
        act: Activation,
        xs: &[f64],
        ys: &[f64],
        rate: f64,
        batch: usize,
        epochs: usize,
    ) -> f64 {
        let mut net =
            Network::new(sizes, &[act], OutputActivation::Plain(act), Init::Auto, 11).unwrap();
        let mut p = f32s(net.params());
        let mut ws = net.workspace();
        let (xf, yf) = (f32s(xs), f32s(ys));
        for _ in 0..epochs {
            sgd_epoch(&mut net, &mut ws, xs, ys, batch, rate, Loss::SquaredError);
            if sizes.len() == 3 {
                w1_epoch(&mut p, &xf, &yf, rate as f32).unwrap();
            } else {
                w2_epoch(&mut p, &xf, &yf, rate as f32, batch).unwrap();
            }
        }
        net.params()
            .iter()
            .zip(&p)
            .map(|(a, &b)| (a - f64::from(b)).abs())
            .fold(0.0, f64::max)
    }

    #[test]
    fn w1_bound_trains_as_scratchnet_does() {
        let (xs, ys) = line(2000);
        let gap = follows(&[2, 5, 1], Activation::Sigmoid, &xs, &ys, 1.0, 1, 1);
        // f32 rounding and the rational tanh over 2 000 steps at η = 1.
        assert!(gap < 1e-4, "largest parameter difference {gap}");
    }

    #[test]
    fn w2_bound_trains_as_scratchnet_does() {
        let (xs, mut ys) = line(500);
        ys.iter_mut().for_each(|y| *y = 2.0 * *y - 1.0);
        let gap = follows(&[2, 8, 8, 1], Activation::Tanh, &xs, &ys, 0.03, 10, 5);
        assert!(gap < 1e-5, "largest parameter difference {gap}");
    }

    #[test]
    fn refuses_what_its_shapes_cannot_take() {
        let (xs, ys) = ([0.5; 4], [1.0; 2]);
        let err = w1_epoch(&mut [0.0; 20], &xs, &ys, 1.0).unwrap_err();
        assert_eq!(err, "params: 20 values, W1 has 21");
        let err = w2_epoch(&mut [0.0; 105], &xs[..3], &ys, 0.1, 1).unwrap_err();
        assert_eq!(err, "xs: 3 values for 2 targets, must be 2 per target");
        let mut p = [0.25; 105];
        let err = w2_epoch(&mut p, &xs, &ys, 0.1, 0).unwrap_err();
        assert_eq!(err, "batch: 0, must be at least 1");
        assert!(p.iter().all(|&v| v == 0.25), "parameters left as they were");
    }
}
