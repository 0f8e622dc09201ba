//! `exp`, `expm1` and `tanh` in plain `f64` arithmetic.
//!
//! Two reasons. Speed: on wasm32 `f64::exp` and `f64::tanh` are software library calls, and the
//! activations call them for every neuron of every example. Determinism: natively they call the
//! platform's libm, in wasm a different one, and the two may round the last bit differently; these
//! use only `+ − × ÷` (no fused multiply-add), so a seed gives the same bits everywhere.
//!
//! Method: Cody–Waite range reduction `x = n ln 2 + r`, `|r| ≤ ½ ln 2`, and the Taylor polynomial of
//! `eʳ` to degree 13, whose truncation error (< 5·10⁻¹⁸ relative) is below `f64` rounding; the result
//! is scaled by `2ⁿ` through the exponent bits. Tests hold `exp` within 4·10⁻¹⁶ and `expm1`, `tanh`
//! within 10⁻¹⁵ relative of the standard library (a few units in the last place).

/// ln 2 split so that `n · LN2_HI` is exact for the `n` that occur (fdlibm's constants).
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
/// Adding and subtracting 1.5 · 2⁵² rounds to the nearest integer in two additions, where
/// `f64::round` is a library call (natively without SSE4.1, and in wasm).
const ROUNDER: f64 = 6_755_399_441_055_744.0;
const INV_LN2: f64 = std::f64::consts::LOG2_E;

/// `(eʳ − 1) / r` for `|r| ≤ ½ ln 2`, by Horner on the Taylor coefficients `1/(k+1)!`.
#[inline(always)]
fn expm1_over_r(r: f64) -> f64 {
    const C: [f64; 13] = [
        1.0 / 2.0,
        1.0 / 6.0,
        1.0 / 24.0,
        1.0 / 120.0,
        1.0 / 720.0,
        1.0 / 5040.0,
        1.0 / 40320.0,
        1.0 / 362_880.0,
        1.0 / 3_628_800.0,
        1.0 / 39_916_800.0,
        1.0 / 479_001_600.0,
        1.0 / 6_227_020_800.0,
        1.0 / 87_178_291_200.0,
    ];
    let mut p = C[12];
    for &c in C[..12].iter().rev() {
        p = p * r + c;
    }
    1.0 + r * p
}

/// `eˣ`: exact at 0, `+∞` above 709.78, `0` below −708 (where the result would be subnormal).
#[inline(always)]
pub fn exp(x: f64) -> f64 {
    if x > 709.78 {
        return f64::INFINITY;
    }
    if x < -708.0 {
        return if x.is_nan() { x } else { 0.0 };
    }
    let n = (x * INV_LN2 + ROUNDER) - ROUNDER;
    let r = (x - n * LN2_HI) - n * LN2_LO;
    let scale = f64::from_bits(((n as i64 + 1023) as u64) << 52);
    (1.0 + r * expm1_over_r(r)) * scale
}

/// `eˣ − 1`, accurate near 0 where `exp(x) − 1` would cancel.
#[inline(always)]
pub fn expm1(x: f64) -> f64 {
    if x.abs() < 0.5 * std::f64::consts::LN_2 {
        x * expm1_over_r(x)
    } else {
        exp(x) - 1.0
    }
}

/// `tanh x = −expm1(−2|x|) / (2 + expm1(−2|x|))`, with the sign of `x`; ±1 beyond |x| = 20.
#[inline(always)]
pub fn tanh(x: f64) -> f64 {
    let a = x.abs();
    if a > 20.0 {
        return 1.0_f64.copysign(x);
    }
    let e = expm1(-2.0 * a);
    (-e / (2.0 + e)).copysign(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(a: f64, b: f64) -> f64 {
        if a == b {
            0.0
        } else {
            (a - b).abs() / a.abs().max(b.abs())
        }
    }

    /// A dense sweep plus the edges of each branch.
    fn points(lo: f64, hi: f64) -> Vec<f64> {
        let n = 200_000;
        let mut v: Vec<f64> = (0..=n)
            .map(|i| lo + (hi - lo) * i as f64 / n as f64)
            .collect();
        v.extend([
            0.0, -0.0, 1e-300, -1e-300, 1e-9, -1e-9, 0.3465, -0.3466, 0.5, -0.5,
        ]);
        v
    }

    #[test]
    fn exp_matches_std() {
        let worst = points(-708.0, 709.7)
            .into_iter()
            .map(|x| rel(exp(x), x.exp()))
            .fold(0.0, f64::max);
        assert!(worst < 4e-16, "exp: {worst:e}");
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(800.0), f64::INFINITY);
        assert_eq!(exp(-800.0), 0.0);
        assert!(exp(f64::NAN).is_nan());
    }

    #[test]
    fn expm1_and_tanh_match_std() {
        let worst = points(-5.0, 5.0)
            .into_iter()
            .map(|x| rel(expm1(x), x.exp_m1()))
            .fold(0.0, f64::max);
        assert!(worst < 1e-15, "expm1: {worst:e}");
        let worst = points(-25.0, 25.0)
            .into_iter()
            .map(|x| rel(tanh(x), x.tanh()))
            .fold(0.0, f64::max);
        assert!(worst < 1e-15, "tanh: {worst:e}");
        assert_eq!(tanh(0.0), 0.0);
        assert!(tanh(-0.0).is_sign_negative());
        assert!(tanh(f64::NAN).is_nan());
    }
}
