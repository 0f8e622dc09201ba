//! Helpers shared by the native integration tests.

use scratchnet::app::config::Change;
use serde::de::DeserializeOwned;

/// Decodes a file's JSON text as the page does, naming a bad field by its path: the page decodes
/// `JSON.parse`'s value with serde-wasm-bindgen, the tests decode text with serde_json (a test-only
/// dependency); both go through serde_path_to_error.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let mut json = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut json).map_err(|e| format!("{}: {}", e.path(), e.inner()))
}

/// A change of settings, written as the page sends it.
#[allow(dead_code)]
pub fn change(json: &str) -> Change {
    decode(json).unwrap()
}
