//! The seeded random source every generator and initialiser draws from.
//!
//! `Xoshiro256PlusPlus` is named explicitly (not `SmallRng`, which changes algorithm with the pointer
//! width) so that a seed gives the same stream natively and on wasm32, bit for bit.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

/// The project's random number generator.
pub type Rng = Xoshiro256PlusPlus;

/// A generator seeded from a 64-bit number.
pub fn seeded(seed: u64) -> Rng {
    Rng::seed_from_u64(seed)
}

/// A uniform draw from `[lo, hi)`.
#[inline]
pub fn uniform(rng: &mut Rng, lo: f64, hi: f64) -> f64 {
    lo + (hi - lo) * rng.random::<f64>()
}

/// A standard normal draw (Box–Muller; one of the pair is discarded to keep the stream simple).
pub fn normal(rng: &mut Rng) -> f64 {
    // 1 − u lies in (0, 1], so the logarithm is finite.
    let u1 = 1.0 - rng.random::<f64>();
    let u2 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * crate::math::elementary::sin_cos(std::f64::consts::TAU * u2).1
}

/// A uniform index in `0..n` (`n > 0`).
#[inline]
pub fn index(rng: &mut Rng, n: usize) -> usize {
    rng.random_range(0..n)
}

/// Fisher–Yates shuffle, written out so its order is fixed by this crate and not by a dependency.
pub fn shuffle<T>(rng: &mut Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = index(rng, i + 1);
        items.swap(i, j);
    }
}

/// Seeds [`fresh_seed`] draws lie below this: short enough to read in a link and type back.
pub const FRESH_SEEDS: u64 = 1_000_000;

/// A fresh seed in `0..FRESH_SEEDS` from the platform's entropy (the browser's
/// `crypto.getRandomValues` in wasm, through getrandom).
pub fn fresh_seed() -> u64 {
    let mut bytes = [0u8; 8];
    // A failure here leaves seed 0, which only makes a run reproducible; never fatal.
    let _ = getrandom::fill(&mut bytes);
    u64::from_le_bytes(bytes) % FRESH_SEEDS
}
