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
mod convert;
mod lesson;
pub(crate) mod network;
mod playground;
mod scene;

pub use lesson::Lesson;
pub use network::Network;
pub use playground::{LrFinder, Playground};

use crate::app::config::Change;
use crate::app::files::{ModelFile, PointsFile, MAX_POINTS};
use crate::app::lesson::LessonId;
use crate::app::scene::Scene;
use crate::base::names::Named;
use crate::train::hyper::Method;
use convert::*;
use js_sys::{Float32Array, Float64Array, Object, Reflect, Uint8ClampedArray};
use scene::*;
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

/// The ranges of the numeric settings: `{ learningRate: [lo, hi], maxBatch, maxHiddenLayers,
/// maxNeurons, maxPoints }`, what the page's controls offer.
#[wasm_bindgen]
pub fn ranges() -> JsValue {
    to_js(&crate::app::config::ranges())
}

/// Most training steps one `train` call may be asked for.
pub(super) const MAX_STEPS: u64 = 10_000_000;
/// Milliseconds one `train` or `trainEpoch` call runs at most unless told less: work beyond it goes
/// on in the next call, so no call can freeze the page for long, whatever the network and data.
pub(super) const MAX_TRAIN_MS: f64 = 250.0;
/// The largest epoch or step count `adopt` takes (2⁵³: every count a JavaScript number holds exactly).
pub(super) const MAX_COUNT: u64 = 1 << 53;
/// Longest model file accepted (UTF-16 units): a 6 × 64 network's file is about 0.6 M.
pub(super) const MAX_MODEL_TEXT: usize = 4 << 20;
/// Longest point-set file accepted: 5 000 points take about 0.4 M.
pub(super) const MAX_POINTS_TEXT: usize = 2 << 20;
/// Longest name (activation, lesson, method) accepted.
pub(super) const MAX_NAME: usize = 100;

pub(crate) fn err(message: impl AsRef<str>) -> JsError {
    JsError::new(message.as_ref())
}

pub(super) fn fail<T>(message: impl AsRef<str>) -> Result<T, JsError> {
    Err(err(message))
}

/// A point of the plane from two arguments: finite numbers (the domain checks the range).
pub(super) fn plane_point(x: &JsValue, y: &JsValue) -> Result<(f64, f64), JsError> {
    Ok((
        args::finite("x", x).map_err(err)?,
        args::finite("y", y).map_err(err)?,
    ))
}

/// A search radius: a number ≥ 0.
pub(super) fn radius_of(radius: &JsValue) -> Result<f64, JsError> {
    args::real("radius", radius, 0.0, f64::INFINITY).map_err(err)
}

/// The variant of `T` called `name`, else an error naming the field, the value and the known names.
pub(super) fn named<T: Named>(field: &str, name: &JsValue) -> Result<T, JsError> {
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
