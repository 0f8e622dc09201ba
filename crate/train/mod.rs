//! Training: hyper-parameters, update rules, the trainer and the learning-rate finder.

pub mod finder;
pub mod hyper;
pub mod optimizer;
pub mod sgd;
pub mod targets;
pub mod timeline;
pub mod trainer;
