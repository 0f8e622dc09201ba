//! Numbers and values in messages. A leaf module: it depends on nothing else in the crate.
//!
//! Why not `{}` on an `f64`: in wasm that links core's float printer (several KB), while the page's
//! JavaScript already has one. So in wasm a number is printed by JavaScript's
//! `Number.prototype.toString` (the shortest text that reads back to the same value, as `JSON` writes
//! it), and natively `{}` does the printing.

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

/// Most characters of a bad value a message quotes.
pub const CLIP: usize = 80;

/// `s` cut to [`CLIP`] characters (with `…` when cut), so that a message about a huge value stays
/// readable.
pub fn clip(s: &str) -> String {
    clip_to(s, CLIP)
}

/// `s` cut to `max` characters (with `…` when cut).
pub fn clip_to(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &s[..end]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_numbers_and_clips_values() {
        assert_eq!(list([0.1, -3.0, f64::NAN]), "[0.1, -3, NaN]");
        assert_eq!(sizes(&[2, 4, 1]), "[2, 4, 1]");
        assert_eq!(clip("abc"), "abc");
        let long = "é".repeat(200);
        assert_eq!(clip(&long).chars().count(), CLIP + 1);
    }
}
