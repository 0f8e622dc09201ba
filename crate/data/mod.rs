//! Data: the data sets and the input features computed from a point's coordinates.

pub mod curve;
pub mod dataset;
pub mod features;
pub mod real;
pub mod table;
