//! Values between JavaScript and Rust: JS values decoded into settings and files (errors name the
//! field by its path), and Rust values encoded for JS.

use super::args;
use crate::app::config::Change;
use crate::app::files::{PointsFile, MAX_POINTS, MAX_TABLE_POINTS};
use crate::base::names::Named;
use js_sys::{Object, Reflect};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Decodes a JS value; an error names the field by its path, or `what` for the value as a whole.
pub(super) fn from_js<T: DeserializeOwned>(what: &str, value: JsValue) -> Result<T, String> {
    args::shallow(what, &value)?;
    let decoder = serde_wasm_bindgen::Deserializer::from(value);
    serde_path_to_error::deserialize(decoder).map_err(|e| {
        let path = e.path().to_string();
        let name = if path == "." { what } else { &path };
        // In words a learner reads (serde speaks of `f64` and `u32`; a JS error adds "Error: "),
        // and serde quotes a bad string whole: keep the message readable whatever it held.
        let inner = e.into_inner().to_string();
        let mut words = inner.strip_prefix("Error: ").unwrap_or(&inner).to_string();
        for (jargon, plain) in [
            ("expected f64", "expected a number"),
            ("expected f32", "expected a number"),
            ("expected u32", "expected a whole number"),
            ("expected u64", "expected a whole number"),
            ("expected usize", "expected a whole number"),
            ("a sequence", "a list"),
        ] {
            words = words.replace(jargon, plain);
        }
        format!(
            "{}: {}",
            crate::base::text::clip(name),
            crate::base::text::clip_to(&words, 160)
        )
    })
}

/// The own keys of a plain object (one made by `JSON.parse` or `structuredClone`: no getters, no
/// traps), as strings.
pub(super) fn keys(value: &JsValue) -> Vec<String> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Vec::new();
    }
    Object::keys(value.unchecked_ref::<Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .collect()
}

/// Refuses keys of `value` that `T` has no field for (see [`crate::base::check::field_names`]).
pub(super) fn known_keys<T: DeserializeOwned>(path: &str, value: &JsValue) -> Result<(), String> {
    let names = keys(value);
    crate::base::check::refuse_unknown(
        path,
        names.iter().map(String::as_str),
        crate::base::check::field_names::<T>(),
    )
}

/// A plain JS object (never a `Map`) for `value`.
pub(super) fn to_js<T: Serialize>(value: &T) -> JsValue {
    let plain = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&plain).unwrap_or(JsValue::NULL)
}

/// A file's JSON text, written by `JSON.stringify` (the shortest text for every number).
pub(super) fn json_text<T: Serialize>(value: &T) -> String {
    js_sys::JSON::stringify(&to_js(value))
        .map(String::from)
        .unwrap_or_default()
}

/// Parses a file's text (at most `max` characters, checked before anything is parsed) with
/// `JSON.parse`, refuses keys no such file has, and decodes it.
pub(super) fn parse_file<T: DeserializeOwned>(text: &JsValue, max: usize) -> Result<T, JsError> {
    let text = args::text("file", text, max).map_err(err)?;
    let value = js_sys::JSON::parse(&text).map_err(|_| err("the file is not valid JSON"))?;
    known_keys::<T>("", &value).map_err(err)?;
    from_js("file", value).map_err(err)
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a JS string as it is (js_sys's takes a `&str`, copied out of wasm memory).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_json(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
}

/// A point-set file: its points counted before any is copied into wasm (5 000 at most, 100 000 for
/// a table's), and their keys checked one by one (`points[3].colour`). The text is parsed where it
/// is, by `JSON.parse`: a large file costs wasm no memory until it has passed.
pub(super) fn parse_points(text: &JsValue) -> Result<PointsFile, JsError> {
    let text = args::text_ref("file", text, MAX_POINTS_TEXT).map_err(err)?;
    let value = parse_json(text).map_err(|_| err("the file is not valid JSON"))?;
    known_keys::<PointsFile>("", &value).map_err(err)?;
    if let Ok(points) = Reflect::get(&value, &"points".into()) {
        if js_sys::Array::is_array(&points) {
            let points: js_sys::Array = points.unchecked_into();
            let table = Reflect::get(&value, &"table".into()).is_ok_and(|t| t.is_object());
            let max = if table { MAX_TABLE_POINTS } else { MAX_POINTS };
            if points.length() as usize > max {
                return fail(format!(
                    "points: {} points, at most {max} allowed",
                    points.length()
                ));
            }
            for (i, p) in points.iter().enumerate().take(MAX_TABLE_POINTS + 1) {
                known_keys::<crate::app::files::PointRecord>(&format!("points[{i}]"), &p)
                    .map_err(err)?;
            }
        }
    }
    from_js("file", value).map_err(err)
}

/// A settings object; `undefined` or `null` is no change.
pub(super) fn change_of(config: &JsValue) -> Result<Change, JsError> {
    let config = args::plain("config", config).map_err(err)?;
    if config.is_undefined() || config.is_null() {
        return Ok(Change::default());
    }
    unknown_settings(&keys(&config)).map_or(Ok(()), fail)?;
    from_js("config", config).map_err(err)
}

/// One message for every key that is no setting, however many (the first few, then a count).
pub(super) fn unknown_settings(keys: &[String]) -> Option<String> {
    let known = crate::base::check::field_names::<Change>();
    let unknown: Vec<&String> = keys
        .iter()
        .filter(|k| !known.contains(&k.as_str()))
        .collect();
    let names: Vec<String> = unknown
        .iter()
        .take(3)
        .map(|k| crate::base::text::clip(k))
        .collect();
    match unknown.len() {
        0 => None,
        1 => Some(format!("{}: unknown setting", names[0])),
        n if n <= 3 => Some(format!("unknown settings: {}", names.join(", "))),
        n => Some(format!("{n} unknown settings: {}, …", names.join(", "))),
    }
}

/// A link's settings: every field that decodes on its own is kept, each other one is reported (by
/// name) into `problems` and dropped, so one bad field cannot cost the rest.
pub(super) fn link_change(config: &JsValue, problems: &mut Vec<String>) -> Change {
    let config = match args::plain("config", config) {
        Ok(c) if c.is_object() => c,
        Ok(_) => return Change::default(),
        Err(e) => {
            problems.push(e);
            return Change::default();
        }
    };
    let config = &config;
    // Without a prototype, a key such as `__proto__` is an own property like any other, so it is
    // reported as unknown instead of vanishing into the prototype setter.
    let bare = || -> Object { Object::create(JsValue::NULL.unchecked_ref::<Object>()) };
    let kept = bare();
    let all = keys(config);
    problems.extend(unknown_settings(&all));
    let known = crate::base::check::field_names::<Change>();
    for key in all.iter().filter(|k| known.contains(&k.as_str())) {
        let key = JsValue::from_str(key);
        let Ok(value) = Reflect::get(config, &key) else {
            continue;
        };
        let one = bare();
        let _ = Reflect::set(&one, &key, &value);
        match from_js::<Change>("config", one.into()) {
            Ok(_) => {
                let _ = Reflect::set(&kept, &key, &value);
            }
            Err(e) => problems.push(e),
        }
    }
    from_js("config", kept.into()).unwrap_or_default()
}

/// The scene's figures, in order, as a plain object `{ name: value }`.
pub(super) struct Figures(pub(super) Vec<(String, f64)>);

impl Serialize for Figures {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// Most training steps one `train` call may be asked for.
pub(crate) const MAX_STEPS: u64 = 10_000_000;
/// Milliseconds one `train` or `trainEpoch` call runs at most unless told less: work beyond it goes
/// on in the next call, so no call can freeze the page for long, whatever the network and data.
pub(crate) const MAX_TRAIN_MS: f64 = 250.0;
/// The largest epoch or step count `adopt` takes (2⁵³: every count a JavaScript number holds exactly).
pub(crate) const MAX_COUNT: u64 = 1 << 53;
/// Longest model file accepted (UTF-16 units): a 6 × 64 network's file is about 0.6 M.
pub(crate) const MAX_MODEL_TEXT: usize = 4 << 20;
/// Longest point-set file accepted: 5 000 points take about 0.4 M; a table of 100 000 rows and
/// eight inputs about 20 M.
pub(crate) const MAX_POINTS_TEXT: usize = 32 << 20;
/// Longest name (activation, lesson, method) accepted.
pub(crate) const MAX_NAME: usize = 100;

pub(crate) fn err(message: impl AsRef<str>) -> JsError {
    JsError::new(message.as_ref())
}

pub(crate) fn fail<T>(message: impl AsRef<str>) -> Result<T, JsError> {
    Err(err(message))
}

/// A point of the plane from two arguments: finite numbers (the domain checks the range).
pub(crate) fn plane_point(x: &JsValue, y: &JsValue) -> Result<(f64, f64), JsError> {
    Ok((
        args::finite("x", x).map_err(err)?,
        args::finite("y", y).map_err(err)?,
    ))
}

/// A search radius: a number ≥ 0.
pub(crate) fn radius_of(radius: &JsValue) -> Result<f64, JsError> {
    args::real("radius", radius, 0.0, f64::INFINITY).map_err(err)
}

/// The variant of `T` called `name`, else an error naming the field, the value and the known names.
pub(crate) fn named<T: Named>(field: &str, name: &JsValue) -> Result<T, JsError> {
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
