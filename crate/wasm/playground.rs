//! The `Playground` binding (free play) and the learning-rate search it starts.

use super::args;
use super::convert::*;
use super::scene::*;
use crate::app::files::{ModelFile, MAX_POINTS};
use crate::app::scene::Scene;
use js_sys::{Float32Array, Float64Array, Uint8ClampedArray};
use wasm_bindgen::prelude::*;

/// Free play: a network, its points and its training state behind one handle.
#[wasm_bindgen]
pub struct Playground {
    pub(super) inner: crate::app::playground::Playground,
}

scene_methods!(Playground);

#[wasm_bindgen]
impl Playground {
    /// Builds a playground from a config object (camelCase fields, all optional); unknown fields,
    /// wrong types and out-of-range values throw an `Error` naming them.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<Playground, JsError> {
        let inner = crate::app::playground::Playground::new(&change_of(&config)?).map_err(err)?;
        Ok(Playground { inner })
    }

    /// Changes settings (same object shape); all or nothing. Returns what the change rebuilt,
    /// `{ network, data }`, so the page redraws only that (a live setting such as the learning
    /// rate rebuilds nothing).
    pub fn set(&mut self, config: JsValue) -> Result<JsValue, JsError> {
        let change = change_of(&config)?;
        let effects = self.inner.set(&change, None).map_err(err)?;
        Ok(to_js(&effects))
    }

    /// Applies a link's settings: every valid field is applied, each invalid one is left as it was
    /// and reported. Returns the reports, each starting with the field's name.
    #[wasm_bindgen(js_name = applyLink)]
    pub fn apply_link(&mut self, config: JsValue) -> Vec<String> {
        let mut problems = Vec::new();
        let change = link_change(&config, &mut problems);
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

    /// Adds training points, `xy` an array of x, y pairs (at most twice the scene's point limit
    /// of values), of class (or target) `label`: a brush's spray. `record` starts a stroke (one
    /// undo step); later calls with `record` false join it. Returns how many were added (those
    /// past the limit are not).
    #[wasm_bindgen(js_name = addPoints)]
    pub fn add_points(
        &mut self,
        xy: JsValue,
        label: JsValue,
        record: JsValue,
    ) -> Result<usize, JsError> {
        let mut values = Vec::new();
        args::floats("xy", &xy, 2 * MAX_POINTS, &mut values).map_err(err)?;
        let label = args::finite("label", &label).map_err(err)?;
        let record = args::boolean("record", &record).map_err(err)?;
        self.inner.add_points(&values, label, record).map_err(err)
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
        let id = args::whole("id", &id, crate::app::files::MAX_TABLE_POINTS as u64).map_err(err)?
            as usize;
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

    /// The `curve` setting's `y` at `count` (2–4096) x's evenly spread from −1 to 1, NaN where the
    /// curve has no value: the line the page draws for the `curve` data set.
    #[wasm_bindgen(js_name = curveValues)]
    pub fn curve_values(&self, count: JsValue) -> Result<Vec<f64>, JsError> {
        let n = args::whole("count", &count, 4096).map_err(err)?;
        if n < 2 {
            return fail(format!("count: {n}; use at least 2"));
        }
        Ok(self.inner.curve_values(n as usize))
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

    /// Loads points from JSON; a bad file throws (naming the field) and changes nothing. A table's
    /// file (`Table.select`'s, or one *Save points* wrote of a table) makes the `own` data set,
    /// with the problem and classes its label makes.
    #[wasm_bindgen(js_name = importPoints)]
    pub fn import_points(&mut self, text: JsValue) -> Result<(), JsError> {
        let file = parse_points(&text)?;
        self.inner.import_points(&file).map_err(err)
    }

    /// The learner's table behind the `own` data set in force: `{ source, inputs, target,
    /// classes, ranges }` (column names, class names, and each column's smallest and largest
    /// value, which sit at ∓0.9 on the plane), or null under any other data set.
    #[wasm_bindgen(js_name = tableInfo)]
    pub fn table_info(&self) -> JsValue {
        self.inner.table_meta().map_or(JsValue::NULL, to_js)
    }

    /// What the network predicts for every point, in `exportPoints`' order (training points, then
    /// test points): each class's probability (two values a point for two classes, `classes` for
    /// multi-class), or for regression one output on the plane's scale.
    #[wasm_bindgen(js_name = predictAll)]
    pub fn predict_all(&mut self) -> Float64Array {
        Float64Array::from(self.inner.predict_all().as_slice())
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
