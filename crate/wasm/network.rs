//! The bare `Network` binding for scripts and benchmarks.

use super::args::{self, floats};
use super::convert::{err, fail, named};
use crate::base::text::Num;
use crate::math::float::Float;
use crate::model::activation::Activation;
use crate::model::loss::{Loss, OutputActivation};
use crate::model::network::{limits, Init, Network as Net, Workspace};
use crate::train::hyper::Precision;
use crate::train::sgd::sgd_epoch;
use js_sys::{Float32Array, Float64Array};
use wasm_bindgen::prelude::*;

/// Most values one array argument may hold (32 MB of `f64`).
pub const MAX_VALUES: usize = 1 << 22;
/// The largest learning rate `trainBatch` and `trainEpoch` accept.
pub const MAX_RATE: f64 = 1000.0;

/// A bare network for scripts and benchmarks, trained with plain SGD on flat arrays, in `f64`
/// (default) or `f32` ([`crate::math::float`]).
///
/// A call allocates nothing once the buffers it reuses have grown: the arrays `trainBatch` and
/// `predictGrid` take are copied into buffers the network owns (a `Float64Array` in one step, or
/// value by value when it holds a few), and `trainExample`/`predict` take plain numbers, so one
/// example costs no array at all. A `trainBatch` of one example is `trainExample`'s step.
#[wasm_bindgen]
pub struct Network {
    core: Core,
    loss: Loss,
    /// What the array arguments are read into, as given (`f64`).
    xs: Vec<f64>,
    ys: Vec<f64>,
    grid: Vec<f64>,
    kernel: crate::kernel::grid::GridKernel,
    fast_grid: Vec<f32>,
}

/// The network and its scratch in the precision chosen at construction.
enum Core {
    F64(Engine<f64>),
    F32(Engine<f32>),
}

struct Engine<F> {
    net: Net<F>,
    ws: Workspace<F>,
    /// The example arrays in this precision (for `f64` they stay empty: the `f64` ones serve).
    xs: Vec<F>,
    ys: Vec<F>,
    /// The training set `setData` holds, in this precision (empty until then).
    data_xs: Vec<F>,
    data_ys: Vec<F>,
    /// The weights before a training call, to go back to (see [`Engine::checked`]).
    saved: Vec<F>,
}

impl<F: Float> Engine<F> {
    fn new(net: Net<F>) -> Engine<F> {
        Engine {
            ws: net.workspace(),
            net,
            xs: Vec::new(),
            ys: Vec::new(),
            data_xs: Vec::new(),
            data_ys: Vec::new(),
            saved: Vec::new(),
        }
    }

    /// Keeps the weights before a training call, for [`Engine::checked`].
    fn save(&mut self) {
        self.saved.clear();
        self.saved.extend_from_slice(self.net.params());
    }

    /// `loss` of a training call after [`Engine::save`]; where it or a weight ended infinite or
    /// NaN, the weights go back to those saved and the loss is NaN, so that no call leaves a
    /// network that `params()` and `setParams` cannot carry.
    #[inline(never)]
    fn checked(&mut self, loss: f64) -> f64 {
        if loss.is_finite() && self.net.params().iter().all(|w| w.is_finite()) {
            return loss;
        }
        self.net
            .set_params(&self.saved)
            .expect("the saved weights fit the network they came from");
        f64::NAN
    }
}

/// Runs `$body` with `$e` bound to the engine, whichever its precision.
macro_rules! each {
    ($core:expr, $e:ident => $body:expr) => {
        match $core {
            Core::F64($e) => $body,
            Core::F32($e) => $body,
        }
    };
}

/// Refuses the first of `values` that `f32` cannot hold, naming it.
fn within_f32(name: &str, values: &[f64]) -> Result<(), JsError> {
    let bad: fn(f64) -> bool = |v| !(v as f32).is_finite();
    args::refuse_first(name, values, bad, "is beyond the range of f32").map_err(err)
}

/// A batch size: a whole number from 1 to [`MAX_VALUES`].
fn batch(v: &JsValue) -> Result<usize, JsError> {
    match args::whole("batchSize", v, MAX_VALUES as u64).map_err(err)? {
        0 => fail("batchSize: 0; use at least 1"),
        n => Ok(n as usize),
    }
}

/// `src` in `F` in `dst` (reused).
fn load<F: Float>(src: &[f64], dst: &mut Vec<F>) {
    dst.clear();
    dst.extend(src.iter().map(|&v| F::from_f64(v)));
}

/// One online SGD step on `x`/`t`; the example's loss (NaN, the weights as before, where it
/// diverged).
fn step<F: Float>(e: &mut Engine<F>, x: &[F], t: &[F], lr: f64, loss: Loss) -> f64 {
    e.save();
    let v = e
        .net
        .sgd_example(&mut e.ws, x, t, loss, F::from_f64(lr))
        .to_f64();
    e.checked(v)
}

/// `loss`, or the error that training diverged in `call` (the weights are then as before it).
fn finite_result(call: &str, loss: f64, lr: f64) -> Result<f64, JsError> {
    if loss.is_finite() {
        return Ok(loss);
    }
    fail(format!(
        "{call}: training diverged at learning rate {}: the loss or a weight would have become \
         infinite or NaN, so the weights were left as they were before this call; use smaller \
         inputs or a smaller learning rate",
        Num(lr)
    ))
}

/// One SGD epoch of `xs`/`ys` in the engine's precision.
fn sgd<F: Float>(
    e: &mut Engine<F>,
    xs: &[f64],
    ys: &[f64],
    batch: usize,
    lr: f64,
    loss: Loss,
) -> f64 {
    load(xs, &mut e.xs);
    load(ys, &mut e.ys);
    let lr = F::from_f64(lr);
    e.save();
    let v = sgd_epoch(&mut e.net, &mut e.ws, &e.xs, &e.ys, batch, lr, loss).to_f64();
    e.checked(v)
}

#[wasm_bindgen]
impl Network {
    /// `new Network([2, 5, 1], "sigmoid", "sigmoid", seed, precision)`: weights by the default
    /// initialisation (Xavier, He for ReLU; drawn in f64 and rounded for "f32"), biases zero;
    /// `precision` "f64" (the default) or "f32". Squared-error loss unless `setLoss` says otherwise.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "number[]")] layer_sizes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"tanh\" | \"sigmoid\" | \"relu\" | \"linear\"")]
        hidden_activation: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"tanh\" | \"sigmoid\" | \"relu\" | \"linear\"")]
        output_activation: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] seed: JsValue,
        precision: Option<JsValue>,
    ) -> Result<Network, JsError> {
        let hidden: Activation = named("hiddenActivation", &hidden_activation)?;
        let output: OutputActivation = named("outputActivation", &output_activation)?;
        let seed = args::whole("seed", &seed, crate::base::check::MAX_SEED).map_err(err)?;
        let precision = precision.unwrap_or(JsValue::UNDEFINED);
        let precision = if precision.is_undefined() {
            Precision::F64
        } else {
            named("precision", &precision)?
        };
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
            .map(|(i, &n)| crate::base::check::int(&format!("layers[{i}]"), n, 0, 1 << 16))
            .map(|n| n.map(|n| n as usize))
            .collect::<Result<Vec<_>, _>>()
            .map_err(err)?;
        let core = match precision {
            Precision::F64 => Core::F64(Engine::new(
                Net::new(&sizes, &[hidden], output, Init::Auto, seed).map_err(err)?,
            )),
            Precision::F32 => Core::F32(Engine::new(
                Net::new(&sizes, &[hidden], output, Init::Auto, seed).map_err(err)?,
            )),
        };
        let loss = if output == OutputActivation::Softmax {
            Loss::SoftmaxCrossEntropy
        } else {
            Loss::SquaredError
        };
        Ok(Network {
            core,
            loss,
            xs: Vec::new(),
            ys: Vec::new(),
            grid: Vec::new(),
            kernel: Default::default(),
            fast_grid: Vec::new(),
        })
    }

    /// "f64" or "f32", as constructed.
    pub fn precision(&self) -> String {
        match self.core {
            Core::F64(_) => "f64".into(),
            Core::F32(_) => "f32".into(),
        }
    }

    /// Chooses the loss: "squaredError", "binaryCrossEntropy" or "softmaxCrossEntropy".
    #[wasm_bindgen(js_name = setLoss)]
    pub fn set_loss(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "\"squaredError\" | \"binaryCrossEntropy\"")]
        name: JsValue,
    ) -> Result<(), JsError> {
        let loss: Loss = named("loss", &name)?;
        let (output, outputs) =
            each!(&self.core, e => (e.net.output_activation(), e.net.outputs()));
        loss.check_output(output, outputs)
            .map_err(|e| err(format!("loss: {e}")))?;
        self.loss = loss;
        Ok(())
    }

    /// A copy of every parameter (widened to f64 for "f32"): per layer, weights row-major
    /// (n_out × n_in), then biases.
    pub fn params(&mut self) -> Float64Array {
        match &self.core {
            Core::F64(e) => Float64Array::from(e.net.params()),
            Core::F32(e) => {
                let wide: Vec<f64> = e.net.params().iter().map(|&w| f64::from(w)).collect();
                Float64Array::from(&wide[..])
            }
        }
    }

    /// Replaces every parameter from a Float64Array, Float32Array or array of numbers (same order as
    /// `params()`; rounded for "f32"); a wrong length or a value that is not finite throws and
    /// changes nothing.
    #[wasm_bindgen(js_name = setParams)]
    pub fn set_params(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | Float32Array | number[]")]
        values: JsValue,
    ) -> Result<(), JsError> {
        let n = each!(&self.core, e => e.net.params().len());
        floats("params", &values, n, &mut self.xs).map_err(err)?;
        let xs = &self.xs;
        match &mut self.core {
            Core::F64(e) => e.net.set_params(xs).map_err(err),
            Core::F32(e) => {
                if xs.len() == n {
                    within_f32("params", xs)?;
                }
                load(xs, &mut e.xs);
                e.net.set_params(&e.xs).map_err(err)
            }
        }
    }

    /// One SGD step on a batch: `xs` n × inputs and `ys` n × outputs, row-major (typed arrays or
    /// arrays of numbers). Returns the batch's mean loss before the step.
    #[wasm_bindgen(js_name = trainBatch)]
    pub fn train_batch(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] xs: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] ys: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] learning_rate: JsValue,
    ) -> Result<f64, JsError> {
        let (n, lr) = self.examples(&xs, &ys, &learning_rate)?;
        if n == 1 {
            // One example: the online step, as `trainExample` takes it.
            return finite_result("trainBatch", self.step(lr), lr);
        }
        finite_result("trainBatch", self.sgd(n, lr), lr)
    }

    /// One online SGD step on one example of a network with 2 inputs and 1 output, all plain
    /// numbers: the cheapest call there is (no array crosses into wasm). Each argument must be a
    /// finite number (`null`, text and objects are refused by name, never converted: converting
    /// one could run code of the caller's in the middle of the call). Returns the example's loss
    /// before the step; a step that would leave a weight infinite or NaN is not taken and throws.
    #[wasm_bindgen(js_name = trainExample)]
    pub fn train_example(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] x1: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] x2: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] target: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] learning_rate: JsValue,
    ) -> Result<f64, JsError> {
        let (ni, no) = each!(&self.core, e => (e.net.inputs(), e.net.outputs()));
        if ni != 2 || no != 1 {
            return fail(format!(
                "trainExample: takes a network of 2 inputs and 1 output, this one has {ni} and {no}; use trainBatch"
            ));
        }
        let x1 = args::finite("x1", &x1).map_err(err)?;
        let x2 = args::finite("x2", &x2).map_err(err)?;
        let target = args::finite("target", &target).map_err(err)?;
        if let Core::F32(_) = self.core {
            for (name, v) in [("x1", x1), ("x2", x2), ("target", target)] {
                within_f32(name, &[v])
                    .map_err(|_| err(format!("{name}: {} is beyond the range of f32", Num(v))))?;
            }
        }
        let lr = args::real("learningRate", &learning_rate, 0.0, MAX_RATE).map_err(err)?;
        let loss = self.loss;
        let v = each!(&mut self.core, e => {
            let x = [Float::from_f64(x1), Float::from_f64(x2)];
            step(e, &x, &[Float::from_f64(target)], lr, loss)
        });
        finite_result("trainExample", v, lr)
    }

    /// One epoch of plain SGD inside wasm: `xs`/`ys` as for `trainBatch`, in the order given (no
    /// shuffling), `batchSize` examples per update. Returns the mean batch loss.
    #[wasm_bindgen(js_name = trainEpoch)]
    pub fn train_epoch(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] xs: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] ys: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] batch_size: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] learning_rate: JsValue,
    ) -> Result<f64, JsError> {
        let batch = batch(&batch_size)?;
        let (_, lr) = self.examples(&xs, &ys, &learning_rate)?;
        finite_result("trainEpoch", self.sgd(batch, lr), lr)
    }

    /// Holds a training set for `trainOnData`: `xs`/`ys` as for `trainBatch`, checked and put in
    /// the network's precision once, so that an epoch over it copies nothing into wasm. Returns the
    /// number of examples. Arrays
    /// that do not make whole examples, or hold a value that is not finite (in `f32`: beyond its
    /// range), throw and leave the data held before.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] xs: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] ys: JsValue,
    ) -> Result<usize, JsError> {
        let n = self.read_examples(&xs, &ys)?;
        let (xs, ys) = (&self.xs, &self.ys);
        each!(&mut self.core, e => {
            load(xs, &mut e.data_xs);
            load(ys, &mut e.data_ys);
        });
        Ok(n)
    }

    /// One epoch of plain SGD over the data `setData` holds: the same as `trainEpoch` given those
    /// arrays, bit for bit, and its arguments checked alike. Returns the mean batch loss.
    #[wasm_bindgen(js_name = trainOnData)]
    pub fn train_on_data(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] batch_size: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] learning_rate: JsValue,
    ) -> Result<f64, JsError> {
        let batch = batch(&batch_size)?;
        let lr = args::real("learningRate", &learning_rate, 0.0, MAX_RATE).map_err(err)?;
        if each!(&self.core, e => e.data_ys.is_empty()) {
            return fail("trainOnData: no data held; call setData(xs, ys) first");
        }
        let loss = self.loss;
        let v = each!(&mut self.core, e => {
            let lr = Float::from_f64(lr);
            e.save();
            let v = sgd_epoch(&mut e.net, &mut e.ws, &e.data_xs, &e.data_ys, batch, lr, loss);
            e.checked(v.to_f64())
        });
        finite_result("trainOnData", v, lr)
    }

    /// The first output for a two-input network.
    pub fn predict(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] x1: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] x2: JsValue,
    ) -> Result<f64, JsError> {
        let ni = each!(&self.core, e => e.net.inputs());
        if ni != 2 {
            return fail(format!("predict: the network has {ni} inputs, not 2"));
        }
        let x1 = args::finite("x1", &x1).map_err(err)?;
        let x2 = args::finite("x2", &x2).map_err(err)?;
        Ok(each!(&mut self.core, e => {
            let x = [Float::from_f64(x1), Float::from_f64(x2)];
            e.net.forward(&mut e.ws, &x)[0].to_f64()
        }))
    }

    /// The first output for every example in `xs` (n × inputs), written into a buffer owned by the
    /// network and returned as a view of wasm memory (valid until the next call).
    #[wasm_bindgen(js_name = predictGrid)]
    pub fn predict_grid(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] xs: JsValue,
    ) -> Result<Float64Array, JsError> {
        let ni = each!(&self.core, e => e.net.inputs());
        self.whole_examples("predictGrid", &xs, ni)?;
        self.grid.resize(self.xs.len() / ni, 0.0);
        let (xs, grid) = (&self.xs, &mut self.grid);
        each!(&mut self.core, e => {
            load(xs, &mut e.xs);
            for (out, x) in grid.iter_mut().zip(e.xs.chunks_exact(ni)) {
                *out = e.net.forward(&mut e.ws, x)[0].to_f64();
            }
        });
        // SAFETY: read by the caller before its next call into this module.
        Ok(unsafe { Float64Array::view(&self.grid) })
    }

    /// As `predictGrid` with the page's boundary kernel: `f32`, eight points per group (two SIMD
    /// vectors), fast `tanh`; within 1e-5 of the exact outputs. Two-input networks with one output
    /// (or two softmax outputs, giving the class-1 probability). A view of wasm memory.
    #[wasm_bindgen(js_name = predictGridFast)]
    pub fn predict_grid_fast(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] xs: JsValue,
    ) -> Result<Float32Array, JsError> {
        let kernel = &mut self.kernel;
        if !each!(&self.core, e => kernel.load(&e.net)) {
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
        Ok((self.read_examples(xs, ys)?, lr))
    }

    /// Reads `xs`/`ys` into the `f64` buffers: whole examples of finite numbers (for `f32`, within
    /// its range: 1e300 would train to NaN there). Their count.
    fn read_examples(&mut self, xs: &JsValue, ys: &JsValue) -> Result<usize, JsError> {
        floats("xs", xs, MAX_VALUES, &mut self.xs).map_err(err)?;
        floats("ys", ys, MAX_VALUES, &mut self.ys).map_err(err)?;
        let (ni, no) = each!(&self.core, e => (e.net.inputs(), e.net.outputs()));
        let n = self.xs.len() / ni;
        if n == 0 || self.xs.len() != n * ni || self.ys.len() != n * no {
            return fail(format!(
                "xs, ys: {} inputs and {} targets do not make whole examples of {ni} inputs and {no} outputs",
                self.xs.len(),
                self.ys.len()
            ));
        }
        if let Core::F32(_) = self.core {
            within_f32("xs", &self.xs)?;
            within_f32("ys", &self.ys)?;
        }
        Ok(n)
    }

    /// One online SGD step on the one example in `xs`/`ys` (checked); its loss before the step.
    fn step(&mut self, learning_rate: f64) -> f64 {
        let (xs, ys, loss) = (&self.xs, &self.ys, self.loss);
        each!(&mut self.core, e => {
            let (mut x, mut t) = (std::mem::take(&mut e.xs), std::mem::take(&mut e.ys));
            load(xs, &mut x);
            load(ys, &mut t);
            let v = step(e, &x, &t, learning_rate, loss);
            (e.xs, e.ys) = (x, t);
            v
        })
    }

    fn sgd(&mut self, batch: usize, learning_rate: f64) -> f64 {
        let (xs, ys, loss) = (&self.xs, &self.ys, self.loss);
        match &mut self.core {
            // f64 trains on the arrays as read, with no copy.
            Core::F64(e) => {
                e.save();
                let v = sgd_epoch(&mut e.net, &mut e.ws, xs, ys, batch, learning_rate, loss);
                e.checked(v)
            }
            Core::F32(e) => sgd(e, xs, ys, batch, learning_rate, loss),
        }
    }
}
