//! The leaves: words and numbers in messages, argument checks, the names settings use, the clock.

pub mod check;
pub mod clock;
pub mod names;
pub mod text;
