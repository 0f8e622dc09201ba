//! Range checks shared by every place that takes a number from outside (settings, files, the wasm
//! API): each refuses with a message that starts with the field's name and quotes the bad value.
//! A leaf module: it depends on nothing but [`crate::base::text`].

use crate::base::text::Num;

/// `n` as a whole number in `lo..=hi`, else an error naming `field`.
pub fn int(field: &str, n: f64, lo: u64, hi: u64) -> Result<u64, String> {
    let range = format!("{}–{}", Num(lo as f64), Num(hi as f64));
    if n.fract() != 0.0 || n.is_nan() {
        return Err(format!(
            "{field}: {} is not a whole number in {range}",
            Num(n)
        ));
    }
    if n < lo as f64 || n > hi as f64 {
        return Err(format!("{field}: {} is outside {range}", Num(n)));
    }
    Ok(n as u64)
}

/// `n` as a number in `[lo, hi]`, else an error naming `field` (NaN is outside every range).
pub fn real(field: &str, n: f64, lo: f64, hi: f64) -> Result<f64, String> {
    if !(lo..=hi).contains(&n) {
        return Err(format!(
            "{field}: {} is outside [{}, {}]",
            Num(n),
            Num(lo),
            Num(hi)
        ));
    }
    Ok(n)
}

/// A seed: a whole number that a JavaScript number holds exactly (below 2⁵³).
pub fn seed(field: &str, n: f64) -> Result<u64, String> {
    int(field, n, 0, MAX_SEED)
}

/// The largest seed: 2⁵³ − 1, so that every seed survives a round trip through a JavaScript number.
pub const MAX_SEED: u64 = (1 << 53) - 1;

/// The field names serde's derive gives a struct: what it tells `deserialize_struct`, read by a
/// deserializer that only listens. serde-wasm-bindgen reads a struct by those names and never sees
/// any other key, whatever `deny_unknown_fields` says (RReverser/serde-wasm-bindgen#39), so the
/// wasm module compares an object's keys with these before decoding it.
pub fn field_names<T: serde::de::DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

/// An error naming the first of `keys` that is not in `known` (`points[3].colour: unknown
/// field`), or, for several, the first few and a count; `path` names the object ("" at the top).
pub fn refuse_unknown<'a>(
    path: &str,
    keys: impl IntoIterator<Item = &'a str>,
    known: &[&str],
) -> Result<(), String> {
    let unknown: Vec<&str> = keys.into_iter().filter(|k| !known.contains(k)).collect();
    let prefix = |k: &str| {
        let k = crate::base::text::clip(k);
        if path.is_empty() {
            k
        } else {
            format!("{path}.{k}")
        }
    };
    match unknown.len() {
        0 => Ok(()),
        1 => Err(format!("{}: unknown field", prefix(unknown[0]))),
        n => Err(format!(
            "{n} unknown fields: {}{}",
            unknown
                .iter()
                .take(3)
                .map(|k| prefix(k))
                .collect::<Vec<_>>()
                .join(", "),
            if n > 3 { ", …" } else { "" }
        )),
    }
}

struct Probe<'a>(&'a mut &'static [&'static str]);

#[derive(Debug)]
struct Listened;

impl std::fmt::Display for Listened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("listened")
    }
}

impl std::error::Error for Listened {}

impl serde::de::Error for Listened {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Listened
    }
}

impl<'de> serde::Deserializer<'de> for Probe<'_> {
    type Error = Listened;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Listened> {
        Err(Listened)
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Listened> {
        *self.0 = fields;
        Err(Listened)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_the_field_and_the_value() {
        assert_eq!(int("n", 3.0, 0, 5), Ok(3));
        assert!(int("layers[1]", 2.5, 0, 9)
            .unwrap_err()
            .starts_with("layers[1]: 2.5"));
        assert!(int("n", -1.0, 0, 9).is_err());
        assert!(int("n", f64::NAN, 0, 9).is_err());
        assert_eq!(real("r", 0.5, 0.0, 1.0), Ok(0.5));
        assert!(real("r", f64::NAN, 0.0, 1.0).unwrap_err().contains("NaN"));
        assert!(seed("seed", 9.1e15).is_err());
    }

    #[test]
    fn a_structs_field_names_are_read_from_its_derive() {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        #[allow(dead_code)]
        struct Two {
            learning_rate: f64,
            seed: Option<u32>,
        }
        assert_eq!(field_names::<Two>(), &["learningRate", "seed"]);
        assert_eq!(refuse_unknown("", ["seed"], &["seed"]), Ok(()));
        assert_eq!(
            refuse_unknown("points[3]", ["seed", "colour"], &["seed"]),
            Err("points[3].colour: unknown field".to_string())
        );
        let many: Vec<String> = (0..5000).map(|i| format!("k{i}")).collect();
        let e = refuse_unknown("", many.iter().map(|s| s.as_str()), &[]).unwrap_err();
        assert_eq!(e, "5000 unknown fields: k0, k1, k2, …");
    }
}
