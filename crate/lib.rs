//! Scratchnet: a small feed-forward neural network written from scratch, and the WebAssembly API of
//! its browser playground.
//!
//! The modules form a stack; each imports only from the ones listed before it:
//!
//! | layer | what it holds |
//! | --- | --- |
//! | [`base`] | text, argument checks, names of settings, the clock |
//! | [`math`] | the float trait, SIMD lanes, the `f64` math functions, random numbers |
//! | [`model`] | activations, losses, the network with its reference forward and backward pass |
//! | [`data`] | data sets and input features |
//! | [`kernel`] | the fast passes: gradients of eight examples at once, the drawing grid |
//! | [`train`] | hyper-parameters, update rules, the trainer, the learning-rate finder |
//! | [`view`] | what the page draws: the decision boundary, neuron maps |
//! | [`app`] | settings, the scene, free play, the lessons, model and point files |
//! | [`wasm`] | every `#[wasm_bindgen]` export, and nothing else |
//!
//! Everything below [`wasm`] knows nothing of wasm or the DOM and is tested natively.

pub mod app;
pub mod base;
pub mod data;
pub mod kernel;
pub mod math;
pub mod model;
pub mod train;
pub mod view;
pub mod wasm;

/// The benchmark's yardstick, built only for `npm run bench`.
#[cfg(feature = "bound")]
#[path = "../benches/bound.rs"]
pub mod bound;
