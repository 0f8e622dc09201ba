//! The `f32` engine's SGD kernel for narrow networks: every layer at most [`WIDTH`] neurons wide
//! (the tutorials' networks). A layer's neurons sit in the eight lanes of two four-lane SIMD
//! vectors ([`L8`]), so one example's forward pass, backpropagation and update are a few vector
//! operations per weight row or column. Online SGD has one example per step, which leaves the
//! lanes of [`Network::gradient`]'s kernel (examples side by side) seven-eighths empty; mini-batch
//! SGD ([`sgd_batches`]) runs each example the same way and sums its gradient in lanes, which
//! keeps the weights in lanes for a whole epoch where that kernel reads them for every batch.
//!
//! # Layout
//! Each layer keeps its weights as eight-lane vectors in whichever direction costs less: by
//! *column* (one vector per input, its lanes the layer's neurons: the forward sum is one
//! multiply-add per input) when the layer has no more inputs than neurons, else by *row* (one
//! vector per neuron, its lanes the inputs: the forward sum is a horizontal sum per neuron). A
//! layer by column that sends an error down also keeps its rows (`δ_prev = Σⱼ δⱼ·rowⱼ`, an exact
//! copy kept in step). Lanes past a layer's width hold zero weights and zero activations.
//!
//! # Arithmetic (the `f32` engine's online SGD, for these networks)
//! - `z = b + Σₖ aₖ·colₖ` (inputs in order), or `z_j = b_j + hsum(rowⱼ ⊙ a)`, the two halves
//!   added and then [`F4::sum`]'s tree;
//! - `δ_prev = (Σⱼ δⱼ·rowⱼ) ⊙ f'(z_prev)`, neurons in order from the first product, with the
//!   weights as they were before this example;
//! - `w ← w − (δ·a)·η` and `b ← b − δ·η`; for a mini-batch of `n`, `g = Σ δ·a` over its
//!   examples in order, then `w ← w − g·(η/n)` (likewise `b`), the kept rows copied from the new
//!   columns.
//!
//! Only `+ − × ÷` and the shared rational `tanh`, so a seed trains to the same bits natively and in
//! wasm. This is not the arithmetic of [`Network::gradient`] (examples side by side in lanes, for
//! the playground's optimizers and networks too wide for this kernel): in `f32`, SGD through
//! [`crate::trainer::sgd_epoch`] or [`Network::sgd_example`] and a one-example gradient followed by
//! an update agree within `f32` rounding, not bit for bit. The network's own parameter buffer is
//! the truth between calls: weights are read into the lanes at the start of a call and written back
//! at its end (or, for [`step_kept`], at [`sync`]).

use crate::activation::Activation;
use crate::grid::{activate, F4};
use crate::loss::{Loss, OutputActivation};
use crate::network::{limits, Network, Workspace};

/// The widest layer this kernel takes: eight lanes.
pub const WIDTH: usize = 8;
const MAX_LAYERS: usize = limits::MAX_HIDDEN_LAYERS + 1;

/// Eight `f32` lanes as two [`F4`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct L8(pub(crate) F4, pub(crate) F4);

impl L8 {
    #[inline(always)]
    pub(crate) fn zero() -> L8 {
        L8(F4::splat(0.0), F4::splat(0.0))
    }
    #[inline(always)]
    pub(crate) fn splat(v: f32) -> L8 {
        L8(F4::splat(v), F4::splat(v))
    }
    #[inline(always)]
    pub(crate) fn from_array(a: [f32; 8]) -> L8 {
        L8(
            F4::from([a[0], a[1], a[2], a[3]]),
            F4::from([a[4], a[5], a[6], a[7]]),
        )
    }
    /// Up to eight values, zeros after.
    pub(crate) fn load(a: &[f32]) -> L8 {
        L8::gather(a, 0, 1, a.len())
    }
    /// `count` (at most 8) values `stride` apart from `a[start]`, zeros after. One copy, not
    /// inlined: it only moves weights in and out of the lanes, once per call.
    #[inline(never)]
    pub(crate) fn gather(a: &[f32], start: usize, stride: usize, count: usize) -> L8 {
        let mut v = [0.0; 8];
        for (j, x) in v.iter_mut().take(count).enumerate() {
            *x = a[start + j * stride];
        }
        L8::from_array(v)
    }
    /// The first `count` lanes to `a[start]`, `stride` apart.
    #[inline(never)]
    pub(crate) fn scatter(self, a: &mut [f32], start: usize, stride: usize, count: usize) {
        for (j, x) in self.array().iter().take(count).enumerate() {
            a[start + j * stride] = *x;
        }
    }
    #[inline(always)]
    pub(crate) fn array(self) -> [f32; 8] {
        let (a, b) = (self.0.to_array(), self.1.to_array());
        [a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]]
    }
    #[inline(always)]
    pub(crate) fn add(self, o: L8) -> L8 {
        L8(self.0.add(o.0), self.1.add(o.1))
    }
    #[inline(always)]
    pub(crate) fn sub(self, o: L8) -> L8 {
        L8(self.0.sub(o.0), self.1.sub(o.1))
    }
    #[inline(always)]
    pub(crate) fn mul(self, o: L8) -> L8 {
        L8(self.0.mul(o.0), self.1.mul(o.1))
    }
    /// Every lane times the same value (splatted).
    #[inline(always)]
    pub(crate) fn scale(self, s: F4) -> L8 {
        L8(self.0.mul(s), self.1.mul(s))
    }
    #[cfg(feature = "bound")]
    #[inline(always)]
    pub(crate) fn act(self, a: Activation) -> L8 {
        L8(activate(a, self.0), activate(a, self.1))
    }
    /// The activation of the first `n` lanes (the second half zero where `n ≤ 4`: the function is
    /// the dearest part of a narrow layer).
    #[inline(always)]
    fn act_live(self, a: Activation, n: usize) -> L8 {
        if n <= 4 {
            L8(act4(a, self.0), F4::splat(0.0))
        } else {
            act8(a, self)
        }
    }
    /// Lane `k` (a runtime index) in all four lanes.
    #[inline(always)]
    fn splat_lane(self, k: usize) -> F4 {
        if k < 4 {
            self.0.splat_lane(k)
        } else {
            self.1.splat_lane(k - 4)
        }
    }
    /// `f(v, lane k)` for each `v` in `vs` (at most eight) and its lane `k` of `self` in every
    /// lane, in order. A full eight unrolled, the lanes picked by constant shuffles (a layer's
    /// loops then run as straight code: W2 1.18× in paired runs, with the other steps of that
    /// pass); fewer one by one.
    #[inline(always)]
    fn each_lane(self, vs: &mut [L8], mut f: impl FnMut(&mut L8, F4)) {
        if let Ok(vs) = <&mut [L8; WIDTH]>::try_from(&mut *vs) {
            let lanes = self.lanes();
            for k in 0..WIDTH {
                f(&mut vs[k], lanes[k]);
            }
        } else {
            for (k, v) in vs.iter_mut().enumerate() {
                f(v, self.splat_lane(k));
            }
        }
    }
    /// `first(v₀, lane 0)` folded with `f` over the other `v` in `vs` (one to eight) and their
    /// lanes of `self`, in order, as [`L8::each_lane`] picks them.
    #[inline(always)]
    fn fold_lanes(
        self,
        vs: &[L8],
        first: impl FnOnce(L8, F4) -> L8,
        f: impl Fn(L8, L8, F4) -> L8,
    ) -> L8 {
        if let Ok(vs) = <&[L8; WIDTH]>::try_from(vs) {
            let lanes = self.lanes();
            let mut acc = first(vs[0], lanes[0]);
            for k in 1..WIDTH {
                acc = f(acc, vs[k], lanes[k]);
            }
            acc
        } else {
            let acc = first(vs[0], self.splat_lane(0));
            vs.iter()
                .enumerate()
                .skip(1)
                .fold(acc, |acc, (k, &v)| f(acc, v, self.splat_lane(k)))
        }
    }
    /// `v` in lane `j`, `+0` elsewhere: a bitwise and with a constant mask (a multiply by 1 and 0s
    /// would put NaN in every lane where `v` is infinite).
    #[inline(always)]
    fn only_lane(j: usize, v: F4) -> L8 {
        const fn mask(j: usize) -> L8 {
            let mut a = [0.0; 8];
            a[j] = f32::from_bits(u32::MAX);
            L8(
                F4::new([a[0], a[1], a[2], a[3]]),
                F4::new([a[4], a[5], a[6], a[7]]),
            )
        }
        const MASKS: [L8; 8] = [
            mask(0),
            mask(1),
            mask(2),
            mask(3),
            mask(4),
            mask(5),
            mask(6),
            mask(7),
        ];
        let m = MASKS[j & 7];
        L8(v.and(m.0), v.and(m.1))
    }
    /// The sum of the eight lanes, in every lane: the halves added, then [`F4::sum`].
    #[inline(always)]
    pub(crate) fn sum(self) -> F4 {
        self.0.add(self.1).sum()
    }
    /// Each lane in all lanes of its own vector.
    #[inline(always)]
    pub(crate) fn lanes(self) -> [F4; 8] {
        let (a, b) = (self.0, self.1);
        [
            a.lane::<0>(),
            a.lane::<1>(),
            a.lane::<2>(),
            a.lane::<3>(),
            b.lane::<0>(),
            b.lane::<1>(),
            b.lane::<2>(),
            b.lane::<3>(),
        ]
    }
    /// `self ⊙ f'(z)` for the hidden activation `act` (`a = f(z)`), as
    /// [`Activation::scale_by_derivative`].
    #[inline(always)]
    fn times_derivative(self, act: Activation, a: L8) -> L8 {
        let one = L8::splat(1.0);
        match act {
            Activation::Sigmoid => self.mul(a.mul(one.sub(a))),
            Activation::Tanh => self.mul(one.sub(a.mul(a))),
            // `a > 0` exactly where `z > 0` (NaN in neither).
            Activation::Relu => L8(self.0.where_positive(a.0), self.1.where_positive(a.1)),
            Activation::Linear | Activation::Step => self,
        }
    }
}

/// [`activate`] of one half. Inlined into the kernel's two calls: 0.1 KB, and `trainExample` 1.09×
/// in paired runs (the kernel's layers are a loop, so its callers are few).
#[inline(always)]
fn act4(a: Activation, z: F4) -> F4 {
    activate(a, z)
}

/// [`activate`] of both halves, the function chosen once: the two halves' chains (the rational
/// `tanh`'s multiplies and division) are independent and overlap. Inlined into its two callers
/// (0.1 KB; W2 measured 4–8 % faster than through a call).
#[inline(always)]
fn act8(a: Activation, z: L8) -> L8 {
    L8(activate(a, z.0), activate(a, z.1))
}

/// `(0 + rowⱼ · a) + b` in lane `j` for each row: a layer by row's sums.
#[inline(always)]
fn by_row(rows: &[L8], b: L8, a: L8) -> L8 {
    // Each neuron's sum put in its own lane.
    let mut sums = L8::zero();
    for (j, r) in rows.iter().enumerate() {
        sums = sums.add(L8::only_lane(j, r.mul(a).sum()));
    }
    sums.add(b)
}

/// Softmax over the first `n` lanes (out of the kernel's hot path).
#[inline(never)]
fn softmax_lanes(output: OutputActivation, z: L8, n: usize) -> L8 {
    let (zs, mut out) = (z.array(), [0.0; WIDTH]);
    output.apply(&zs[..n], &mut out[..n]);
    L8::from_array(out)
}

/// The loss of `n` outputs `a` (before the activation, `z`) against `t`, and their `δ`, by
/// [`Loss::value`] and [`Loss::output_delta`] (out of the kernel's hot path).
#[inline(never)]
fn output_loss(
    loss: Loss,
    output: OutputActivation,
    z: L8,
    a: L8,
    t: &[f32],
    n: usize,
) -> (f32, L8) {
    let (z, a, mut d) = (z.array(), a.array(), [0.0; WIDTH]);
    loss.output_delta(output, &z[..n], &a[..n], t, &mut d[..n]);
    (loss.value(&z[..n], &a[..n], t), L8::from_array(d))
}

/// Where one layer's vectors are in [`Scratch`].
#[derive(Clone, Copy, Debug)]
struct Shape {
    n_in: usize,
    n_out: usize,
    by_col: bool,
    /// The layer's weight vectors (`n_in` columns or `n_out` rows) in `Scratch::w` and `::g`.
    w: usize,
    /// Its rows kept beside its columns (a layer by column above the first), else `None`.
    rows: Option<usize>,
    /// 1 in the lanes of its neurons, 0 past them.
    live: L8,
}

/// How a network maps onto lanes.
#[derive(Clone, Copy, Debug)]
struct Plan {
    shapes: [Shape; MAX_LAYERS],
    layers: usize,
    vectors: usize,
}

impl Plan {
    /// `None` for a network with a layer wider than [`WIDTH`].
    fn of(net: &Network<f32>) -> Option<Plan> {
        let sizes = net.sizes();
        let layers = sizes.len() - 1;
        if layers > MAX_LAYERS || sizes.iter().any(|&n| n > WIDTH) {
            return None;
        }
        let mut vectors = 0;
        let shapes = std::array::from_fn(|l| {
            let (n_in, n_out) = match sizes.get(l..l + 2) {
                Some(&[n_in, n_out]) => (n_in, n_out),
                _ => (0, 0),
            };
            let by_col = n_in <= n_out;
            let w = vectors;
            vectors += if by_col { n_in } else { n_out };
            let rows = (by_col && l > 0).then(|| {
                vectors += n_out;
                w + n_in
            });
            Shape {
                n_in,
                n_out,
                by_col,
                w,
                rows,
                live: L8::from_array(std::array::from_fn(|k| if k < n_out { 1.0 } else { 0.0 })),
            }
        });
        Some(Plan {
            shapes,
            layers,
            vectors,
        })
    }

    fn shapes(&self) -> &[Shape] {
        &self.shapes[..self.layers]
    }
}

/// The plan and lanes of one network and one example, kept in a [`Workspace`] so that a call
/// allocates and plans nothing once they are made.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    /// The layer sizes `plan` was made for.
    sizes: Vec<usize>,
    plan: Option<Plan>,
    lanes: Lanes,
    /// Whether the lanes hold newer weights than the network (after [`step_kept`], until [`sync`]).
    kept: bool,
}

#[derive(Clone, Debug, Default)]
struct Lanes {
    w: Vec<L8>,
    b: Vec<L8>,
    /// Activations of the current example, input layer first (the input only where the first
    /// layer is by row: one by column reads the example itself; the output's are stored but not
    /// read).
    a: Vec<L8>,
    /// A mini-batch's summed gradient, laid out as `w` (the rows kept beside columns unused) and
    /// `b`.
    g: Vec<L8>,
    gb: Vec<L8>,
    /// `w` and `b` before [`step_kept`]'s step, to go back to where it leaves a value not finite.
    prev_w: Vec<L8>,
    prev_b: Vec<L8>,
}

/// The kernel for one call: the plan, the network's activations and its lanes.
struct Kernel<'s, 'n> {
    plan: &'s Plan,
    hidden: &'n [Activation],
    output: OutputActivation,
    s: &'s mut Lanes,
}

impl<'s, 'n> Kernel<'s, 'n> {
    /// Reads `net`'s parameters into the lanes; `None` where the network is too wide.
    fn new(net: &'n Network<f32>, scratch: &'s mut Scratch) -> Option<Kernel<'s, 'n>> {
        debug_assert!(!scratch.kept, "weights kept in lanes: sync first");
        let k = Kernel::resume(net, scratch)?;
        for (l, sh) in k.plan.shapes().iter().enumerate() {
            let (weights, biases) = net.layer_params(l);
            let (n_in, n_out) = (sh.n_in, sh.n_out);
            if sh.by_col {
                for (k, c) in k.s.w[sh.w..sh.w + n_in].iter_mut().enumerate() {
                    *c = L8::gather(weights, k, n_in, n_out);
                }
            }
            if let Some(r) = if sh.by_col { sh.rows } else { Some(sh.w) } {
                for (r, row) in k.s.w[r..r + n_out]
                    .iter_mut()
                    .zip(weights.chunks_exact(n_in))
                {
                    *r = L8::load(row);
                }
            }
            k.s.b[l] = L8::load(biases);
        }
        Some(k)
    }

    /// The kernel on the lanes as they are (the plan made if the network's shape is new).
    fn resume(net: &'n Network<f32>, scratch: &'s mut Scratch) -> Option<Kernel<'s, 'n>> {
        if scratch.sizes != net.sizes() {
            scratch.sizes = net.sizes().to_vec();
            scratch.plan = Plan::of(net);
            if let Some(plan) = &scratch.plan {
                let (s, layers) = (&mut scratch.lanes, plan.layers);
                for v in [&mut s.w, &mut s.g] {
                    v.resize(plan.vectors, L8::zero());
                }
                for v in [&mut s.b, &mut s.gb] {
                    v.resize(layers, L8::zero());
                }
                s.a.resize(layers + 1, L8::zero());
            }
        }
        let (plan, s) = (scratch.plan.as_ref()?, &mut scratch.lanes);
        Some(Kernel {
            plan,
            hidden: net.hidden_activations(),
            output: net.output_activation(),
            s,
        })
    }
}

impl Plan {
    /// Writes `w`/`b` (the weights' or the gradient's lanes) into a buffer in the network's
    /// layout.
    fn store(&self, out: &mut [f32], w: &[L8], b: &[L8]) {
        let mut at = 0;
        for (l, sh) in self.shapes().iter().enumerate() {
            let (n_in, n_out) = (sh.n_in, sh.n_out);
            for (v, w) in w[sh.w..]
                .iter()
                .take(if sh.by_col { n_in } else { n_out })
                .enumerate()
            {
                if sh.by_col {
                    w.scatter(out, at + v, n_in, n_out);
                } else {
                    w.scatter(out, at + v * n_in, 1, n_in);
                }
            }
            at += n_in * n_out;
            b[l].scatter(out, at, 1, n_out);
            at += n_out;
        }
    }
}

impl Kernel<'_, '_> {
    /// One example forward; returns its loss and the output layer's `δ` for [`Self::backward`].
    #[inline(never)]
    fn forward(&mut self, x: &[f32], t: &[f32], loss: Loss) -> (f32, L8) {
        let s = &mut *self.s;
        let (shapes, last) = (self.plan.shapes(), self.plan.layers - 1);
        // The first layer apart: by column it reads the example's values as they are (here and in
        // `backward`); only one by row needs them in lanes.
        let first = &shapes[0];
        let mut z = if first.by_col {
            let mut z = s.b[0];
            for (c, &x) in s.w[first.w..first.w + first.n_in].iter().zip(x) {
                z = z.add(c.scale(F4::splat(x)));
            }
            z
        } else {
            s.a[0] = L8::load(x);
            by_row(&s.w[first.w..first.w + first.n_out], s.b[0], s.a[0])
        };
        let mut input;
        let mut l = 0;
        loop {
            let sh = &shapes[l];
            let act = match (l < last, self.output) {
                (true, _) => self.hidden[l],
                (false, OutputActivation::Plain(act)) => act,
                (false, softmax) => {
                    input = softmax_lanes(softmax, z, sh.n_out);
                    s.a[l + 1] = input;
                    break;
                }
            };
            input = z.act_live(act, sh.n_out);
            // Lanes past the layer's width hold f(0) ≠ 0 for these two: zeroed where they are
            // kept for the updates (which would write them into the zero lanes of a row), but not
            // on the way up, where a layer by row multiplies them by those zeros (the same `+0`)
            // and one by column never reads them: one multiply less on the chain each example
            // waits for.
            s.a[l + 1] = match act {
                Activation::Sigmoid | Activation::Step if sh.n_out < WIDTH => input.mul(sh.live),
                _ => input,
            };
            if l == last {
                break;
            }
            l += 1;
            let sh = &shapes[l];
            z = if sh.by_col {
                let cols = &s.w[sh.w..sh.w + sh.n_in];
                let b = s.b[l];
                input.fold_lanes(cols, |c, a| b.add(c.scale(a)), |z, c, a| z.add(c.scale(a)))
            } else {
                by_row(&s.w[sh.w..sh.w + sh.n_out], s.b[l], input)
            };
        }
        let out_z = z;
        let no = self.plan.shapes[last].n_out;
        match (no, loss, self.output) {
            // The tutorials' single output with squared error, written out (the arithmetic of
            // `Loss::value` and `Loss::output_delta`, without their loops).
            (1, Loss::SquaredError, OutputActivation::Plain(act)) => {
                let (z, a) = (out_z.0.to_array()[0], input.0.to_array()[0]);
                let e = a - t[0];
                let d = e * act.backprop_derivative(z, a);
                (
                    0.5 * e * e,
                    L8(F4::from([d, 0.0, 0.0, 0.0]), F4::splat(0.0)),
                )
            }
            _ => output_loss(loss, self.output, out_z, input, t, no),
        }
    }

    /// Backpropagates the output layer's `δ` from [`Self::forward`], updating each layer's
    /// weights as soon as its error below is known: `w ← w − (δ·a)·η`. Its own loops stay plain
    /// (lane by lane, not [`L8::each_lane`]): the unrolled ones cost 115 bytes the size budget does
    /// not have, and the measured online workloads (W1, `trainExample`) have no eight-wide layer.
    #[inline(never)]
    fn backward(&mut self, x: &[f32], mut d: L8, rate: F4) {
        for (l, sh) in self.plan.shapes().iter().enumerate().rev() {
            let below = self.below(l, sh, d);
            let s = &mut *self.s;
            let input = s.a[l];
            // Columns and rows get the same products, so the two copies stay equal.
            if sh.by_col {
                let cols = &mut s.w[sh.w..sh.w + sh.n_in];
                if l == 0 {
                    for (c, &x) in cols.iter_mut().zip(x) {
                        *c = c.sub(d.scale(F4::splat(x)).scale(rate));
                    }
                } else {
                    for (k, c) in cols.iter_mut().enumerate() {
                        *c = c.sub(d.scale(input.splat_lane(k)).scale(rate));
                    }
                }
            }
            if let Some(r) = if sh.by_col { sh.rows } else { Some(sh.w) } {
                for (j, r) in s.w[r..r + sh.n_out].iter_mut().enumerate() {
                    *r = r.sub(input.scale(d.splat_lane(j)).scale(rate));
                }
            }
            s.b[l] = s.b[l].sub(d.scale(rate));
            match below {
                Some(e) => d = e,
                None => break,
            }
        }
    }

    /// Backpropagates as [`Self::backward`] does, adding each layer's gradient (`δ·a`, `δ`) to the
    /// batch's sums instead of stepping: the weights stay as they were until [`Self::descend`].
    #[inline(never)]
    fn accumulate(&mut self, x: &[f32], mut d: L8) {
        for (l, sh) in self.plan.shapes().iter().enumerate().rev() {
            let s = &mut *self.s;
            let input = s.a[l];
            if sh.by_col {
                let sums = &mut s.g[sh.w..sh.w + sh.n_in];
                if l == 0 {
                    for (g, &x) in sums.iter_mut().zip(x) {
                        *g = g.add(d.scale(F4::splat(x)));
                    }
                } else {
                    input.each_lane(sums, |g, a| *g = g.add(d.scale(a)));
                }
            } else {
                d.each_lane(&mut s.g[sh.w..sh.w + sh.n_out], |g, d| {
                    *g = g.add(input.scale(d))
                });
            }
            s.gb[l] = s.gb[l].add(d);
            match self.below(l, sh, d) {
                Some(e) => d = e,
                None => break,
            }
        }
    }

    /// The error layer `l` sends below (none from the first): `(Σⱼ δⱼ·rowⱼ) ⊙ f'(z)`, neurons
    /// in order, from the layer's weights as they are (before this example changes them).
    #[inline(always)]
    fn below(&self, l: usize, sh: &Shape, d: L8) -> Option<L8> {
        if l == 0 {
            return None;
        }
        let s = &*self.s;
        let rows = &s.w[sh.rows.unwrap_or(sh.w)..][..sh.n_out];
        // From the first product, not from zero: `0 + (−0)` would not be `−0`.
        let e = d.fold_lanes(rows, |r, d| r.scale(d), |e, r, d| e.add(r.scale(d)));
        Some(e.times_derivative(self.hidden[l - 1], s.a[l]))
    }

    /// `w ← w − g·step` and `b ← b − g_b·step` for the batch's summed gradient (`step` = η / its
    /// size), the sums cleared for the next batch, and the rows kept beside columns rebuilt from
    /// the new columns.
    #[inline(never)]
    fn descend(&mut self, step: F4) {
        let s = &mut *self.s;
        for (l, sh) in self.plan.shapes().iter().enumerate() {
            let count = if sh.by_col { sh.n_in } else { sh.n_out };
            for (w, g) in s.w[sh.w..sh.w + count]
                .iter_mut()
                .zip(&mut s.g[sh.w..sh.w + count])
            {
                *w = w.sub(g.scale(step));
                *g = L8::zero();
            }
            s.b[l] = s.b[l].sub(s.gb[l].scale(step));
            s.gb[l] = L8::zero();
            if let Some(r) = sh.rows {
                // Row j, lane k = column k, lane j.
                let mut cols = [[0.0f32; WIDTH]; WIDTH];
                for (c, v) in cols.iter_mut().zip(&s.w[sh.w..sh.w + sh.n_in]) {
                    *c = v.array();
                }
                for (j, row) in s.w[r..r + sh.n_out].iter_mut().enumerate() {
                    *row = L8::from_array(std::array::from_fn(|k| cols[k][j]));
                }
            }
        }
    }
}

/// One epoch of mini-batch SGD (`batch` examples per step, the last batch what is left) in the
/// narrow kernel, the weights kept in lanes from the first batch to the last: each example's
/// neurons in lanes as online, its gradient added to the batch's sums, then one step of
/// `η / size` times the sums. The mean batch loss, or `None` (nothing done) where the network is
/// too wide. Agrees with [`Network::gradient`] and an update within `f32` rounding.
#[inline(never)]
pub fn sgd_batches(
    net: &mut Network<f32>,
    ws: &mut Workspace<f32>,
    xs: &[f32],
    ts: &[f32],
    batch: usize,
    rate: f32,
    loss: Loss,
) -> Option<f32> {
    let (ni, no) = (net.inputs(), net.outputs());
    let mut k = Kernel::new(net, &mut ws.narrow)?;
    let (mut total, mut batches) = (0.0f32, 0usize);
    for (bx, bt) in xs.chunks(batch * ni).zip(ts.chunks(batch * no)) {
        let (mut sum, mut n) = (0.0f32, 0usize);
        for (x, t) in bx.chunks_exact(ni).zip(bt.chunks_exact(no)) {
            let (v, d) = k.forward(x, t, loss);
            k.accumulate(x, d);
            sum += v;
            n += 1;
        }
        if n == 0 {
            continue;
        }
        k.descend(F4::splat(rate / n as f32));
        total += sum / n as f32;
        batches += 1;
    }
    let Kernel { plan, s, .. } = k;
    plan.store(net.params_mut(), &s.w, &s.b);
    Some(total / batches.max(1) as f32)
}

/// One epoch of online SGD in the narrow kernel, the weights kept in lanes from the first example
/// to the last; the mean loss, or `None` (nothing done) where the network is too wide. The same
/// bits as [`Network::sgd_example`] example by example.
#[inline(never)]
pub fn sgd_online(
    net: &mut Network<f32>,
    ws: &mut Workspace<f32>,
    xs: &[f32],
    ts: &[f32],
    rate: f32,
    loss: Loss,
) -> Option<f32> {
    let (ni, no) = (net.inputs(), net.outputs());
    let mut k = Kernel::new(net, &mut ws.narrow)?;
    let (mut total, mut n) = (0.0f32, 0usize);
    for (x, t) in xs.chunks_exact(ni).zip(ts.chunks_exact(no)) {
        let (v, d) = k.forward(x, t, loss);
        k.backward(x, d, F4::splat(rate));
        total += v;
        n += 1;
    }
    let Kernel { plan, s, .. } = k;
    plan.store(net.params_mut(), &s.w, &s.b);
    Some(total / n.max(1) as f32)
}

/// One online step as [`sgd_online`] on one example, leaving the new weights in the lanes: the
/// network's own buffer is stale until [`sync`], and the next step skips reading it. For a caller
/// that owns both and syncs before anything else reads or writes the network (the `Network`
/// binding's `trainExample`, where reading and writing the weights was most of a call). The
/// example's loss (NaN, with the weights left as they were, where the step would make a weight or
/// the loss infinite or NaN), or `None` (nothing done) where the network is too wide.
#[inline(never)]
pub fn step_kept(
    net: &Network<f32>,
    ws: &mut Workspace<f32>,
    x: &[f32],
    t: &[f32],
    rate: f32,
    loss: Loss,
) -> Option<f32> {
    let scratch = &mut ws.narrow;
    let mut k = if scratch.kept {
        // Kept weights were made by a step on this network (the caller syncs before anything
        // else touches it), so its plan stands without comparing shapes again.
        debug_assert_eq!(scratch.sizes, net.sizes());
        Kernel {
            plan: scratch.plan.as_ref()?,
            hidden: net.hidden_activations(),
            output: net.output_activation(),
            s: &mut scratch.lanes,
        }
    } else {
        Kernel::new(net, scratch)?
    };
    let (v, d) = k.forward(x, t, loss);
    let Lanes {
        w,
        b,
        prev_w,
        prev_b,
        ..
    } = &mut *k.s;
    prev_w.clone_from(w);
    prev_b.clone_from(b);
    k.backward(x, d, F4::splat(rate));
    let s = &mut ws.narrow.lanes;
    let finite = |ls: &[L8]| ls.iter().all(|l| l.array().iter().all(|v| v.is_finite()));
    if !(v.is_finite() && finite(&s.w) && finite(&s.b)) {
        // A step that leaves a weight infinite or NaN is not taken: the lanes go back to the
        // weights before it, and the caller hears of it through the NaN.
        std::mem::swap(&mut s.w, &mut s.prev_w);
        std::mem::swap(&mut s.b, &mut s.prev_b);
        ws.narrow.kept = true;
        return Some(f32::NAN);
    }
    ws.narrow.kept = true;
    Some(v)
}

/// Writes weights kept in the lanes by [`step_kept`] back into the network (nothing if none are).
pub fn sync(net: &mut Network<f32>, ws: &mut Workspace<f32>) {
    let s = &mut ws.narrow;
    if std::mem::take(&mut s.kept) {
        if let Some(plan) = &s.plan {
            plan.store(net.params_mut(), &s.lanes.w, &s.lanes.b);
        }
    }
}
