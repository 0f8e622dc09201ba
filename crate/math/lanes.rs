//! SIMD lanes: [`F4`] (four `f32` lanes, `simd128` in wasm and arrays LLVM vectorises natively),
//! [`F8`] (eight lanes as two [`F4`]: two independent chains the CPU overlaps), and [`Lane`], the
//! arithmetic an activation function needs, written once for one number or many. A scalar `f32`
//! and the lanes of an [`F4`] compute the same rational `tanh`, lane for lane.

use crate::math::elementary;

/// What an activation function and its derivative need of a number type: `f64` and `f32` (one
/// value) and [`F4`]/[`F8`] (four or eight). Each type keeps its own rounding of `tanh` and
/// sigmoid ([`crate::math::float`] states their accuracy) and its own way with NaN, which only a
/// diverged network meets: a scalar `relu(NaN)` is 0 and a NaN `z` keeps the error (training
/// gives the same bits as ever); the SIMD lanes pass NaN through `relu` (as wasm's `f32x4.pmax`)
/// and zero the error.
pub trait Lane: Copy {
    /// `v` in every lane.
    fn splat(v: f32) -> Self;
    /// `self + o`.
    fn add(self, o: Self) -> Self;
    /// `self − o`.
    fn sub(self, o: Self) -> Self;
    /// `self × o`.
    fn mul(self, o: Self) -> Self;
    /// `self ÷ o`.
    fn div(self, o: Self) -> Self;
    /// `tanh x`.
    fn tanh(self) -> Self;
    /// `1 / (1 + e⁻ˣ)`.
    fn sigmoid(self) -> Self;
    /// `max(x, 0)`.
    fn relu(self) -> Self;
    /// 1 where `x ≥ 0`, else 0.
    fn step(self) -> Self;
    /// `self` where `z > 0`, else 0: ReLU's derivative applied to an error.
    fn where_positive(self, z: Self) -> Self;
}

/// Where the rational `tanh` is clamped: past ±7 it keeps its value there, ±0.999 999 17 (a
/// larger clamp costs accuracy below it; `1 − tanh 7` is 1.7·10⁻⁶).
pub const TANH_CLAMP: f32 = 7.0;
/// Numerator coefficients (in `x²`) of the rational `tanh`: `tanh x ≈ x·P(x²)/Q(x²)`, a
/// `[7/6]` minimax fit on `[0, 7]` for absolute error, with `P(0) = Q(0) = 1` (the slope at 0
/// exact) and the fit held below 1 − 3·10⁻⁷ so that no rounding takes it to ±1 or past. Found by
/// linear programming on 2 600 points, rounded to `f32`, then checked on every `f32` in
/// `[2⁻¹⁰, 10]`: within 1.31·10⁻⁶ of `tanh` (at 4.28), at most 0.999 999 5.
pub const TANH_P: [f32; 4] = [1.0, 0.123_212_86, 0.002_292_292, 3.991_874e-6];
/// Denominator coefficients (in `x²`).
pub const TANH_Q: [f32; 4] = [1.0, 0.456_539_45, 0.021_148_12, 1.438_944_5e-4];

/// `v·P(v²)/Q(v²)` for a `v` already clamped to ±[`TANH_CLAMP`]. The polynomials by Estrin's
/// scheme (pairs, then the pair of pairs) rather than Horner's: four dependent steps after `v²`
/// instead of six, and training with online SGD waits on that chain twice per example.
#[inline(always)]
pub(crate) fn rational_tanh<T: Lane>(v: T) -> T {
    let (p, q) = (TANH_P.map(T::splat), TANH_Q.map(T::splat));
    let u = v.mul(v);
    let u2 = u.mul(u);
    let num = p[0].add(p[1].mul(u)).add(u2.mul(p[2].add(p[3].mul(u))));
    let den = q[0].add(q[1].mul(u)).add(u2.mul(q[2].add(q[3].mul(u))));
    v.mul(num).div(den)
}

/// The rational `tanh` in `f32`, lane for lane the arithmetic of the boundary kernel's.
#[inline(always)]
pub fn tanh_f32(x: f32) -> f32 {
    // Selects, not `clamp`: they vectorise, and NaN passes through.
    let v = if x < -TANH_CLAMP { -TANH_CLAMP } else { x };
    let v = if v > TANH_CLAMP { TANH_CLAMP } else { v };
    rational_tanh(v)
}

/// The scalar types: `f64` with the accurate [`elementary`] functions, `f32` with the rational
/// `tanh` that [`F4`] computes lane for lane.
macro_rules! scalar_lane {
    ($t:ty, $tanh:expr, $sigmoid:expr) => {
        impl Lane for $t {
            #[inline(always)]
            fn splat(v: f32) -> $t {
                v as $t
            }
            #[inline(always)]
            fn add(self, o: $t) -> $t {
                self + o
            }
            #[inline(always)]
            fn sub(self, o: $t) -> $t {
                self - o
            }
            #[inline(always)]
            fn mul(self, o: $t) -> $t {
                self * o
            }
            #[inline(always)]
            fn div(self, o: $t) -> $t {
                self / o
            }
            #[inline(always)]
            fn tanh(self) -> $t {
                $tanh(self)
            }
            #[inline(always)]
            fn sigmoid(self) -> $t {
                $sigmoid(self)
            }
            /// NaN gives 0.
            #[inline(always)]
            fn relu(self) -> $t {
                self.max(0.0)
            }
            #[inline(always)]
            fn step(self) -> $t {
                if self >= 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            /// A NaN `z` keeps the error (it is not `≤ 0`).
            #[inline(always)]
            fn where_positive(self, z: $t) -> $t {
                if z <= 0.0 {
                    0.0
                } else {
                    self
                }
            }
        }
    };
}

// Relative error a few ulps on both sides, so the sigmoid needs no branch on the sign of `z` (which
// training mispredicts half the time); neither end overflows into a NaN.
scalar_lane!(f64, elementary::tanh, |z: f64| 1.0
    / (1.0 + elementary::exp(-z)));
scalar_lane!(f32, tanh_f32, |z: f32| 0.5 + 0.5 * tanh_f32(0.5 * z));

type Lanes4 = [f32; 4];

/// Four `f32` lanes: `v128` SIMD in wasm (so the division and clamps of `tanh` vectorise too),
/// plain arrays elsewhere (LLVM vectorises those natively).
#[derive(Clone, Copy, Debug)]
pub struct F4(Inner);

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
type Inner = core::arch::wasm32::v128;
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
type Inner = Lanes4;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
impl F4 {
    #[inline(always)]
    pub(crate) fn splat(v: f32) -> F4 {
        F4(core::arch::wasm32::f32x4_splat(v))
    }
    #[inline(always)]
    pub(crate) fn from(a: Lanes4) -> F4 {
        F4(core::arch::wasm32::f32x4(a[0], a[1], a[2], a[3]))
    }
    #[inline(always)]
    pub(crate) fn to_array(self) -> Lanes4 {
        use core::arch::wasm32::f32x4_extract_lane as lane;
        [
            lane::<0>(self.0),
            lane::<1>(self.0),
            lane::<2>(self.0),
            lane::<3>(self.0),
        ]
    }
    #[inline(always)]
    pub(crate) fn add(self, o: F4) -> F4 {
        F4(core::arch::wasm32::f32x4_add(self.0, o.0))
    }
    #[inline(always)]
    pub(crate) fn mul(self, o: F4) -> F4 {
        F4(core::arch::wasm32::f32x4_mul(self.0, o.0))
    }
    #[inline(always)]
    pub(crate) fn div(self, o: F4) -> F4 {
        F4(core::arch::wasm32::f32x4_div(self.0, o.0))
    }
    #[inline(always)]
    pub(crate) fn sub(self, o: F4) -> F4 {
        F4(core::arch::wasm32::f32x4_sub(self.0, o.0))
    }
    /// The sum of the four lanes, in every lane.
    #[inline(always)]
    pub(crate) fn sum(self) -> F4 {
        use core::arch::wasm32::i32x4_shuffle;
        let s = self.add(F4(i32x4_shuffle::<2, 3, 0, 1>(self.0, self.0)));
        s.add(F4(i32x4_shuffle::<1, 0, 3, 2>(s.0, s.0)))
    }
    /// `min(max(self, lo), hi)`.
    #[inline(always)]
    pub(crate) fn clamp(self, lo: f32, hi: f32) -> F4 {
        use core::arch::wasm32::{f32x4_pmax, f32x4_pmin, f32x4_splat};
        F4(f32x4_pmin(
            f32x4_pmax(self.0, f32x4_splat(lo)),
            f32x4_splat(hi),
        ))
    }
    /// `self` where positive, else 0.
    #[inline(always)]
    pub(crate) fn relu(self) -> F4 {
        F4(core::arch::wasm32::f32x4_pmax(
            self.0,
            core::arch::wasm32::f32x4_splat(0.0),
        ))
    }
    /// `self` where `v > 0`, else 0: ReLU's derivative applied, `v` its input or its output (the
    /// same lanes are positive; NaN gives 0).
    #[inline(always)]
    pub(crate) fn where_positive(self, v: F4) -> F4 {
        use core::arch::wasm32::{f32x4_gt, f32x4_splat, v128_and};
        F4(v128_and(self.0, f32x4_gt(v.0, f32x4_splat(0.0))))
    }
    /// 1 where `self ≥ 0`, else 0.
    #[inline(always)]
    pub(crate) fn step(self) -> F4 {
        use core::arch::wasm32::{f32x4_ge, f32x4_splat, v128_bitselect};
        let zero = f32x4_splat(0.0);
        F4(v128_bitselect(
            f32x4_splat(1.0),
            zero,
            f32x4_ge(self.0, zero),
        ))
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
impl F4 {
    #[inline(always)]
    pub(crate) fn splat(v: f32) -> F4 {
        F4([v; 4])
    }
    #[inline(always)]
    pub(crate) fn from(a: Lanes4) -> F4 {
        F4(a)
    }
    #[inline(always)]
    pub(crate) fn to_array(self) -> Lanes4 {
        self.0
    }
    #[inline(always)]
    fn zip(self, o: F4, f: impl Fn(f32, f32) -> f32) -> F4 {
        F4([
            f(self.0[0], o.0[0]),
            f(self.0[1], o.0[1]),
            f(self.0[2], o.0[2]),
            f(self.0[3], o.0[3]),
        ])
    }
    #[inline(always)]
    pub(crate) fn add(self, o: F4) -> F4 {
        self.zip(o, |a, b| a + b)
    }
    #[inline(always)]
    pub(crate) fn mul(self, o: F4) -> F4 {
        self.zip(o, |a, b| a * b)
    }
    #[inline(always)]
    pub(crate) fn div(self, o: F4) -> F4 {
        self.zip(o, |a, b| a / b)
    }
    #[inline(always)]
    pub(crate) fn sub(self, o: F4) -> F4 {
        self.zip(o, |a, b| a - b)
    }
    #[inline(always)]
    pub(crate) fn sum(self) -> F4 {
        let [a, b, c, d] = self.0;
        F4([(a + c) + (b + d); 4])
    }
    #[inline(always)]
    pub(crate) fn clamp(self, lo: f32, hi: f32) -> F4 {
        F4(self.0.map(|v| v.clamp(lo, hi)))
    }
    /// As wasm's `f32x4.pmax(v, 0)`: −0 and NaN pass through, so both targets give the same bits.
    #[inline(always)]
    pub(crate) fn relu(self) -> F4 {
        F4(self.0.map(|v| if v < 0.0 { 0.0 } else { v }))
    }
    #[inline(always)]
    pub(crate) fn where_positive(self, v: F4) -> F4 {
        F4([0, 1, 2, 3].map(|k| if v.0[k] > 0.0 { self.0[k] } else { 0.0 }))
    }
    #[inline(always)]
    pub(crate) fn step(self) -> F4 {
        F4(self.0.map(|v| if v >= 0.0 { 1.0 } else { 0.0 }))
    }
}

/// Eight `f32` lanes as two [`F4`]: each operation on both halves, two independent chains.
#[derive(Clone, Copy, Debug)]
pub struct F8(pub(crate) F4, pub(crate) F4);

impl F8 {
    /// Eight lanes from an array.
    #[inline(always)]
    pub(crate) fn from_array(a: [f32; 8]) -> F8 {
        F8(
            F4::from([a[0], a[1], a[2], a[3]]),
            F4::from([a[4], a[5], a[6], a[7]]),
        )
    }
    /// The eight lanes as an array.
    #[inline(always)]
    pub(crate) fn to_array(self) -> [f32; 8] {
        let (a, b) = (self.0.to_array(), self.1.to_array());
        [a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]]
    }
    /// `f` on both halves.
    #[inline(always)]
    pub(crate) fn map(self, f: impl Fn(F4) -> F4) -> F8 {
        F8(f(self.0), f(self.1))
    }
    /// `f` on both halves of the pair.
    #[inline(always)]
    pub(crate) fn zip(self, o: F8, f: impl Fn(F4, F4) -> F4) -> F8 {
        F8(f(self.0, o.0), f(self.1, o.1))
    }
    /// Every lane times the same value (splatted).
    #[inline(always)]
    pub(crate) fn scale(self, s: F4) -> F8 {
        self.map(|h| h.mul(s))
    }
    /// The sum of the eight lanes, in every lane: `((v₀ + v₄) + (v₂ + v₆)) + ((v₁ + v₅) + (v₃ + v₇))`,
    /// the halves added, then [`F4::sum`].
    #[inline(always)]
    pub(crate) fn sum(self) -> F4 {
        self.0.add(self.1).sum()
    }
}

impl F4 {
    /// Lane 0.
    #[inline(always)]
    pub(crate) fn first(self) -> f32 {
        self.to_array()[0]
    }
}

/// `tanh` for four lanes: the rational approximation, clamped at ±[`TANH_CLAMP`].
#[inline(always)]
pub(crate) fn tanh4(x: F4) -> F4 {
    rational_tanh(x.clamp(-TANH_CLAMP, TANH_CLAMP))
}

impl Lane for F4 {
    #[inline(always)]
    fn splat(v: f32) -> F4 {
        F4::splat(v)
    }
    #[inline(always)]
    fn add(self, o: F4) -> F4 {
        F4::add(self, o)
    }
    #[inline(always)]
    fn sub(self, o: F4) -> F4 {
        F4::sub(self, o)
    }
    #[inline(always)]
    fn mul(self, o: F4) -> F4 {
        F4::mul(self, o)
    }
    #[inline(always)]
    fn div(self, o: F4) -> F4 {
        F4::div(self, o)
    }
    #[inline(always)]
    fn tanh(self) -> F4 {
        tanh4(self)
    }
    /// `½ + ½ tanh(z/2)`, as the scalar `f32` sigmoid.
    #[inline(always)]
    fn sigmoid(self) -> F4 {
        let half = F4::splat(0.5);
        tanh4(self.mul(half)).mul(half).add(half)
    }
    #[inline(always)]
    fn relu(self) -> F4 {
        F4::relu(self)
    }
    #[inline(always)]
    fn step(self) -> F4 {
        F4::step(self)
    }
    #[inline(always)]
    fn where_positive(self, z: F4) -> F4 {
        F4::where_positive(self, z)
    }
}

impl Lane for F8 {
    #[inline(always)]
    fn splat(v: f32) -> F8 {
        F8(F4::splat(v), F4::splat(v))
    }
    #[inline(always)]
    fn add(self, o: F8) -> F8 {
        self.zip(o, F4::add)
    }
    #[inline(always)]
    fn sub(self, o: F8) -> F8 {
        self.zip(o, F4::sub)
    }
    #[inline(always)]
    fn mul(self, o: F8) -> F8 {
        self.zip(o, F4::mul)
    }
    #[inline(always)]
    fn div(self, o: F8) -> F8 {
        self.zip(o, F4::div)
    }
    #[inline(always)]
    fn tanh(self) -> F8 {
        self.map(tanh4)
    }
    #[inline(always)]
    fn sigmoid(self) -> F8 {
        self.map(Lane::sigmoid)
    }
    #[inline(always)]
    fn relu(self) -> F8 {
        self.map(F4::relu)
    }
    #[inline(always)]
    fn step(self) -> F8 {
        self.map(F4::step)
    }
    #[inline(always)]
    fn where_positive(self, z: F8) -> F8 {
        self.zip(z, F4::where_positive)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tanh4_is_within_1_4e_6_of_tanh() {
        let mut worst: f64 = 0.0;
        for i in -100_000..=100_000 {
            let x = i as f32 / 5_000.0;
            let t = tanh4(F4::splat(x)).to_array()[0] as f64;
            worst = worst.max((t - (x as f64).tanh()).abs());
        }
        assert!(worst < 1.4e-6, "{worst:e}");
    }

    #[test]
    fn eight_lanes_round_trip_and_sum() {
        let v = F8::from_array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]);
        assert_eq!(v.to_array(), [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]);
        assert_eq!(v.sum().to_array(), [36.0; 4]);
    }
}
