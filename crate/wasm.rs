//! Every `#[wasm_bindgen]` export lives here, and nothing else: this module converts between JS values
//! and the plain-Rust types of the other modules, and turns their errors into JS `Error`s. It does no
//! math of its own.
//!
//! Structured values (settings in and out, lesson figures, model and point files) cross through serde
//! and serde-wasm-bindgen; a decoding error names the field by its path (`points[3].label`). What
//! free play and the lessons share is one [`Scene`], bound once by [`scene_methods!`] on both classes.
//!
//! Typed-array views returned here point into wasm memory: they are valid until the next call into
//! the module (which may grow memory and detach them), so read them at once.

use crate::activation::Activation;
use crate::config::Settings;
use crate::hyper::Method;
use crate::lesson::LessonId;
use crate::loss::{Loss, OutputActivation};
use crate::model::{ModelFile, PointsFile};
use crate::names::Named;
use crate::network::{Init, Network as Net, Workspace};
use crate::scene::Scene;
use js_sys::{Float32Array, Float64Array, Object, Reflect, Uint8ClampedArray};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Installs the panic hook so that any panic left reaches the console with its message and place
/// (the console adds the JS stack). wasm-bindgen runs this once, when the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into())
    }));
}

/// A fresh seed from the browser's entropy (`crypto.getRandomValues`, through getrandom): what
/// *New seed* uses.
#[wasm_bindgen(js_name = newSeed)]
pub fn new_seed() -> f64 {
    crate::rng::fresh_seed() as f64
}

/// Most training steps one `train` call runs: a larger request is a mistake to report, not an
/// hour-long freeze of the page.
const MAX_STEPS: u32 = 10_000_000;

/// `value` as a count or index for `name`: a whole number in `0..=max`, else an error naming it.
/// These arguments cross from JavaScript as `f64`: declared `u32`, wasm-bindgen would wrap −1 to
/// 4 294 967 295 (and a `train(-1)` would run four billion steps).
fn whole(name: &str, value: f64, max: u32) -> Result<u32, JsError> {
    crate::check::int(name, value, 0, u64::from(max))
        .map(|n| n as u32)
        .map_err(err)
}

fn err(message: impl AsRef<str>) -> JsError {
    JsError::new(message.as_ref())
}

/// Decodes a JS value; an error names the field by its path, or `what` for the value as a whole.
fn from_js<T: DeserializeOwned>(what: &str, value: JsValue) -> Result<T, String> {
    let decoder = serde_wasm_bindgen::Deserializer::from(value);
    serde_path_to_error::deserialize(decoder).map_err(|e| {
        let path = e.path().to_string();
        let name = if path == "." { what } else { &path };
        format!("{name}: {}", e.into_inner())
    })
}

/// A plain JS object (never a `Map`) for `value`.
fn to_js<T: Serialize>(value: &T) -> JsValue {
    let plain = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&plain).unwrap_or(JsValue::NULL)
}

/// A file's JSON text, written by `JSON.stringify` (the shortest text for every number).
fn json_text<T: Serialize>(value: &T) -> String {
    js_sys::JSON::stringify(&to_js(value))
        .map(String::from)
        .unwrap_or_default()
}

/// Parses a file's text with `JSON.parse` and decodes it.
fn parse_file<T: DeserializeOwned>(text: &str) -> Result<T, JsError> {
    let value = js_sys::JSON::parse(text).map_err(|_| err("the file is not valid JSON"))?;
    from_js("file", value).map_err(err)
}

/// A settings object; `undefined` or `null` is no change.
fn settings(config: JsValue) -> Result<Settings, JsError> {
    if config.is_undefined() || config.is_null() {
        return Ok(Settings::default());
    }
    if !config.is_object() || js_sys::Array::is_array(&config) {
        return Err(err(
            "config: expected a plain object such as { learningRate: 0.1 }",
        ));
    }
    from_js("config", config).map_err(err)
}

/// A link's settings: every field that decodes on its own is kept, each other one is reported (by
/// name) into `problems` and dropped, so one bad field cannot cost the rest.
fn link_settings(config: &JsValue, problems: &mut Vec<String>) -> Settings {
    if !config.is_object() {
        return Settings::default();
    }
    let kept = Object::new();
    for key in Object::keys(config.unchecked_ref::<Object>()).iter() {
        let Ok(value) = Reflect::get(config, &key) else {
            continue;
        };
        let one = Object::new();
        let _ = Reflect::set(&one, &key, &value);
        match from_js::<Settings>("config", one.into()) {
            Ok(_) => {
                let _ = Reflect::set(&kept, &key, &value);
            }
            Err(e) => problems.push(e),
        }
    }
    from_js("config", kept.into()).unwrap_or_default()
}

/// The scene's figures, in order, as a plain object `{ name: value }`.
struct Figures(Vec<(String, f64)>);

impl Serialize for Figures {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// Gives the bindings of [`scene_methods!`] the scene of a class.
trait HasScene {
    fn scene(&self) -> &Scene;
    fn scene_mut(&mut self) -> &mut Scene;
}

/// Binds what every scene can do, once, on each class that has a scene.
macro_rules! scene_methods {
    ($class:ident) => {
        #[wasm_bindgen]
        impl $class {
            /// Completed epochs.
            pub fn epoch(&self) -> f64 {
                self.scene().epoch() as f64
            }

            /// Updates applied.
            pub fn steps(&self) -> f64 {
                self.scene().steps() as f64
            }

            /// Whether the scene is drawn on the plane (else as a table).
            #[wasm_bindgen(js_name = onPlane)]
            pub fn on_plane(&self) -> bool {
                self.scene().on_plane()
            }

            /// Recomputes loss and accuracy on the training and test points.
            pub fn evaluate(&mut self) {
                self.scene_mut().evaluate();
            }

            /// Evaluates at most `budget` more points of the current evaluation pass (so that large
            /// sets spread over several frames); returns true when the pass completed and the
            /// metrics and the misclassified flags of `points()` were updated.
            #[wasm_bindgen(js_name = evaluateSome)]
            pub fn evaluate_some(&mut self, budget: u32) -> bool {
                self.scene_mut().evaluate_some(budget as usize)
            }

            /// Training loss of the last evaluation.
            #[wasm_bindgen(js_name = trainLoss)]
            pub fn train_loss(&self) -> f64 {
                self.scene().metrics().0.loss
            }

            /// Test loss of the last evaluation (NaN without test points).
            #[wasm_bindgen(js_name = testLoss)]
            pub fn test_loss(&self) -> f64 {
                self.scene().metrics().1.loss
            }

            /// Training accuracy (0–1) of the last evaluation.
            #[wasm_bindgen(js_name = trainAccuracy)]
            pub fn train_accuracy(&self) -> f64 {
                self.scene().metrics().0.accuracy
            }

            /// Test accuracy (0–1) of the last evaluation (NaN without test points).
            #[wasm_bindgen(js_name = testAccuracy)]
            pub fn test_accuracy(&self) -> f64 {
                self.scene().metrics().1.accuracy
            }

            /// Number of points, training and test.
            #[wasm_bindgen(js_name = pointCount)]
            pub fn point_count(&self) -> u32 {
                self.scene().point_count() as u32
            }

            /// The points, 4 floats each: x, y, label, flags (bit 0 test, bit 1 misclassified) in
            /// plane coordinates; training points first. A view of wasm memory.
            pub fn points(&mut self) -> Float32Array {
                let buffer = self.scene_mut().point_buffer();
                // SAFETY: the view is read by the caller before its next call into this module;
                // nothing in between can grow wasm memory and detach it.
                unsafe { Float32Array::view(buffer) }
            }

            /// Computes the boundary on a `res × res` grid and returns it as RGBA pixels for
            /// `ImageData` (row 0 at y = +1). A view of wasm memory. With `rowStart`/`rowEnd`, only
            /// those rows are computed and the others keep their values from earlier calls at the
            /// same `res`, so a fine grid for a big network can be filled a band per frame.
            #[wasm_bindgen(js_name = computeBoundary)]
            pub fn compute_boundary(
                &mut self,
                res: f64,
                row_start: Option<f64>,
                row_end: Option<f64>,
            ) -> Result<Uint8ClampedArray, JsError> {
                let max = crate::boundary::MAX_RESOLUTION as u32;
                let res = whole("resolution", res, max)? as usize;
                let start = row_start.map_or(Ok(0), |v| whole("rowStart", v, max))?;
                let end = row_end.map_or(Ok(res as u32), |v| whole("rowEnd", v, max))?;
                let scene = self.scene_mut();
                scene
                    .compute_boundary(res, start as usize..end as usize)
                    .map_err(err)?;
                // SAFETY: as in `points`.
                Ok(unsafe { Uint8ClampedArray::view(scene.boundary_rgba()) })
            }

            /// The value per cell of the last boundary (same layout): the class-1 probability, or
            /// a regression output mapped into [0, 1]. A view of wasm memory.
            #[wasm_bindgen(js_name = boundaryProbabilities)]
            pub fn boundary_probabilities(&self) -> Float32Array {
                // SAFETY: as in `points`.
                unsafe { Float32Array::view(self.scene().boundary_values()) }
            }

            /// Layer sizes, inputs first.
            #[wasm_bindgen(js_name = layerSizes)]
            pub fn layer_sizes(&self) -> Vec<u32> {
                let sizes = self.scene().network().sizes();
                sizes.iter().map(|&n| n as u32).collect()
            }

            /// Every weight and bias, layer by layer (weights row-major n_out × n_in, then
            /// biases). A view of wasm memory.
            pub fn weights(&self) -> Float64Array {
                // SAFETY: as in `points`.
                unsafe { Float64Array::view(self.scene().network().params()) }
            }

            /// The network as a versioned JSON file.
            #[wasm_bindgen(js_name = exportModel)]
            pub fn export_model(&self) -> String {
                json_text(&self.scene().export_model())
            }
        }

        impl HasScene for $class {
            fn scene(&self) -> &Scene {
                &self.inner.scene
            }
            fn scene_mut(&mut self) -> &mut Scene {
                &mut self.inner.scene
            }
        }
    };
}

/// Free play: a network, its points and its training state behind one handle.
#[wasm_bindgen]
pub struct Playground {
    inner: crate::playground::Playground,
}

scene_methods!(Playground);

#[wasm_bindgen]
impl Playground {
    /// Builds a playground from a config object (camelCase fields, all optional); unknown fields,
    /// wrong types and out-of-range values throw an `Error` naming them.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<Playground, JsError> {
        let inner = crate::playground::Playground::new(&settings(config)?).map_err(err)?;
        Ok(Playground { inner })
    }

    /// Changes settings (same object shape); all or nothing. Returns what the change rebuilt,
    /// `{ network, data }`, so the page redraws only that (a live setting such as the learning
    /// rate rebuilds nothing).
    pub fn set(&mut self, config: JsValue) -> Result<JsValue, JsError> {
        let change = settings(config)?;
        let effects = self.inner.set(&change, None).map_err(err)?;
        Ok(to_js(&effects))
    }

    /// Applies a link's settings: every valid field is applied, each invalid one is left as it was
    /// and reported. Returns the reports, each starting with the field's name.
    #[wasm_bindgen(js_name = applyLink)]
    pub fn apply_link(&mut self, config: JsValue) -> Vec<String> {
        let mut problems = Vec::new();
        let change = link_settings(&config, &mut problems);
        if let Err(e) = self.inner.set(&change, Some(&mut problems)) {
            problems.push(e);
        }
        problems
    }

    /// The current settings as a plain object.
    pub fn config(&self) -> JsValue {
        to_js(&self.inner.config())
    }

    /// Draws the configured data set anew.
    pub fn generate(&mut self) {
        self.inner.generate();
    }

    /// New weights from the seed; points kept; epoch back to 0.
    pub fn reset(&mut self) {
        self.inner.reset();
    }

    /// Runs `steps` updates; returns the mean batch loss. Throws if training diverges.
    pub fn train(&mut self, steps: f64) -> Result<f64, JsError> {
        let steps = whole("steps", steps, MAX_STEPS)?;
        self.inner.train(steps).map_err(err)
    }

    /// Trains to the end of the current epoch.
    #[wasm_bindgen(js_name = trainEpoch)]
    pub fn train_epoch(&mut self) -> Result<f64, JsError> {
        self.inner.train_epoch().map_err(err)
    }

    /// Why training stopped, if it diverged.
    pub fn diverged(&self) -> Option<String> {
        self.inner.diverged().map(str::to_string)
    }

    /// Class-1 probability at `(x, y)`.
    pub fn predict(&mut self, x: f64, y: f64) -> f64 {
        self.inner.scene.value_at(x, y)
    }

    /// Adds a training point of class `label` (0 or 1).
    #[wasm_bindgen(js_name = addPoint)]
    pub fn add_point(&mut self, x: f64, y: f64, label: f64) -> Result<(), JsError> {
        let label = whole("label", label, u32::MAX)?;
        self.inner.add_point(x, y, label).map_err(err)
    }

    /// Removes the point nearest `(x, y)` within `radius`; returns whether one was removed.
    #[wasm_bindgen(js_name = removeNearest)]
    pub fn remove_nearest(&mut self, x: f64, y: f64, radius: f64) -> bool {
        self.inner.remove_nearest(x, y, radius)
    }

    /// Index (into `points()`) of the point nearest `(x, y)` within `radius`, or −1.
    pub fn pick(&self, x: f64, y: f64, radius: f64) -> i32 {
        self.inner.pick(x, y, radius).map_or(-1, |i| i as i32)
    }

    /// Moves point `id` to `(x, y)`; `record` opens an undo step (first move of a drag).
    #[wasm_bindgen(js_name = movePoint)]
    pub fn move_point(&mut self, id: f64, x: f64, y: f64, record: bool) -> Result<(), JsError> {
        let id = whole("id", id, u32::MAX)? as usize;
        self.inner.move_point(id, x, y, record).map_err(err)
    }

    /// Removes every point.
    pub fn clear(&mut self) {
        self.inner.clear();
    }

    /// Reverts the last point edit; returns whether there was one.
    pub fn undo(&mut self) -> bool {
        self.inner.undo()
    }

    /// Points of class `label`, training and test.
    #[wasm_bindgen(js_name = classCount)]
    pub fn class_count(&self, label: u32) -> u32 {
        let (s, c) = (&self.inner.scene, label as usize);
        (s.train.count_class(c) + s.test.count_class(c)) as u32
    }

    /// Loads a model from JSON; a bad file throws (naming the field) and changes nothing.
    #[wasm_bindgen(js_name = importModel)]
    pub fn import_model(&mut self, text: &str) -> Result<(), JsError> {
        let file: ModelFile = parse_file(text)?;
        self.inner.import_model(&file).map_err(err)
    }

    /// The points as versioned JSON.
    #[wasm_bindgen(js_name = exportPoints)]
    pub fn export_points(&self) -> String {
        json_text(&self.inner.export_points())
    }

    /// Loads points from JSON; a bad file throws (naming the field) and changes nothing.
    #[wasm_bindgen(js_name = importPoints)]
    pub fn import_points(&mut self, text: &str) -> Result<(), JsError> {
        let file: PointsFile = parse_file(text)?;
        self.inner.import_points(&file).map_err(err)
    }
}

/// A lesson: one of the tutorials, with its own network, data and training procedure.
#[wasm_bindgen]
pub struct Lesson {
    inner: crate::lesson::Lesson,
}

scene_methods!(Lesson);

#[wasm_bindgen]
impl Lesson {
    /// `new Lesson("line", seed)`; an unknown id throws, naming it and the known ones.
    #[wasm_bindgen(constructor)]
    pub fn new(id: &str, seed: f64) -> Result<Lesson, JsError> {
        let lesson_id: LessonId = named("lesson", id)?;
        let seed = crate::check::seed("seed", seed).map_err(err)?;
        Ok(Lesson {
            inner: crate::lesson::Lesson::new(lesson_id, seed),
        })
    }

    /// Steps one press of Run performs.
    #[wasm_bindgen(js_name = runSteps)]
    pub fn run_steps(&self) -> f64 {
        self.inner.run_steps() as f64
    }

    /// The first-input lesson's iterations per run (100, 1000, 10000 or 100000).
    #[wasm_bindgen(js_name = setIterations)]
    pub fn set_iterations(&mut self, n: f64) -> Result<(), JsError> {
        let n = whole("iterations", n, MAX_STEPS)?;
        self.inner.set_iterations(u64::from(n)).map_err(err)
    }

    /// Prepares a run (lessons that reproduce the tutorial from scratch restart their weights).
    #[wasm_bindgen(js_name = startRun)]
    pub fn start_run(&mut self) {
        self.inner.start_run();
    }

    /// Runs `steps` training steps; returns the last loss.
    pub fn train(&mut self, steps: f64) -> Result<f64, JsError> {
        let steps = whole("steps", steps, MAX_STEPS)?;
        self.inner.train(u64::from(steps)).map_err(err)
    }

    /// "backprop" or "numeric".
    #[wasm_bindgen(js_name = setMethod)]
    pub fn set_method(&mut self, name: &str) -> Result<(), JsError> {
        let method: Method = named("method", name)?;
        self.inner.set_method(method);
        Ok(())
    }

    /// The XOR lesson's fix: adds a hidden layer.
    pub fn fix(&mut self) -> Result<(), JsError> {
        self.inner.fix().map_err(err)
    }

    /// Whether the fix was applied.
    pub fn fixed(&self) -> bool {
        self.inner.fixed()
    }

    /// The lesson's figures as a plain object `{ name: value }`, in the order the panel shows them.
    pub fn figures(&mut self) -> JsValue {
        to_js(&Figures(self.inner.figures()))
    }

    /// The analytic gradient then the numeric one, on the current example (a copy).
    pub fn gradients(&mut self) -> Float64Array {
        let (a, n) = self.inner.gradients();
        let both: Vec<f64> = a.into_iter().chain(n).collect();
        Float64Array::from(&both[..])
    }

    /// Table rows: per example its inputs, target, output, held-out flag (a copy).
    pub fn rows(&mut self) -> Float64Array {
        Float64Array::from(&self.inner.rows()[..])
    }

    /// Loads weights saved from this lesson; a bad file throws and changes nothing.
    #[wasm_bindgen(js_name = importModel)]
    pub fn import_model(&mut self, text: &str) -> Result<(), JsError> {
        let file: ModelFile = parse_file(text)?;
        self.inner.import_model(&file).map_err(err)
    }
}

/// A bare network for scripts and benchmarks, trained with plain SGD on flat arrays.
#[wasm_bindgen]
pub struct Network {
    net: Net,
    ws: Workspace,
    loss: Loss,
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
        layer_sizes: Vec<f64>,
        hidden_activation: &str,
        output_activation: &str,
        seed: f64,
    ) -> Result<Network, JsError> {
        let hidden: Activation = named("hiddenActivation", hidden_activation)?;
        let output: OutputActivation = named("outputActivation", output_activation)?;
        let seed = crate::check::seed("seed", seed).map_err(err)?;
        let sizes = layer_sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| whole(&format!("layers[{i}]"), n, u32::MAX).map(|n| n as usize))
            .collect::<Result<Vec<_>, _>>()?;
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
            grid: Vec::new(),
            kernel: Default::default(),
            fast_grid: Vec::new(),
        })
    }

    /// Chooses the loss: "squaredError", "binaryCrossEntropy" or "softmaxCrossEntropy".
    #[wasm_bindgen(js_name = setLoss)]
    pub fn set_loss(&mut self, name: &str) -> Result<(), JsError> {
        let loss: Loss = named("loss", name)?;
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
    /// `params()`); a wrong length or non-finite value throws and changes nothing.
    #[wasm_bindgen(js_name = setParams)]
    pub fn set_params(&mut self, values: &JsValue) -> Result<(), JsError> {
        let values = Float64Array::new(values).to_vec();
        self.net.set_params(&values).map_err(err)
    }

    /// One SGD step on a batch: `xs` n × inputs and `ys` n × outputs, row-major. Returns the batch's
    /// mean loss before the step.
    #[wasm_bindgen(js_name = trainBatch)]
    pub fn train_batch(
        &mut self,
        xs: &[f64],
        ys: &[f64],
        learning_rate: f64,
    ) -> Result<f64, JsError> {
        let n = self.examples("trainBatch", xs, ys, learning_rate)?;
        Ok(self.sgd(xs, ys, n, learning_rate))
    }

    /// One epoch of plain SGD inside wasm: `xs`/`ys` as for `trainBatch`, in the order given (no
    /// shuffling), `batchSize` examples per update. Returns the mean batch loss.
    #[wasm_bindgen(js_name = trainEpoch)]
    pub fn train_epoch(
        &mut self,
        xs: &[f64],
        ys: &[f64],
        batch_size: f64,
        learning_rate: f64,
    ) -> Result<f64, JsError> {
        self.examples("trainEpoch", xs, ys, learning_rate)?;
        let batch_size = whole("trainEpoch: batch size", batch_size, u32::MAX)?;
        if batch_size == 0 {
            return Err(err("trainEpoch: batch size 0; use at least 1"));
        }
        Ok(self.sgd(xs, ys, batch_size as usize, learning_rate))
    }

    /// The first output for a two-input network.
    pub fn predict(&mut self, x1: f64, x2: f64) -> Result<f64, JsError> {
        if self.net.inputs() != 2 {
            return Err(err(format!(
                "predict: the network has {} inputs, not 2",
                self.net.inputs()
            )));
        }
        Ok(self.net.forward(&mut self.ws, &[x1, x2])[0])
    }

    /// The first output for every example in `xs` (n × inputs), written into a buffer owned by the
    /// network and returned as a view of wasm memory (valid until the next call).
    #[wasm_bindgen(js_name = predictGrid)]
    pub fn predict_grid(&mut self, xs: &[f64]) -> Result<Float64Array, JsError> {
        let ni = self.net.inputs();
        if !xs.len().is_multiple_of(ni) {
            return Err(err(format!(
                "predictGrid: {} values are not whole examples of {ni} inputs",
                xs.len()
            )));
        }
        self.grid.resize(xs.len() / ni, 0.0);
        for (out, x) in self.grid.iter_mut().zip(xs.chunks_exact(ni)) {
            *out = self.net.forward(&mut self.ws, x)[0];
        }
        // SAFETY: read by the caller before its next call into this module.
        Ok(unsafe { Float64Array::view(&self.grid) })
    }

    /// As `predictGrid` with the page's boundary kernel: `f32`, eight points per group (two SIMD
    /// vectors), fast `tanh`; within 1e-5 of the exact outputs. Two-input networks with one output (or two softmax
    /// outputs, giving the class-1 probability). A view of wasm memory.
    #[wasm_bindgen(js_name = predictGridFast)]
    pub fn predict_grid_fast(&mut self, xs: &[f64]) -> Result<Float32Array, JsError> {
        if !self.kernel.load(&self.net) {
            return Err(err(
                "predictGridFast: needs 2 inputs and 1 output (or 2 softmax outputs)",
            ));
        }
        self.fast_grid.resize(xs.len() / 2, 0.0);
        self.kernel.run(xs, &mut self.fast_grid);
        // SAFETY: read by the caller before its next call into this module.
        Ok(unsafe { Float32Array::view(&self.fast_grid) })
    }
}

/// Rust-only helpers of the `Network` binding.
impl Network {
    /// Checks that `xs`/`ys` hold whole examples and the rate is finite; returns the example count.
    fn examples(
        &self,
        call: &str,
        xs: &[f64],
        ys: &[f64],
        learning_rate: f64,
    ) -> Result<usize, JsError> {
        let (ni, no) = (self.net.inputs(), self.net.outputs());
        let n = xs.len() / ni;
        if n == 0 || xs.len() != n * ni || ys.len() != n * no {
            return Err(err(format!(
                "{call}: {} inputs and {} targets do not make whole examples of {ni} inputs and {no} outputs",
                xs.len(),
                ys.len()
            )));
        }
        if !learning_rate.is_finite() {
            return Err(err(format!(
                "learningRate: {} is not finite",
                crate::text::Num(learning_rate)
            )));
        }
        Ok(n)
    }

    fn sgd(&mut self, xs: &[f64], ys: &[f64], batch: usize, learning_rate: f64) -> f64 {
        crate::trainer::sgd_epoch(
            &mut self.net,
            &mut self.ws,
            xs,
            ys,
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

/// The variant of `T` called `name`, else an error naming the field, the value and the known names.
fn named<T: Named>(field: &str, name: &str) -> Result<T, JsError> {
    T::from_name(name).ok_or_else(|| {
        err(format!(
            "{field}: \"{}\" is not one of {}",
            crate::text::clip(name),
            T::known()
        ))
    })
}
