//! Numbers in messages and files, and the JSON tree the model and point files are read from and
//! written as.
//!
//! Why not `{}` on an `f64`, and not serde for the files: in wasm, either one links core's float
//! printer and parser machinery (with serde's generic visitors, about a third of the `.wasm`), while
//! the page's JavaScript already has both. So in wasm a number is printed by JavaScript's
//! `Number.prototype.toString` (the shortest text that reads back to the same value, as `JSON` writes
//! it), files are parsed by `JSON.parse` into a [`Json`] tree, and natively `{}` does the printing.

use std::fmt;

/// An `f64` that displays as the shortest text that reads back to it (`0.1`, `-3`, `NaN`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num(pub f64);

impl fmt::Display for Num {
    #[cfg(target_arch = "wasm32")]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = js_sys::Number::from(self.0)
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default();
        f.write_str(&text)
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// `values` as `[a, b, c]`, each shown as a [`Num`].
pub fn list(values: impl IntoIterator<Item = f64>) -> String {
    let items: Vec<String> = values.into_iter().map(|v| Num(v).to_string()).collect();
    format!("[{}]", items.join(", "))
}

/// Layer sizes as `[2, 4, 1]`.
pub fn sizes(sizes: &[usize]) -> String {
    list(sizes.iter().map(|&n| n as f64))
}

/// A parsed JSON value. Objects keep their fields in file order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// What kind of value this is, for messages: "a number", "a list".
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "true or false",
            Json::Number(_) => "a number",
            Json::Text(_) => "text",
            Json::List(_) => "a list",
            Json::Object(_) => "an object",
        }
    }

    /// The value as JSON text, without spaces. A number that is not finite (which no valid file
    /// holds) is written as `null`, as `JSON.stringify` does.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) if n.is_finite() => out.push_str(&Num(*n).to_string()),
            Json::Number(_) => out.push_str("null"),
            Json::Text(s) => write_text(s, out),
            Json::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(fields) => {
                out.push('{');
                for (i, (name, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_text(name, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_text(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Reads the fields of one JSON object, each by name, and refuses what is missing, of the wrong
/// kind, or not read at all (an unknown field), always naming the field by its path
/// (`points[3].label`).
pub struct Fields<'a> {
    path: String,
    fields: &'a [(String, Json)],
    read: Vec<bool>,
}

impl<'a> Fields<'a> {
    /// The fields of `value`, which must be an object; `path` names it in messages ("" at the top).
    pub fn of(value: &'a Json, path: &str) -> Result<Fields<'a>, String> {
        match value {
            Json::Object(fields) => Ok(Fields {
                path: path.to_string(),
                fields,
                read: vec![false; fields.len()],
            }),
            other => Err(format!(
                "{}: expected an object, got {}",
                if path.is_empty() { "file" } else { path },
                other.kind()
            )),
        }
    }

    /// The full name of field `name`.
    pub fn name(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.path)
        }
    }

    /// Field `name`, or `None` when the object lacks it.
    pub fn optional(&mut self, name: &str) -> Option<&'a Json> {
        let i = self.fields.iter().position(|(n, _)| n == name)?;
        self.read[i] = true;
        Some(&self.fields[i].1)
    }

    /// Field `name`, which must be present.
    pub fn get(&mut self, name: &str) -> Result<&'a Json, String> {
        self.optional(name)
            .ok_or_else(|| format!("{}: missing", self.name(name)))
    }

    /// Field `name` as text.
    pub fn text(&mut self, name: &str) -> Result<String, String> {
        text(self.get(name)?, &self.name(name))
    }

    /// Field `name` as a number.
    pub fn number(&mut self, name: &str) -> Result<f64, String> {
        number(self.get(name)?, &self.name(name))
    }

    /// Field `name`, a list, with `item` applied to each element and that element's full name
    /// (`points[3]`).
    pub fn each<T>(
        &mut self,
        name: &str,
        mut item: impl FnMut(&'a Json, &str) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        let items = match self.get(name)? {
            Json::List(items) => items,
            other => {
                return Err(format!(
                    "{}: expected a list, got {}",
                    self.name(name),
                    other.kind()
                ))
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            out.push(item(v, &format!("{}[{i}]", self.name(name)))?);
        }
        Ok(out)
    }

    /// Refuses any field that was never read.
    pub fn finish(self) -> Result<(), String> {
        match self.read.iter().position(|&r| !r) {
            Some(i) => Err(format!("{}: unknown field", self.name(&self.fields[i].0))),
            None => Ok(()),
        }
    }
}

/// `value` as text; `name` names it in the message.
pub fn text(value: &Json, name: &str) -> Result<String, String> {
    match value {
        Json::Text(s) => Ok(s.clone()),
        other => Err(format!("{name}: expected text, got {}", other.kind())),
    }
}

/// `value` as a number; `name` names it in the message.
pub fn number(value: &Json, name: &str) -> Result<f64, String> {
    match value {
        Json::Number(n) => Ok(*n),
        other => Err(format!("{name}: expected a number, got {}", other.kind())),
    }
}

/// `value` as a whole number in `0..=max`; `name` names it in the message.
pub fn whole(value: &Json, name: &str, max: u64) -> Result<u64, String> {
    let n = number(value, name)?;
    crate::config::int(name, n, 0, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_json_text() {
        let v = Json::Object(vec![
            (
                "a".into(),
                Json::List(vec![Json::Number(0.1), Json::Number(-3.0)]),
            ),
            ("b \"q\"".into(), Json::Text("x\\y\n".into())),
            ("c".into(), Json::Bool(true)),
            ("d".into(), Json::Number(f64::NAN)),
        ]);
        assert_eq!(
            v.to_text(),
            r#"{"a":[0.1,-3],"b \"q\"":"x\\y\u000a","c":true,"d":null}"#
        );
    }

    #[test]
    fn fields_name_what_is_wrong() {
        let v = Json::Object(vec![
            ("n".into(), Json::Number(2.5)),
            ("s".into(), Json::Number(1.0)),
            ("extra".into(), Json::Null),
        ]);
        let mut f = Fields::of(&v, "points[2]").unwrap();
        assert_eq!(f.number("n"), Ok(2.5));
        assert_eq!(
            f.text("s").unwrap_err(),
            "points[2].s: expected text, got a number"
        );
        assert_eq!(f.get("gone").unwrap_err(), "points[2].gone: missing");
        assert_eq!(f.finish().unwrap_err(), "points[2].extra: unknown field");
        assert!(whole(&Json::Number(2.5), "layers[0]", 9)
            .unwrap_err()
            .contains("layers[0]: 2.5"));
        assert_eq!(
            Fields::of(&Json::List(vec![]), "").err().unwrap(),
            "file: expected an object, got a list"
        );
    }
}
