//! The boundary kernel: a network's output for many points at once, eight at a time in `f32` lanes
//! with a fast rational `tanh`, for drawing (never for training).
//!
//! The page redraws a boundary of up to ~250 000 cells every frame, so this trades exactness for
//! speed where nobody can see it: weights are rounded to `f32`, and `tanh` is a rational minimax
//! approximation (max absolute error 1.4·10⁻⁶ over the real line); sigmoid is `½ + ½ tanh(z/2)`.
//! Outputs differ from [`Network::forward`] by less than 10⁻⁵ (tested). Each layer's loops run over
//! eight points as two four-lane `f32` vectors (`simd128` in wasm, SSE natively): every weight is
//! splatted once for eight points, and the two halves are independent chains the CPU overlaps.
//!
//! Works for networks whose output is one neuron, or two softmax neurons (then the result is the
//! softmax's class-1 probability, `σ(z₁ − z₀)`), or three or four (then each point's winning class
//! and its margin, [`crate::boundary::class_value`], the softmax taken point by point in `f64`).

use crate::activation::Activation;
use crate::features::FeatureMap;
use crate::loss::OutputActivation;
use crate::network::Network;

/// Points per group: two SIMD vectors of four, so that every weight loaded is used eight times
/// and two independent chains keep the arithmetic units busy.
pub const GRID_LANES: usize = 8;
type Lanes = [f32; GRID_LANES];
type Lanes4 = [f32; 4];

/// Four `f32` lanes: `v128` SIMD in wasm (so the division and clamps of `tanh` vectorise too),
/// plain arrays elsewhere (LLVM vectorises those natively).
#[derive(Clone, Copy, Debug)]
pub(crate) struct F4(Inner);

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
type Inner = core::arch::wasm32::v128;
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
type Inner = Lanes4;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
impl F4 {
    /// Four lanes from constants, in a `const`.
    pub(crate) const fn new(a: Lanes4) -> F4 {
        F4(core::arch::wasm32::f32x4(a[0], a[1], a[2], a[3]))
    }
    #[inline(always)]
    pub(crate) fn splat(v: f32) -> F4 {
        F4(core::arch::wasm32::f32x4_splat(v))
    }
    #[inline(always)]
    pub(crate) fn from(a: Lanes4) -> F4 {
        F4(core::arch::wasm32::f32x4(a[0], a[1], a[2], a[3]))
    }
    #[inline(always)]
    pub(crate) fn to_array(self) -> Lanes4 {
        use core::arch::wasm32::f32x4_extract_lane as lane;
        [
            lane::<0>(self.0),
            lane::<1>(self.0),
            lane::<2>(self.0),
            lane::<3>(self.0),
        ]
    }
    #[inline(always)]
    pub(crate) fn add(self, o: F4) -> F4 {
        F4(core::arch::wasm32::f32x4_add(self.0, o.0))
    }
    #[inline(always)]
    pub(crate) fn mul(self, o: F4) -> F4 {
        F4(core::arch::wasm32::f32x4_mul(self.0, o.0))
    }
    #[inline(always)]
    pub(crate) fn div(self, o: F4) -> F4 {
        F4(core::arch::wasm32::f32x4_div(self.0, o.0))
    }
    #[inline(always)]
    pub(crate) fn sub(self, o: F4) -> F4 {
        F4(core::arch::wasm32::f32x4_sub(self.0, o.0))
    }
    /// Lane `K` in every lane.
    #[inline(always)]
    pub(crate) fn lane<const K: usize>(self) -> F4 {
        F4(core::arch::wasm32::i32x4_shuffle::<K, K, K, K>(
            self.0, self.0,
        ))
    }
    /// The sum of the four lanes, in every lane.
    #[inline(always)]
    pub(crate) fn sum(self) -> F4 {
        use core::arch::wasm32::i32x4_shuffle;
        let s = self.add(F4(i32x4_shuffle::<2, 3, 0, 1>(self.0, self.0)));
        s.add(F4(i32x4_shuffle::<1, 0, 3, 2>(s.0, s.0)))
    }
    /// `min(max(self, lo), hi)`.
    #[inline(always)]
    fn clamp(self, lo: f32, hi: f32) -> F4 {
        use core::arch::wasm32::{f32x4_pmax, f32x4_pmin, f32x4_splat};
        F4(f32x4_pmin(
            f32x4_pmax(self.0, f32x4_splat(lo)),
            f32x4_splat(hi),
        ))
    }
    /// `self` where positive, else 0.
    #[inline(always)]
    fn relu(self) -> F4 {
        F4(core::arch::wasm32::f32x4_pmax(
            self.0,
            core::arch::wasm32::f32x4_splat(0.0),
        ))
    }
    /// Lane `k` (0–3, a runtime index) in every lane: one byte shuffle.
    #[inline(always)]
    pub(crate) fn splat_lane(self, k: usize) -> F4 {
        use core::arch::wasm32::{i8x16_swizzle, u32x4, v128};
        // The bytes of lane k (4k … 4k + 3, little-endian) in every lane.
        const fn pick(k: u32) -> v128 {
            let bytes = 0x0302_0100 + 0x0404_0404 * k;
            u32x4(bytes, bytes, bytes, bytes)
        }
        const PICK: [v128; 4] = [pick(0), pick(1), pick(2), pick(3)];
        F4(i8x16_swizzle(self.0, PICK[k & 3]))
    }
    /// `self` where `v > 0`, else 0: ReLU's derivative applied, `v` its input or its output (the
    /// same lanes are positive; NaN gives 0).
    #[inline(always)]
    pub(crate) fn where_positive(self, v: F4) -> F4 {
        use core::arch::wasm32::{f32x4_gt, f32x4_splat, v128_and};
        F4(v128_and(self.0, f32x4_gt(v.0, f32x4_splat(0.0))))
    }
    /// The bitwise and of the two.
    #[inline(always)]
    pub(crate) fn and(self, o: F4) -> F4 {
        F4(core::arch::wasm32::v128_and(self.0, o.0))
    }
    /// 1 where `self ≥ 0`, else 0.
    #[inline(always)]
    fn step(self) -> F4 {
        use core::arch::wasm32::{f32x4_ge, f32x4_splat, v128_bitselect};
        let zero = f32x4_splat(0.0);
        F4(v128_bitselect(
            f32x4_splat(1.0),
            zero,
            f32x4_ge(self.0, zero),
        ))
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
impl F4 {
    /// Four lanes from constants, in a `const`.
    pub(crate) const fn new(a: Lanes4) -> F4 {
        F4(a)
    }
    #[inline(always)]
    pub(crate) fn splat(v: f32) -> F4 {
        F4([v; 4])
    }
    #[inline(always)]
    pub(crate) fn from(a: Lanes4) -> F4 {
        F4(a)
    }
    #[inline(always)]
    pub(crate) fn to_array(self) -> Lanes4 {
        self.0
    }
    #[inline(always)]
    fn zip(self, o: F4, f: impl Fn(f32, f32) -> f32) -> F4 {
        F4([
            f(self.0[0], o.0[0]),
            f(self.0[1], o.0[1]),
            f(self.0[2], o.0[2]),
            f(self.0[3], o.0[3]),
        ])
    }
    #[inline(always)]
    pub(crate) fn add(self, o: F4) -> F4 {
        self.zip(o, |a, b| a + b)
    }
    #[inline(always)]
    pub(crate) fn mul(self, o: F4) -> F4 {
        self.zip(o, |a, b| a * b)
    }
    #[inline(always)]
    pub(crate) fn div(self, o: F4) -> F4 {
        self.zip(o, |a, b| a / b)
    }
    #[inline(always)]
    pub(crate) fn sub(self, o: F4) -> F4 {
        self.zip(o, |a, b| a - b)
    }
    #[inline(always)]
    pub(crate) fn lane<const K: usize>(self) -> F4 {
        F4([self.0[K]; 4])
    }
    #[inline(always)]
    pub(crate) fn sum(self) -> F4 {
        let [a, b, c, d] = self.0;
        F4([(a + c) + (b + d); 4])
    }
    #[inline(always)]
    fn clamp(self, lo: f32, hi: f32) -> F4 {
        F4(self.0.map(|v| v.clamp(lo, hi)))
    }
    /// As wasm's `f32x4.pmax(v, 0)`: −0 and NaN pass through, so both targets give the same bits.
    #[inline(always)]
    fn relu(self) -> F4 {
        F4(self.0.map(|v| if v < 0.0 { 0.0 } else { v }))
    }
    #[inline(always)]
    pub(crate) fn splat_lane(self, k: usize) -> F4 {
        F4([self.0[k & 3]; 4])
    }
    #[inline(always)]
    pub(crate) fn where_positive(self, v: F4) -> F4 {
        F4([0, 1, 2, 3].map(|k| if v.0[k] > 0.0 { self.0[k] } else { 0.0 }))
    }
    #[inline(always)]
    pub(crate) fn and(self, o: F4) -> F4 {
        self.zip(o, |a, b| f32::from_bits(a.to_bits() & b.to_bits()))
    }
    #[inline(always)]
    fn step(self) -> F4 {
        F4(self.0.map(|v| if v >= 0.0 { 1.0 } else { 0.0 }))
    }
}

/// Eight lanes as two [`F4`]: each operation on both halves.
#[derive(Clone, Copy, Debug)]
struct F8([F4; 2]);

impl F8 {
    #[inline(always)]
    fn splat(v: f32) -> F8 {
        F8([F4::splat(v); 2])
    }
    #[inline(always)]
    fn from(a: Lanes) -> F8 {
        F8([
            F4::from([a[0], a[1], a[2], a[3]]),
            F4::from([a[4], a[5], a[6], a[7]]),
        ])
    }
    #[inline(always)]
    fn to_array(self) -> Lanes {
        let (a, b) = (self.0[0].to_array(), self.0[1].to_array());
        [a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]]
    }
    #[inline(always)]
    fn map(self, f: impl Fn(F4) -> F4) -> F8 {
        F8([f(self.0[0]), f(self.0[1])])
    }
    #[inline(always)]
    fn zip(self, o: F8, f: impl Fn(F4, F4) -> F4) -> F8 {
        F8([f(self.0[0], o.0[0]), f(self.0[1], o.0[1])])
    }
}

/// A network's weights in `f32` and scratch for one group of points.
#[derive(Clone, Debug, Default)]
pub struct GridKernel {
    /// The input features, `None` for the coordinates themselves.
    features: Option<FeatureMap>,
    sizes: Vec<usize>,
    acts: Vec<Activation>,
    softmax: bool,
    params: Vec<f32>,
    front: Vec<F8>,
    back: Vec<F8>,
}

/// `tanh` for four lanes: a rational minimax approximation, clamped at ±7 ([`crate::float::TANH_P`]).
#[inline(always)]
fn tanh4(x: F4) -> F4 {
    use crate::float::TANH_CLAMP as CLAMP;
    crate::float::rational_tanh(x.clamp(-CLAMP, CLAMP))
}

impl crate::float::Lanes for F4 {
    #[inline(always)]
    fn splat(v: f32) -> F4 {
        F4::splat(v)
    }
    #[inline(always)]
    fn add(self, o: F4) -> F4 {
        F4::add(self, o)
    }
    #[inline(always)]
    fn mul(self, o: F4) -> F4 {
        F4::mul(self, o)
    }
    #[inline(always)]
    fn div(self, o: F4) -> F4 {
        F4::div(self, o)
    }
}

#[inline(always)]
pub(crate) fn activate(act: Activation, z: F4) -> F4 {
    match act {
        Activation::Tanh => tanh4(z),
        Activation::Sigmoid => {
            let half = F4::splat(0.5);
            tanh4(z.mul(half)).mul(half).add(half)
        }
        Activation::Relu => z.relu(),
        Activation::Linear => z,
        Activation::Step => z.step(),
    }
}

/// [`activate`] over a whole layer, choosing the function once.
#[inline(always)]
fn activate_all(act: Activation, z: &mut [F8]) {
    match act {
        Activation::Tanh => z.iter_mut().for_each(|v| *v = v.map(tanh4)),
        Activation::Linear => {}
        other => z
            .iter_mut()
            .for_each(|v| *v = v.map(|h| activate(other, h))),
    }
}

impl GridKernel {
    /// Loads `net`'s weights; false (and nothing loaded) if the kernel cannot run this network.
    pub fn load<F: crate::float::Float>(&mut self, net: &Network<F>) -> bool {
        let outputs = net.outputs();
        let softmax = match net.output_activation() {
            OutputActivation::Softmax
                if (2..=crate::boundary::CLASS_COLOURS.len()).contains(&outputs) =>
            {
                true
            }
            OutputActivation::Plain(_) if outputs == 1 => false,
            _ => return false,
        };
        if net.inputs() != self.features.as_ref().map_or(2, FeatureMap::len) {
            return false;
        }
        self.sizes.clear();
        self.sizes.extend_from_slice(net.sizes());
        self.acts.clear();
        self.acts.extend_from_slice(net.hidden_activations());
        self.acts.push(match net.output_activation() {
            OutputActivation::Plain(a) => a,
            OutputActivation::Softmax => Activation::Linear,
        });
        self.softmax = softmax;
        self.params.clear();
        self.params
            .extend(net.params().iter().map(|&w| w.to_f64() as f32));
        let widest = net.sizes().iter().copied().max().unwrap_or(1);
        self.front.resize(widest, F8::splat(0.0));
        self.back.resize(widest, F8::splat(0.0));
        true
    }

    /// The input features the next [`GridKernel::load`] expects (`None` or the identity: the
    /// coordinates themselves).
    pub fn set_features(&mut self, features: Option<&FeatureMap>) {
        self.features = features.filter(|m| !m.is_identity()).cloned();
    }

    /// The input features set by [`GridKernel::set_features`] (`None`: the coordinates).
    pub fn features(&self) -> Option<&FeatureMap> {
        self.features.as_ref()
    }

    /// The network's inputs for the points `(x[l], y[l])`: the coordinates, or their features
    /// (computed in `f64` by [`crate::features`], then rounded).
    #[inline]
    fn inputs(&mut self, x: Lanes, y: Lanes) {
        match &self.features {
            None => {
                self.front[0] = F8::from(x);
                self.front[1] = F8::from(y);
            }
            Some(map) => {
                for (slot, f) in self.front.iter_mut().zip(map.list()) {
                    let mut v = [0.0; GRID_LANES];
                    for (k, vk) in v.iter_mut().enumerate() {
                        *vk = f.at(f64::from(x[k]), f64::from(y[k])) as f32;
                    }
                    *slot = F8::from(v);
                }
            }
        }
    }

    /// The output for the [`GRID_LANES`] points `(x[l], y[l])`.
    #[inline]
    pub fn eval(&mut self, x: Lanes, y: Lanes) -> Lanes {
        self.inputs(x, y);
        let mut offset = 0;
        for l in 0..self.sizes.len() - 1 {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            self.layer(offset, n_in, n_out, self.acts[l]);
            std::mem::swap(&mut self.front, &mut self.back);
            offset += n_in * n_out + n_out;
        }
        let classes = self.sizes[self.sizes.len() - 1];
        if self.softmax && classes > 2 {
            // Each point's winning class and its margin (`crate::boundary::class_value`).
            let mut out = [0.0; GRID_LANES];
            for (k, o) in out.iter_mut().enumerate() {
                let mut p = [0.0; 4];
                self.softmax_lane(k, &mut p[..classes]);
                *o = crate::boundary::class_value(&p[..classes]) as f32;
            }
            out
        } else if self.softmax {
            let d = self.front[1].zip(self.front[0], |z1, z0| z1.add(z0.mul(F4::splat(-1.0))));
            d.map(|h| activate(Activation::Sigmoid, h)).to_array()
        } else {
            self.front[0].to_array()
        }
    }

    /// The softmax of the output sums of point `k` of the group (in `front`) into `p`, in `f64`.
    fn softmax_lane(&self, k: usize, p: &mut [f64]) {
        for (j, pj) in p.iter_mut().enumerate() {
            *pj = f64::from(self.front[j].to_array()[k]);
        }
        let mut z = [0.0; 4];
        z[..p.len()].copy_from_slice(p);
        OutputActivation::Softmax.apply(&z[..p.len()], p);
    }

    /// Every neuron's activation for the [`GRID_LANES`] points `(x[l], y[l])`, layers 1 to `layers`
    /// (the output is layer `sizes.len() − 1`), into `out`, one entry per neuron in layer order. An
    /// output layer of two softmax neurons gives their probabilities.
    pub fn eval_layers(&mut self, x: Lanes, y: Lanes, layers: usize, out: &mut [Lanes]) {
        self.inputs(x, y);
        let (mut offset, mut at) = (0, 0);
        let last = self.sizes.len() - 1;
        for l in 0..layers.min(last) {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            self.layer(offset, n_in, n_out, self.acts[l]);
            std::mem::swap(&mut self.front, &mut self.back);
            offset += n_in * n_out + n_out;
            for (o, v) in out[at..at + n_out].iter_mut().zip(&self.front[..n_out]) {
                *o = v.to_array();
            }
            at += n_out;
            if l + 1 == last && self.softmax && n_out == 2 {
                let d = self.front[1].zip(self.front[0], |z1, z0| z1.add(z0.mul(F4::splat(-1.0))));
                let p1 = d.map(|h| activate(Activation::Sigmoid, h)).to_array();
                out[at - 1] = p1;
                out[at - 2] = p1.map(|p| 1.0 - p);
            } else if l + 1 == last && self.softmax {
                let probabilities = &mut out[at - n_out..at];
                for k in 0..GRID_LANES {
                    let mut p = [0.0; 4];
                    self.softmax_lane(k, &mut p[..n_out]);
                    for (lanes, &pj) in probabilities.iter_mut().zip(&p) {
                        lanes[k] = pj as f32;
                    }
                }
            }
        }
    }

    /// One layer: `back[j] = act(b[j] + Σᵢ w[j][i] · front[i])`.
    #[inline(always)]
    fn layer(&mut self, offset: usize, n_in: usize, n_out: usize, act: Activation) {
        let (weights, rest) = self.params[offset..].split_at(n_in * n_out);
        let biases = &rest[..n_out];
        let input = &self.front[..n_in];
        let out = &mut self.back[..n_out];
        for ((z, row), &b) in out.iter_mut().zip(weights.chunks_exact(n_in)).zip(biases) {
            let mut acc = F8::splat(b);
            for (&w, &a) in row.iter().zip(input) {
                let w = F4::splat(w);
                acc = acc.zip(a, |s, a| s.add(a.mul(w)));
            }
            *z = acc;
        }
        activate_all(act, out);
    }

    /// The output for every point of `xs` (pairs, row-major) into `out` (one value per point).
    pub fn run(&mut self, xs: &[f64], out: &mut [f32]) {
        let n = out.len().min(xs.len() / 2);
        let mut i = 0;
        while i < n {
            let mut x = [0.0; GRID_LANES];
            let mut y = [0.0; GRID_LANES];
            let take = GRID_LANES.min(n - i);
            for k in 0..take {
                x[k] = xs[2 * (i + k)] as f32;
                y[k] = xs[2 * (i + k) + 1] as f32;
            }
            let r = self.eval(x, y);
            out[i..i + take].copy_from_slice(&r[..take]);
            i += take;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::Init;
    use crate::trainer::class_probability;

    #[test]
    fn tanh4_is_within_1_4e_6_of_tanh() {
        let mut worst: f64 = 0.0;
        for i in -100_000..=100_000 {
            let x = i as f32 / 5_000.0;
            let t = tanh4(F4::splat(x)).to_array()[0] as f64;
            worst = worst.max((t - (x as f64).tanh()).abs());
        }
        assert!(worst < 1.4e-6, "{worst:e}");
    }

    #[test]
    fn kernel_matches_the_network_to_1e_5() {
        let outputs = [
            OutputActivation::Plain(Activation::Sigmoid),
            OutputActivation::Plain(Activation::Tanh),
            OutputActivation::Plain(Activation::Linear),
            OutputActivation::Softmax,
        ];
        for hidden in [
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Relu,
            Activation::Linear,
        ] {
            for (k, &out) in outputs.iter().enumerate() {
                let n_out = if out == OutputActivation::Softmax {
                    2
                } else {
                    1
                };
                let net =
                    Network::new(&[2, 8, 6, n_out], &[hidden], out, Init::Auto, k as u64).unwrap();
                let mut ws = net.workspace();
                let mut kernel = GridKernel::default();
                assert!(kernel.load(&net));
                let xs: Vec<f64> = (0..202)
                    .map(|i| ((i * 37) % 101) as f64 / 50.0 - 1.0)
                    .collect();
                let mut fast = vec![0.0; 101];
                kernel.run(&xs, &mut fast);
                for (i, x) in xs.chunks_exact(2).enumerate() {
                    let exact = net.forward(&mut ws, x);
                    let want = if n_out == 2 {
                        class_probability(exact, out)
                    } else {
                        exact[0]
                    };
                    let err = (fast[i] as f64 - want).abs() / want.abs().max(1.0);
                    assert!(
                        err < 1e-5,
                        "{hidden:?}/{out:?} at {x:?}: {} vs {want}",
                        fast[i]
                    );
                }
            }
        }
    }
}
