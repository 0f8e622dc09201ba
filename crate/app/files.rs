//! Versioned files for models and point sets, and their validation.
//!
//! A file is decoded by serde into one of the structs here (missing, mistyped and unknown fields are
//! refused, the caller naming them by path, `points[3].label`; in wasm the caller also compares the
//! keys with [`crate::base::check::field_names`], which serde-wasm-bindgen does not), then checked value by value; every
//! error names the field at fault. Nothing is applied until a whole file has passed, so a bad import
//! leaves the current model untouched.

use crate::base::text::Num;
use crate::data::dataset::{Dataset, Task};
use crate::data::features::Feature;
use crate::data::table::TableMeta;
use crate::model::activation::Activation;
use crate::model::loss::OutputActivation;
use crate::model::network::Network;
use crate::train::hyper::Precision;
use serde::{Deserialize, Serialize};

/// The `format` of a model file.
pub const MODEL_FORMAT: &str = "scratchnet-model";
/// The `format` of a point-set file.
pub const POINTS_FORMAT: &str = "scratchnet-points";
/// The file version this build writes and reads.
pub const VERSION: u32 = 1;

/// A network's shape, activations and parameters (in [`Network::params`] order).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ModelFile {
    /// Always [`MODEL_FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// Layer sizes, inputs first.
    pub layers: Vec<u32>,
    /// One activation per hidden layer.
    pub hidden_activations: Vec<Activation>,
    /// The output activation.
    pub output_activation: OutputActivation,
    /// Every weight and bias, layer by layer, weights row-major then biases (always `f64` on
    /// disk; an `f32` model's values are its weights widened, exactly).
    pub params: Vec<f64>,
    /// The precision the model was trained in; absent in files written before there was a choice,
    /// which then train in whatever precision is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<Precision>,
    /// The input features the first layer takes (absent in files written before there were
    /// features: x and y).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<Vec<Feature>>,
}

impl ModelFile {
    /// Describes `net`.
    pub fn from_network(net: &Network) -> ModelFile {
        ModelFile {
            format: MODEL_FORMAT.into(),
            version: VERSION,
            layers: net.sizes().iter().map(|&n| n as u32).collect(),
            hidden_activations: net.hidden_activations().to_vec(),
            output_activation: net.output_activation(),
            params: net.params().to_vec(),
            precision: None,
            features: None,
        }
    }

    /// Checks every field and builds the network the file describes.
    pub fn to_network(&self) -> Result<Network, String> {
        check_header(&self.format, MODEL_FORMAT, self.version)?;
        if self.hidden_activations.len() + 2 != self.layers.len() {
            return Err(format!(
                "hiddenActivations: {} given for {} hidden layers",
                self.hidden_activations.len(),
                self.layers.len().saturating_sub(2)
            ));
        }
        let layers: Vec<usize> = self.layers.iter().map(|&n| n as usize).collect();
        let mut net = Network::zeros(&layers, &self.hidden_activations, self.output_activation)?;
        net.set_params(&self.params)?;
        if let Some(i) = self.params.iter().position(|w| w.abs() > MAX_WEIGHT) {
            return Err(format!(
                "params[{i}]: {} is outside ±{} (no trained network holds such a weight)",
                Num(self.params[i]),
                Num(MAX_WEIGHT)
            ));
        }
        Ok(net)
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One point of a point-set file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PointRecord {
    /// Horizontal coordinate in [−1, 1].
    pub x: f64,
    /// Vertical coordinate in [−1, 1].
    pub y: f64,
    /// Class index, from 0 (a class point; absent for regression).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<u32>,
    /// Target in [−1, 1] (a regression point; absent for classes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// Whether the point is held out for testing (written only when true; `false` if absent).
    #[serde(default, skip_serializing_if = "is_false")]
    pub test: bool,
    /// A table's inputs beyond x and y, on the plane (absent for a 2-D point).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more: Vec<f64>,
}

/// A set of 2-D labelled points, training and test together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PointsFile {
    /// Always [`POINTS_FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// The points.
    pub points: Vec<PointRecord>,
    /// Where the points are a table's rows: what its columns are and their units (absent for
    /// points of the plane itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<TableMeta>,
}

/// The largest weight or bias a model file may hold: far beyond any trained network's, and small
/// enough that every activation stays finite.
pub const MAX_WEIGHT: f64 = 1e6;

/// Most points a file (or the page) may hold.
pub const MAX_POINTS: usize = 5000;

/// Most points a table's file (or the page, showing a table) may hold.
pub const MAX_TABLE_POINTS: usize = crate::data::table::MAX_ROWS;

impl PointsFile {
    /// Describes a training and a test set of points: class labels, or regression targets; a
    /// table's rows with what its columns mean (`table`).
    pub fn from_sets(train: &Dataset, test: &Dataset, table: Option<&TableMeta>) -> PointsFile {
        let mut points = Vec::with_capacity(train.len() + test.len());
        for (set, is_test) in [(train, false), (test, true)] {
            let regression = set.task() == Task::Regression;
            for i in 0..set.len() {
                let (x, y) = (set.x(i), set.ys[i]);
                points.push(PointRecord {
                    x: x[0],
                    y: x[1],
                    label: (!regression).then_some(y as u32),
                    target: regression.then_some(y),
                    test: is_test,
                    more: x[2..].to_vec(),
                });
            }
        }
        PointsFile {
            format: POINTS_FORMAT.into(),
            version: VERSION,
            points,
            table: table.cloned(),
        }
    }

    /// Checks every point against a scene of `inputs` inputs and `classes` classes (`task`
    /// classification) or of regression targets, and returns `(train, test)`.
    pub fn to_sets(
        &self,
        task: Task,
        classes: usize,
        inputs: usize,
    ) -> Result<(Dataset, Dataset), String> {
        check_header(&self.format, POINTS_FORMAT, self.version)?;
        let max = if self.table.is_some() {
            MAX_TABLE_POINTS
        } else {
            MAX_POINTS
        };
        if self.points.len() > max {
            return Err(format!(
                "points: {} points, at most {max} allowed",
                self.points.len()
            ));
        }
        let mut train = Dataset::new(inputs, task);
        let mut test = Dataset::new(inputs, task);
        let mut x = Vec::with_capacity(inputs);
        for (i, p) in self.points.iter().enumerate() {
            if p.more.len() + 2 != inputs {
                return Err(format!(
                    "points[{i}].more: {} values; this scene's points have {} inputs beyond x and y",
                    p.more.len(),
                    inputs - 2
                ));
            }
            for (name, v) in [("x", p.x), ("y", p.y)] {
                if !(-1.0..=1.0).contains(&v) {
                    return Err(format!("points[{i}].{name}: {} is outside [-1, 1]", Num(v)));
                }
            }
            for (k, &v) in p.more.iter().enumerate() {
                if !(-1.0..=1.0).contains(&v) {
                    return Err(format!(
                        "points[{i}].more[{k}]: {} is outside [-1, 1]",
                        Num(v)
                    ));
                }
            }
            x.clear();
            x.extend_from_slice(&[p.x, p.y]);
            x.extend_from_slice(&p.more);
            let value = match (task, p.label, p.target) {
                (Task::Classification, Some(label), None) => check_label(label as f64, classes)
                    .map_err(|e| format!("points[{i}].label: {e}"))?,
                (Task::Regression, None, Some(target)) => {
                    check_target(target).map_err(|e| format!("points[{i}].target: {e}"))?
                }
                (Task::Classification, _, _) => {
                    return Err(format!(
                        "points[{i}]: a class point needs a label (0–{}) and no target",
                        classes - 1
                    ))
                }
                (Task::Regression, _, _) => {
                    return Err(format!(
                        "points[{i}]: a regression point needs a target in [-1, 1] and no label"
                    ))
                }
            };
            let set = if p.test { &mut test } else { &mut train };
            set.push(&x, value);
        }
        Ok((train, test))
    }
}

/// `label` if it names one of `classes` classes, else why not (without the field's name).
pub fn check_label(label: f64, classes: usize) -> Result<f64, String> {
    if label.fract() == 0.0 && (0.0..classes as f64).contains(&label) {
        return Ok(label);
    }
    Err(format!(
        "{} is not a class of this scene (0–{}){}",
        Num(label),
        classes - 1,
        if classes < 4 && label.fract() == 0.0 && label >= classes as f64 && label < 4.0 {
            "; choose multi-class with more classes first"
        } else {
            ""
        }
    ))
}

/// `target` if it is a regression target free play draws (within [−1, 1]), else why not.
pub fn check_target(target: f64) -> Result<f64, String> {
    if (-1.0..=1.0).contains(&target) {
        return Ok(target);
    }
    Err(format!(
        "{} is outside the targets' range [-1, 1]",
        Num(target)
    ))
}

fn check_header(format: &str, expected: &str, version: u32) -> Result<(), String> {
    if format != expected {
        return Err(format!("format: \"{format}\" is not \"{expected}\""));
    }
    if version != VERSION {
        return Err(format!(
            "version: {version} is not supported (this build reads {VERSION})"
        ));
    }
    Ok(())
}
