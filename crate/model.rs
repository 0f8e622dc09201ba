//! Versioned files for models and point sets, and their validation.
//!
//! A file is first decoded from its [`Json`] tree into one of the structs here (missing, mistyped and
//! unknown fields are refused, naming them), then checked value by value; every error names the field at fault. Nothing is applied until a whole file
//! has passed, so a bad import leaves the current model untouched.

use crate::activation::Activation;
use crate::dataset::{Dataset, Task};
use crate::loss::OutputActivation;
use crate::network::Network;
use crate::text::{self, Fields, Json, Num};

/// The `format` of a model file.
pub const MODEL_FORMAT: &str = "scratchnet-model";
/// The `format` of a point-set file.
pub const POINTS_FORMAT: &str = "scratchnet-points";
/// The file version this build writes and reads.
pub const VERSION: u32 = 1;

/// A network's shape, activations and parameters (in [`Network::params`] order).
#[derive(Clone, Debug, PartialEq)]
pub struct ModelFile {
    /// Always [`MODEL_FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// Layer sizes, inputs first.
    pub layers: Vec<usize>,
    /// One activation name per hidden layer.
    pub hidden_activations: Vec<String>,
    /// The output activation's name.
    pub output_activation: String,
    /// Every weight and bias, layer by layer, weights row-major then biases.
    pub params: Vec<f64>,
}

impl ModelFile {
    /// Describes `net`.
    pub fn from_network(net: &Network) -> ModelFile {
        ModelFile {
            format: MODEL_FORMAT.into(),
            version: VERSION,
            layers: net.sizes().to_vec(),
            hidden_activations: net
                .hidden_activations()
                .iter()
                .map(|a| a.name().to_string())
                .collect(),
            output_activation: net.output_activation().name().into(),
            params: net.params().to_vec(),
        }
    }

    /// The file as a JSON tree (camelCase fields).
    pub fn to_json(&self) -> Json {
        let numbers = |v: &mut dyn Iterator<Item = f64>| Json::List(v.map(Json::Number).collect());
        Json::Object(vec![
            ("format".into(), Json::Text(self.format.clone())),
            ("version".into(), Json::Number(self.version.into())),
            (
                "layers".into(),
                numbers(&mut self.layers.iter().map(|&n| n as f64)),
            ),
            (
                "hiddenActivations".into(),
                Json::List(
                    self.hidden_activations
                        .iter()
                        .cloned()
                        .map(Json::Text)
                        .collect(),
                ),
            ),
            (
                "outputActivation".into(),
                Json::Text(self.output_activation.clone()),
            ),
            ("params".into(), numbers(&mut self.params.iter().copied())),
        ])
    }

    /// Decodes a file's JSON tree; the values are checked by [`ModelFile::to_network`].
    pub fn from_json(json: &Json) -> Result<ModelFile, String> {
        let mut f = Fields::of(json, "")?;
        let (format, version) = header(&mut f)?;
        let layers = f.each("layers", |v, name| {
            text::whole(v, name, u32::MAX.into()).map(|n| n as usize)
        })?;
        let hidden_activations = f.each("hiddenActivations", text::text)?;
        let output_activation = f.text("outputActivation")?;
        let params = f.each("params", text::number)?;
        f.finish()?;
        Ok(ModelFile {
            format,
            version,
            layers,
            hidden_activations,
            output_activation,
            params,
        })
    }

    /// Checks every field and builds the network the file describes.
    pub fn to_network(&self) -> Result<Network, String> {
        check_header(&self.format, MODEL_FORMAT, self.version)?;
        let hidden = self
            .hidden_activations
            .iter()
            .enumerate()
            .map(|(i, name)| {
                Activation::from_name(name)
                    .ok_or_else(|| format!("hiddenActivations[{i}]: unknown activation \"{name}\""))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if hidden.len() + 2 != self.layers.len() {
            return Err(format!(
                "hiddenActivations: {} given for {} hidden layers",
                hidden.len(),
                self.layers.len().saturating_sub(2)
            ));
        }
        let output = OutputActivation::from_name(&self.output_activation).ok_or_else(|| {
            format!(
                "outputActivation: unknown activation \"{}\"",
                self.output_activation
            )
        })?;
        let mut net = Network::zeros(&self.layers, &hidden, output)?;
        net.set_params(&self.params)?;
        Ok(net)
    }
}

/// One point of a point-set file.
#[derive(Clone, Debug, PartialEq)]
pub struct PointRecord {
    /// Horizontal coordinate in [−1, 1].
    pub x: f64,
    /// Vertical coordinate in [−1, 1].
    pub y: f64,
    /// Class index, 0 or 1.
    pub label: u32,
    /// Whether the point is held out for testing (optional in a file, `false` if absent).
    pub test: bool,
}

/// A set of 2-D labelled points, training and test together.
#[derive(Clone, Debug, PartialEq)]
pub struct PointsFile {
    /// Always [`POINTS_FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// The points.
    pub points: Vec<PointRecord>,
}

/// Most points a file (or the page) may hold.
pub const MAX_POINTS: usize = 5000;

impl PointsFile {
    /// Describes a training and a test set of 2-D classification points.
    pub fn from_sets(train: &Dataset, test: &Dataset) -> PointsFile {
        let mut points = Vec::with_capacity(train.len() + test.len());
        for (set, is_test) in [(train, false), (test, true)] {
            for i in 0..set.len() {
                let x = set.x(i);
                points.push(PointRecord {
                    x: x[0],
                    y: x[1],
                    label: set.ys[i] as u32,
                    test: is_test,
                });
            }
        }
        PointsFile {
            format: POINTS_FORMAT.into(),
            version: VERSION,
            points,
        }
    }

    /// The file as a JSON tree; `test` is written only for held-out points.
    pub fn to_json(&self) -> Json {
        let points = self
            .points
            .iter()
            .map(|p| {
                let mut fields = vec![
                    ("x".into(), Json::Number(p.x)),
                    ("y".into(), Json::Number(p.y)),
                    ("label".into(), Json::Number(p.label.into())),
                ];
                if p.test {
                    fields.push(("test".into(), Json::Bool(true)));
                }
                Json::Object(fields)
            })
            .collect();
        Json::Object(vec![
            ("format".into(), Json::Text(self.format.clone())),
            ("version".into(), Json::Number(self.version.into())),
            ("points".into(), Json::List(points)),
        ])
    }

    /// Decodes a file's JSON tree; the values are checked by [`PointsFile::to_sets`].
    pub fn from_json(json: &Json) -> Result<PointsFile, String> {
        let mut f = Fields::of(json, "")?;
        let (format, version) = header(&mut f)?;
        let points = f.each("points", |v, name| {
            let mut p = Fields::of(v, name)?;
            let record = PointRecord {
                x: p.number("x")?,
                y: p.number("y")?,
                label: text::whole(p.get("label")?, &p.name("label"), u32::MAX.into())? as u32,
                test: match p.optional("test") {
                    None => false,
                    Some(Json::Bool(b)) => *b,
                    Some(other) => {
                        return Err(format!(
                            "{}: expected true or false, got {}",
                            p.name("test"),
                            other.kind()
                        ))
                    }
                },
            };
            p.finish()?;
            Ok(record)
        })?;
        f.finish()?;
        Ok(PointsFile {
            format,
            version,
            points,
        })
    }

    /// Checks every point and returns `(train, test)`.
    pub fn to_sets(&self) -> Result<(Dataset, Dataset), String> {
        check_header(&self.format, POINTS_FORMAT, self.version)?;
        if self.points.len() > MAX_POINTS {
            return Err(format!(
                "points: {} points, at most {MAX_POINTS} allowed",
                self.points.len()
            ));
        }
        let mut train = Dataset::new(2, Task::Classification);
        let mut test = Dataset::new(2, Task::Classification);
        for (i, p) in self.points.iter().enumerate() {
            for (name, v) in [("x", p.x), ("y", p.y)] {
                if !(-1.0..=1.0).contains(&v) {
                    return Err(format!("points[{i}].{name}: {} is outside [-1, 1]", Num(v)));
                }
            }
            if p.label > 1 {
                return Err(format!("points[{i}].label: {} is not 0 or 1", p.label));
            }
            let set = if p.test { &mut test } else { &mut train };
            set.push(&[p.x, p.y], p.label as f64);
        }
        Ok((train, test))
    }
}

/// The `format` and `version` fields every file starts with.
fn header(f: &mut Fields) -> Result<(String, u32), String> {
    let format = f.text("format")?;
    let version = text::whole(f.get("version")?, "version", u32::MAX.into())? as u32;
    Ok((format, version))
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
