//! Scratchnet: a small feed-forward neural network written from scratch, and the WebAssembly API of
//! its browser playground.
//!
//! The math modules ([`activation`], [`loss`], [`network`], [`optimizer`], [`dataset`], [`trainer`],
//! [`model`]) know nothing of wasm or the DOM and are tested natively. [`scene`] is what free play
//! ([`playground`]) and the tutorials ([`lesson`]) share; [`wasm`] is the only module with
//! `#[wasm_bindgen]` exports. Leaf helpers ([`text`], [`check`], [`names`], [`rng`]) depend on
//! nothing above them.

pub mod activation;
#[cfg(feature = "bound")]
pub mod bound;
pub mod boundary;
pub mod check;
pub mod clock;
pub mod config;
pub mod dataset;
pub mod fastmath;
pub mod features;
pub mod finder;
pub mod float;
pub mod grid;
pub mod hyper;
pub mod inspect;
pub mod lesson;
pub mod loss;
pub mod model;
pub mod names;
pub mod narrow;
pub mod network;
pub mod neurons;
pub mod optimizer;
pub mod playground;
pub mod rng;
pub mod scene;
pub mod text;
pub mod trainer;
pub mod wasm;
