//! The `Lesson` binding: one of the tutorials, with its procedure and figures.

use super::args;
use super::convert::*;
use super::scene::*;
use crate::app::files::ModelFile;
use crate::app::lesson::LessonId;
use crate::app::scene::Scene;
use crate::train::hyper::Method;
use js_sys::{Float32Array, Float64Array, Uint8ClampedArray};
use wasm_bindgen::prelude::*;

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

    /// The vanishing-gradients lesson's activation for its six hidden layers: "sigmoid", "tanh"
    /// or "relu"; new weights, iterations back to 0. Other lessons throw.
    #[wasm_bindgen(js_name = setActivation)]
    pub fn set_activation(&mut self, name: JsValue) -> Result<(), JsError> {
        let activation = named("activation", &name)?;
        self.inner.set_activation(activation).map_err(err)
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
