//! The gradient kernel: backpropagation of up to [`GRADIENT_LANES`] examples at once, each node's
//! values for the examples side by side, so every layer is a loop over neurons whose innermost loop
//! runs across examples. The arithmetic is that of [`Network::forward`] and [`Network::backward`]
//! one example after another, sum for sum, so the result is the same bit for bit; only the order of
//! the loops differs.

use crate::math::float::Float;
use crate::model::activation::Activation;
use crate::model::loss::{Loss, OutputActivation};
use crate::model::network::{limits, Network, Workspace, GRADIENT_LANES};
use crate::model::numeric::max_relative_difference;

impl<F: Float> Network<F> {
    /// Writes the analytic gradient of the mean batch loss into `ws.grad`; returns the loss.
    ///
    /// Examples go through the layers [`GRADIENT_LANES`] at a time: each weight is read once per group, the
    /// activations of a whole layer are computed in one independent run, and the innermost loops
    /// run across examples. Every sum is still taken in the order of [`Network::forward`] and
    /// [`Network::backward`] one example after another, so the result is the same bit for bit.
    pub fn gradient(&self, ws: &mut Workspace<F>, xs: &[F], ts: &[F], loss: Loss) -> F {
        let n = xs.len() / self.inputs();
        ws.grad.fill(F::ZERO);
        let total = self.gradient_sum(ws, xs, ts, loss);
        Self::mean_gradient(ws, n);
        total / F::from_f64(n as f64)
    }

    /// Adds the gradients of the examples `xs`/`ts` to `ws.grad` (no zeroing, no mean); returns
    /// the sum of their losses. A batch split into runs of whole [`GRADIENT_LANES`] groups and
    /// summed run after run gives the same bits as one call: what lets a long step be spread over
    /// several calls.
    // One copy per float type: inlined, it was copied into every trainer and binding path.
    #[inline(never)]
    pub fn gradient_sum(&self, ws: &mut Workspace<F>, xs: &[F], ts: &[F], loss: Loss) -> F {
        let (ni, no) = (self.inputs(), self.outputs());
        let mut total = F::ZERO;
        for (bx, bt) in xs
            .chunks(GRADIENT_LANES * ni)
            .zip(ts.chunks(GRADIENT_LANES * no))
        {
            total += self.gradient_lanes(ws, bx, bt, loss);
        }
        total
    }

    /// Turns the summed gradient of `n` examples in `ws.grad` into their mean.
    pub fn mean_gradient(ws: &mut Workspace<F>, n: usize) {
        // A mean over one example needs no division (online training, the common case).
        if n != 1 {
            let n = F::from_f64(n as f64);
            for g in ws.grad.iter_mut() {
                *g /= n;
            }
        }
    }

    /// Adds the gradients of up to [`GRADIENT_LANES`] examples to `ws.grad`; returns the sum of their losses.
    fn gradient_lanes(&self, ws: &mut Workspace<F>, xs: &[F], ts: &[F], loss: Loss) -> F {
        const L: usize = GRADIENT_LANES;
        let (n0, no) = (self.sizes()[0], self.outputs());
        let count = xs.len() / n0;
        // Lanes whose activations are computed: the examples, rounded up to a whole f64x2 pair. A
        // batch of 10 is a group of 8 and one of 2, and online training one of 1: the transcendental
        // activations are the dearest part of a pass, and the other lanes of a part-filled group are
        // never read. (The multiply-add loops run over all `L` lanes: at that fixed length they unroll
        // into whole vectors, and a runtime length made them slower in wasm.)
        let live = count + (count & 1);
        let last = self.layers() - 1;
        let nodes = |l: usize| ws.a_offsets[l] * L..ws.a_offsets[l + 1] * L;
        let sums = |l: usize| (ws.a_offsets[l + 1] - n0) * L..(ws.a_offsets[l + 2] - n0) * L;
        for (e, x) in xs.chunks_exact(n0).enumerate() {
            for (k, &v) in x.iter().enumerate() {
                ws.lanes_a[k * L + e] = v;
            }
        }
        // Forward: z = Σₖ w·a + b in `dot`'s order, then the layer's activation.
        for l in 0..=last {
            let (n_in, n_out) = (self.sizes()[l], self.sizes()[l + 1]);
            let (weights, biases) = self.layer_params(l);
            let (below, above) = ws.lanes_a.split_at_mut(nodes(l + 1).start);
            let input = &below[nodes(l)];
            let z = &mut ws.lanes_z[sums(l)];
            for ((zj, row), &b) in z
                .chunks_exact_mut(L)
                .zip(weights.chunks_exact(n_in))
                .zip(biases)
            {
                let zj: &mut [F; L] = zj.try_into().expect("lane block");
                let mut acc = [F::ZERO; L];
                for (&w, a) in row.iter().zip(input.chunks_exact(L)) {
                    for (s, &a) in acc.iter_mut().zip(a) {
                        *s += w * a;
                    }
                }
                for (z, s) in zj.iter_mut().zip(acc) {
                    *z = s + b;
                }
            }
            let out = &mut above[..n_out * L];
            // The activation of each neuron's live lanes.
            let apply = |act: Activation, z: &[F], out: &mut [F]| {
                for (z, out) in z.chunks_exact(L).zip(out.chunks_exact_mut(L)) {
                    act.apply_all(&z[..live], &mut out[..live]);
                }
            };
            match (l < last, self.output_activation()) {
                (true, _) => apply(self.hidden_activations()[l], z, out),
                (false, OutputActivation::Plain(act)) => apply(act, z, out),
                (false, softmax) => {
                    let (mut zs, mut os) = (
                        [F::ZERO; limits::MAX_OUTPUTS],
                        [F::ZERO; limits::MAX_OUTPUTS],
                    );
                    for e in 0..count {
                        for j in 0..n_out {
                            zs[j] = z[j * L + e];
                        }
                        softmax.apply(&zs[..n_out], &mut os[..n_out]);
                        for j in 0..n_out {
                            out[j * L + e] = os[j];
                        }
                    }
                }
            }
        }
        // The loss and the output layer's error, one example at a time (they mix its outputs).
        let mut total = F::ZERO;
        {
            let (z, a) = (&ws.lanes_z[sums(last)], &ws.lanes_a[nodes(last + 1)]);
            let delta = &mut ws.lanes_delta[sums(last)];
            let mut buf = [[F::ZERO; limits::MAX_OUTPUTS]; 3];
            for (e, t) in ts.chunks_exact(no).enumerate() {
                let [zs, os, ds] = &mut buf;
                for j in 0..no {
                    (zs[j], os[j]) = (z[j * L + e], a[j * L + e]);
                }
                total += loss.value(&zs[..no], &os[..no], t);
                loss.output_delta(
                    self.output_activation(),
                    &zs[..no],
                    &os[..no],
                    t,
                    &mut ds[..no],
                );
                for j in 0..no {
                    delta[j * L + e] = ds[j];
                }
            }
        }
        // Backward: gradients summed over the examples in order, then δ_prev = (Wᵀ δ) ⊙ f'(z_prev).
        for l in (0..=last).rev() {
            let (n_in, n_out) = (self.sizes()[l], self.sizes()[l + 1]);
            let (weights, _) = self.layer_params(l);
            let input = &ws.lanes_a[nodes(l)];
            let (d_prev, d_here) = ws.lanes_delta.split_at_mut(sums(l).start);
            let delta = &d_here[..n_out * L];
            let block = &mut ws.grad[self.layer_range(l)];
            let (grad_w, grad_b) = block.split_at_mut(n_in * n_out);
            for ((row, d), gb) in grad_w
                .chunks_exact_mut(n_in)
                .zip(delta.chunks_exact(L))
                .zip(grad_b)
            {
                // Each sum kept in a register across the examples, which it adds in order.
                let d = &d[..count];
                *gb = F::add_sum(*gb, d);
                for (g, a) in row.iter_mut().zip(input.chunks_exact(L)) {
                    *g = F::add_products(*g, d, &a[..count]);
                }
            }
            if l > 0 {
                let prev = &mut d_prev[sums(l - 1)];
                // δ_prev[k] = Σⱼ w[j][k]·δ[j] from 0 in order of j, all lanes in registers.
                for (k, p) in prev.chunks_exact_mut(L).enumerate() {
                    let mut acc = [F::ZERO; L];
                    for (row, d) in weights.chunks_exact(n_in).zip(delta.chunks_exact(L)) {
                        let w = row[k];
                        for (s, &dj) in acc.iter_mut().zip(d) {
                            *s += w * dj;
                        }
                    }
                    p.copy_from_slice(&acc);
                }
                self.hidden_activations()[l - 1].scale_by_derivative(
                    &ws.lanes_z[sums(l - 1)],
                    &ws.lanes_a[nodes(l)],
                    prev,
                );
            }
        }
        total
    }
}

impl Network {
    /// The largest relative difference between the analytic and the numeric gradient on a batch:
    /// `max_i |g_i − n_i| / max(|g_i|, |n_i|, 1e-8)`.
    pub fn gradient_check(&mut self, xs: &[f64], ts: &[f64], loss: Loss) -> f64 {
        let mut ws = self.workspace();
        self.gradient(&mut ws, xs, ts, loss);
        let analytic = ws.grad.clone();
        let mut numeric = vec![0.0; analytic.len()];
        self.numeric_gradient(&mut ws, xs, ts, loss, 1e-5, &mut numeric);
        max_relative_difference(&analytic, &numeric)
    }
}
