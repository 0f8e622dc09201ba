//! The playground's settings: names, defaults, ranges, and validation that names the field at fault.
//!
//! Settings cross the boundary as plain objects read by serde ([`Change`]: camelCase, every field
//! optional, unknown fields refused (in wasm by the caller, see [`crate::base::check::field_names`]), a
//! wrong type named with its path). The domain's rules (ranges,
//! which data sets a classifier takes, which loss fits which output) live here in
//! [`Setup::apply`], which checks every field of a change before the caller stores any of it.
//!
//! The playground keeps its settings in two homes that never overlap: the [`Setup`] (what shapes the
//! network and draws the data) and the trainer's [`Hyper`] (what acts on the next step). [`Config`]
//! joins the two for `config()` and links.

use crate::base::check;
use crate::base::names::Named;
use crate::data::dataset::Generator;
use crate::data::features::{Feature, FeatureMap};
use crate::model::activation::Activation;
use crate::model::loss::{Loss, OutputActivation};
use crate::model::network::{limits, Init};
use crate::train::hyper::{Hyper, Method, OptimizerKind, Precision, LEARNING_RATES};
use serde::{Deserialize, Serialize};

/// What free play's network learns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Two classes: one output (or two under softmax).
    Classification,
    /// Three or four classes: a softmax output per class, cross-entropy.
    MultiClass,
    /// A real-valued target in [−1, 1] per point: one output, squared error.
    Regression,
}

impl Named for Problem {
    const ALL: &'static [Problem] = &[
        Problem::Classification,
        Problem::MultiClass,
        Problem::Regression,
    ];

    fn name(self) -> &'static str {
        match self {
            Problem::Classification => "classification",
            Problem::MultiClass => "multi-class",
            Problem::Regression => "regression",
        }
    }
}
crate::serde_by_name!(Problem);

impl Problem {
    /// The data sets free play offers for it; the first is its default.
    pub fn datasets(self) -> &'static [Generator] {
        match self {
            Problem::Classification => &[
                Generator::Line,
                Generator::And,
                Generator::Or,
                Generator::Xor,
                Generator::Circle,
                Generator::Gaussians,
                Generator::Spiral,
            ],
            Problem::MultiClass => &[Generator::Gaussians, Generator::Spiral, Generator::Sectors],
            Problem::Regression => &[Generator::Plane, Generator::Bumps],
        }
    }

    /// The output activation and loss it starts with.
    pub fn output(self) -> (OutputActivation, Loss) {
        match self {
            Problem::Classification => (
                OutputActivation::Plain(Activation::Sigmoid),
                Loss::BinaryCrossEntropy,
            ),
            Problem::MultiClass => (OutputActivation::Softmax, Loss::SoftmaxCrossEntropy),
            Problem::Regression => (
                OutputActivation::Plain(Activation::Linear),
                Loss::SquaredError,
            ),
        }
    }

    /// Whether `output` and `loss` suit it (with [`Loss::check_output`], which they must pass
    /// too): multi-class needs softmax, regression a linear or tanh output under squared error.
    fn allows(self, output: OutputActivation, loss: Loss) -> Result<(), String> {
        match self {
            Problem::Classification => Ok(()),
            Problem::MultiClass if output != OutputActivation::Softmax => Err(format!(
                "outputActivation: \"{}\" cannot give one probability per class; multi-class uses softmax",
                output.name()
            )),
            Problem::Regression
                if !matches!(
                    output,
                    OutputActivation::Plain(Activation::Linear | Activation::Tanh)
                ) =>
            {
                Err(format!(
                    "outputActivation: \"{}\" cannot reach every target in [-1, 1]; regression uses linear or tanh",
                    output.name()
                ))
            }
            Problem::Regression if loss != Loss::SquaredError => Err(format!(
                "loss: \"{}\" is for classes; regression uses squaredError",
                loss.name()
            )),
            _ => Ok(()),
        }
    }
}

/// Classes of a multi-class problem: 3 or 4.
pub const MULTI_CLASSES: std::ops::RangeInclusive<u64> = 3..=4;

/// What shapes the network and draws the data.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Setup {
    /// Classification (2 classes), multi-class (3 or 4) or regression.
    pub problem: Problem,
    /// Classes: 2 for classification, 3 or 4 for multi-class (2, unused, for regression).
    pub classes: usize,
    /// The input features switched on (at least one), in their canonical order.
    pub features: Vec<Feature>,
    /// Neurons per hidden layer (0–6 layers of 1–64).
    pub hidden_layers: Vec<usize>,
    /// Activation of every hidden layer (of the first, when they differ).
    pub hidden_activation: Activation,
    /// Activation of each hidden layer, one per layer.
    pub hidden_activations: Vec<Activation>,
    /// Activation of the output layer.
    pub output_activation: OutputActivation,
    /// What is minimised.
    pub loss: Loss,
    /// Weight initialisation.
    pub init: Init,
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

/// Every setting of a playground, as `config()` reports it and links carry it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Config {
    /// The network's shape and the data.
    #[serde(flatten)]
    pub setup: Setup,
    /// Learning rate, batch size, update rule, gradient method.
    #[serde(flatten)]
    pub hyper: Hyper,
}

/// The playground's defaults: the first lesson's scene (points above y = x against points below).
pub fn defaults() -> Config {
    Config {
        setup: Setup {
            problem: Problem::Classification,
            classes: 2,
            features: vec![Feature::X, Feature::Y],
            hidden_layers: vec![4],
            hidden_activation: Activation::Tanh,
            hidden_activations: vec![Activation::Tanh],
            output_activation: OutputActivation::Plain(Activation::Sigmoid),
            loss: Loss::BinaryCrossEntropy,
            init: Init::Auto,
            seed: 1,
            dataset: Generator::Line,
            points: 200,
            noise: 0.0,
            test_fraction: 0.3,
        },
        hyper: Hyper {
            precision: Precision::F32,
            ..Hyper::sgd(0.1, 10)
        },
    }
}

/// A change to some settings, as `set()` takes it: absent fields stay as they are. Numbers arrive as
/// `f64` so that the range checks, not the decoder, say what is wrong with a −1 or a 2.5.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Change {
    pub problem: Option<Problem>,
    pub classes: Option<f64>,
    pub features: Option<Vec<Feature>>,
    pub hidden_layers: Option<Vec<f64>>,
    pub hidden_activation: Option<Activation>,
    pub hidden_activations: Option<Vec<Activation>>,
    pub output_activation: Option<OutputActivation>,
    pub loss: Option<Loss>,
    pub learning_rate: Option<f64>,
    pub batch_size: Option<f64>,
    pub optimizer: Option<OptimizerKind>,
    pub momentum: Option<f64>,
    pub l1: Option<f64>,
    pub l2: Option<f64>,
    pub init: Option<Init>,
    pub method: Option<Method>,
    pub precision: Option<Precision>,
    pub seed: Option<f64>,
    pub dataset: Option<Generator>,
    pub points: Option<f64>,
    pub noise: Option<f64>,
    pub test_fraction: Option<f64>,
}

/// What an accepted change requires of the scene, so the page redraws only what moved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Effects {
    /// A new network (new weights) was built: the boundary must be recomputed from scratch.
    pub network: bool,
    /// New points were drawn.
    pub data: bool,
}

/// Largest batch size.
pub const MAX_BATCH: usize = 10_000;

/// The ranges of the numeric settings, each written once here or where its rule lives: what the
/// page's controls offer and say (`ranges()` in the wasm API).
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ranges {
    /// Smallest and largest learning rate.
    pub learning_rate: (f64, f64),
    /// Most examples per batch.
    pub max_batch: usize,
    /// Most hidden layers.
    pub max_hidden_layers: usize,
    /// Most neurons in a hidden layer.
    pub max_neurons: usize,
    /// Most points in a scene.
    pub max_points: usize,
}

/// The settings' ranges.
pub fn ranges() -> Ranges {
    Ranges {
        learning_rate: LEARNING_RATES,
        max_batch: MAX_BATCH,
        max_hidden_layers: limits::MAX_HIDDEN_LAYERS,
        max_neurons: limits::MAX_NEURONS,
        max_points: crate::app::files::MAX_POINTS,
    }
}

impl Config {
    /// Applies `change` to a copy of this config and returns it with what the change requires.
    ///
    /// Strict (`problems` is `None`): the first bad field refuses the whole change. Lenient (a
    /// link): each bad field is reported into `problems` and left as it was, the rest applies; a
    /// loss that does not fit the output activation is reported and both are left as they were.
    /// Either way the result is a config whose fields all fit together.
    pub fn apply(
        &self,
        change: &Change,
        mut problems: Option<&mut Vec<String>>,
    ) -> Result<(Config, Effects), String> {
        let mut next = self.clone();
        let mut effects = Effects::default();
        let mut report = |result: Result<(), String>| -> Result<(), String> {
            match (result, problems.as_deref_mut()) {
                (Ok(()), _) => Ok(()),
                (Err(e), Some(list)) => {
                    list.push(e);
                    Ok(())
                }
                (Err(e), None) => Err(e),
            }
        };
        let c = change;
        let (s, h) = (&mut next.setup, &mut next.hyper);
        if let Some(p) = c.problem {
            if p != s.problem {
                // A new problem starts from its own output, loss, class count and data set (the
                // same change may still name others); the hidden layers and the hyperparameters stay.
                s.problem = p;
                (s.output_activation, s.loss) = p.output();
                s.classes = if p == Problem::MultiClass { 3 } else { 2 };
                if !p.datasets().contains(&s.dataset) {
                    s.dataset = p.datasets()[0];
                }
                effects.network = true;
                effects.data = true;
            }
        }
        if let Some(n) = c.classes {
            let result = match s.problem {
                Problem::MultiClass => {
                    check::int("classes", n, *MULTI_CLASSES.start(), *MULTI_CLASSES.end())
                        .map(|v| s.classes = v as usize)
                }
                _ if n == 2.0 => Ok(()),
                p => Err(format!(
                    "classes: {} needs the multi-class problem (3 or 4 classes); {} has {}",
                    crate::base::text::Num(n),
                    p.name(),
                    if p == Problem::Regression {
                        "no classes"
                    } else {
                        "2"
                    }
                )),
            };
            if result.is_ok() && s.classes != self.setup.classes {
                effects.network = true;
                effects.data = true;
            }
            report(result)?;
        }
        if let Some(list) = &c.features {
            report(FeatureMap::new(list).map(|m| s.features = m.list().to_vec()))?;
            effects.network = true;
        }
        if let Some(list) = &c.hidden_layers {
            report(hidden_layers(list).map(|v| s.hidden_layers = v))?;
            // New layers take the last layer's activation.
            let last = s.hidden_activations.last().copied();
            let fill = last.unwrap_or(s.hidden_activation);
            s.hidden_activations.resize(s.hidden_layers.len(), fill);
            effects.network = true;
        }
        if let Some(a) = c.hidden_activation {
            report(page_activation("hiddenActivation", a).map(|()| {
                s.hidden_activation = a;
                s.hidden_activations = vec![a; s.hidden_layers.len()];
            }))?;
            effects.network = true;
        }
        if let Some(list) = &c.hidden_activations {
            report(layer_activations(list, s.hidden_layers.len()).map(|()| {
                s.hidden_activations = list.clone();
                if let Some(&a) = list.first() {
                    s.hidden_activation = a;
                }
            }))?;
            effects.network = true;
        }
        if let Some(a) = c.output_activation {
            s.output_activation = a;
            effects.network = true;
        }
        if let Some(l) = c.loss {
            s.loss = l;
            effects.network = true;
        }
        if let Some(i) = c.init {
            s.init = i;
            effects.network = true;
        }
        if let Some(n) = c.seed {
            report(check::seed("seed", n).map(|v| s.seed = v))?;
            effects.network = true;
            effects.data = true;
        }
        if let Some(d) = c.dataset {
            let offered = s.problem.datasets();
            report(if offered.contains(&d) {
                s.dataset = d;
                Ok(())
            } else {
                let names: Vec<&str> = offered.iter().map(|g| g.name()).collect();
                Err(format!(
                    "dataset: \"{}\" is not a {} data set; choose one of {}",
                    d.name(),
                    s.problem.name(),
                    names.join(", ")
                ))
            })?;
            effects.data = true;
        }
        if let Some(n) = c.points {
            let max = crate::app::files::MAX_POINTS as u64;
            report(check::int("points", n, 0, max).map(|v| s.points = v as usize))?;
            effects.data = true;
        }
        if let Some(n) = c.noise {
            report(check::real("noise", n, 0.0, 1.0).map(|v| s.noise = v))?;
            effects.data = true;
        }
        if let Some(n) = c.test_fraction {
            report(check::real("testFraction", n, 0.0, 0.9).map(|v| s.test_fraction = v))?;
            effects.data = true;
        }
        if let Some(n) = c.learning_rate {
            report(
                check::real("learningRate", n, LEARNING_RATES.0, LEARNING_RATES.1)
                    .map(|v| h.learning_rate = v),
            )?;
        }
        if let Some(n) = c.batch_size {
            let max = MAX_BATCH as u64;
            report(check::int("batchSize", n, 0, max).map(|v| h.batch_size = v as usize))?;
        }
        if let Some(k) = c.optimizer {
            h.optimizer = k;
        }
        if let Some(n) = c.momentum {
            report(check::real("momentum", n, 0.0, 0.999).map(|v| h.momentum = v))?;
        }
        if let Some(n) = c.l1 {
            report(check::real("l1", n, 0.0, 1.0).map(|v| h.l1 = v))?;
        }
        if let Some(n) = c.l2 {
            report(check::real("l2", n, 0.0, 1.0).map(|v| h.l2 = v))?;
        }
        if let Some(m) = c.method {
            h.method = m;
        }
        if let Some(p) = c.precision {
            h.precision = p;
        }
        if let Err(e) = next.setup.check() {
            // What was in force, or under a new problem what it starts with.
            let (output, loss) = if next.setup.problem == self.setup.problem {
                (self.setup.output_activation, self.setup.loss)
            } else {
                next.setup.problem.output()
            };
            report(Err(format!(
                "{e}; loss and outputActivation stay {} and {}",
                loss.name(),
                output.name()
            )))?;
            next.setup.loss = loss;
            next.setup.output_activation = output;
        }
        Ok((next, effects))
    }
}

/// The hidden activations the playground offers (its menu): all but the perceptron's step, which
/// only the lessons use.
pub const PAGE_ACTIVATIONS: [Activation; 4] = [
    Activation::Tanh,
    Activation::Sigmoid,
    Activation::Relu,
    Activation::Linear,
];

/// `a` if the playground offers it as a hidden activation, else an error naming `field`.
pub fn page_activation(field: &str, a: Activation) -> Result<(), String> {
    if PAGE_ACTIVATIONS.contains(&a) {
        return Ok(());
    }
    let offered: Vec<&str> = PAGE_ACTIVATIONS.iter().map(|a| a.name()).collect();
    Err(format!(
        "{field}: \"{}\" is not offered in free play (the lessons use it); choose one of {}",
        a.name(),
        offered.join(", ")
    ))
}

/// `list` if it gives each of `layers` hidden layers an activation free play offers.
fn layer_activations(list: &[Activation], layers: usize) -> Result<(), String> {
    if list.len() != layers {
        return Err(format!(
            "hiddenActivations: {} given for {layers} hidden layers",
            list.len()
        ));
    }
    for (i, &a) in list.iter().enumerate() {
        page_activation(&format!("hiddenActivations[{i}]"), a)?;
    }
    Ok(())
}

fn hidden_layers(list: &[f64]) -> Result<Vec<usize>, String> {
    if list.len() > limits::MAX_HIDDEN_LAYERS {
        return Err(format!(
            "hiddenLayers: {} layers, at most {} allowed",
            list.len(),
            limits::MAX_HIDDEN_LAYERS
        ));
    }
    list.iter()
        .enumerate()
        .map(|(i, &n)| {
            let name = format!("hiddenLayers[{i}]");
            check::int(&name, n, 1, limits::MAX_NEURONS as u64).map(|n| n as usize)
        })
        .collect()
}

impl Setup {
    /// Checks that the settings fit together (loss with output activation, both with the
    /// problem).
    pub fn check(&self) -> Result<(), String> {
        self.problem.allows(self.output_activation, self.loss)?;
        self.loss
            .check_output(self.output_activation, self.outputs())
            .map_err(|e| format!("loss: {e}"))
    }

    /// The input features as the trainer applies them (`None`: x and y themselves).
    pub fn feature_map(&self) -> Option<FeatureMap> {
        FeatureMap::new(&self.features)
            .ok()
            .filter(|m| !m.is_identity())
    }

    /// Output neurons: one per class under softmax, else 1.
    pub fn outputs(&self) -> usize {
        if self.output_activation == OutputActivation::Softmax {
            self.classes
        } else {
            1
        }
    }

    /// Layer sizes of the network, inputs and outputs included.
    pub fn layer_sizes(&self) -> Vec<usize> {
        let mut sizes = vec![self.features.len()];
        sizes.extend(&self.hidden_layers);
        sizes.push(self.outputs());
        sizes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(json: &str) -> Change {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn errors_name_the_field_and_change_nothing() {
        let c = defaults();
        let e = c
            .apply(&change(r#"{"learningRate": -1}"#), None)
            .unwrap_err();
        assert!(e.starts_with("learningRate:") && e.contains("-1"), "{e}");
        let e = c
            .apply(&change(r#"{"hiddenLayers": [3, 65]}"#), None)
            .unwrap_err();
        assert!(e.contains("hiddenLayers[1]") && e.contains("65"), "{e}");
        let e = c
            .apply(&change(r#"{"outputActivation": "softmax"}"#), None)
            .unwrap_err();
        assert!(e.starts_with("loss:"), "{e}");
        assert_eq!(c, defaults());
    }

    #[test]
    fn a_lenient_change_keeps_what_fits_in_any_order() {
        let c = defaults();
        let mut problems = Vec::new();
        // softmax needs its loss: both come in one change, in the "wrong" order, with a bad rate.
        let (next, effects) = c
            .apply(
                &change(
                    r#"{"outputActivation":"softmax","learningRate":99,"loss":"softmaxCrossEntropy","noise":0.5}"#,
                ),
                Some(&mut problems),
            )
            .unwrap();
        assert_eq!(next.setup.output_activation, OutputActivation::Softmax);
        assert_eq!(next.setup.loss, Loss::SoftmaxCrossEntropy);
        assert_eq!(next.setup.noise, 0.5);
        assert_eq!(next.hyper.learning_rate, 0.1);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("learningRate: 99"), "{problems:?}");
        assert_eq!(
            effects,
            Effects {
                network: true,
                data: true
            }
        );
        // A live setting needs no redraw of the network or the points.
        let (_, effects) = c.apply(&change(r#"{"learningRate":0.3}"#), None).unwrap();
        assert_eq!(effects, Effects::default());
    }

    #[test]
    fn unknown_fields_and_names_are_refused() {
        let e = serde_json::from_str::<Change>(r#"{"wobble": 1}"#).unwrap_err();
        assert!(e.to_string().contains("unknown field `wobble`"), "{e}");
        let e = serde_json::from_str::<Change>(r#"{"hiddenActivation": "swish"}"#).unwrap_err();
        assert!(
            e.to_string().contains("\"swish\" is not one of sigmoid"),
            "{e}"
        );
    }
}
