//! What the page draws of a network: the decision boundary and the neuron maps.

pub mod boundary;
pub mod neurons;
