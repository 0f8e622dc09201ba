//! The views inside a run, bound on `Playground`: the timeline and looking back, the gradients, the
//! hidden space, and the loss landscape (its own class, computed a slice per call).

use super::args;
use super::convert::*;
use super::playground::Playground;
use crate::view::hidden::{HiddenAxes, HiddenRequest};
use crate::view::landscape::{Directions, MAX_RES};
use js_sys::{Float32Array, Float64Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The timeline as the page shows it.
#[derive(Serialize)]
struct TimelineInfo {
    /// As numbers (an epoch past 2⁵³ would not cross as one).
    epochs: Vec<f64>,
    looking: Option<usize>,
    capacity: usize,
}

/// What a hidden layer makes of the plane, for the page.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HiddenInfo {
    #[serde(with = "serde_wasm_bindgen::preserve")]
    points: JsValue,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    lines: JsValue,
    explained: [f64; 2],
}

#[wasm_bindgen]
impl Playground {
    /// The run's snapshots: `{ epochs, looking, capacity }`, the epoch of each (oldest first), the
    /// index shown while looking back (else null), and the most the timeline keeps.
    pub fn timeline(&self) -> JsValue {
        let t = self.inner.timeline();
        let n = self.inner.scene.network().params().len();
        to_js(&TimelineInfo {
            epochs: t.snapshots().iter().map(|s| s.epoch as f64).collect(),
            looking: self.inner.looking_at(),
            capacity: crate::train::timeline::Timeline::capacity(n),
        })
    }

    /// Shows snapshot `index` (of `timeline().epochs`): drawing, evaluation and the readouts show
    /// its weights and epoch until `goLive()`; the weights being trained are kept aside, untouched,
    /// and any call that trains or edits returns to them first. Returns the snapshot's epoch.
    #[wasm_bindgen(js_name = lookBack)]
    pub fn look_back(&mut self, index: JsValue) -> Result<f64, JsError> {
        let index = args::whole("index", &index, u32::MAX as u64).map_err(err)?;
        let s = self.inner.look_back(index as usize).map_err(err)?;
        Ok(s.epoch as f64)
    }

    /// Returns to the weights being trained; returns whether a snapshot was shown.
    #[wasm_bindgen(js_name = goLive)]
    pub fn go_live(&mut self) -> bool {
        self.inner.go_live()
    }

    /// The snapshots recorded since the last call (the training worker hands them to the page):
    /// for each, `epoch, steps`, then every weight, one after another.
    #[wasm_bindgen(js_name = takeSnapshots)]
    pub fn take_snapshots(&mut self) -> Float64Array {
        let mut flat = Vec::new();
        for s in self.inner.take_new_snapshots() {
            flat.extend_from_slice(&[s.epoch as f64, s.steps as f64]);
            flat.extend_from_slice(&s.params);
        }
        Float64Array::from(flat.as_slice())
    }

    /// Takes snapshots a twin recorded, in `takeSnapshots()`' layout; a length that is not a whole
    /// number of this network's snapshots, a count that is not a whole number or a weight that is
    /// not finite throws and changes nothing. Epochs not after the newest kept are ignored.
    #[wasm_bindgen(js_name = adoptSnapshots)]
    pub fn adopt_snapshots(&mut self, flat: JsValue) -> Result<(), JsError> {
        let n = self.inner.scene.network().params().len();
        let stride = n + 2;
        let mut values = Vec::new();
        let most = stride * crate::train::timeline::Timeline::capacity(n);
        args::floats("snapshots", &flat, most, &mut values).map_err(err)?;
        if values.len() % stride != 0 {
            return fail(format!(
                "snapshots: {} values are not whole snapshots of {stride} (epoch, steps and {} \
                 weights)",
                values.len(),
                stride - 2
            ));
        }
        for (k, s) in values.chunks_exact(stride).enumerate() {
            for (what, v) in [("epoch", s[0]), ("steps", s[1])] {
                if !(v >= 0.0 && v.fract() == 0.0 && v < MAX_COUNT as f64) {
                    return fail(format!(
                        "snapshots[{k}]: {what} {} is not a whole count",
                        crate::base::text::Num(v)
                    ));
                }
            }
        }
        self.inner.adopt_snapshots(
            values
                .chunks_exact(stride)
                .map(|s| (s[0] as u64, s[1] as u64, &s[2..])),
        );
        Ok(())
    }

    /// Backpropagates the next `batch` (1–1024) training points through the network shown and
    /// folds their gradients into running means (each new batch weighs 0.1); false with no points.
    #[wasm_bindgen(js_name = observeGradients)]
    pub fn observe_gradients(&mut self, batch: JsValue) -> Result<bool, JsError> {
        let max = crate::app::playground::MAX_GRADIENT_BATCH as u64;
        let batch = args::whole("batch", &batch, max).map_err(err)?;
        Ok(self.inner.observe_gradients(batch as usize))
    }

    /// The running mean of `|∂L/∂w|` per weight and bias, in `weights()` order (empty before the
    /// first `observeGradients`).
    #[wasm_bindgen(js_name = gradientWeights)]
    pub fn gradient_weights(&self) -> Float64Array {
        Float64Array::from(self.inner.gradients().weights())
    }

    /// The running mean of each hidden and output neuron's error signal `|δ| = |∂L/∂z|`, layer
    /// after layer.
    #[wasm_bindgen(js_name = gradientErrors)]
    pub fn gradient_errors(&self) -> Float64Array {
        Float64Array::from(self.inner.gradients().errors())
    }

    /// The running mean of each weight layer's gradient norm, the input's layer first.
    #[wasm_bindgen(js_name = gradientNorms)]
    pub fn gradient_norms(&self) -> Float64Array {
        Float64Array::from(self.inner.gradients().norms())
    }

    /// The points and the plane's grid lines in hidden layer `layer` (1 is the first hidden
    /// layer): two neurons' activations (`neuronX`, `neuronY`, counted from 1) as the axes, or with
    /// both null the first two principal components. `lines` (2–41, default 11) lines each way of
    /// `samples` (2–201, default 41) samples; up to `maxPoints` (1–2000, default 2000) points of
    /// each set, an even sample of a bigger one. Returns `{ points, lines, explained }`: 4 numbers
    /// a point (x, y, label, 1 for a test point), 2 a line sample (lines of constant y from −1 up,
    /// then of constant x), and the share of variance each principal axis shows.
    #[wasm_bindgen(js_name = hiddenSpace)]
    pub fn hidden_space(
        &self,
        layer: JsValue,
        neuron_x: JsValue,
        neuron_y: JsValue,
        lines: JsValue,
        samples: JsValue,
        max_points: JsValue,
    ) -> Result<JsValue, JsError> {
        let layer = args::whole("layer", &layer, 64).map_err(err)? as usize;
        let axes = if neuron_x.is_null() && neuron_y.is_null() {
            HiddenAxes::Pca
        } else {
            let a = args::whole("neuronX", &neuron_x, 64).map_err(err)? as usize;
            let b = args::whole("neuronY", &neuron_y, 64).map_err(err)? as usize;
            if a == 0 || b == 0 {
                return fail("neuronX, neuronY: neurons are counted from 1");
            }
            HiddenAxes::Neurons(a - 1, b - 1)
        };
        let lines = args::whole_or("lines", &lines, 41, 11).map_err(err)?.max(2) as usize;
        let samples = args::whole_or("samples", &samples, 201, 41)
            .map_err(err)?
            .max(2) as usize;
        let most = crate::view::hidden::MAX_POINTS as u64;
        let max_points = args::whole_or("maxPoints", &max_points, most, most)
            .map_err(err)?
            .max(1) as usize;
        let space = self
            .inner
            .hidden_space(&HiddenRequest {
                layer,
                axes,
                lines,
                samples,
                max_points,
            })
            .map_err(err)?;
        Ok(to_js(&HiddenInfo {
            points: Float32Array::from(space.points.as_slice()).into(),
            lines: Float32Array::from(space.lines.as_slice()).into(),
            explained: space.explained,
        }))
    }

    /// Starts a loss landscape through the weights shown: the training loss over a `res` × `res`
    /// grid (odd, 3–101) of the plane spanned by `directions`, `"pca"` (the timeline's first two
    /// principal directions) or `"random"` (two filter-normalised random directions from `seed`),
    /// with the timeline's snapshots as its path. Computed by `Landscape.advance`.
    pub fn landscape(
        &self,
        directions: JsValue,
        res: JsValue,
        seed: JsValue,
    ) -> Result<Landscape, JsError> {
        let res = args::whole("res", &res, MAX_RES as u64).map_err(err)? as usize;
        let seed = args::whole_or("seed", &seed, u32::MAX as u64, 1).map_err(err)?;
        let directions = match directions.as_string().as_deref() {
            Some("pca") => Directions::Pca,
            Some("random") => Directions::Random(seed),
            _ => {
                return fail(format!(
                    "directions: {} is neither \"pca\" nor \"random\"",
                    args::kind(&directions)
                ))
            }
        };
        let inner = self.inner.landscape(directions, res).map_err(err)?;
        Ok(Landscape { inner })
    }
}

/// A loss landscape under way (`Playground.landscape`); dropping it (`free()`) cancels it.
#[wasm_bindgen]
pub struct Landscape {
    inner: crate::view::landscape::Landscape,
}

#[wasm_bindgen]
impl Landscape {
    /// Computes cells for about `maxMs` milliseconds (0–1000; at least one training point's loss);
    /// returns whether every cell is done.
    pub fn advance(&mut self, max_ms: JsValue) -> Result<bool, JsError> {
        let ms = args::real("maxMs", &max_ms, 0.0, 1000.0).map_err(err)?;
        Ok(self.inner.advance(ms))
    }

    /// Whether every cell is done.
    pub fn done(&self) -> bool {
        self.inner.done()
    }

    /// The share of cells done, 0 to 1.
    pub fn progress(&self) -> f64 {
        self.inner.computed() as f64 / (self.inner.res() * self.inner.res()) as f64
    }

    /// Cells a side.
    pub fn res(&self) -> u32 {
        self.inner.res() as u32
    }

    /// The losses, row-major: `res` rows of β from −extent[1] up, each of α from −extent[0]; NaN
    /// where not computed yet or not finite. A copy.
    pub fn values(&self) -> Float64Array {
        Float64Array::from(self.inner.values())
    }

    /// `[α, β]` half-widths of the plane.
    pub fn extent(&self) -> Vec<f64> {
        self.inner.extent().to_vec()
    }

    /// Each snapshot's `α, β`, oldest first. A copy.
    pub fn path(&self) -> Float64Array {
        Float64Array::from(self.inner.path())
    }
}
