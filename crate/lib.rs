//! Scratchnet: a small feed-forward neural network written from scratch, and the WebAssembly API of
//! its browser playground.
//!
//! The math modules ([`activation`], [`loss`], [`network`], [`optimizer`], [`dataset`], [`trainer`],
//! [`model`]) know nothing of wasm or the DOM and are tested natively. [`playground`] holds the state
//! the page drives; [`wasm`] is the only module with `#[wasm_bindgen]` exports.

pub mod activation;
pub mod bound;
pub mod boundary;
pub mod config;
pub mod dataset;
pub mod fastmath;
pub mod grid;
pub mod heap;
pub mod lesson;
pub mod loss;
pub mod model;
pub mod network;
pub mod optimizer;
pub mod playground;
pub mod rng;
pub mod text;
pub mod trainer;
pub mod wasm;

/// The wasm build allocates from [`heap::Blocks`] (why: see its module).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static HEAP: heap::Blocks = heap::Blocks::new();
