//! The bare `Network` binding for scripts and benchmarks, and the benchmark's `Bound` yardstick.

use super::args::{self, floats};
use super::{err, fail, named};
use crate::activation::Activation;
use crate::loss::{Loss, OutputActivation};
use crate::network::{limits, Init, Network as Net, Workspace};
use js_sys::{Float32Array, Float64Array};
use wasm_bindgen::prelude::*;

/// Most values one array argument may hold (32 MB of `f64`).
pub const MAX_VALUES: usize = 1 << 22;
/// The largest learning rate `trainBatch` and `trainEpoch` accept.
pub const MAX_RATE: f64 = 1000.0;

/// A bare network for scripts and benchmarks, trained with plain SGD on flat arrays.
///
/// The arrays a call takes are copied into buffers the network owns and reuses, so a call
/// allocates nothing once they have grown to size; a `Float64Array` is copied in one step.
#[wasm_bindgen]
pub struct Network {
    net: Net,
    ws: Workspace,
    loss: Loss,
    xs: Vec<f64>,
    ys: Vec<f64>,
    grid: Vec<f64>,
    kernel: crate::grid::GridKernel,
    fast_grid: Vec<f32>,
}

#[wasm_bindgen]
impl Network {
    /// `new Network([2, 5, 1], "sigmoid", "sigmoid", seed)`: weights by the default initialisation
    /// (Xavier, He for ReLU), biases zero. Squared-error loss unless `setLoss` says otherwise.
    #[wasm_bindgen(constructor)]
    pub fn new(
        layer_sizes: JsValue,
        hidden_activation: JsValue,
        output_activation: JsValue,
        seed: JsValue,
    ) -> Result<Network, JsError> {
        let hidden: Activation = named("hiddenActivation", &hidden_activation)?;
        let output: OutputActivation = named("outputActivation", &output_activation)?;
        let seed = args::whole("seed", &seed, crate::check::MAX_SEED).map_err(err)?;
        let mut sizes = Vec::new();
        floats(
            "layers",
            &layer_sizes,
            limits::MAX_HIDDEN_LAYERS + 2,
            &mut sizes,
        )
        .map_err(err)?;
        let sizes = sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| crate::check::int(&format!("layers[{i}]"), n, 0, 1 << 16))
            .map(|n| n.map(|n| n as usize))
            .collect::<Result<Vec<_>, _>>()
            .map_err(err)?;
        let net = Net::new(&sizes, &[hidden], output, Init::Auto, seed).map_err(err)?;
        let loss = if output == OutputActivation::Softmax {
            Loss::SoftmaxCrossEntropy
        } else {
            Loss::SquaredError
        };
        Ok(Network {
            ws: net.workspace(),
            net,
            loss,
            xs: Vec::new(),
            ys: Vec::new(),
            grid: Vec::new(),
            kernel: Default::default(),
            fast_grid: Vec::new(),
        })
    }

    /// Chooses the loss: "squaredError", "binaryCrossEntropy" or "softmaxCrossEntropy".
    #[wasm_bindgen(js_name = setLoss)]
    pub fn set_loss(&mut self, name: JsValue) -> Result<(), JsError> {
        let loss: Loss = named("loss", &name)?;
        loss.check_output(self.net.output_activation(), self.net.outputs())
            .map_err(|e| err(format!("loss: {e}")))?;
        self.loss = loss;
        Ok(())
    }

    /// A copy of every parameter: per layer, weights row-major (n_out × n_in), then biases.
    pub fn params(&self) -> Float64Array {
        Float64Array::from(self.net.params())
    }

    /// Replaces every parameter from a Float64Array, Float32Array or array of numbers (same order as
    /// `params()`); a wrong length or a value that is not finite throws and changes nothing.
    #[wasm_bindgen(js_name = setParams)]
    pub fn set_params(&mut self, values: JsValue) -> Result<(), JsError> {
        let n = self.net.params().len();
        floats("params", &values, n, &mut self.xs).map_err(err)?;
        self.net.set_params(&self.xs).map_err(err)
    }

    /// One SGD step on a batch: `xs` n × inputs and `ys` n × outputs, row-major (typed arrays or
    /// arrays of numbers). Returns the batch's mean loss before the step.
    #[wasm_bindgen(js_name = trainBatch)]
    pub fn train_batch(
        &mut self,
        xs: JsValue,
        ys: JsValue,
        learning_rate: JsValue,
    ) -> Result<f64, JsError> {
        let (n, lr) = self.examples(&xs, &ys, &learning_rate)?;
        Ok(self.sgd(n, lr))
    }

    /// One epoch of plain SGD inside wasm: `xs`/`ys` as for `trainBatch`, in the order given (no
    /// shuffling), `batchSize` examples per update. Returns the mean batch loss.
    #[wasm_bindgen(js_name = trainEpoch)]
    pub fn train_epoch(
        &mut self,
        xs: JsValue,
        ys: JsValue,
        batch_size: JsValue,
        learning_rate: JsValue,
    ) -> Result<f64, JsError> {
        let batch_size = args::whole("batchSize", &batch_size, MAX_VALUES as u64).map_err(err)?;
        if batch_size == 0 {
            return fail("batchSize: 0; use at least 1");
        }
        let (_, lr) = self.examples(&xs, &ys, &learning_rate)?;
        Ok(self.sgd(batch_size as usize, lr))
    }

    /// The first output for a two-input network.
    pub fn predict(&mut self, x1: JsValue, x2: JsValue) -> Result<f64, JsError> {
        if self.net.inputs() != 2 {
            return fail(format!(
                "predict: the network has {} inputs, not 2",
                self.net.inputs()
            ));
        }
        let x1 = args::finite("x1", &x1).map_err(err)?;
        let x2 = args::finite("x2", &x2).map_err(err)?;
        Ok(self.net.forward(&mut self.ws, &[x1, x2])[0])
    }

    /// The first output for every example in `xs` (n × inputs), written into a buffer owned by the
    /// network and returned as a view of wasm memory (valid until the next call).
    #[wasm_bindgen(js_name = predictGrid)]
    pub fn predict_grid(&mut self, xs: JsValue) -> Result<Float64Array, JsError> {
        let ni = self.net.inputs();
        self.whole_examples("predictGrid", &xs, ni)?;
        self.grid.resize(self.xs.len() / ni, 0.0);
        for (out, x) in self.grid.iter_mut().zip(self.xs.chunks_exact(ni)) {
            *out = self.net.forward(&mut self.ws, x)[0];
        }
        // SAFETY: read by the caller before its next call into this module.
        Ok(unsafe { Float64Array::view(&self.grid) })
    }

    /// As `predictGrid` with the page's boundary kernel: `f32`, eight points per group (two SIMD
    /// vectors), fast `tanh`; within 1e-5 of the exact outputs. Two-input networks with one output
    /// (or two softmax outputs, giving the class-1 probability). A view of wasm memory.
    #[wasm_bindgen(js_name = predictGridFast)]
    pub fn predict_grid_fast(&mut self, xs: JsValue) -> Result<Float32Array, JsError> {
        if !self.kernel.load(&self.net) {
            return fail("predictGridFast: needs 2 inputs and 1 output (or 2 softmax outputs)");
        }
        self.whole_examples("predictGridFast", &xs, 2)?;
        self.fast_grid.resize(self.xs.len() / 2, 0.0);
        self.kernel.run(&self.xs, &mut self.fast_grid);
        // SAFETY: read by the caller before its next call into this module.
        Ok(unsafe { Float32Array::view(&self.fast_grid) })
    }
}

/// Rust-only helpers of the `Network` binding.
impl Network {
    /// Copies `xs` into the network's buffer, refusing values that are not whole examples.
    fn whole_examples(&mut self, call: &str, xs: &JsValue, ni: usize) -> Result<(), JsError> {
        floats("xs", xs, MAX_VALUES, &mut self.xs).map_err(err)?;
        if !self.xs.len().is_multiple_of(ni) {
            return fail(format!(
                "{call}: {} values are not whole examples of {ni} inputs",
                self.xs.len()
            ));
        }
        Ok(())
    }

    /// Copies `xs`/`ys` into the network's buffers and checks that they hold whole examples and the
    /// rate is in `[0, MAX_RATE]`; returns the example count and the rate.
    fn examples(
        &mut self,
        xs: &JsValue,
        ys: &JsValue,
        learning_rate: &JsValue,
    ) -> Result<(usize, f64), JsError> {
        let lr = args::real("learningRate", learning_rate, 0.0, MAX_RATE).map_err(err)?;
        floats("xs", xs, MAX_VALUES, &mut self.xs).map_err(err)?;
        floats("ys", ys, MAX_VALUES, &mut self.ys).map_err(err)?;
        let (ni, no) = (self.net.inputs(), self.net.outputs());
        let n = self.xs.len() / ni;
        if n == 0 || self.xs.len() != n * ni || self.ys.len() != n * no {
            return fail(format!(
                "xs, ys: {} inputs and {} targets do not make whole examples of {ni} inputs and {no} outputs",
                self.xs.len(),
                self.ys.len()
            ));
        }
        Ok((n, lr))
    }

    fn sgd(&mut self, batch: usize, learning_rate: f64) -> f64 {
        crate::trainer::sgd_epoch(
            &mut self.net,
            &mut self.ws,
            &self.xs,
            &self.ys,
            batch,
            learning_rate,
            self.loss,
        )
    }
}

/// The benchmark's yardstick ([`crate::bound`]): W1 or W2 hand-specialised in `f32`. Built only with
/// the `bound` feature, for `npm run bench`; the page's build has no such export.
#[cfg(feature = "bound")]
#[wasm_bindgen]
pub struct Bound {
    xs: Vec<f32>,
    ys: Vec<f32>,
    params: Vec<f32>,
}

#[cfg(feature = "bound")]
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
    pub fn train_w1(&mut self, learning_rate: f32) -> Result<(), JsError> {
        crate::bound::w1_epoch(&mut self.params, &self.xs, &self.ys, learning_rate).map_err(err)
    }

    /// One epoch of W2 (`[2, 8, 8, 1]` tanh, mini-batches).
    #[wasm_bindgen(js_name = trainW2)]
    pub fn train_w2(&mut self, learning_rate: f32, batch: usize) -> Result<(), JsError> {
        crate::bound::w2_epoch(&mut self.params, &self.xs, &self.ys, learning_rate, batch)
            .map_err(err)
    }

    /// The parameters, in `f64`.
    pub fn params(&self) -> Vec<f64> {
        self.params.iter().map(|&v| f64::from(v)).collect()
    }
}
