//! `exp`, `expm1` and `tanh` in plain `f64` arithmetic.
//!
//! Two reasons. Speed: on wasm32 `f64::exp` and `f64::tanh` are software library calls, and the
//! activations call them for every neuron of every example. Determinism: natively they call the
//! platform's libm, in wasm a different one, and the two may round the last bit differently; these
//! use only `+ − × ÷` (no fused multiply-add), so a seed gives the same bits everywhere.
//!
//! Method: table-driven range reduction `x = (32k + j)·ln 2/32 + r` with `|r| ≤ ln 2/64`, so
//! `eˣ = s · eʳ` with `s = 2ᵏ · 2^(j/32)`: the 32 values `2^(j/32)` are correctly rounded constants
//! with their rounding tails, `eʳ − 1` is a degree-6 polynomial fitted for relative accuracy (error
//! < 5·10⁻¹⁷ relative, small even next to `expm1`'s result near 0; see `P3`), and `2ᵏ` is set
//! through the exponent bits. `expm1`
//! is `(s − 1) + (tail + s·(eʳ − 1))`: `s − 1` is exact wherever it could cancel (`s` in `[½, 2]`),
//! so it stays accurate near 0 without a branch. No data-dependent branch is left on the common
//! path: the activations call these for every neuron of every example, and a mispredicted branch
//! costs as much as the arithmetic. Tests hold `exp` within 4·10⁻¹⁶ and `expm1`, `tanh` within
//! 10⁻¹⁵ relative of the standard library (a few units in the last place).

/// ln 2 split so that `n · LN2_HI` is exact for the `n` that occur (fdlibm's constants).
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
/// Adding and subtracting 1.5 · 2⁵² rounds to the nearest integer in two additions, where
/// `f64::round` is a library call (natively without SSE4.1, and in wasm).
const ROUNDER: f64 = 6_755_399_441_055_744.0;
const INV_LN2: f64 = std::f64::consts::LOG2_E;

/// `2^(j/32)` for `j` in `0..32`, correctly rounded (computed to 60 digits, then rounded once).
const EXP2_TABLE: [u64; 32] = [
    0x3ff0_0000_0000_0000,
    0x3ff0_59b0_d315_8574,
    0x3ff0_b558_6cf9_890f,
    0x3ff1_1301_d012_5b51,
    0x3ff1_72b8_3c7d_517b,
    0x3ff1_d487_3168_b9aa,
    0x3ff2_387a_6e75_6238,
    0x3ff2_9e9d_f51f_dee1,
    0x3ff3_06fe_0a31_b715,
    0x3ff3_71a7_373a_a9cb,
    0x3ff3_dea6_4c12_3422,
    0x3ff4_4e08_6061_892d,
    0x3ff4_bfda_d536_2a27,
    0x3ff5_342b_569d_4f82,
    0x3ff5_ab07_dd48_5429,
    0x3ff6_247e_b03a_5585,
    0x3ff6_a09e_667f_3bcd,
    0x3ff7_1f75_e8ec_5f74,
    0x3ff7_a114_73eb_0187,
    0x3ff8_2589_994c_ce13,
    0x3ff8_ace5_422a_a0db,
    0x3ff9_3737_b0cd_c5e5,
    0x3ff9_c491_82a3_f090,
    0x3ffa_5503_b23e_255d,
    0x3ffa_e89f_995a_d3ad,
    0x3ffb_7f76_f2fb_5e47,
    0x3ffc_199b_dd85_529c,
    0x3ffc_b720_dcef_9069,
    0x3ffd_5818_dcfb_a487,
    0x3ffd_fc97_337b_9b5f,
    0x3ffe_a4af_a2a4_90da,
    0x3fff_5076_5b6e_4540,
];

/// `2^(j/32) − EXP2_TABLE[j]`, rounded: the tails that make `s − 1` accurate to the last place.
const EXP2_TAIL: [u64; 32] = [
    0x0000_0000_0000_0000,
    0x3c8d_73e2_a475_b465,
    0x3c98_a62e_4adc_610b,
    0xbc96_c510_3944_9b3a,
    0xbc81_9041_b9d7_8a76,
    0x3c9e_016e_00a2_643c,
    0x3c99_b07e_b6c7_0573,
    0x3c86_12e8_afad_1255,
    0x3c86_f46a_d231_82e4,
    0xbc96_3aea_bf42_eae2,
    0x3c8a_da09_11f0_9ebc,
    0x3c48_9b7a_04ef_80d0,
    0x3c7d_4397_afec_42e2,
    0xbc80_7abe_1db1_3cad,
    0x3c96_324c_0546_47ad,
    0xbc93_83c1_7e40_b497,
    0xbc9b_dd34_13b2_6456,
    0xbc81_6e47_8688_7a99,
    0xbc84_1577_ee04_992f,
    0xbc9d_4c1d_d415_32d8,
    0x3c96_e9f1_5686_4b27,
    0xbc67_5fc7_81b5_7ebc,
    0x3c7c_7c46_b071_f2be,
    0xbc9d_2f6e_db8d_41e1,
    0x3c97_a1cd_345d_cc81,
    0xbc75_584f_7e54_ac3b,
    0x3c81_1065_8950_48dd,
    0x3c75_03cb_d1e9_49db,
    0x3c82_ed02_d75b_3707,
    0xbc91_a5cd_4f18_4b5c,
    0xbc9e_9c23_179c_2893,
    0x3c99_d3e1_2dd8_a18b,
];

/// `eʳ − 1 ≈ r + r²/2 + r³·(P3 + P4·r + P5·r² + P6·r³)` on `|r| ≤ ln 2/64`: the cubic interpolates
/// `(eʳ − 1 − r − r²/2)/r³` at the four Chebyshev nodes of that interval (solved in 60-digit
/// arithmetic, then rounded), so its relative error there is below 2.1·10⁻¹², which is below
/// 4.1·10⁻¹⁷ of `eʳ − 1` itself. The Taylor coefficients (1/6, 1/24, 1/120, 1/720) would need
/// twice the table for the same accuracy.
const P3: f64 = f64::from_bits(0x3fc5_5555_5555_254f);
const P4: f64 = f64::from_bits(0x3fa5_5555_5555_3d52);
const P5: f64 = f64::from_bits(0x3f81_1114_30bc_a26e);
const P6: f64 = f64::from_bits(0x3f56_c16f_366c_ee82);

/// `x = ln s + r`: returns `s = 2ᵏ · 2^(j/32)` as a rounded head and its tail, and `eʳ − 1`, for
/// `−708 ≤ x ≤ 709.78` (other arguments, NaN included, give a meaningless finite or NaN result).
#[inline(always)]
fn reduce(x: f64) -> (f64, f64, f64) {
    let shifted = x * (32.0 * INV_LN2) + ROUNDER;
    let n = shifted - ROUNDER;
    // ln 2 / 32 split as LN2_HI / 32 + LN2_LO / 32: dividing by 32 is exact.
    let r = (x - n * (LN2_HI / 32.0)) - n * (LN2_LO / 32.0);
    // `shifted` holds n in its low mantissa bits (its ulp is 1): no float-to-integer conversion.
    let n = (shifted.to_bits() as i64).wrapping_sub(ROUNDER.to_bits() as i64);
    let (k, j) = (n >> 5, (n & 31) as usize);
    let t = f64::from_bits(EXP2_TABLE[j]);
    // Estrin's scheme rather than Horner's: the same polynomial in 4 dependent steps instead of 12, and
    // the activations of a lone example (online training) wait on exactly this chain.
    let r2 = r * r;
    let lo = r + r2 * (0.5 + r * P3);
    let hi = (P4 + r * P5) + r2 * P6;
    let p = lo + (r2 * r2) * hi;
    let scale = f64::from_bits((k.wrapping_add(1023) as u64) << 52);
    (t * scale, f64::from_bits(EXP2_TAIL[j]) * scale, p)
}

/// `x` limited to `[lo, hi]`, NaN passing through (selects, not branches).
#[inline(always)]
fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    let x = if x < lo { lo } else { x };
    if x > hi {
        hi
    } else {
        x
    }
}

/// `eˣ`: exact at 0, `+∞` above 709.78, `0` below −708 (where the result would be subnormal).
/// Computed on the clamped argument and then selected, so a loop over many values has no branch.
#[inline(always)]
pub fn exp(x: f64) -> f64 {
    let (s, tail, p) = reduce(clamp(x, -708.0, 709.78));
    let v = s + (tail + s * p);
    let v = if x < -708.0 { 0.0 } else { v };
    if x > 709.78 {
        f64::INFINITY
    } else {
        v
    }
}

/// `eˣ − 1`, accurate near 0 where `exp(x) − 1` would cancel; `−1` from −40 down (where `eˣ` < 2⁻⁵⁷
/// and the formula itself rounds to −1).
#[inline(always)]
pub fn expm1(x: f64) -> f64 {
    let v = expm1_within(clamp(x, -40.0, 709.78));
    if x > 709.78 {
        f64::INFINITY
    } else {
        v
    }
}

/// `tanh x = −expm1(−2|x|) / (2 + expm1(−2|x|))`, with the sign of `x` (±1 once `|x| > 20`, where
/// `expm1` returns −1 exactly).
#[inline(always)]
pub fn tanh(x: f64) -> f64 {
    // `expm1` of an argument that is never positive, so without its overflow guard (NaN passes).
    let y = -2.0 * x.abs();
    let e = expm1_within(if y < -40.0 { -40.0 } else { y });
    (-e / (2.0 + e)).copysign(x)
}

/// `eˣ − 1` for `x` in `[−40, 709.78]` (NaN gives NaN).
#[inline(always)]
fn expm1_within(x: f64) -> f64 {
    let (s, tail, p) = reduce(x);
    (s - 1.0) + (tail + s * p)
}

/// π/2 in three 33-bit parts (fdlibm's `pio2_1`, `pio2_2`, `pio2_3`): `k · part` is exact for
/// `|k| < 2²⁰`, so the reduced argument keeps full precision for the angles that occur here.
const PIO2_1: f64 = f64::from_bits(0x3ff9_21fb_5440_0000);
const PIO2_2: f64 = f64::from_bits(0x3dd0_b461_1a60_0000);
const PIO2_3: f64 = f64::from_bits(0x3ba3_198a_2e00_0000);

/// `(sin x, cos x)` for the angles the data generators draw (`|x| ≤ 10⁵`; the tests hold them within
/// 3·10⁻¹⁶, one unit in the last place, of the standard library over ±100). The standard library's versions are library calls in
/// wasm (with a large-argument reducer) and the platform's libm natively: these are smaller, and
/// give the same bits in both, so a seed draws the same spiral everywhere.
pub fn sin_cos(x: f64) -> (f64, f64) {
    let k = (x * std::f64::consts::FRAC_2_PI + ROUNDER) - ROUNDER;
    let r = ((x - k * PIO2_1) - k * PIO2_2) - k * PIO2_3;
    let z = r * r;
    // Minimax polynomials on [−π/4, π/4] (fdlibm's `__kernel_sin` and `__kernel_cos` coefficients).
    let sin = r + r
        * z
        * (-0.16666666666666632
            + z * (0.00833333333332249
                + z * (-0.0001984126982985795
                    + z * (2.7557313707070068e-06
                        + z * (-2.5050760253406863e-08 + z * 1.58969099521155e-10)))));
    let cos = 1.0 - 0.5 * z
        + z * z
            * (0.0416666666666666
                + z * (-0.001388888888887411
                    + z * (2.480158728947673e-05
                        + z * (-2.7557314351390663e-07
                            + z * (2.087572321298175e-09 + z * -1.1359647557788195e-11)))));
    match (k as i64) & 3 {
        0 => (sin, cos),
        1 => (cos, -sin),
        2 => (-sin, -cos),
        _ => (-cos, sin),
    }
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

    /// The largest relative difference between `ours` and `std` over [`points`]`(lo, hi)`.
    fn worst(lo: f64, hi: f64, ours: fn(f64) -> f64, std: fn(f64) -> f64) -> f64 {
        points(lo, hi)
            .into_iter()
            .map(|x| rel(ours(x), std(x)))
            .fold(0.0, f64::max)
    }

    #[test]
    fn exp_matches_std() {
        let e = worst(-708.0, 709.7, exp, f64::exp);
        assert!(e < 4e-16, "exp: {e:e}");
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(800.0), f64::INFINITY);
        assert_eq!(exp(-800.0), 0.0);
        assert!(exp(f64::NAN).is_nan());
    }

    #[test]
    fn sin_cos_match_std() {
        let mut worst = 0.0f64;
        for x in points(-100.0, 100.0) {
            let (s, c) = sin_cos(x);
            worst = worst.max((s - x.sin()).abs()).max((c - x.cos()).abs());
        }
        assert!(worst < 3e-16, "sin/cos: {worst:e}");
        assert_eq!(sin_cos(0.0), (0.0, 1.0));
        let (s, c) = sin_cos(std::f64::consts::PI);
        assert!(s.abs() < 2e-16 && c == -1.0, "{s} {c}");
    }

    #[test]
    fn expm1_and_tanh_match_std() {
        let e = worst(-5.0, 5.0, expm1, f64::exp_m1);
        assert!(e < 1e-15, "expm1: {e:e}");
        let t = worst(-25.0, 25.0, tanh, f64::tanh);
        assert!(t < 1e-15, "tanh: {t:e}");
        assert_eq!(tanh(0.0), 0.0);
        assert!(tanh(-0.0).is_sign_negative());
        assert!(tanh(f64::NAN).is_nan());
        assert!(expm1(f64::NAN).is_nan());
        assert_eq!(expm1(-40.0), -1.0);
        assert_eq!(expm1(-1e6), -1.0);
        assert_eq!(expm1(1e6), f64::INFINITY);
        assert_eq!(tanh(1e300), 1.0);
        assert_eq!(tanh(-1e300), -1.0);
    }

    /// Near 0 `expm1` and `tanh` return about `r` itself, so the polynomial's error is measured
    /// against a small result: the whole first table interval `|r| ≤ ln 2/64` and beyond, densely.
    #[test]
    fn expm1_and_tanh_stay_accurate_near_zero() {
        let (mut e, mut t) = (0.0f64, 0.0f64);
        for i in 0..=1_000_000 {
            let x = -0.05 + 0.1 * f64::from(i) / 1e6;
            e = e.max(rel(expm1(x), x.exp_m1()));
            t = t.max(rel(tanh(x), x.tanh()));
        }
        assert!(e < 4e-16, "expm1: {e:e}");
        assert!(t < 6e-16, "tanh: {t:e}");
    }
}
