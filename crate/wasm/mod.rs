//! Every `#[wasm_bindgen]` export lives here, and nothing else: this module converts between JS values
//! and the plain-Rust types of the other modules, and turns their errors into JS `Error`s. It does no
//! math of its own.
//!
//! Structured values (settings in and out, lesson figures, model and point files) cross through serde
//! and serde-wasm-bindgen; a decoding error names the field by its path (`points[3].label`). What
//! free play and the lessons share is one [`crate::app::scene::Scene`], bound once by `scene_methods!` (in `scene.rs`) on both classes.
//!
//! Every argument is checked in `args.rs` before anything is done with it (a `null` is not a 0, a
//! size is capped before it is allocated, a throwing getter cannot leave an object borrowed), and
//! every call that trains a Playground or a Lesson has a cap in time as well as in steps (the bare
//! `Network` binding caps the size of what it is given instead).
//!
//! Typed-array views returned here point into wasm memory: they are valid until the next call into
//! the module (which may grow memory and detach them), so read them at once.

pub(crate) mod args;
pub(crate) mod convert;
mod inside;
mod lesson;
pub(crate) mod network;
mod playground;
mod scene;
mod table;

pub use inside::Landscape;
pub use lesson::Lesson;
pub use network::Network;
pub use playground::{LrFinder, Playground};
pub use table::{Table, TableReader};

use convert::to_js;
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

/// A shipped data set's plotted columns, every measured column, class names and source (`{
/// columns, measured, classes, source }`), or null for a generated one or a name that is no data
/// set.
#[wasm_bindgen(js_name = datasetInfo)]
pub fn dataset_info(name: JsValue) -> JsValue {
    shipped(&name).map_or(JsValue::NULL, to_js)
}

/// A shipped data set's whole table as CSV text (every measured column and the species, with a
/// header), for the table reader; null for a generated one or a name that is no data set.
#[wasm_bindgen(js_name = datasetTable)]
pub fn dataset_table(name: JsValue) -> Option<String> {
    shipped(&name).map(crate::data::real::Table::csv)
}

fn shipped(name: &JsValue) -> Option<&'static crate::data::real::Table> {
    use crate::base::names::Named;
    name.as_string()
        .and_then(|n| crate::data::dataset::Generator::from_name(&n))
        .and_then(crate::data::dataset::Generator::table)
}

/// The ranges of the numeric settings: `{ learningRate: [lo, hi], maxBatch, maxHiddenLayers,
/// maxNeurons, maxPoints }`, what the page's controls offer.
#[wasm_bindgen]
pub fn ranges() -> JsValue {
    to_js(&crate::app::config::ranges())
}
