//! Arguments from JavaScript, checked before anything is done with them.
//!
//! Every number, string and array an export takes arrives as a `JsValue` and is checked here: a
//! `null`, a string or a fraction where a count belongs is refused with its name, not coerced; a
//! size is checked against its cap before anything is allocated or looped over. Every JavaScript
//! call that can throw (a getter, a Proxy trap, a huge allocation) goes through a `catch` import,
//! so a failed call leaves the wasm object usable instead of borrowed for good.

use crate::base::text::{clip, Num};
use js_sys::{Float64Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `structuredClone(value)`: a plain copy without getters or Proxy traps (which it runs, and
    /// whose exceptions it reports here instead of letting them unwind through wasm).
    #[wasm_bindgen(catch, js_name = structuredClone)]
    fn structured_clone(value: &JsValue) -> Result<JsValue, JsValue>;

    /// `Array.isArray(value)`, its exceptions (a revoked Proxy) caught.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// `Number.isFinite(value)`: true of a finite number only (nothing coerced, never throws).
    #[wasm_bindgen(js_namespace = Number, js_name = isFinite)]
    fn is_finite_number(value: &JsValue) -> bool;

    /// `String(value)` of a caught exception, for messages.
    #[wasm_bindgen(catch, js_name = String)]
    fn to_text(value: &JsValue) -> Result<String, JsValue>;
}

/// What a caught exception said, clipped.
pub fn exception(e: &JsValue) -> String {
    clip(&to_text(e).unwrap_or_else(|_| "an exception".into()))
}

/// What kind of value `v` is, for messages: "a string", "null", "an object".
pub fn kind(v: &JsValue) -> &'static str {
    if v.is_null() {
        "null"
    } else if v.is_undefined() {
        "nothing"
    } else if v.is_string() {
        "a string"
    } else if v.as_f64().is_some() {
        "a number"
    } else if v.as_bool().is_some() {
        "true or false"
    } else if v.is_bigint() {
        "a BigInt"
    } else if v.is_symbol() {
        "a symbol"
    } else if v.is_function() {
        "a function"
    } else {
        "an object"
    }
}

/// `v` as a number (a JS number, nothing coerced), else an error naming `name`.
pub fn number(name: &str, v: &JsValue) -> Result<f64, String> {
    if is_finite_number(v) {
        // Two calls that return the number itself: cheaper than `as_f64`, which writes it through
        // memory (a call per example pays this for its learning rate).
        return Ok(v.unchecked_into_f64());
    }
    v.as_f64()
        .ok_or_else(|| format!("{name}: expected a number, got {}", kind(v)))
}

/// `v` as `true` or `false` (nothing coerced).
pub fn boolean(name: &str, v: &JsValue) -> Result<bool, String> {
    v.as_bool()
        .ok_or_else(|| format!("{name}: expected true or false, got {}", kind(v)))
}

/// `v` as a finite number.
pub fn finite(name: &str, v: &JsValue) -> Result<f64, String> {
    let n = number(name, v)?;
    if n.is_finite() {
        Ok(n)
    } else {
        Err(format!("{name}: {} is not a finite number", Num(n)))
    }
}

/// `v` as a number in `[lo, hi]`.
pub fn real(name: &str, v: &JsValue, lo: f64, hi: f64) -> Result<f64, String> {
    crate::base::check::real(name, number(name, v)?, lo, hi)
}

/// `v` as a whole number in `0..=max`.
pub fn whole(name: &str, v: &JsValue, max: u64) -> Result<u64, String> {
    crate::base::check::int(name, number(name, v)?, 0, max)
}

/// `v` as a whole number in `0..=max`, or `default` when absent (`undefined` or `null`).
pub fn whole_or(name: &str, v: &JsValue, max: u64, default: u64) -> Result<u64, String> {
    if v.is_undefined() || v.is_null() {
        Ok(default)
    } else {
        whole(name, v, max)
    }
}

/// `v` as a positive number of milliseconds, or `default` when absent; capped at `cap`.
pub fn millis(name: &str, v: &JsValue, default: f64, cap: f64) -> Result<f64, String> {
    if v.is_undefined() || v.is_null() {
        return Ok(default);
    }
    Ok(real(name, v, 0.0, f64::INFINITY)?.min(cap))
}

/// `v` as a string of at most `max` UTF-16 units, checked before it is copied into wasm.
pub fn text(name: &str, v: &JsValue, max: usize) -> Result<String, String> {
    text_ref(name, v, max).map(String::from)
}

/// `v` as a JS string of at most `max` UTF-16 units, left where it is (not copied into wasm).
pub fn text_ref<'a>(
    name: &str,
    v: &'a JsValue,
    max: usize,
) -> Result<&'a js_sys::JsString, String> {
    let Some(s) = v.dyn_ref::<js_sys::JsString>() else {
        return Err(format!("{name}: expected text, got {}", kind(v)));
    };
    let length = s.length() as usize;
    if length > max {
        return Err(format!(
            "{name}: {length} characters, at most {max} accepted"
        ));
    }
    Ok(s)
}

/// Arrays up to this long are read value by value (see [`floats`]).
const SMALL: usize = 8;

/// Copies the numbers of `v` (a typed array or an array-like of numbers, at most `max`, every one
/// finite) into `out`, which is reused from call to call: a real `Float64Array` is copied in one
/// step, anything else element by element up to its checked `length` (never through an iterator,
/// which could run for ever), each read a `catch` import.
pub fn floats(name: &str, v: &JsValue, max: usize, out: &mut Vec<f64>) -> Result<(), String> {
    // `ArrayBuffer.isView` is true of real typed arrays only (not of a Proxy or an object made
    // from Float64Array.prototype, whose methods would throw).
    if js_sys::ArrayBuffer::is_view(v) {
        if let Some(array) = v.dyn_ref::<Float64Array>() {
            let n = array.length() as usize;
            if n > max {
                return Err(format!("{name}: {n} values, at most {max} accepted"));
            }
            out.resize(n, 0.0);
            if n <= SMALL {
                // A few values read one by one cost less than the view `copy_to` makes of wasm
                // memory (a call with one example's arrays is mostly this).
                for (i, v) in out.iter_mut().enumerate() {
                    *v = array.get_index(i as u32);
                }
            } else {
                array.copy_to(out);
            }
            return finite_all(name, out);
        }
    }
    if !v.is_object() {
        return Err(format!(
            "{name}: expected an array of numbers, got {}",
            kind(v)
        ));
    }
    let length = Reflect::get(v, &"length".into())
        .map_err(|e| format!("{name}: could not be read ({})", exception(&e)))?;
    let n = length.as_f64().unwrap_or(-1.0);
    if !(n >= 0.0 && n.fract() == 0.0) {
        return Err(format!(
            "{name}: expected an array of numbers, got {}",
            kind(v)
        ));
    }
    if n > max as f64 {
        return Err(format!("{name}: {} values, at most {max} accepted", Num(n)));
    }
    out.clear();
    for i in 0..n as u32 {
        let item = Reflect::get_u32(v, i)
            .map_err(|e| format!("{name}[{i}]: could not be read ({})", exception(&e)))?;
        let value = item
            .as_f64()
            .ok_or_else(|| format!("{name}[{i}]: expected a number, got {}", kind(&item)))?;
        out.push(value);
    }
    finite_all(name, out)
}

fn finite_all(name: &str, values: &[f64]) -> Result<(), String> {
    refuse_first(name, values, |x| !x.is_finite(), "is not a finite number")
}

/// The first of `values` that is `bad`, named with its index and `why`.
pub fn refuse_first(
    name: &str,
    values: &[f64],
    bad: fn(f64) -> bool,
    why: &str,
) -> Result<(), String> {
    match values.iter().position(|&x| bad(x)) {
        Some(i) => Err(format!("{name}[{i}]: {} {why}", Num(values[i]))),
        None => Ok(()),
    }
}

/// A plain copy of a config object (no getters, no Proxy), or an error saying why it cannot be
/// read; `undefined` and `null` stay as they are.
pub fn plain(name: &str, v: &JsValue) -> Result<JsValue, String> {
    if v.is_undefined() || v.is_null() {
        return Ok(v.clone());
    }
    let array =
        is_array(v).map_err(|e| format!("{name}: could not be read ({})", exception(&e)))?;
    if !v.is_object() || array {
        return Err(format!(
            "{name}: expected a plain object such as {{ learningRate: 0.1 }}, got {}",
            kind(v)
        ));
    }
    structured_clone(v).map_err(|e| format!("{name}: could not be read ({})", exception(&e)))
}

/// How deep a structured argument may nest: a model file, the deepest thing the API reads, nests
/// four levels (`layers[0].weights[0][0]`).
pub const MAX_DEPTH: usize = 16;

/// Refuses a value (parsed JSON or a plain copy of a config object) that nests deeper than
/// [`MAX_DEPTH`], naming where: a decoding error prints the value it could not decode through
/// wasm-bindgen's recursive `debugString`, and thousands of levels overflow the JavaScript stack
/// in the middle of a call, which leaves the object borrowed for good. Plain values only: their
/// keys and items are read without running any getter.
pub fn shallow(name: &str, v: &JsValue) -> Result<(), String> {
    if too_deep(v, MAX_DEPTH) {
        return Err(format!(
            "{}: nested more than {MAX_DEPTH} levels deep; no Scratchnet value nests that far",
            clip(name)
        ));
    }
    Ok(())
}

/// Whether an item of `v` nests below `room` more levels (arrays and objects alike).
fn too_deep(v: &JsValue, room: usize) -> bool {
    v.is_object()
        && js_sys::Object::values(v.unchecked_ref())
            .iter()
            .any(|item: JsValue| item.is_object() && (room == 0 || too_deep(&item, room - 1)))
}
