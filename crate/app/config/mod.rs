//! The playground's settings: names, defaults, ranges, and validation that names the field at fault.
//!
//! Settings cross into wasm as plain objects read by serde ([`Change`]: camelCase, every field
//! optional, unknown fields refused (in wasm by the caller, see [`crate::base::check::field_names`]), a
//! wrong type named with its path). The domain's rules (ranges,
//! which data sets a classifier takes, which loss fits which output) live here in
//! [`Config::apply`] (in `apply.rs`), which checks every field of a change before the caller stores any of it.
//!
//! The playground keeps its settings in two homes that never overlap: the [`Setup`] (what shapes the
//! network and draws the data) and the trainer's [`Hyper`] (what acts on the next step). [`Config`]
//! joins the two for `config()` and links.

mod apply;

use crate::base::check;
use crate::base::names::Named;
use crate::data::curve::Curve;
use crate::data::dataset::{Dataset, Generator, Task};
use crate::data::features::{Feature, FeatureMap};
use crate::data::table::OwnData;
use crate::model::activation::Activation;
use crate::model::loss::{Loss, OutputActivation};
use crate::model::network::{limits, Init};
use crate::train::hyper::{Hyper, Method, OptimizerKind, Precision, LEARNING_RATES};
use serde::{Deserialize, Serialize};
use std::rc::Rc;

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
                Generator::Curve,
                Generator::And,
                Generator::Or,
                Generator::Xor,
                Generator::Circle,
                Generator::Gaussians,
                Generator::Spiral,
            ],
            Problem::MultiClass => &[
                Generator::Gaussians,
                Generator::Spiral,
                Generator::Sectors,
                Generator::Penguins,
                Generator::Iris,
            ],
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
    /// The `curve` data set's boundary: points above it are class 1.
    pub curve: Curve,
    /// Number of generated points.
    pub points: usize,
    /// Positional noise, 0–1.
    pub noise: f64,
    /// Share of generated points held out for testing.
    pub test_fraction: f64,
    /// The learner's table, once one is loaded: the `own` data set. Not in links (a link cannot
    /// hold a table); kept in this browser's storage and in point files instead.
    #[serde(skip)]
    pub own: Option<Rc<OwnData>>,
    /// The values, on the plane, of the inputs beyond the plot's two (a table's other columns)
    /// where the boundary and the neuron maps are drawn: the slice of the input space the plot
    /// shows. Empty unless the data set has more than two inputs.
    pub slice: Vec<f64>,
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
            curve: Curve::line(),
            points: 200,
            noise: 0.0,
            test_fraction: 0.3,
            own: None,
            slice: Vec::new(),
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
    pub curve: Option<String>,
    pub points: Option<f64>,
    pub noise: Option<f64>,
    pub test_fraction: Option<f64>,
    pub slice: Option<Vec<f64>>,
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

impl Problem {
    /// The problem a table's label makes: regression for numbers, else by its classes.
    pub fn of_table(own: &OwnData) -> Problem {
        match own.meta.classes.len() {
            0 => Problem::Regression,
            2 => Problem::Classification,
            _ => Problem::MultiClass,
        }
    }
}

impl Setup {
    /// Whether `dataset` fits the problem: one it offers, or the learner's table where its label
    /// makes this problem.
    pub fn offers(&self, dataset: Generator) -> bool {
        match (dataset, &self.own) {
            (Generator::Own, Some(own)) => Problem::of_table(own) == self.problem,
            (Generator::Own, None) => false,
            (d, _) => self.problem.datasets().contains(&d),
        }
    }

    /// The classes the data set has of its own (a real data set's species, a table's labels),
    /// `None` for a generator that draws any count.
    pub fn fixed_classes(&self) -> Option<usize> {
        match (self.dataset, &self.own) {
            (Generator::Own, Some(own)) if !own.meta.classes.is_empty() => {
                Some(own.meta.classes.len())
            }
            (d, _) => d.fixed_classes(),
        }
    }

    /// The table behind the data set in force, if it is the learner's.
    pub fn own_data(&self) -> Option<&OwnData> {
        self.own
            .as_deref()
            .filter(|_| self.dataset == Generator::Own)
    }

    /// Inputs beyond the plane's two that the data set has (a table's other columns).
    pub fn more_inputs(&self) -> usize {
        self.own_data().map_or(0, OwnData::more_inputs)
    }

    /// The training and test points these settings draw.
    pub fn drawn(&self) -> (Dataset, Dataset) {
        match self.own_data() {
            Some(own) => own.split(self.seed, self.test_fraction),
            None => self.generated().split(self.test_fraction, self.seed),
        }
    }

    /// The points these settings draw, before the split into training and test points.
    pub fn generated(&self) -> Dataset {
        match self.dataset {
            Generator::Own => match &self.own {
                Some(own) => own.points.clone(),
                None => Dataset::new(2, Task::Classification),
            },
            Generator::Curve => {
                Dataset::generate_curve(&self.curve, self.points, self.noise, self.seed)
            }
            g => Dataset::generate(g, self.points, self.noise, self.seed, self.classes),
        }
    }

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
        let mut sizes = vec![self.features.len() + self.more_inputs()];
        sizes.extend(&self.hidden_layers);
        sizes.push(self.outputs());
        sizes
    }
}
