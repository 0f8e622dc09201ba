//! Numbers: the float trait the network is written over, SIMD lanes, the `f64` math functions, random numbers.

pub mod eigen;
pub mod elementary;
pub mod float;
pub mod lanes;
pub mod rng;
