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
//! and its margin, [`crate::model::output::class_value`], the softmax taken point by point in `f64`).

use crate::data::features::FeatureMap;
use crate::math::float::Float;
use crate::math::lanes::{Lane, F4, F8};
use crate::model::activation::Activation;
use crate::model::loss::OutputActivation;
use crate::model::network::Network;
use crate::model::output::{class_value, MAX_CLASSES};

/// Points per group: two SIMD vectors of four, so that every weight loaded is used eight times
/// and two independent chains keep the arithmetic units busy.
pub const GRID_LANES: usize = 8;
/// One value for each point of a group.
type Group = [f32; GRID_LANES];

/// A network's weights in `f32` and scratch for one group of points.
#[derive(Clone, Debug, Default)]
pub struct GridKernel {
    /// The input features, `None` for the coordinates themselves.
    features: Option<FeatureMap>,
    /// The inputs beyond the plane's two (a table's other columns), held at these values.
    held: Vec<f64>,
    sizes: Vec<usize>,
    acts: Vec<Activation>,
    softmax: bool,
    params: Vec<f32>,
    front: Vec<F8>,
    back: Vec<F8>,
}

impl GridKernel {
    /// Loads `net`'s weights; false (and nothing loaded) if the kernel cannot run this network.
    pub fn load<F: Float>(&mut self, net: &Network<F>) -> bool {
        let outputs = net.outputs();
        let softmax = match net.output_activation() {
            OutputActivation::Softmax if (2..=MAX_CLASSES).contains(&outputs) => true,
            OutputActivation::Plain(_) if outputs == 1 => false,
            _ => return false,
        };
        if net.inputs() != self.features.as_ref().map_or(2, FeatureMap::len) + self.held.len() {
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
    /// coordinates themselves), and the values the inputs after them are held at.
    pub fn set_features(&mut self, features: Option<&FeatureMap>, held: &[f64]) {
        self.features = features.filter(|m| !m.is_identity()).cloned();
        self.held.clear();
        self.held.extend_from_slice(held);
    }

    /// The input features set by [`GridKernel::set_features`] (`None`: the coordinates).
    pub fn features(&self) -> Option<&FeatureMap> {
        self.features.as_ref()
    }

    /// The held inputs set by [`GridKernel::set_features`].
    pub fn held(&self) -> &[f64] {
        &self.held
    }

    /// The network's inputs for the points `(x[l], y[l])`: the coordinates, or their features
    /// (computed in `f64` by [`crate::data::features`], then rounded).
    #[inline]
    fn inputs(&mut self, x: Group, y: Group) {
        let first = match &self.features {
            None => {
                self.front[0] = F8::from_array(x);
                self.front[1] = F8::from_array(y);
                2
            }
            Some(map) => {
                for (slot, f) in self.front.iter_mut().zip(map.list()) {
                    let mut v = [0.0; GRID_LANES];
                    for (k, vk) in v.iter_mut().enumerate() {
                        *vk = f.at(f64::from(x[k]), f64::from(y[k])) as f32;
                    }
                    *slot = F8::from_array(v);
                }
                map.len()
            }
        };
        for (slot, &v) in self.front[first..].iter_mut().zip(&self.held) {
            *slot = F8::splat(v as f32);
        }
    }

    /// The output for the [`GRID_LANES`] points `(x[l], y[l])`.
    #[inline]
    pub fn eval(&mut self, x: Group, y: Group) -> Group {
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
            // Each point's winning class and its margin (`crate::model::output::class_value`).
            let mut out = [0.0; GRID_LANES];
            for (k, o) in out.iter_mut().enumerate() {
                let mut p = [0.0; 4];
                self.softmax_lane(k, &mut p[..classes]);
                *o = class_value(&p[..classes]) as f32;
            }
            out
        } else if self.softmax {
            self.front[1].sub(self.front[0]).sigmoid().to_array()
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
    pub fn eval_layers(&mut self, x: Group, y: Group, layers: usize, out: &mut [Group]) {
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
                let p1 = self.front[1].sub(self.front[0]).sigmoid().to_array();
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
                acc = acc.add(a.scale(F4::splat(w)));
            }
            *z = acc;
        }
        act.apply_in_place(out);
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
    use crate::model::network::Init;
    use crate::model::output::class_probability;

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
