//! The boundary kernel: a network's output for many points at once, four at a time in `f32` lanes
//! with a fast rational `tanh`, for drawing (never for training).
//!
//! The page redraws a boundary of up to ~250 000 cells every frame, so this trades exactness for
//! speed where nobody can see it: weights are rounded to `f32`, and `tanh` is a rational minimax
//! approximation (max absolute error 3.3·10⁻⁷ over the real line); sigmoid is `½ + ½ tanh(z/2)`.
//! Outputs differ from [`Network::forward`] by less than 10⁻⁵ (tested). Each layer's loops run over
//! `[f32; 4]` lanes, which LLVM turns into SIMD (`simd128` in wasm, SSE natively).
//!
//! Works for two-input networks whose output is one neuron, or two softmax neurons (then the
//! result is the softmax's class-1 probability, `σ(z₁ − z₀)`).

use crate::activation::Activation;
use crate::loss::OutputActivation;
use crate::network::Network;

/// Points per group.
pub const LANES: usize = 4;
type Lanes = [f32; LANES];

/// A network's weights in `f32` and scratch for one group of points.
#[derive(Clone, Debug, Default)]
pub struct GridKernel {
    sizes: Vec<usize>,
    acts: Vec<Activation>,
    softmax: bool,
    params: Vec<f32>,
    front: Vec<Lanes>,
    back: Vec<Lanes>,
}

/// `tanh` for four lanes (rational approximation, clamped where it reaches ±1 in `f32`).
#[inline(always)]
fn tanh4(x: Lanes) -> Lanes {
    const CLAMP: f32 = 7.905_311;
    const A: [f32; 7] = [
        4.893_524_6e-3,
        6.372_619_3e-4,
        1.485_722_4e-5,
        5.122_297e-8,
        -8.604_672e-11,
        2.000_188e-13,
        -2.760_768_5e-16,
    ];
    const B: [f32; 4] = [4.893_525e-3, 2.268_434_6e-3, 1.185_347_1e-4, 1.198_258_4e-6];
    let mut out = [0.0; LANES];
    for l in 0..LANES {
        let v = x[l].clamp(-CLAMP, CLAMP);
        let v2 = v * v;
        let mut p = A[6];
        p = p * v2 + A[5];
        p = p * v2 + A[4];
        p = p * v2 + A[3];
        p = p * v2 + A[2];
        p = p * v2 + A[1];
        p = p * v2 + A[0];
        let mut q = B[3];
        q = q * v2 + B[2];
        q = q * v2 + B[1];
        q = q * v2 + B[0];
        out[l] = v * p / q;
    }
    out
}

#[inline(always)]
fn activate(act: Activation, z: &mut Lanes) {
    match act {
        Activation::Tanh => *z = tanh4(*z),
        Activation::Sigmoid => {
            let t = tanh4(z.map(|v| 0.5 * v));
            *z = t.map(|v| 0.5 + 0.5 * v);
        }
        Activation::Relu => *z = z.map(|v| if v > 0.0 { v } else { 0.0 }),
        Activation::Linear => {}
        Activation::Step => *z = z.map(|v| if v >= 0.0 { 1.0 } else { 0.0 }),
    }
}

impl GridKernel {
    /// Loads `net`'s weights; false (and nothing loaded) if the kernel cannot run this network.
    pub fn load(&mut self, net: &Network) -> bool {
        let outputs = net.outputs();
        let softmax = match net.output_activation() {
            OutputActivation::Softmax if outputs == 2 => true,
            OutputActivation::Plain(_) if outputs == 1 => false,
            _ => return false,
        };
        if net.inputs() != 2 {
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
        self.params.extend(net.params().iter().map(|&w| w as f32));
        let widest = net.sizes().iter().copied().max().unwrap_or(1);
        self.front.resize(widest, [0.0; LANES]);
        self.back.resize(widest, [0.0; LANES]);
        true
    }

    /// The output for four points `(x[l], y[l])`.
    #[inline]
    pub fn eval4(&mut self, x: Lanes, y: Lanes) -> Lanes {
        self.front[0] = x;
        self.front[1] = y;
        let mut offset = 0;
        for l in 0..self.sizes.len() - 1 {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let weights = &self.params[offset..offset + n_in * n_out];
            let biases = &self.params[offset + n_in * n_out..offset + n_in * n_out + n_out];
            let input = &self.front[..n_in];
            let act = self.acts[l];
            for ((z, row), &b) in self.back[..n_out]
                .iter_mut()
                .zip(weights.chunks_exact(n_in))
                .zip(biases)
            {
                let mut acc = [b; LANES];
                for (&w, a) in row.iter().zip(input) {
                    for k in 0..LANES {
                        acc[k] += w * a[k];
                    }
                }
                activate(act, &mut acc);
                *z = acc;
            }
            std::mem::swap(&mut self.front, &mut self.back);
            offset += n_in * n_out + n_out;
        }
        if self.softmax {
            let (z0, z1) = (self.front[0], self.front[1]);
            let mut d = [0.0; LANES];
            for k in 0..LANES {
                d[k] = z1[k] - z0[k];
            }
            activate(Activation::Sigmoid, &mut d);
            d
        } else {
            self.front[0]
        }
    }

    /// The output for every point of `xs` (pairs, row-major) into `out` (one value per point).
    pub fn run(&mut self, xs: &[f64], out: &mut [f32]) {
        let n = out.len().min(xs.len() / 2);
        let mut i = 0;
        while i < n {
            let mut x = [0.0; LANES];
            let mut y = [0.0; LANES];
            let take = LANES.min(n - i);
            for k in 0..take {
                x[k] = xs[2 * (i + k)] as f32;
                y[k] = xs[2 * (i + k) + 1] as f32;
            }
            let r = self.eval4(x, y);
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
    fn tanh4_is_within_4e_7_of_tanh() {
        let mut worst: f64 = 0.0;
        for i in -100_000..=100_000 {
            let x = i as f32 / 5_000.0;
            let t = tanh4([x; LANES])[0] as f64;
            worst = worst.max((t - (x as f64).tanh()).abs());
        }
        assert!(worst < 4e-7, "{worst:e}");
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
