//! The fast passes over a network: the gradient of eight examples at once, and the drawing grid.

pub mod gradient;
pub mod grid;
