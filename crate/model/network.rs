//! A fully connected feed-forward network on flat buffers, with analytic backpropagation.
//!
//! # Memory layout
//! All parameters live in one contiguous `Vec<f64>`, layer after layer. Layer `l` maps `n_in` inputs
//! to `n_out` neurons and occupies `n_out · n_in + n_out` values: first its weights, row-major with one
//! row per neuron (`w[j · n_in + i]` connects input `i` to neuron `j`), then its `n_out` biases. This is
//! also the order of [`Network::params`], of the gradient buffer and of the exported JSON.
//!
//! Per-example scratch (weighted sums `z`, activations `a`, errors `delta`, the gradient) lives in a
//! [`Workspace`] the caller allocates once, so forward and backward passes never allocate.
//!
//! # Where the rest of `Network` lives
//! This file is the reference: one example forward and back ([`Network::forward`],
//! [`Network::backward`], [`Network::sgd_example`]). The same type has two more `impl` blocks,
//! each beside what it needs: finite differences in [`crate::model::numeric`], and the batch
//! gradient ([`Network::gradient`], eight examples side by side) in [`crate::kernel::gradient`],
//! whose scratch the workspace holds room for ([`GRADIENT_LANES`]).

use crate::base::names::Named;
use crate::base::text::Num;
use crate::math::float::Float;
use crate::math::rng;
use crate::model::activation::Activation;
use crate::model::loss::{Loss, OutputActivation};

/// Limits on the shape of a network, shared by every entry point that validates one.
pub mod limits {
    /// Most inputs a network takes.
    pub const MAX_INPUTS: usize = 8;
    /// Most outputs a network produces.
    pub const MAX_OUTPUTS: usize = 8;
    /// Most hidden layers.
    pub const MAX_HIDDEN_LAYERS: usize = 6;
    /// Most neurons in one hidden layer.
    pub const MAX_NEURONS: usize = 64;
}

/// How the weights are drawn before training.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Init {
    /// He for ReLU layers, Xavier for the rest.
    Auto,
    /// Xavier/Glorot uniform: `U(±√(6 / (n_in + n_out)))`; keeps sigmoid and tanh out of saturation.
    Xavier,
    /// He uniform: `U(±√(6 / n_in))`; compensates for ReLU zeroing half its inputs.
    He,
    /// The line lesson's scheme: weights uniform in `[0, 1)`.
    Uniform01,
}

impl Named for Init {
    const ALL: &'static [Init] = &[Init::Auto, Init::Xavier, Init::He, Init::Uniform01];

    fn name(self) -> &'static str {
        match self {
            Init::Auto => "auto",
            Init::Xavier => "xavier",
            Init::He => "he",
            Init::Uniform01 => "uniform01",
        }
    }
}
crate::serde_by_name!(Init);

/// A feed-forward network: layer sizes, per-layer activations and one flat parameter buffer.
#[derive(Clone, Debug, PartialEq)]
pub struct Network<F = f64> {
    sizes: Vec<usize>,
    hidden: Vec<Activation>,
    output: OutputActivation,
    params: Vec<F>,
    /// Start of each layer's block in `params`; one extra entry holds the total.
    offsets: Vec<usize>,
}

/// Reusable scratch for one forward/backward pass and a gradient accumulator.
#[derive(Clone, Debug)]
pub struct Workspace<F = f64> {
    /// Activations of every layer, the input first.
    a: Vec<F>,
    /// Weighted sums of every non-input layer.
    z: Vec<F>,
    /// `∂L/∂z` of every non-input layer.
    delta: Vec<F>,
    /// Start of each layer in `a` (layer 0 is the input).
    pub(crate) a_offsets: Vec<usize>,
    /// Accumulated gradient, same layout as the parameters.
    pub grad: Vec<F>,
    /// The gradient kernel's scratch ([`crate::kernel::gradient`]): the same three quantities for [`GRADIENT_LANES`] examples at once,
    /// each node's values for the examples side by side (`x[node · GRADIENT_LANES + example]`), so every
    /// layer is a loop over neurons whose innermost loop runs across examples.
    pub(crate) lanes_a: Vec<F>,
    pub(crate) lanes_z: Vec<F>,
    pub(crate) lanes_delta: Vec<F>,
}

/// Examples the gradient kernel ([`crate::kernel::gradient`]) pushes through the layers together:
/// the workspace has room for that many.
pub const GRADIENT_LANES: usize = 8;

impl<F: Float> Network<F> {
    /// Builds a network from layer sizes (`[inputs, hidden…, outputs]`) and activations, with
    /// weights drawn from `init` using `seed`. Errors name the offending value.
    // Not hot: one copy serves every lesson and binding that builds one.
    #[inline(never)]
    pub fn new(
        sizes: &[usize],
        hidden: &[Activation],
        output: OutputActivation,
        init: Init,
        seed: u64,
    ) -> Result<Network<F>, String> {
        let mut net = Network::zeros(sizes, hidden, output)?;
        net.initialise(init, seed);
        Ok(net)
    }

    /// Builds a network with every parameter zero (for imports that fill them in).
    pub fn zeros(
        sizes: &[usize],
        hidden: &[Activation],
        output: OutputActivation,
    ) -> Result<Network<F>, String> {
        check_sizes(sizes)?;
        let hidden = match hidden.len() {
            1 => vec![hidden[0]; sizes.len() - 2],
            n if n == sizes.len() - 2 => hidden.to_vec(),
            n => {
                return Err(format!(
                    "hiddenActivation: got {n} activations for {} hidden layers",
                    sizes.len() - 2
                ))
            }
        };
        if output == OutputActivation::Softmax && sizes[sizes.len() - 1] < 2 {
            return Err("outputActivation: softmax needs at least 2 outputs".into());
        }
        let mut offsets = vec![0];
        for w in sizes.windows(2) {
            offsets.push(offsets[offsets.len() - 1] + w[1] * w[0] + w[1]);
        }
        let total = offsets[offsets.len() - 1];
        Ok(Network {
            sizes: sizes.to_vec(),
            hidden,
            output,
            params: vec![F::ZERO; total],
            offsets,
        })
    }

    /// Redraws every weight from `init` with `seed`; biases start at zero.
    pub fn initialise(&mut self, init: Init, seed: u64) {
        let mut rng = rng::seeded(seed);
        for l in 0..self.layers() {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let act = self.hidden.get(l).copied();
            let bound = match (init, act) {
                (Init::Uniform01, _) => None,
                (Init::He, _) | (Init::Auto, Some(Activation::Relu)) => {
                    Some((6.0 / n_in as f64).sqrt())
                }
                _ => Some((6.0 / (n_in + n_out) as f64).sqrt()),
            };
            let (weights, biases) = self.layer_params_mut(l);
            for w in weights.iter_mut() {
                *w = F::from_f64(match bound {
                    Some(b) => rng::uniform(&mut rng, -b, b),
                    None => rng::uniform(&mut rng, 0.0, 1.0),
                });
            }
            biases.fill(F::ZERO);
        }
    }

    /// Layer sizes, inputs first.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// Number of weight layers (one less than the number of sizes).
    pub fn layers(&self) -> usize {
        self.sizes.len() - 1
    }

    /// Number of inputs.
    pub fn inputs(&self) -> usize {
        self.sizes[0]
    }

    /// Number of outputs.
    pub fn outputs(&self) -> usize {
        self.sizes[self.sizes.len() - 1]
    }

    /// The activation of each hidden layer.
    pub fn hidden_activations(&self) -> &[Activation] {
        &self.hidden
    }

    /// The output layer's activation.
    pub fn output_activation(&self) -> OutputActivation {
        self.output
    }

    /// Every parameter, in the layout described in the module docs.
    pub fn params(&self) -> &[F] {
        &self.params
    }

    /// Mutable access to every parameter (optimisers, imports, the numeric gradient).
    pub fn params_mut(&mut self) -> &mut [F] {
        &mut self.params
    }

    /// Replaces every parameter; the length must match.
    pub fn set_params(&mut self, values: &[F]) -> Result<(), String> {
        if values.len() != self.params.len() {
            return Err(format!(
                "params: expected {} values for layers {}, got {}",
                self.params.len(),
                crate::base::text::sizes(&self.sizes),
                values.len()
            ));
        }
        if let Some(i) = values.iter().position(|v| !v.is_finite()) {
            return Err(format!(
                "params[{i}]: {} is not a finite number",
                Num(values[i].to_f64())
            ));
        }
        self.params.copy_from_slice(values);
        Ok(())
    }

    /// The weights (row-major `n_out × n_in`) and biases of layer `l`.
    pub fn layer_params(&self, l: usize) -> (&[F], &[F]) {
        let n_w = self.sizes[l] * self.sizes[l + 1];
        let block = &self.params[self.offsets[l]..self.offsets[l + 1]];
        block.split_at(n_w)
    }

    /// The range of layer `l`'s weights and biases in the parameter buffer.
    pub fn layer_range(&self, l: usize) -> std::ops::Range<usize> {
        self.offsets[l]..self.offsets[l + 1]
    }

    /// Mutable weights and biases of layer `l`.
    pub fn layer_params_mut(&mut self, l: usize) -> (&mut [F], &mut [F]) {
        let n_w = self.sizes[l] * self.sizes[l + 1];
        let block = &mut self.params[self.offsets[l]..self.offsets[l + 1]];
        block.split_at_mut(n_w)
    }

    /// The range of layer `l`'s weights (not biases) in the parameter buffer.
    pub fn weight_range(&self, l: usize) -> std::ops::Range<usize> {
        self.offsets[l]..self.offsets[l] + self.sizes[l] * self.sizes[l + 1]
    }

    /// A workspace sized for this network.
    pub fn workspace(&self) -> Workspace<F> {
        let mut a_offsets = vec![0];
        for &n in &self.sizes {
            a_offsets.push(a_offsets[a_offsets.len() - 1] + n);
        }
        let nodes = a_offsets[a_offsets.len() - 1];
        Workspace {
            a: vec![F::ZERO; nodes],
            z: vec![F::ZERO; nodes - self.sizes[0]],
            delta: vec![F::ZERO; nodes - self.sizes[0]],
            a_offsets,
            grad: vec![F::ZERO; self.params.len()],
            lanes_a: vec![F::ZERO; nodes * GRADIENT_LANES],
            lanes_z: vec![F::ZERO; (nodes - self.sizes[0]) * GRADIENT_LANES],
            lanes_delta: vec![F::ZERO; (nodes - self.sizes[0]) * GRADIENT_LANES],
        }
    }

    /// Runs `x` through the network; returns the output activations (borrowed from `ws`).
    #[inline]
    pub fn forward<'w>(&self, ws: &'w mut Workspace<F>, x: &[F]) -> &'w [F] {
        let n0 = self.sizes[0];
        ws.a[..n0].copy_from_slice(&x[..n0]);
        let last = self.layers() - 1;
        for l in 0..=last {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let (weights, biases) = self.layer_params(l);
            let (prev, rest) = ws.a.split_at_mut(ws.a_offsets[l + 1]);
            let input = &prev[ws.a_offsets[l]..];
            let out = &mut rest[..n_out];
            let z = &mut ws.z[ws.a_offsets[l + 1] - n0..ws.a_offsets[l + 2] - n0];
            for ((zj, row), &b) in z.iter_mut().zip(weights.chunks_exact(n_in)).zip(biases) {
                *zj = F::dot(row, input) + b;
            }
            if l < last {
                self.hidden[l].apply_all(z, out);
            } else {
                self.output.apply(z, out);
            }
        }
        &ws.a[ws.a_offsets[last + 1]..]
    }

    /// Backpropagates the example last passed to [`Network::forward`] against `target`, adding its
    /// gradient to `ws.grad`. Returns the example's loss.
    #[inline]
    pub fn backward(&self, ws: &mut Workspace<F>, target: &[F], loss: Loss) -> F {
        let value = self.output_error(ws, target, loss);
        for l in (0..self.layers()).rev() {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let delta = &ws.delta[ws.sums(l)];
            let input = &ws.a[ws.nodes(l)];
            let block = &mut ws.grad[self.offsets[l]..self.offsets[l + 1]];
            let (grad_w, grad_b) = block.split_at_mut(n_in * n_out);
            for ((row, &dj), gb) in grad_w.chunks_exact_mut(n_in).zip(delta).zip(grad_b) {
                *gb += dj;
                for (g, &x) in row.iter_mut().zip(input) {
                    *g += dj * x;
                }
            }
            if l > 0 {
                self.error_below(ws, l);
            }
        }
        value
    }

    /// The loss of the example in `ws` against `target`, and the output layer's `δ = ∂L/∂z`.
    #[inline(always)]
    fn output_error(&self, ws: &mut Workspace<F>, target: &[F], loss: Loss) -> F {
        let last = self.layers() - 1;
        let (sums, nodes) = (ws.sums(last), ws.nodes(last + 1));
        let (z, a) = (&ws.z[sums.clone()], &ws.a[nodes]);
        let value = loss.value(z, a, target);
        loss.output_delta(self.output, z, a, target, &mut ws.delta[sums]);
        value
    }

    /// Layer `l − 1`'s error from layer `l`'s: `δ_prev = (Wᵀ δ) ⊙ f'(z_prev)`, with layer `l`'s
    /// current weights.
    #[inline(always)]
    fn error_below(&self, ws: &mut Workspace<F>, l: usize) {
        let n_in = self.sizes[l];
        let (weights, _) = self.layer_params(l);
        let (below, here, input) = (ws.sums(l - 1), ws.sums(l), ws.nodes(l));
        let (d_prev, d_here) = ws.delta.split_at_mut(here.start);
        let prev = &mut d_prev[below.clone()];
        prev.fill(F::ZERO);
        for (row, &dj) in weights.chunks_exact(n_in).zip(&d_here[..self.sizes[l + 1]]) {
            for (p, &w) in prev.iter_mut().zip(row) {
                *p += w * dj;
            }
        }
        self.hidden[l - 1].scale_by_derivative(&ws.z[below], &ws.a[input], prev);
    }

    /// One online SGD step on a single example, fused: backpropagates layer by layer from the top,
    /// each weight row giving its share of the error below with its old values and then updated in the
    /// same pass. The same arithmetic as [`Network::gradient`] followed by `w ← w − η·g` (bit for
    /// bit), without the gradient buffer's zeroing, accumulation and second pass. Returns the example's
    /// loss.
    #[inline(never)]
    pub fn sgd_example(
        &mut self,
        ws: &mut Workspace<F>,
        x: &[F],
        target: &[F],
        loss: Loss,
        learning_rate: F,
    ) -> F {
        self.forward(ws, x);
        let value = self.output_error(ws, target, loss);
        for l in (0..self.layers()).rev() {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let (here, nodes) = (ws.sums(l), ws.nodes(l));
            let below = if l > 0 { ws.sums(l - 1) } else { 0..0 };
            let (d_prev, d_here) = ws.delta.split_at_mut(here.start);
            let delta = &d_here[..n_out];
            let prev = &mut d_prev[below.clone()];
            prev.fill(F::ZERO);
            let input = &ws.a[nodes];
            let block = &mut self.params[self.offsets[l]..self.offsets[l + 1]];
            let (weights, biases) = block.split_at_mut(n_in * n_out);
            // Row by row: its share of layer l − 1's error (empty for l = 0) with the weights as they
            // were, then its update.
            for (j, (&dj, b)) in delta.iter().zip(biases.iter_mut()).enumerate() {
                let row = &mut weights[j * n_in..][..n_in];
                *b -= learning_rate * dj;
                for (p, &w) in prev.iter_mut().zip(row.iter()) {
                    *p += w * dj;
                }
                for (w, &x) in row.iter_mut().zip(input) {
                    *w -= learning_rate * (dj * x);
                }
            }
            if l > 0 {
                self.hidden[l - 1].scale_by_derivative(&ws.z[below], input, prev);
            }
        }
        value
    }

    /// Mean loss over a batch (`xs`: n × inputs, `ts`: n × outputs, row-major).
    pub fn batch_loss(&self, ws: &mut Workspace<F>, xs: &[F], ts: &[F], loss: Loss) -> F {
        let (ni, no) = (self.inputs(), self.outputs());
        let n = xs.len() / ni;
        let mut total = F::ZERO;
        for (x, t) in xs.chunks_exact(ni).zip(ts.chunks_exact(no)) {
            self.forward(ws, x);
            total += self.last_loss(ws, t, loss);
        }
        total / F::from_f64(n as f64)
    }

    /// The loss of the example last passed to [`Network::forward`].
    #[inline]
    pub fn last_loss(&self, ws: &Workspace<F>, target: &[F], loss: Loss) -> F {
        let (z, a) = ws.output_layer();
        loss.value(z, a, target)
    }
}

impl<F: Float> Workspace<F> {
    /// Where layer `l`'s activations sit in `a` (layer 0 is the input).
    #[inline(always)]
    pub(crate) fn nodes(&self, l: usize) -> std::ops::Range<usize> {
        self.a_offsets[l]..self.a_offsets[l + 1]
    }

    /// Where weight layer `l`'s weighted sums and errors sit in `z` and `delta`.
    #[inline(always)]
    pub(crate) fn sums(&self, l: usize) -> std::ops::Range<usize> {
        let n0 = self.a_offsets[1];
        self.a_offsets[l + 1] - n0..self.a_offsets[l + 2] - n0
    }

    /// Layer `l`'s weighted sums and activations after the last forward pass (`l` ≥ 1; layer 0
    /// is the input, whose activations are the input itself).
    pub fn layer(&self, l: usize) -> (&[F], &[F]) {
        let n0 = self.a_offsets[1];
        let (start, end) = (self.a_offsets[l], self.a_offsets[l + 1]);
        (&self.z[start - n0..end - n0], &self.a[start..end])
    }

    /// `∂L/∂z` of every hidden and output neuron, layer after layer, after the last backward pass.
    pub fn deltas(&self) -> &[F] {
        &self.delta
    }

    /// The output layer's weighted sums and activations after the last forward pass.
    pub fn output_layer(&self) -> (&[F], &[F]) {
        let k = self.a_offsets.len();
        let (start, end, n0) = (
            self.a_offsets[k - 2],
            self.a_offsets[k - 1],
            self.a_offsets[1],
        );
        (&self.z[start - n0..end - n0], &self.a[start..end])
    }
}

fn check_sizes(sizes: &[usize]) -> Result<(), String> {
    use limits::*;
    if sizes.len() < 2 || sizes.len() > MAX_HIDDEN_LAYERS + 2 {
        return Err(format!(
            "layers: {} must list inputs, 0–{MAX_HIDDEN_LAYERS} hidden layers and outputs",
            crate::base::text::sizes(sizes)
        ));
    }
    let (inputs, outputs) = (sizes[0], sizes[sizes.len() - 1]);
    if !(1..=MAX_INPUTS).contains(&inputs) {
        return Err(format!(
            "layers[0]: {inputs} inputs, must be 1–{MAX_INPUTS}"
        ));
    }
    if !(1..=MAX_OUTPUTS).contains(&outputs) {
        return Err(format!(
            "layers[{}]: {outputs} outputs, must be 1–{MAX_OUTPUTS}",
            sizes.len() - 1
        ));
    }
    for (i, &n) in sizes.iter().enumerate().take(sizes.len() - 1).skip(1) {
        if !(1..=MAX_NEURONS).contains(&n) {
            return Err(format!("layers[{i}]: {n} neurons, must be 1–{MAX_NEURONS}"));
        }
    }
    Ok(())
}

/// Shorthand for tests and benchmarks: `sizes` with one hidden and one output activation.
pub fn simple(
    sizes: &[usize],
    hidden: Activation,
    output: Activation,
    seed: u64,
) -> Result<Network, String> {
    Network::new(
        sizes,
        &[hidden],
        OutputActivation::Plain(output),
        Init::Auto,
        seed,
    )
}
