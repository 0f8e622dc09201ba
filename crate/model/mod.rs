//! The model: activations, losses and the network, with its reference forward and backward pass.

pub mod activation;
pub mod loss;
pub mod network;
pub mod numeric;
pub mod output;
