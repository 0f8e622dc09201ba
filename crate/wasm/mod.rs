//! Every `#[wasm_bindgen]` export lives here, and nothing else: this module converts between JS values
//! and the plain-Rust types of the other modules, and turns their errors into JS `Error`s. It does no
//! math of its own.
//!
//! Structured values (settings in and out, lesson figures, model and point files) cross through serde
//! and serde-wasm-bindgen; a decoding error names the field by its path (`points[3].label`). What
//! free play and the lessons share is one [`Scene`], bound once by [`scene_methods!`] on both classes.
//!
//! Every argument is checked in [`args`] before anything is done with it (a `null` is not a 0, a
//! size is capped before it is allocated, a throwing getter cannot leave an object borrowed), and
//! every call that trains a Playground or a Lesson has a cap in time as well as in steps (the bare
//! `Network` binding caps the size of what it is given instead).
//!
//! Typed-array views returned here point into wasm memory: they are valid until the next call into
//! the module (which may grow memory and detach them), so read them at once.

pub(crate) mod args;
pub(crate) mod network;

pub use network::Network;

use crate::app::config::Settings;
use crate::app::files::{ModelFile, PointsFile, MAX_POINTS};
use crate::app::lesson::LessonId;
use crate::app::scene::Scene;
use crate::base::names::Named;
use crate::train::hyper::Method;
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
    crate::math::rng::fresh_seed() as f64
}

/// Most training steps one `train` call may be asked for.
const MAX_STEPS: u64 = 10_000_000;
/// Milliseconds one `train` or `trainEpoch` call runs at most unless told less: work beyond it goes
/// on in the next call, so no call can freeze the page for long, whatever the network and data.
const MAX_TRAIN_MS: f64 = 250.0;
/// The largest epoch or step count `adopt` takes (2⁵³: every count a JavaScript number holds exactly).
const MAX_COUNT: u64 = 1 << 53;
/// Longest model file accepted (UTF-16 units): a 6 × 64 network's file is about 0.6 M.
const MAX_MODEL_TEXT: usize = 4 << 20;
/// Longest point-set file accepted: 5 000 points take about 0.4 M.
const MAX_POINTS_TEXT: usize = 2 << 20;
/// Longest name (activation, lesson, method) accepted.
const MAX_NAME: usize = 100;

pub(crate) fn err(message: impl AsRef<str>) -> JsError {
    JsError::new(message.as_ref())
}

fn fail<T>(message: impl AsRef<str>) -> Result<T, JsError> {
    Err(err(message))
}

/// Decodes a JS value; an error names the field by its path, or `what` for the value as a whole.
fn from_js<T: DeserializeOwned>(what: &str, value: JsValue) -> Result<T, String> {
    args::shallow(what, &value)?;
    let decoder = serde_wasm_bindgen::Deserializer::from(value);
    serde_path_to_error::deserialize(decoder).map_err(|e| {
        let path = e.path().to_string();
        let name = if path == "." { what } else { &path };
        // In words a learner reads (serde speaks of `f64` and `u32`; a JS error adds "Error: "),
        // and serde quotes a bad string whole: keep the message readable whatever it held.
        let inner = e.into_inner().to_string();
        let mut words = inner.strip_prefix("Error: ").unwrap_or(&inner).to_string();
        for (jargon, plain) in [
            ("expected f64", "expected a number"),
            ("expected f32", "expected a number"),
            ("expected u32", "expected a whole number"),
            ("expected u64", "expected a whole number"),
            ("expected usize", "expected a whole number"),
            ("a sequence", "a list"),
        ] {
            words = words.replace(jargon, plain);
        }
        format!(
            "{}: {}",
            crate::base::text::clip(name),
            crate::base::text::clip_to(&words, 160)
        )
    })
}

/// The own keys of a plain object (one made by `JSON.parse` or `structuredClone`: no getters, no
/// traps), as strings.
fn keys(value: &JsValue) -> Vec<String> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Vec::new();
    }
    Object::keys(value.unchecked_ref::<Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .collect()
}

/// Refuses keys of `value` that `T` has no field for (see [`crate::base::check::field_names`]).
fn known_keys<T: DeserializeOwned>(path: &str, value: &JsValue) -> Result<(), String> {
    let names = keys(value);
    crate::base::check::refuse_unknown(
        path,
        names.iter().map(String::as_str),
        crate::base::check::field_names::<T>(),
    )
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

/// Parses a file's text (at most `max` characters, checked before anything is parsed) with
/// `JSON.parse`, refuses keys no such file has, and decodes it.
fn parse_file<T: DeserializeOwned>(text: &JsValue, max: usize) -> Result<T, JsError> {
    let text = args::text("file", text, max).map_err(err)?;
    let value = js_sys::JSON::parse(&text).map_err(|_| err("the file is not valid JSON"))?;
    known_keys::<T>("", &value).map_err(err)?;
    from_js("file", value).map_err(err)
}

/// A point-set file: its points' keys are checked one by one too (`points[3].colour`).
fn parse_points(text: &JsValue) -> Result<PointsFile, JsError> {
    let text = args::text("file", text, MAX_POINTS_TEXT).map_err(err)?;
    let value = js_sys::JSON::parse(&text).map_err(|_| err("the file is not valid JSON"))?;
    known_keys::<PointsFile>("", &value).map_err(err)?;
    if let Ok(points) = Reflect::get(&value, &"points".into()) {
        if js_sys::Array::is_array(&points) {
            let points: js_sys::Array = points.unchecked_into();
            for (i, p) in points.iter().enumerate().take(MAX_POINTS + 1) {
                known_keys::<crate::app::files::PointRecord>(&format!("points[{i}]"), &p)
                    .map_err(err)?;
            }
        }
    }
    from_js("file", value).map_err(err)
}

/// A settings object; `undefined` or `null` is no change.
fn settings(config: &JsValue) -> Result<Settings, JsError> {
    let config = args::plain("config", config).map_err(err)?;
    if config.is_undefined() || config.is_null() {
        return Ok(Settings::default());
    }
    unknown_settings(&keys(&config)).map_or(Ok(()), fail)?;
    from_js("config", config).map_err(err)
}

/// One message for every key that is no setting, however many (the first few, then a count).
fn unknown_settings(keys: &[String]) -> Option<String> {
    let known = crate::base::check::field_names::<Settings>();
    let unknown: Vec<&String> = keys
        .iter()
        .filter(|k| !known.contains(&k.as_str()))
        .collect();
    let names: Vec<String> = unknown
        .iter()
        .take(3)
        .map(|k| crate::base::text::clip(k))
        .collect();
    match unknown.len() {
        0 => None,
        1 => Some(format!("{}: unknown setting", names[0])),
        n if n <= 3 => Some(format!("unknown settings: {}", names.join(", "))),
        n => Some(format!("{n} unknown settings: {}, …", names.join(", "))),
    }
}

/// A link's settings: every field that decodes on its own is kept, each other one is reported (by
/// name) into `problems` and dropped, so one bad field cannot cost the rest.
fn link_settings(config: &JsValue, problems: &mut Vec<String>) -> Settings {
    let config = match args::plain("config", config) {
        Ok(c) if c.is_object() => c,
        Ok(_) => return Settings::default(),
        Err(e) => {
            problems.push(e);
            return Settings::default();
        }
    };
    let config = &config;
    // Without a prototype, a key such as `__proto__` is an own property like any other, so it is
    // reported as unknown instead of vanishing into the prototype setter.
    let bare = || -> Object { Object::create(JsValue::NULL.unchecked_ref::<Object>()) };
    let kept = bare();
    let all = keys(config);
    problems.extend(unknown_settings(&all));
    let known = crate::base::check::field_names::<Settings>();
    for key in all.iter().filter(|k| known.contains(&k.as_str())) {
        let key = JsValue::from_str(key);
        let Ok(value) = Reflect::get(config, &key) else {
            continue;
        };
        let one = bare();
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

            /// How the plane [−1, 1]² maps to the inputs, `{ scale, offset, span }` (input =
            /// plane · scale + offset), or null for a scene shown as a table: what the axes say.
            pub fn plane(&self) -> JsValue {
                to_js(&self.scene().plane())
            }

            /// Whether the scene is drawn on the plane (else as a table).
            #[wasm_bindgen(js_name = onPlane)]
            pub fn on_plane(&self) -> bool {
                self.scene().on_plane()
            }

            /// Whether the network tells more than two classes apart: each boundary value is then
            /// its winning class plus the margin by which it leads (`Math.floor` gives the class).
            #[wasm_bindgen(js_name = multiClass)]
            pub fn multi_class(&self) -> bool {
                self.scene().multi_class()
            }

            /// Recomputes loss and accuracy on the training and test points.
            pub fn evaluate(&mut self) {
                self.scene_mut().evaluate();
            }

            /// Evaluates at most `budget` more points of the current evaluation pass (so that large
            /// sets spread over several frames); returns true when the pass completed and the
            /// metrics and the misclassified flags of `points()` were updated.
            #[wasm_bindgen(js_name = evaluateSome)]
            pub fn evaluate_some(&mut self, budget: JsValue) -> Result<bool, JsError> {
                let budget = args::whole("budget", &budget, u64::from(u32::MAX)).map_err(err)?;
                Ok(self.scene_mut().evaluate_some(budget as usize))
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
                res: JsValue,
                row_start: JsValue,
                row_end: JsValue,
            ) -> Result<Uint8ClampedArray, JsError> {
                let max = crate::view::boundary::MAX_RESOLUTION as u64;
                let res = args::whole("resolution", &res, max).map_err(err)?;
                let start = args::whole_or("rowStart", &row_start, max, 0).map_err(err)?;
                let end = args::whole_or("rowEnd", &row_end, max, res).map_err(err)?;
                let (res, start, end) = (res as usize, start as usize, end as usize);
                let scene = self.scene_mut();
                scene.compute_boundary(res, start..end).map_err(err)?;
                // SAFETY: as in `points`.
                Ok(unsafe { Uint8ClampedArray::view(scene.boundary_rgba()) })
            }

            /// Every neuron's output over the plane (hidden layers, then the output) as `res × res`
            /// RGBA maps, neuron after neuron, each row 0 at y = +1 (`res` 2–64; colours as in
            /// `crate::view::neurons`). A view of wasm memory; `neuronLevels()` gives the levels behind it.
            #[wasm_bindgen(js_name = neuronMaps)]
            pub fn neuron_maps(&mut self, res: JsValue) -> Result<Uint8ClampedArray, JsError> {
                let max = crate::view::neurons::MAX_THUMBNAIL as u64;
                let res = args::whole("resolution", &res, max).map_err(err)?;
                let maps = self
                    .scene_mut()
                    .neuron_maps(res as usize, None)
                    .map_err(err)?;
                // SAFETY: as in `points`.
                Ok(unsafe { Uint8ClampedArray::view(maps.rgba()) })
            }

            /// Neuron `neuron` (from 0) of layer `layer` (from 1; the output is the last) alone,
            /// on a `res × res` map (2–512): RGBA, a view of wasm memory.
            #[wasm_bindgen(js_name = neuronMap)]
            pub fn neuron_map(
                &mut self,
                layer: JsValue,
                neuron: JsValue,
                res: JsValue,
            ) -> Result<Uint8ClampedArray, JsError> {
                let layer = args::whole("layer", &layer, 64).map_err(err)?;
                let neuron = args::whole("neuron", &neuron, 64).map_err(err)?;
                let max = crate::view::neurons::MAX_SINGLE as u64;
                let res = args::whole("resolution", &res, max).map_err(err)?;
                let only = Some((layer as usize, neuron as usize));
                let maps = self
                    .scene_mut()
                    .neuron_maps(res as usize, only)
                    .map_err(err)?;
                // SAFETY: as in `points`.
                Ok(unsafe { Uint8ClampedArray::view(maps.rgba()) })
            }

            /// The input features' maps (`res` 2–64), RGBA, one after another in input order.
            #[wasm_bindgen(js_name = inputMaps)]
            pub fn input_maps(&self, res: JsValue) -> Result<Vec<u8>, JsError> {
                let max = crate::view::neurons::MAX_THUMBNAIL as u64;
                let res = args::whole("resolution", &res, max).map_err(err)?;
                if res < 2 {
                    return fail("resolution: at least 2");
                }
                let features = self.scene().trainer.features.clone().unwrap_or_default();
                Ok(crate::view::neurons::input_maps(
                    features.list(),
                    res as usize,
                ))
            }

            /// The levels (0–1, white at ½) of the last `neuronMaps` or `neuronMap`, same layout
            /// one value per cell. A view of wasm memory.
            #[wasm_bindgen(js_name = neuronLevels)]
            pub fn neuron_levels(&self) -> Float32Array {
                // SAFETY: as in `points`.
                unsafe { Float32Array::view(self.scene().neuron_levels()) }
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

            /// The confusion matrix of the test points (`"test"`) or the training points
            /// (`"train"`): k × k counts, a row per true class, a column per predicted class;
            /// empty for regression.
            pub fn confusion(&mut self, set: JsValue) -> Result<Vec<u32>, JsError> {
                let test = match args::text("set", &set, MAX_NAME).map_err(err)?.as_str() {
                    "test" => true,
                    "train" => false,
                    other => {
                        return fail(format!(
                            "set: \"{}\" is not one of test, train",
                            crate::base::text::clip(other)
                        ))
                    }
                };
                Ok(crate::app::inspect::confusion(self.scene_mut(), test))
            }

            /// Point `id` (`points()` order) as the network sees it: `{ x, test, label, inputs,
            /// outputs, loss, predicted, misclassified }`, or null where there is no such point.
            #[wasm_bindgen(js_name = inspectPoint)]
            pub fn inspect_point(&mut self, id: JsValue) -> Result<JsValue, JsError> {
                let id = args::whole("id", &id, MAX_POINTS as u64).map_err(err)? as usize;
                Ok(crate::app::inspect::point_report(self.scene_mut(), id)
                    .map_or(JsValue::NULL, |r| to_js(&r)))
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
    inner: crate::app::playground::Playground,
}

scene_methods!(Playground);

#[wasm_bindgen]
impl Playground {
    /// Builds a playground from a config object (camelCase fields, all optional); unknown fields,
    /// wrong types and out-of-range values throw an `Error` naming them.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<Playground, JsError> {
        let inner = crate::app::playground::Playground::new(&settings(&config)?).map_err(err)?;
        Ok(Playground { inner })
    }

    /// Changes settings (same object shape); all or nothing. Returns what the change rebuilt,
    /// `{ network, data }`, so the page redraws only that (a live setting such as the learning
    /// rate rebuilds nothing).
    pub fn set(&mut self, config: JsValue) -> Result<JsValue, JsError> {
        let change = settings(&config)?;
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

    /// Runs up to `steps` updates within `maxMs` milliseconds (default and cap 250): a step that
    /// takes longer goes on in the next call, so no call freezes the page. Returns the mean batch
    /// loss of the updates completed (NaN if none was; `steps()` says how many). Throws if training
    /// diverges.
    pub fn train(&mut self, steps: JsValue, max_ms: JsValue) -> Result<f64, JsError> {
        let steps = args::whole("steps", &steps, MAX_STEPS).map_err(err)?;
        let max_ms = args::millis("maxMs", &max_ms, MAX_TRAIN_MS, MAX_TRAIN_MS).map_err(err)?;
        self.inner.train_within(steps as u32, max_ms).map_err(err)
    }

    /// Trains to the end of the current epoch, within `maxMs` (default and cap 250): if the epoch
    /// is not over by then, it returns NaN and the next call goes on with it.
    #[wasm_bindgen(js_name = trainEpoch)]
    pub fn train_epoch(&mut self, max_ms: JsValue) -> Result<f64, JsError> {
        let max_ms = args::millis("maxMs", &max_ms, MAX_TRAIN_MS, MAX_TRAIN_MS).map_err(err)?;
        self.inner.train_epoch_within(max_ms).map_err(err)
    }

    /// Sets weight or bias `index` (`weights()` order) to `value`: one undo step. A wrong index or
    /// a value that is not finite (or beyond ±1 000 000) throws and changes nothing.
    #[wasm_bindgen(js_name = setWeight)]
    pub fn set_weight(&mut self, index: JsValue, value: JsValue) -> Result<(), JsError> {
        let index = args::whole("index", &index, u32::MAX as u64).map_err(err)?;
        let value = args::number("value", &value).map_err(err)?;
        self.inner.set_weight(index as usize, value).map_err(err)
    }

    /// Takes the weights (`Float64Array` or array, `weights()` order), epoch and step count of the
    /// twin Playground the page's training worker runs; a wrong length or a value that is not
    /// finite throws and changes nothing.
    pub fn adopt(
        &mut self,
        params: JsValue,
        epoch: JsValue,
        steps: JsValue,
    ) -> Result<(), JsError> {
        let n = self.inner.scene.network().params().len();
        let epoch = args::whole("epoch", &epoch, MAX_COUNT).map_err(err)?;
        let steps = args::whole("steps", &steps, MAX_COUNT).map_err(err)?;
        let mut values = Vec::new();
        args::floats("params", &params, n, &mut values).map_err(err)?;
        self.inner.adopt(&values, epoch, steps).map_err(err)
    }

    /// After training paused because the loss blew up: whether weights from before can come back.
    #[wasm_bindgen(js_name = canRestore)]
    pub fn can_restore(&self) -> bool {
        self.inner.can_restore()
    }

    /// Puts back the weights of the lowest loss seen since the network was built or reset.
    #[wasm_bindgen(js_name = restoreBest)]
    pub fn restore_best(&mut self) -> bool {
        self.inner.restore_best()
    }

    /// Why training stopped, if it diverged.
    pub fn diverged(&self) -> Option<String> {
        self.inner.diverged().map(str::to_string)
    }

    /// What the boundary shows at `(x, y)`: the class-1 probability; for more than two classes the
    /// winning class plus its margin; for regression the output mapped into [0, 1].
    pub fn predict(&mut self, x: JsValue, y: JsValue) -> Result<f64, JsError> {
        let (x, y) = plane_point(&x, &y)?;
        Ok(self.inner.scene.value_at(x, y))
    }

    /// Adds a training point of class `label` (0 to classes − 1), or for regression of target
    /// `label` (in [−1, 1]).
    #[wasm_bindgen(js_name = addPoint)]
    pub fn add_point(&mut self, x: JsValue, y: JsValue, label: JsValue) -> Result<(), JsError> {
        let (x, y) = plane_point(&x, &y)?;
        let label = args::finite("label", &label).map_err(err)?;
        self.inner.add_point(x, y, label).map_err(err)
    }

    /// Removes the point nearest `(x, y)` within `radius`; returns whether one was removed.
    #[wasm_bindgen(js_name = removeNearest)]
    pub fn remove_nearest(
        &mut self,
        x: JsValue,
        y: JsValue,
        radius: JsValue,
    ) -> Result<bool, JsError> {
        let ((x, y), radius) = (plane_point(&x, &y)?, radius_of(&radius)?);
        Ok(self.inner.remove_nearest(x, y, radius))
    }

    /// Index (into `points()`) of the point nearest `(x, y)` within `radius`, or −1.
    pub fn pick(&self, x: JsValue, y: JsValue, radius: JsValue) -> Result<i32, JsError> {
        let ((x, y), radius) = (plane_point(&x, &y)?, radius_of(&radius)?);
        Ok(self.inner.pick(x, y, radius).map_or(-1, |i| i as i32))
    }

    /// Moves point `id` to `(x, y)`; `record` opens an undo step (first move of a drag).
    #[wasm_bindgen(js_name = movePoint)]
    pub fn move_point(
        &mut self,
        id: JsValue,
        x: JsValue,
        y: JsValue,
        record: JsValue,
    ) -> Result<(), JsError> {
        let id = args::whole("id", &id, MAX_POINTS as u64).map_err(err)? as usize;
        let record = args::boolean("record", &record).map_err(err)?;
        let (x, y) = plane_point(&x, &y)?;
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

    /// Forgets the undo history (after a link or a stored state set the scene up).
    #[wasm_bindgen(js_name = forgetHistory)]
    pub fn forget_history(&mut self) {
        self.inner.forget_history();
    }

    /// Training points (the test points are not trained on).
    #[wasm_bindgen(js_name = trainPointCount)]
    pub fn train_point_count(&self) -> u32 {
        self.inner.scene.train.len() as u32
    }

    /// Whether the points differ from the generated set (a link must then carry them).
    #[wasm_bindgen(js_name = pointsEdited)]
    pub fn points_edited(&self) -> bool {
        self.inner.points_edited()
    }

    /// Whether every point follows the line data set's rule (class 1 above y = x).
    #[wasm_bindgen(js_name = pointsFollowLine)]
    pub fn points_follow_line(&self) -> bool {
        self.inner.points_follow_line()
    }

    /// `[dead, total]`: hidden ReLU neurons that output 0 for every training point, of all of them.
    #[wasm_bindgen(js_name = deadRelus)]
    pub fn dead_relus(&mut self) -> Vec<u32> {
        let (dead, total) = self.inner.dead_relus();
        vec![dead as u32, total as u32]
    }

    /// Points of class `label`, training and test.
    #[wasm_bindgen(js_name = classCount)]
    pub fn class_count(&self, label: JsValue) -> Result<u32, JsError> {
        let c = args::whole("label", &label, 3).map_err(err)? as usize;
        let s = &self.inner.scene;
        Ok((s.train.count_class(c) + s.test.count_class(c)) as u32)
    }

    /// Loads a model from JSON; a bad file throws (naming the field) and changes nothing.
    #[wasm_bindgen(js_name = importModel)]
    pub fn import_model(&mut self, text: JsValue) -> Result<(), JsError> {
        let file: ModelFile = parse_file(&text, MAX_MODEL_TEXT)?;
        self.inner.import_model(&file).map_err(err)
    }

    /// The points as versioned JSON.
    #[wasm_bindgen(js_name = exportPoints)]
    pub fn export_points(&self) -> String {
        json_text(&self.inner.export_points())
    }

    /// Loads points from JSON; a bad file throws (naming the field) and changes nothing.
    #[wasm_bindgen(js_name = importPoints)]
    pub fn import_points(&mut self, text: JsValue) -> Result<(), JsError> {
        let file = parse_points(&text)?;
        self.inner.import_points(&file).map_err(err)
    }

    /// Starts a learning-rate search from the current network: `count` rates (2–64) spaced
    /// logarithmically over the slider's range, `epochs` (1–1000) each. The network is not touched:
    /// the search trains copies, a slice per `run` call.
    #[wasm_bindgen(js_name = lrFinder)]
    pub fn lr_finder(&self, count: JsValue, epochs: JsValue) -> Result<LrFinder, JsError> {
        let count =
            args::whole("count", &count, crate::train::finder::MAX_RATES as u64).map_err(err)?;
        let epochs =
            args::whole("epochs", &epochs, crate::train::finder::MAX_EPOCHS).map_err(err)?;
        let inner = self.inner.lr_finder(count as usize, epochs).map_err(err)?;
        Ok(LrFinder { inner })
    }
}

/// A learning-rate search under way (`Playground.lrFinder`); dropping it (`free()`) cancels it.
#[wasm_bindgen]
pub struct LrFinder {
    inner: crate::train::finder::LrFinder,
}

#[wasm_bindgen]
impl LrFinder {
    /// Trains for about `maxMs` milliseconds (0–1000; at least one slice of work); returns the
    /// share of the search done, 0 to 1.
    pub fn run(&mut self, max_ms: JsValue) -> Result<f64, JsError> {
        let ms = args::real("maxMs", &max_ms, 0.0, 1000.0).map_err(err)?;
        Ok(self.inner.run(ms))
    }

    /// Whether every rate has been tried.
    pub fn done(&self) -> bool {
        self.inner.done()
    }

    /// The share of the search done, 0 to 1.
    pub fn progress(&self) -> f64 {
        self.inner.progress()
    }

    /// Once done, `{ rates, losses, diverged, initialLoss, suggested }` (`suggested` an index into
    /// `rates`, or null when every run diverged); null before.
    pub fn found(&self) -> JsValue {
        to_js(&self.inner.found())
    }
}

/// A lesson: one of the tutorials, with its own network, data and training procedure.
#[wasm_bindgen]
pub struct Lesson {
    inner: crate::app::lesson::Lesson,
}

scene_methods!(Lesson);

#[wasm_bindgen]
impl Lesson {
    /// `new Lesson("line", seed)`; an unknown id throws, naming it and the known ones.
    #[wasm_bindgen(constructor)]
    pub fn new(id: JsValue, seed: JsValue) -> Result<Lesson, JsError> {
        let lesson_id: LessonId = named("lesson", &id)?;
        let seed = args::whole("seed", &seed, crate::base::check::MAX_SEED).map_err(err)?;
        Ok(Lesson {
            inner: crate::app::lesson::Lesson::new(lesson_id, seed),
        })
    }

    /// Steps one press of Run performs.
    #[wasm_bindgen(js_name = runSteps)]
    pub fn run_steps(&self) -> f64 {
        self.inner.run_steps() as f64
    }

    /// The first-input lesson's iterations per run (100, 1000, 10000 or 100000).
    #[wasm_bindgen(js_name = setIterations)]
    pub fn set_iterations(&mut self, n: JsValue) -> Result<(), JsError> {
        let n = args::whole("iterations", &n, MAX_STEPS).map_err(err)?;
        self.inner.set_iterations(n).map_err(err)
    }

    /// Prepares a run (lessons that reproduce the tutorial from scratch restart their weights).
    #[wasm_bindgen(js_name = startRun)]
    pub fn start_run(&mut self) {
        self.inner.start_run();
    }

    /// Runs up to `steps` training steps within `maxMs` milliseconds (default and cap 250); returns
    /// the last loss (`steps()` says how many ran).
    pub fn train(&mut self, steps: JsValue, max_ms: JsValue) -> Result<f64, JsError> {
        let steps = args::whole("steps", &steps, MAX_STEPS).map_err(err)?;
        let max_ms = args::millis("maxMs", &max_ms, MAX_TRAIN_MS, MAX_TRAIN_MS).map_err(err)?;
        self.inner.train_within(steps, max_ms).map_err(err)
    }

    /// "backprop" or "numeric".
    #[wasm_bindgen(js_name = setMethod)]
    pub fn set_method(&mut self, name: JsValue) -> Result<(), JsError> {
        let method: Method = named("method", &name)?;
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

    /// The index of the current example among the training rows: the next one training or a
    /// step meets, and the one `gradients()` is taken on.
    #[wasm_bindgen(js_name = currentExample)]
    pub fn current_example(&mut self) -> f64 {
        self.inner.current_example() as f64
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

    /// Whether `stepExample` fits this lesson (gradient descent on squared error).
    #[wasm_bindgen(js_name = canStep)]
    pub fn can_step(&self) -> bool {
        self.inner.can_step()
    }

    /// Takes the next training example through the network and applies its update; returns
    /// every number on the way: `{ example, inputs, target, sums, activations, error, loss,
    /// gradient, numeric, learningRate, update }` (parameters in `weights()` order).
    #[wasm_bindgen(js_name = stepExample)]
    pub fn step_example(&mut self) -> Result<JsValue, JsError> {
        Ok(to_js(&self.inner.step_example().map_err(err)?))
    }

    /// Adds a point at plane `(x, y)` to the `line` lesson's data, labelled by its rule.
    #[wasm_bindgen(js_name = addPoint)]
    pub fn add_point(&mut self, x: JsValue, y: JsValue) -> Result<(), JsError> {
        let (x, y) = plane_point(&x, &y)?;
        self.inner.add_point(x, y).map_err(err)
    }

    /// Loads weights saved from this lesson; a bad file throws and changes nothing.
    #[wasm_bindgen(js_name = importModel)]
    pub fn import_model(&mut self, text: JsValue) -> Result<(), JsError> {
        let file: ModelFile = parse_file(&text, MAX_MODEL_TEXT)?;
        self.inner.import_model(&file).map_err(err)
    }
}

/// A point of the plane from two arguments: finite numbers (the domain checks the range).
fn plane_point(x: &JsValue, y: &JsValue) -> Result<(f64, f64), JsError> {
    Ok((
        args::finite("x", x).map_err(err)?,
        args::finite("y", y).map_err(err)?,
    ))
}

/// A search radius: a number ≥ 0.
fn radius_of(radius: &JsValue) -> Result<f64, JsError> {
    args::real("radius", radius, 0.0, f64::INFINITY).map_err(err)
}

/// The variant of `T` called `name`, else an error naming the field, the value and the known names.
fn named<T: Named>(field: &str, name: &JsValue) -> Result<T, JsError> {
    let name = args::text(field, name, MAX_NAME).map_err(err)?;
    let name = name.as_str();
    T::from_name(name).ok_or_else(|| {
        err(format!(
            "{field}: \"{}\" is not one of {}",
            crate::base::text::clip(name),
            T::known()
        ))
    })
}
