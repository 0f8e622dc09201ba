//! What every scene can do (free play and the lessons alike), bound once on each class. The macro
//! expands in the module of the class it binds, whose imports its body uses.

use crate::app::scene::Scene;

/// Gives the bindings of [`scene_methods!`] the scene of a class.
pub(super) trait HasScene {
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

            /// The input features' maps (`res` 2–64), RGBA, one after another in input order; an
            /// input beyond the plane's two (a table's other column) is one colour, the value the
            /// plot's slice holds it at.
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
                    &self.scene().held,
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
            /// empty for regression. The last completed evaluation's (`evaluate`,
            /// `evaluateSome`), as the accuracies are, so its diagonal is theirs.
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
                let id = args::whole("id", &id, crate::app::files::MAX_TABLE_POINTS as u64)
                    .map_err(err)? as usize;
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
pub(super) use scene_methods;
