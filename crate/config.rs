//! The playground's settings: names, defaults, ranges, and validation that names the field at fault.
//!
//! Settings arrive one field at a time as a [`Value`] (from a JS object, a URL hash, a test) and
//! [`Config::set`] checks each one before storing it, so a rejected value leaves the config as it was.
//! [`Config::fields`] lists them back in the same shape, so this file is the one place that knows a
//! field's name.

use crate::activation::Activation;
use crate::dataset::Generator;
use crate::loss::{Loss, OutputActivation};
use crate::network::{limits, Init};
use crate::optimizer::OptimizerKind;
use crate::text::Num;
use crate::trainer::Method;

/// A setting's value as it arrives from outside.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A number.
    Number(f64),
    /// A string.
    Text(String),
    /// A list of numbers.
    List(Vec<f64>),
}

/// Every setting of a playground.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Neurons per hidden layer (0–6 layers of 1–64).
    pub hidden_layers: Vec<usize>,
    /// Activation of every hidden layer.
    pub hidden_activation: Activation,
    /// Activation of the output layer.
    pub output_activation: OutputActivation,
    /// What is minimised.
    pub loss: Loss,
    /// η, 0–10.
    pub learning_rate: f64,
    /// Examples per update, 0 = full batch.
    pub batch_size: usize,
    /// The update rule.
    pub optimizer: OptimizerKind,
    /// μ of the momentum rule.
    pub momentum: f64,
    /// L1 rate.
    pub l1: f64,
    /// L2 rate.
    pub l2: f64,
    /// Weight initialisation.
    pub init: Init,
    /// Backprop or finite differences.
    pub method: Method,
    /// Seeds data, weights and shuffling.
    pub seed: u64,
    /// The generated data set.
    pub dataset: Generator,
    /// Number of generated points.
    pub points: usize,
    /// Positional noise, 0–1.
    pub noise: f64,
    /// Share of generated points held out for testing.
    pub test_fraction: f64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            hidden_layers: vec![4],
            hidden_activation: Activation::Tanh,
            output_activation: OutputActivation::Plain(Activation::Sigmoid),
            loss: Loss::BinaryCrossEntropy,
            learning_rate: 0.1,
            batch_size: 10,
            optimizer: OptimizerKind::Sgd,
            momentum: 0.9,
            l1: 0.0,
            l2: 0.0,
            init: Init::Auto,
            method: Method::Backprop,
            seed: 1,
            dataset: Generator::Line,
            points: 200,
            noise: 0.0,
            test_fraction: 0.3,
        }
    }
}

/// Every field name, in the order [`Config::fields`] lists them.
pub const FIELDS: [&str; 17] = [
    "hiddenLayers",
    "hiddenActivation",
    "outputActivation",
    "loss",
    "learningRate",
    "batchSize",
    "optimizer",
    "momentum",
    "l1",
    "l2",
    "init",
    "method",
    "seed",
    "dataset",
    "points",
    "noise",
    "testFraction",
];

/// What a changed field requires of the playground.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Takes effect on the next step; nothing is reset.
    Live,
    /// Needs a new network (new weights); points are kept.
    Network,
    /// Needs new generated points; the network is kept.
    Data,
    /// Needs both (the seed draws the points and the weights).
    NetworkAndData,
}

impl Effect {
    /// Whether the change needs a new network.
    pub fn network(self) -> bool {
        matches!(self, Effect::Network | Effect::NetworkAndData)
    }

    /// Whether the change needs new points.
    pub fn data(self) -> bool {
        matches!(self, Effect::Data | Effect::NetworkAndData)
    }
}

impl Config {
    /// Validates and stores one field. Returns what the change requires.
    pub fn set(&mut self, field: &str, value: Value) -> Result<Effect, String> {
        use Effect::*;
        let effect = match field {
            "hiddenLayers" => {
                let list = list(field, &value)?;
                if list.len() > limits::MAX_HIDDEN_LAYERS {
                    return Err(format!(
                        "hiddenLayers: {} layers, at most {} allowed",
                        list.len(),
                        limits::MAX_HIDDEN_LAYERS
                    ));
                }
                let mut sizes = Vec::with_capacity(list.len());
                for (i, &n) in list.iter().enumerate() {
                    sizes.push(int(
                        &format!("hiddenLayers[{i}]"),
                        n,
                        1,
                        limits::MAX_NEURONS as u64,
                    )? as usize);
                }
                self.hidden_layers = sizes;
                Network
            }
            "hiddenActivation" => {
                let names = Activation::ALL.map(Activation::name);
                self.hidden_activation = Activation::ALL[choice(field, &value, &names)?];
                Network
            }
            "outputActivation" => {
                let names = Activation::ALL.map(Activation::name);
                let names = [&names[..], &[OutputActivation::Softmax.name()]].concat();
                self.output_activation = match Activation::ALL.get(choice(field, &value, &names)?) {
                    Some(&act) => OutputActivation::Plain(act),
                    None => OutputActivation::Softmax,
                };
                Network
            }
            "loss" => {
                self.loss = Loss::ALL[choice(field, &value, &Loss::ALL.map(Loss::name))?];
                Network
            }
            "learningRate" => {
                self.learning_rate = real(field, &value, 0.0, 10.0)?;
                Live
            }
            "batchSize" => {
                self.batch_size = int(field, number(field, &value)?, 0, 10_000)? as usize;
                Live
            }
            "optimizer" => {
                self.optimizer =
                    OPTIMIZERS[choice(field, &value, &OPTIMIZERS.map(optimizer_name))?];
                Live
            }
            "momentum" => {
                self.momentum = real(field, &value, 0.0, 0.999)?;
                Live
            }
            "l1" => {
                self.l1 = real(field, &value, 0.0, 1.0)?;
                Live
            }
            "l2" => {
                self.l2 = real(field, &value, 0.0, 1.0)?;
                Live
            }
            "init" => {
                self.init = INITS[choice(field, &value, &INITS.map(init_name))?];
                Network
            }
            "method" => {
                self.method = METHODS[choice(field, &value, &METHODS.map(method_name))?];
                Live
            }
            "seed" => {
                self.seed = int(field, number(field, &value)?, 0, (1u64 << 53) - 1)?;
                NetworkAndData
            }
            "dataset" => {
                if value == Value::Text(Generator::RegressionPlane.name().into()) {
                    return Err(
                        "dataset: \"regressionPlane\" is not a 2-D classification set".into(),
                    );
                }
                let sets: Vec<Generator> = Generator::ALL
                    .into_iter()
                    .filter(|&g| g != Generator::RegressionPlane)
                    .collect();
                let names: Vec<&str> = sets.iter().map(|g| g.name()).collect();
                self.dataset = sets[choice(field, &value, &names)?];
                Data
            }
            "points" => {
                self.points = int(
                    field,
                    number(field, &value)?,
                    0,
                    crate::model::MAX_POINTS as u64,
                )? as usize;
                Data
            }
            "noise" => {
                self.noise = real(field, &value, 0.0, 1.0)?;
                Data
            }
            "testFraction" => {
                self.test_fraction = real(field, &value, 0.0, 0.9)?;
                Data
            }
            _ => {
                return Err(format!(
                    "unknown setting \"{field}\" (known: {})",
                    FIELDS.join(", ")
                ))
            }
        };
        Ok(effect)
    }

    /// Checks that the settings fit together (loss with output activation).
    pub fn check(&self) -> Result<(), String> {
        self.loss
            .check_output(self.output_activation, self.outputs())
            .map_err(|e| format!("loss: {e}"))
    }

    /// Output neurons: 2 for softmax (one per class), else 1.
    pub fn outputs(&self) -> usize {
        if self.output_activation == OutputActivation::Softmax {
            2
        } else {
            1
        }
    }

    /// Layer sizes of the network, inputs and outputs included.
    pub fn layer_sizes(&self) -> Vec<usize> {
        let mut sizes = vec![2];
        sizes.extend(&self.hidden_layers);
        sizes.push(self.outputs());
        sizes
    }

    /// Every field with its value, in [`FIELDS`] order.
    pub fn fields(&self) -> Vec<(&'static str, Value)> {
        let text = |s: &str| Value::Text(s.to_string());
        let values = [
            Value::List(self.hidden_layers.iter().map(|&n| n as f64).collect()),
            text(self.hidden_activation.name()),
            text(self.output_activation.name()),
            text(self.loss.name()),
            Value::Number(self.learning_rate),
            Value::Number(self.batch_size as f64),
            text(optimizer_name(self.optimizer)),
            Value::Number(self.momentum),
            Value::Number(self.l1),
            Value::Number(self.l2),
            text(init_name(self.init)),
            text(method_name(self.method)),
            Value::Number(self.seed as f64),
            text(self.dataset.name()),
            Value::Number(self.points as f64),
            Value::Number(self.noise),
            Value::Number(self.test_fraction),
        ];
        FIELDS.into_iter().zip(values).collect()
    }
}

fn number(field: &str, value: &Value) -> Result<f64, String> {
    match value {
        Value::Number(n) if n.is_finite() => Ok(*n),
        other => Err(format!("{field}: expected a number, got {}", show(other))),
    }
}

fn real(field: &str, value: &Value, lo: f64, hi: f64) -> Result<f64, String> {
    let n = number(field, value)?;
    if !(lo..=hi).contains(&n) {
        return Err(format!(
            "{field}: {} is outside [{}, {}]",
            Num(n),
            Num(lo),
            Num(hi)
        ));
    }
    Ok(n)
}

pub(crate) fn int(field: &str, n: f64, lo: u64, hi: u64) -> Result<u64, String> {
    if n.fract() != 0.0 || n < lo as f64 || n > hi as f64 {
        // Bounds print through `Num` too: one number printer, not a second one for `u64`.
        return Err(format!(
            "{field}: {} is not a whole number in {}–{}",
            Num(n),
            Num(lo as f64),
            Num(hi as f64)
        ));
    }
    Ok(n as u64)
}

fn list(field: &str, value: &Value) -> Result<Vec<f64>, String> {
    match value {
        Value::List(v) => Ok(v.clone()),
        other => Err(format!(
            "{field}: expected a list of numbers, got {}",
            show(other)
        )),
    }
}

/// The index of `value` in `names`, else an error naming the field and listing the names.
fn choice(field: &str, value: &Value, names: &[&str]) -> Result<usize, String> {
    let known = names.join(", ");
    match value {
        Value::Text(s) => names
            .iter()
            .position(|n| n == s)
            .ok_or_else(|| format!("{field}: \"{s}\" is not one of {known}")),
        other => Err(format!(
            "{field}: expected one of {known}, got {}",
            show(other)
        )),
    }
}

fn show(value: &Value) -> String {
    match value {
        Value::Number(n) => Num(*n).to_string(),
        Value::Text(s) => format!("\"{s}\""),
        Value::List(v) => crate::text::list(v.iter().copied()),
    }
}

const OPTIMIZERS: [OptimizerKind; 3] = [
    OptimizerKind::Sgd,
    OptimizerKind::Momentum,
    OptimizerKind::Adam,
];
const INITS: [Init; 4] = [Init::Auto, Init::Xavier, Init::He, Init::Uniform01];
const METHODS: [Method; 2] = [Method::Backprop, Method::Numeric];

/// Name of an optimiser in configs and links.
pub fn optimizer_name(k: OptimizerKind) -> &'static str {
    match k {
        OptimizerKind::Sgd => "sgd",
        OptimizerKind::Momentum => "momentum",
        OptimizerKind::Adam => "adam",
    }
}

/// Name of an initialisation scheme.
pub fn init_name(i: Init) -> &'static str {
    match i {
        Init::Auto => "auto",
        Init::Xavier => "xavier",
        Init::He => "he",
        Init::Uniform01 => "uniform01",
    }
}

/// Name of a gradient method.
pub fn method_name(m: Method) -> &'static str {
    match m {
        Method::Backprop => "backprop",
        Method::Numeric => "numeric",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_round_trips_through_set() {
        let original = Config::default();
        let mut copy = Config {
            seed: 77,
            learning_rate: 3.0,
            ..Config::default()
        };
        for (name, value) in original.fields() {
            copy.set(name, value).unwrap();
        }
        assert_eq!(copy, original);
    }

    #[test]
    fn errors_name_the_field_and_keep_the_old_value() {
        let mut c = Config::default();
        let e = c.set("learningRate", Value::Number(-1.0)).unwrap_err();
        assert!(e.starts_with("learningRate:") && e.contains("-1"), "{e}");
        assert_eq!(c.learning_rate, 0.1);
        let e = c
            .set("hiddenLayers", Value::List(vec![3.0, 65.0]))
            .unwrap_err();
        assert!(e.contains("hiddenLayers[1]") && e.contains("65"), "{e}");
        assert_eq!(c.hidden_layers, vec![4]);
        let e = c.set("wobble", Value::Number(1.0)).unwrap_err();
        assert!(e.contains("\"wobble\""), "{e}");
        let e = c
            .set("hiddenActivation", Value::Text("swish".into()))
            .unwrap_err();
        assert!(e.contains("hiddenActivation") && e.contains("swish"), "{e}");
    }
}
