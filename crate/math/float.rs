//! The two float types the network computes in, behind one trait, so that every layer, loss and
//! update rule is written once: `f64` (the lessons, gradient checks, numeric gradients, model files)
//! and `f32` (free play's default, where four values fit one SIMD vector instead of two).
//!
//! Only `+ − × ÷`, comparisons and the functions of this trait and of [`Lane`] are used, with no
//! fused multiply-add, so a seed trains to the same bits natively and in wasm in either precision.
//!
//! # Accuracy of the `f32` functions
//! - `tanh` ([`Lane::tanh`]): the boundary kernel's rational minimax approximation
//!   ([`crate::math::lanes::TANH_P`]/[`crate::math::lanes::TANH_Q`]), within
//!   1.4·10⁻⁶ of the true `tanh` over the whole real line (absolute; tested), never reaching ±1
//!   (at most 0.999 999 5; 0.999 999 17 from 7 on).
//! - `sigmoid` ([`Lane::sigmoid`]): `½ + ½ tanh(z/2)`, so within 7·10⁻⁷ of the true logistic function, and inside
//!   (0, 1).
//! - `exp` (softmax, cross-entropy): the `f64` [`crate::math::elementary::exp`] rounded once to `f32`,
//!   so within one `f32` rounding (6·10⁻⁸ relative).
//!
//! `f64` keeps the accurate [`crate::math::elementary`] functions (a few ulps).

use crate::math::elementary;
use crate::math::lanes::{Lane, F8};
use std::fmt::Debug;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

/// What the network needs of its number type.
pub trait Float:
    Lane
    + Copy
    + Default
    + PartialOrd
    + Debug
    + Send
    + Sync
    + 'static
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
    + SubAssign
    + MulAssign
    + DivAssign
    + Sum
{
    /// 0.
    const ZERO: Self;
    /// 1.
    const ONE: Self;
    /// The name the `precision` setting uses.
    const NAME: &'static str;
    /// `v` rounded to this type.
    fn from_f64(v: f64) -> Self;
    /// This value as an `f64` (exact).
    fn to_f64(self) -> f64;
    /// `eˣ` (see the module docs for the accuracy).
    fn exp(self) -> Self;
    /// `ln(1 + x)` (losses only: never on the path of a weight).
    fn ln_1p(self) -> Self;
    /// `ln x` (losses only).
    fn ln(self) -> Self;
    /// `√x` (IEEE: exact rounding everywhere).
    fn sqrt(self) -> Self;
    /// `|x|`.
    fn abs(self) -> Self;
    /// Whether the value is neither infinite nor NaN.
    fn is_finite(self) -> bool;
    /// The larger of the two (NaN loses, as `f64::max`).
    fn max(self, other: Self) -> Self;
    /// `Σ aᵢ·bᵢ` in a fixed order.
    fn dot(a: &[Self], b: &[Self]) -> Self;
    /// `g + Σₑ dₑ·aₑ` over the examples of a lane group (a gradient's share of them), in a fixed
    /// order.
    fn add_products(g: Self, d: &[Self], a: &[Self]) -> Self;
    /// `g + Σₑ dₑ` likewise (a bias's share).
    fn add_sum(g: Self, d: &[Self]) -> Self;
}

impl Float for f64 {
    const ZERO: f64 = 0.0;
    const ONE: f64 = 1.0;
    const NAME: &'static str = "f64";
    #[inline(always)]
    fn from_f64(v: f64) -> f64 {
        v
    }
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self
    }
    #[inline(always)]
    fn exp(self) -> f64 {
        elementary::exp(self)
    }
    #[inline(always)]
    fn ln_1p(self) -> f64 {
        f64::ln_1p(self)
    }
    #[inline(always)]
    fn ln(self) -> f64 {
        f64::ln(self)
    }
    #[inline(always)]
    fn sqrt(self) -> f64 {
        f64::sqrt(self)
    }
    #[inline(always)]
    fn abs(self) -> f64 {
        f64::abs(self)
    }
    #[inline(always)]
    fn is_finite(self) -> bool {
        f64::is_finite(self)
    }
    #[inline(always)]
    fn max(self, other: f64) -> f64 {
        f64::max(self, other)
    }
    /// One running sum from the first pair to the last (what the golden checksums were made with).
    #[inline(always)]
    fn dot(a: &[f64], b: &[f64]) -> f64 {
        a.iter().zip(b).map(|(x, y)| x * y).sum()
    }
    /// From `g`, one example after another (the golden checksums' order).
    #[inline(always)]
    fn add_products(g: f64, d: &[f64], a: &[f64]) -> f64 {
        d.iter().zip(a).fold(g, |s, (&d, &a)| s + d * a)
    }
    #[inline(always)]
    fn add_sum(g: f64, d: &[f64]) -> f64 {
        d.iter().fold(g, |s, &d| s + d)
    }
}

impl Float for f32 {
    const ZERO: f32 = 0.0;
    const ONE: f32 = 1.0;
    const NAME: &'static str = "f32";
    #[inline(always)]
    fn from_f64(v: f64) -> f32 {
        v as f32
    }
    #[inline(always)]
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    #[inline(always)]
    fn exp(self) -> f32 {
        elementary::exp(f64::from(self)) as f32
    }
    #[inline(always)]
    fn ln_1p(self) -> f32 {
        f64::from(self).ln_1p() as f32
    }
    #[inline(always)]
    fn ln(self) -> f32 {
        f64::from(self).ln() as f32
    }
    #[inline(always)]
    fn sqrt(self) -> f32 {
        f32::sqrt(self)
    }
    #[inline(always)]
    fn abs(self) -> f32 {
        f32::abs(self)
    }
    #[inline(always)]
    fn is_finite(self) -> bool {
        f32::is_finite(self)
    }
    #[inline(always)]
    fn max(self, other: f32) -> f32 {
        f32::max(self, other)
    }
    /// Rows of 8 or more: four running sums (one per SIMD lane), added pairwise at the end, one
    /// vector multiply-add per four pairs; shorter rows (the tutorials' 2-input layers): one sum
    /// in order. Either way a fixed order, so the same bits everywhere.
    #[inline(always)]
    fn dot(a: &[f32], b: &[f32]) -> f32 {
        let n = a.len().min(b.len());
        let (a, b) = (&a[..n], &b[..n]);
        if n < 8 {
            return a.iter().zip(b).map(|(x, y)| x * y).sum();
        }
        let mut acc = [0.0f32; 4];
        let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
        let (ra, rb) = (ca.remainder(), cb.remainder());
        for (x, y) in ca.zip(cb) {
            for k in 0..4 {
                acc[k] += x[k] * y[k];
            }
        }
        for (k, (x, y)) in ra.iter().zip(rb).enumerate() {
            acc[k] += x * y;
        }
        (acc[0] + acc[1]) + (acc[2] + acc[3])
    }
    /// A whole group of eight: the products in two vectors and a tree sum, so that the sum over
    /// the examples is no chain of dependent additions; a part-filled group: in order.
    #[inline(always)]
    fn add_products(g: f32, d: &[f32], a: &[f32]) -> f32 {
        if let (Ok(d), Ok(a)) = (<&[f32; 8]>::try_from(d), <&[f32; 8]>::try_from(a)) {
            let mut p = [0.0; 8];
            for k in 0..8 {
                p[k] = d[k] * a[k];
            }
            return g + F8::from_array(p).sum().first();
        }
        d.iter().zip(a).fold(g, |s, (&d, &a)| s + d * a)
    }
    #[inline(always)]
    fn add_sum(g: f32, d: &[f32]) -> f32 {
        if let Ok(d) = <&[f32; 8]>::try_from(d) {
            return g + F8::from_array(*d).sum().first();
        }
        d.iter().fold(g, |s, &d| s + d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f32_tanh_and_sigmoid_are_within_their_stated_bounds() {
        let mut worst = (0.0f64, 0.0f64);
        for i in -200_000..=200_000 {
            let x = i as f64 * 1e-4;
            let t = Lane::tanh(x as f32);
            assert!(t.abs() < 1.0, "tanh({x}) = {t}");
            worst.0 = worst.0.max((f64::from(t) - x.tanh()).abs());
            let s = Lane::sigmoid(x as f32);
            worst.1 = worst.1.max((f64::from(s) - 1.0 / (1.0 + (-x).exp())).abs());
        }
        assert!(worst.0 < 1.4e-6, "tanh {}", worst.0);
        assert!(worst.1 < 7e-7, "sigmoid {}", worst.1);
        // Held inside ±1 (so `1 − a²` and sigmoid's `a·(1 − a)` never reach 0), and odd.
        assert_eq!(Lane::tanh(100.0f32), 0.999_999_17);
        assert_eq!(Lane::tanh(-100.0f32), -0.999_999_17);
        assert!(Lane::sigmoid(-100.0f32) > 0.0 && Lane::sigmoid(100.0f32) < 1.0);
        assert!(Lane::tanh(f32::NAN).is_nan());
    }

    #[test]
    fn f32_dot_sums_every_pair() {
        let a: Vec<f32> = (0..11).map(|i| i as f32).collect();
        let b: Vec<f32> = (0..11).map(|i| (i * 2) as f32).collect();
        let want: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert_eq!(<f32 as Float>::dot(&a, &b), want);
        assert_eq!(<f64 as Float>::dot(&[1.0, 2.0], &[3.0, 4.0]), 11.0);
    }
}
