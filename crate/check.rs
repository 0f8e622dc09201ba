//! Range checks shared by every place that takes a number from outside (settings, files, the wasm
//! API): each refuses with a message that starts with the field's name and quotes the bad value.
//! A leaf module: it depends on nothing but [`crate::text`].

use crate::text::Num;

/// `n` as a whole number in `lo..=hi`, else an error naming `field`.
pub fn int(field: &str, n: f64, lo: u64, hi: u64) -> Result<u64, String> {
    if n.fract() != 0.0 || n < lo as f64 || n > hi as f64 {
        return Err(format!(
            "{field}: {} is not a whole number in {}–{}",
            Num(n),
            Num(lo as f64),
            Num(hi as f64)
        ));
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

/// The fields a decoded object had that its type does not know. serde-wasm-bindgen reads a struct
/// by its known field names and so never sees the others, whatever `deny_unknown_fields` says
/// (RReverser/serde-wasm-bindgen#39); a `#[serde(flatten)]` field of this type collects them
/// instead, and [`refuse_unknown`] refuses them by name, the same natively and in the browser.
pub type Unknown = std::collections::BTreeMap<String, serde::de::IgnoredAny>;

/// An error naming the first unknown field (`points[3].colour: unknown field`), if there is one.
pub fn refuse_unknown(path: &str, unknown: &Unknown) -> Result<(), String> {
    match unknown.keys().next() {
        None => Ok(()),
        Some(key) if path.is_empty() => Err(format!("{}: unknown field", crate::text::clip(key))),
        Some(key) => Err(format!("{path}.{}: unknown field", crate::text::clip(key))),
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
}
