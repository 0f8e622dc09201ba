//! `exp`, `expm1` and `tanh` in plain `f64` arithmetic.
//!
//! Two reasons. Speed: on wasm32 `f64::exp` and `f64::tanh` are software library calls, and the
//! activations call them for every neuron of every example. Determinism: natively they call the
//! platform's libm, in wasm a different one, and the two may round the last bit differently; these
//! use only `+ − × ÷` (no fused multiply-add), so a seed gives the same bits everywhere.
//!
//! Method: table-driven range reduction `x = (64k + j)·ln 2/64 + r` with `|r| ≤ ln 2/128`, so
//! `eˣ = 2ᵏ · 2^(j/64) · eʳ`: the 64 values `2^(j/64)` are correctly rounded constants, `eʳ` is its
//! Taylor polynomial to degree 5 (truncation < 4·10⁻¹⁷ relative), and `2ᵏ` is set through the
//! exponent bits. (`expm1` near 0 uses the degree-13 series on `|x| ≤ ½ ln 2` instead.) Tests hold `exp` within 4·10⁻¹⁶ and `expm1`, `tanh`
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

/// `2^(j/64)` for `j` in `0..64`, correctly rounded (computed to 60 digits, then rounded once).
const EXP2_TABLE: [u64; 64] = [
    0x3ff0_0000_0000_0000,
    0x3ff0_2c9a_3e77_8061,
    0x3ff0_59b0_d315_8574,
    0x3ff0_8745_1875_9bc8,
    0x3ff0_b558_6cf9_890f,
    0x3ff0_e3ec_32d3_d1a2,
    0x3ff1_1301_d012_5b51,
    0x3ff1_429a_aea9_2de0,
    0x3ff1_72b8_3c7d_517b,
    0x3ff1_a35b_eb6f_cb75,
    0x3ff1_d487_3168_b9aa,
    0x3ff2_063b_8862_8cd6,
    0x3ff2_387a_6e75_6238,
    0x3ff2_6b45_65e2_7cdd,
    0x3ff2_9e9d_f51f_dee1,
    0x3ff2_d285_a6e4_030b,
    0x3ff3_06fe_0a31_b715,
    0x3ff3_3c08_b264_16ff,
    0x3ff3_71a7_373a_a9cb,
    0x3ff3_a7db_34e5_9ff7,
    0x3ff3_dea6_4c12_3422,
    0x3ff4_160a_21f7_2e2a,
    0x3ff4_4e08_6061_892d,
    0x3ff4_86a2_b5c1_3cd0,
    0x3ff4_bfda_d536_2a27,
    0x3ff4_f9b2_769d_2ca7,
    0x3ff5_342b_569d_4f82,
    0x3ff5_6f47_36b5_27da,
    0x3ff5_ab07_dd48_5429,
    0x3ff5_e76f_15ad_2148,
    0x3ff6_247e_b03a_5585,
    0x3ff6_6238_8255_2225,
    0x3ff6_a09e_667f_3bcd,
    0x3ff6_dfb2_3c65_1a2f,
    0x3ff7_1f75_e8ec_5f74,
    0x3ff7_5feb_5642_67c9,
    0x3ff7_a114_73eb_0187,
    0x3ff7_e2f3_36cf_4e62,
    0x3ff8_2589_994c_ce13,
    0x3ff8_68d9_9b44_92ed,
    0x3ff8_ace5_422a_a0db,
    0x3ff8_f1ae_9915_7736,
    0x3ff9_3737_b0cd_c5e5,
    0x3ff9_7d82_9fde_4e50,
    0x3ff9_c491_82a3_f090,
    0x3ffa_0c66_7b5d_e565,
    0x3ffa_5503_b23e_255d,
    0x3ffa_9e6b_5579_fdbf,
    0x3ffa_e89f_995a_d3ad,
    0x3ffb_33a2_b84f_15fb,
    0x3ffb_7f76_f2fb_5e47,
    0x3ffb_cc1e_904b_c1d2,
    0x3ffc_199b_dd85_529c,
    0x3ffc_67f1_2e57_d14b,
    0x3ffc_b720_dcef_9069,
    0x3ffd_072d_4a07_897c,
    0x3ffd_5818_dcfb_a487,
    0x3ffd_a9e6_03db_3285,
    0x3ffd_fc97_337b_9b5f,
    0x3ffe_502e_e78b_3ff6,
    0x3ffe_a4af_a2a4_90da,
    0x3ffe_fa1b_ee61_5a27,
    0x3fff_5076_5b6e_4540,
    0x3fff_a7c1_819e_90d8,
];

/// `eˣ`: exact at 0, `+∞` above 709.78, `0` below −708 (where the result would be subnormal).
#[inline(always)]
pub fn exp(x: f64) -> f64 {
    if x > 709.78 {
        return f64::INFINITY;
    }
    if x < -708.0 {
        return if x.is_nan() { x } else { 0.0 };
    }
    let n = (x * (64.0 * INV_LN2) + ROUNDER) - ROUNDER;
    // ln 2 / 64 split as LN2_HI / 64 + LN2_LO / 64: dividing by 64 is exact.
    let r = (x - n * (LN2_HI / 64.0)) - n * (LN2_LO / 64.0);
    let n = n as i64;
    let (k, j) = (n >> 6, (n & 63) as usize);
    let t = f64::from_bits(EXP2_TABLE[j]);
    let p = r * (1.0 + r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0)))));
    let scale = f64::from_bits(((k + 1023) as u64) << 52);
    (t + t * p) * scale
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
