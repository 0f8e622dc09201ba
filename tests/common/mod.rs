//! Helpers shared by the native integration tests.

use scratchnet::text::Json;

/// Parses JSON text (with serde_json, a test-only dependency) into the tree the model files are
/// decoded from: the page parses with `JSON.parse`, the tests with serde_json.
pub fn parse(text: &str) -> Json {
    tree(&serde_json::from_str(text).expect("valid JSON"))
}

fn tree(v: &serde_json::Value) -> Json {
    use serde_json::Value as V;
    match v {
        V::Null => Json::Null,
        V::Bool(b) => Json::Bool(*b),
        V::Number(n) => Json::Number(n.as_f64().expect("a finite number")),
        V::String(s) => Json::Text(s.clone()),
        V::Array(items) => Json::List(items.iter().map(tree).collect()),
        V::Object(fields) => {
            Json::Object(fields.iter().map(|(k, v)| (k.clone(), tree(v))).collect())
        }
    }
}
