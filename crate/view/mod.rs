//! What the page draws of a network: the decision boundary, the neuron maps, the gradients, the
//! hidden space and the loss landscape.

pub mod boundary;
pub mod gradients;
pub mod hidden;
pub mod landscape;
pub mod neurons;
