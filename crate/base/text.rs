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

/// The decimal number at the start of `chars` (digits, an optional fraction, an optional exponent
/// such as `e-3`) and how many characters it takes; `None` where no digit starts it. Read by hand:
/// the standard library's parser would add its own kilobytes to the wasm. Exact (one rounding) for
/// up to 15 significant digits and exponents within ±22, within a few units in the last place
/// beyond; infinite past `f64`'s range.
pub fn leading_decimal(chars: &[char]) -> Option<(f64, usize)> {
    let mut at = 0;
    let (mut mantissa, mut digits, mut scale) = (0u64, 0u32, 0i32);
    let mut take = |at: &mut usize, fraction: bool| {
        while let Some(d) = chars.get(*at).and_then(|c| c.to_digit(10)) {
            *at += 1;
            if mantissa == 0 && d == 0 {
                scale -= i32::from(fraction);
                continue;
            }
            if digits < 18 {
                mantissa = mantissa * 10 + u64::from(d);
                digits += 1;
                scale -= i32::from(fraction);
            } else {
                scale += i32::from(!fraction);
            }
        }
    };
    take(&mut at, false);
    let whole = at;
    if chars.get(at) == Some(&'.') {
        at += 1;
        take(&mut at, true);
    }
    if whole == 0 && at <= 1 {
        return None;
    }
    if matches!(chars.get(at), Some('e' | 'E')) {
        let negative = chars.get(at + 1) == Some(&'-');
        let first = at + 1 + usize::from(matches!(chars.get(at + 1), Some('-' | '+')));
        if chars.get(first).is_some_and(|c| c.is_ascii_digit()) {
            at = first;
            let mut e = 0i32;
            while let Some(d) = chars.get(at).and_then(|c| c.to_digit(10)) {
                at += 1;
                e = (e * 10 + d as i32).min(10_000);
            }
            scale += if negative { -e } else { e };
        }
    }
    let ten = |k: i32| (0..k.min(400)).fold(1.0f64, |p, _| p * 10.0);
    let v = if scale >= 0 {
        mantissa as f64 * ten(scale)
    } else {
        mantissa as f64 / ten(-scale)
    };
    Some((v, at))
}

/// `text` as a decimal number, all of it ([`leading_decimal`]); `None` for anything else.
pub fn decimal(text: &str) -> Option<f64> {
    let chars: Vec<char> = text.chars().collect();
    leading_decimal(&chars)
        .filter(|&(_, n)| n == chars.len())
        .map(|(v, _)| v)
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
