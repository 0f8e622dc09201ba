//! What the playground and every lesson have in common: a network with its trainer, training and
//! test points, how the plane maps to the network's inputs, the boundary grid and the point buffer
//! the page draws, evaluation, and the model file. [`crate::app::playground`] adds settings, point edits
//! with undo and divergence; [`crate::app::lesson`] adds a tutorial's procedure and figures.
//!
//! # Point buffer layout
//! [`Scene::point_buffer`] returns 4 `f32` per point: `x, y, label, flags` in plane coordinates,
//! training points first; flag bit 0 = test point, bit 1 = misclassified at the last completed
//! evaluation. A regression point's label is 1 where its target is ≥ 0, else 0.
//!
//! The boundary grid's layout and colours are documented in [`crate::view::boundary`].

use crate::app::files::ModelFile;
use crate::data::dataset::{Dataset, Task};
use crate::data::features::FeatureMap;
use crate::kernel::grid::GridKernel;
use crate::model::network::Network;
use crate::model::output::class_probability;
use crate::train::targets::{metrics, Metrics};
use crate::train::trainer::{Step, Trainer};
use crate::view::boundary::Boundary;
use crate::view::neurons::NeuronMaps;
use std::ops::Range;

/// How the plane `[−1, 1]²` the page draws maps to the network's two inputs (`input = plane ·
/// scale + offset` on both axes), and how a regression output maps to a boundary value
/// (`½ + ½ out / span`, clamped).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Plane {
    /// Input units per plane unit.
    pub scale: f64,
    /// The input at the plane's centre.
    pub offset: f64,
    /// The regression output drawn at full colour.
    pub span: f64,
}

impl Plane {
    /// The plane as the inputs themselves.
    pub const IDENTITY: Plane = Plane {
        scale: 1.0,
        offset: 0.0,
        span: 1.0,
    };
}

/// Steps at the end of a [`Scene::train_for`] call whose mean loss it reports.
pub const TAIL: usize = 20;

/// A network, its data and everything the page draws of them.
#[derive(Clone, Debug)]
pub struct Scene {
    /// The network and how it is trained.
    pub trainer: Trainer,
    /// The training points.
    pub train: Dataset,
    /// The held-out points.
    pub test: Dataset,
    /// `None` for a scene shown as a table (more than two inputs).
    plane: Option<Plane>,
    /// The values of the inputs beyond the plane's two (a table's other columns) where the
    /// boundary, the neuron maps and a prediction at a point of the plane are computed: the slice
    /// of the input space the plane shows.
    pub held: Vec<f64>,
    /// Most training and test points the point buffer holds.
    shown: [usize; 2],
    metrics: (Metrics, Metrics),
    pass: EvaluationPass,
    /// Whether each point (training then test) was misclassified when last evaluated.
    wrong: Vec<bool>,
    /// The last completed pass's confusion matrices (training, test): see [`Scene::confusion`].
    confusion: [Vec<u32>; 2],
    boundary: Boundary,
    kernel: GridKernel,
    maps: NeuronMaps,
    points: Vec<f32>,
}

impl Scene {
    /// A scene; `shown` caps the points drawn (training, test).
    pub fn new(
        trainer: Trainer,
        train: Dataset,
        test: Dataset,
        plane: Option<Plane>,
        shown: [usize; 2],
    ) -> Scene {
        let nan = Metrics {
            loss: f64::NAN,
            accuracy: f64::NAN,
        };
        Scene {
            trainer,
            train,
            test,
            plane,
            held: Vec::new(),
            shown,
            metrics: (nan, nan),
            pass: EvaluationPass::default(),
            wrong: Vec::new(),
            confusion: [Vec::new(), Vec::new()],
            boundary: Boundary::default(),
            kernel: GridKernel::default(),
            maps: NeuronMaps::default(),
            points: Vec::new(),
        }
    }

    /// The network being trained.
    pub fn network(&self) -> &Network {
        self.trainer.network()
    }

    /// How the plane maps to the inputs, if the scene is drawn on it.
    pub fn plane(&self) -> Option<Plane> {
        self.plane
    }

    /// Whether the scene is drawn on the plane (else as a table).
    pub fn on_plane(&self) -> bool {
        self.plane.is_some()
    }

    /// Points in both sets.
    pub fn point_count(&self) -> usize {
        self.train.len() + self.test.len()
    }

    /// Completed epochs.
    pub fn epoch(&self) -> u64 {
        self.trainer.epoch()
    }

    /// Updates applied.
    pub fn steps(&self) -> u64 {
        self.trainer.steps()
    }

    /// Runs up to `steps` updates, stopping once `max_ms` have passed (a step longer than that is
    /// spread over calls: the next call goes on with it). Returns the updates completed, the sum
    /// of their losses, and the mean loss of the last [`TAIL`] of them (the loss of the weights the
    /// call ends with, as near as the steps tell it). The clock is read once per about a
    /// millisecond of work, not per step.
    pub fn train_for(&mut self, steps: u64, max_ms: f64) -> (u64, f64, f64) {
        self.train_for_with(steps, max_ms, &mut |_| {})
    }

    /// [`Scene::train_for`], calling `at_epoch` with the trainer each time an epoch completes (its
    /// `f64` weights may lag an `f32` engine's until [`Trainer::sync`]).
    pub fn train_for_with(
        &mut self,
        steps: u64,
        max_ms: f64,
        at_epoch: &mut dyn FnMut(&mut Trainer),
    ) -> (u64, f64, f64) {
        let start = crate::base::clock::now_ms();
        // Example passes between two looks at the clock: about a millisecond of work.
        let params = self.trainer.network().params().len().max(1);
        let chunk = (200_000 / params).clamp(8, 65_536);
        let (mut done, mut total, mut since_clock) = (0, 0.0, 0);
        let mut tail = [0.0; TAIL];
        let mut epoch = self.trainer.epoch();
        while done < steps {
            let mut budget = chunk;
            match self.trainer.step_part(&self.train, &mut budget) {
                Step::Done(loss) => {
                    tail[(done % TAIL as u64) as usize] = loss;
                    done += 1;
                    total += loss;
                    if self.trainer.epoch() != epoch {
                        epoch = self.trainer.epoch();
                        at_epoch(&mut self.trainer);
                    }
                }
                Step::Partial => {}
                Step::NoData => break,
            }
            since_clock += chunk - budget;
            if since_clock >= chunk {
                since_clock = 0;
                if crate::base::clock::now_ms() - start >= max_ms {
                    break;
                }
            }
        }
        self.trainer.sync();
        let kept = (done as usize).min(TAIL);
        let tail_mean = tail[..kept].iter().sum::<f64>() / kept as f64;
        (done, total, tail_mean)
    }

    /// What the boundary shows at plane point `(x, y)`: the class-1 probability, or a regression
    /// output mapped into [0, 1].
    pub fn value_at(&mut self, x: f64, y: f64) -> f64 {
        let p = self.plane.unwrap_or(Plane::IDENTITY);
        let to_value = self.to_value();
        let mut input = vec![x * p.scale + p.offset, y * p.scale + p.offset];
        input.extend_from_slice(&self.held);
        let out = self.trainer.predict(&input);
        to_value(out)
    }

    /// Whether the network tells more than two classes apart (its boundary values are then
    /// [`crate::model::output::class_value`]s).
    pub fn multi_class(&self) -> bool {
        self.train.task() == Task::Classification && self.trainer.network().outputs() > 2
    }

    /// What the boundary shows for the network's outputs: the class-1 probability, a regression
    /// output mapped into [0, 1], or for more than two classes the winner and its margin.
    fn to_value(&self) -> impl Fn(&[f64]) -> f64 {
        let output = self.trainer.network().output_activation();
        let span = self.plane.map_or(1.0, |p| p.span);
        let regression = self.train.task() == Task::Regression;
        let multi = self.multi_class();
        move |out: &[f64]| {
            if regression {
                0.5 + 0.5 * (out[0] / span).clamp(-1.0, 1.0)
            } else if multi {
                crate::model::output::class_value(out)
            } else {
                class_probability(out, output)
            }
        }
    }

    /// Recomputes loss and accuracy on both sets; returns `(train, test)`.
    pub fn evaluate(&mut self) -> (Metrics, Metrics) {
        self.pass = EvaluationPass::default();
        while !self.evaluate_some(usize::MAX) {}
        self.metrics
    }

    /// Drops an evaluation pass under way: the weights it began on are no longer the scene's.
    pub fn invalidate(&mut self) {
        self.pass = EvaluationPass::default();
    }

    /// Evaluates at most `budget` more points of the current pass over both sets, so that a large
    /// set is evaluated across several frames. Returns true when the pass completed (the metrics and
    /// the misclassified flags are then updated and the next call starts a new pass).
    pub fn evaluate_some(&mut self, budget: usize) -> bool {
        let (n_train, total) = (self.train.len(), self.point_count());
        if self.pass.cursor > total || self.wrong.len() != total {
            self.pass = EvaluationPass::default();
            self.wrong.clear();
            self.wrong.resize(total, false);
            self.confusion = [Vec::new(), Vec::new()];
        }
        let classes = self.classes();
        if self.pass.cursor == 0 && self.train.task() == Task::Classification {
            self.pass.confusion = [vec![0; classes * classes], vec![0; classes * classes]];
        }
        let end = self.pass.cursor.saturating_add(budget).min(total);
        for id in self.pass.cursor..end {
            let (set, i, k) = if id < n_train {
                (&self.train, id, 0)
            } else {
                (&self.test, id - n_train, 1)
            };
            let (loss, predicted) = self.trainer.evaluate_one(set, i);
            let truth = set.ys[i] as usize;
            self.pass.loss[k] += loss;
            self.pass.correct[k] += usize::from(predicted == Some(truth));
            self.wrong[id] = predicted.is_some_and(|c| c != truth);
            tally(&mut self.pass.confusion[k], classes, set.ys[i], predicted);
        }
        self.pass.cursor = end;
        if end < total {
            return false;
        }
        let p = std::mem::take(&mut self.pass);
        self.metrics = (
            metrics(&self.train, p.loss[0], p.correct[0]),
            metrics(&self.test, p.loss[1], p.correct[1]),
        );
        self.confusion = p.confusion;
        true
    }

    /// The last completed evaluation: `(train, test)`.
    pub fn metrics(&self) -> (Metrics, Metrics) {
        self.metrics
    }

    /// The classes a classifier tells apart: its softmax outputs, or two for one output.
    pub fn classes(&self) -> usize {
        self.trainer.network().outputs().max(2)
    }

    /// The confusion matrix the last completed pass counted for the test points (`test`) or the
    /// training points, `counts[true × k + predicted]` for [`Scene::classes`] `k`; the one the
    /// accuracies of [`Scene::metrics`] come from. None before a pass over these points, or for
    /// regression.
    pub fn confusion(&self, test: bool) -> Option<&[u32]> {
        let m = &self.confusion[usize::from(test)];
        let k = self.classes();
        (m.len() == k * k).then_some(m.as_slice())
    }

    /// Fills rows `rows` of a `res × res` boundary grid, the others kept (see
    /// [`Boundary::compute_lanes`]); the `f32` [`GridKernel`] is used where it applies.
    pub fn compute_boundary(&mut self, res: usize, rows: Range<usize>) -> Result<(), String> {
        let p = self
            .plane
            .ok_or("this scene is shown as a table, not on the plane")?;
        let to_value = self.to_value();
        let multi = self.multi_class();
        self.kernel
            .set_features(self.trainer.features.as_ref(), &self.held);
        self.boundary.compute_network(
            res,
            rows,
            &mut self.kernel,
            self.trainer.network(),
            (p.scale, p.offset),
            &to_value,
            multi,
        )
    }

    /// Fills every neuron's map (`only` None) or one neuron's (`Some((layer, neuron))`) on a
    /// `res × res` grid of the plane (see [`crate::view::neurons`]).
    pub fn neuron_maps(
        &mut self,
        res: usize,
        only: Option<(usize, usize)>,
    ) -> Result<&NeuronMaps, String> {
        let p = self
            .plane
            .ok_or("this scene is shown as a table, not on the plane")?;
        self.trainer.sync();
        let plane = (p.scale, p.offset);
        // The kernel takes the inputs as the trainer makes them: the features, then the held slice.
        self.kernel
            .set_features(self.trainer.features.as_ref(), &self.held);
        self.maps
            .compute(&mut self.kernel, self.trainer.network(), plane, res, only)?;
        Ok(&self.maps)
    }

    /// The levels of the last [`Scene::neuron_maps`].
    pub fn neuron_levels(&self) -> &[f32] {
        self.maps.levels()
    }

    /// The boundary's value per cell.
    pub fn boundary_values(&self) -> &[f32] {
        self.boundary.values()
    }

    /// The boundary's RGBA pixels.
    pub fn boundary_rgba(&self) -> &[u8] {
        self.boundary.rgba()
    }

    /// Fills and returns the point buffer (layout in the module docs); the misclassified flags are
    /// those of the last completed evaluation pass, so this costs no forward passes.
    pub fn point_buffer(&mut self) -> &[f32] {
        self.points.clear();
        let Some(p) = self.plane else {
            return &self.points;
        };
        let plane = |v: f64| ((v - p.offset) / p.scale) as f32;
        let sets = [
            (&self.train, 0usize, false),
            (&self.test, self.train.len(), true),
        ];
        for ((set, first, test), limit) in sets.into_iter().zip(self.shown) {
            for i in 0..set.len().min(limit) {
                let x = set.x(i);
                // A regression point's label is its target (the page colours it by value).
                let label = set.ys[i];
                let wrong = self.wrong.get(first + i).copied().unwrap_or(false);
                let flags = u8::from(test) | (u8::from(wrong) << 1);
                self.points
                    .extend([plane(x[0]), plane(x[1]), label as f32, flags as f32]);
            }
        }
        &self.points
    }

    /// The network as a versioned file.
    pub fn export_model(&self) -> ModelFile {
        let features = self.trainer.features.as_ref().map(|m| m.list().to_vec());
        ModelFile {
            precision: Some(self.trainer.hyper.precision),
            features: features.or_else(|| Some(FeatureMap::default().list().to_vec())),
            ..ModelFile::from_network(self.trainer.network())
        }
    }
}

/// Counts a point of class `label` that the network gives class `predicted` (none: regression) in
/// the `classes × classes` confusion matrix `counts`, a row per true class; a class beyond the
/// matrix counts as its last.
pub fn tally(counts: &mut [u32], classes: usize, label: f64, predicted: Option<usize>) {
    let Some(c) = predicted else { return };
    let last = classes.saturating_sub(1);
    let cell = (label as usize).min(last) * classes + c.min(last);
    if let Some(count) = counts.get_mut(cell) {
        *count += 1;
    }
}

/// Sums of a partly done evaluation pass: index 0 the training set, 1 the test set.
#[derive(Clone, Debug, Default)]
struct EvaluationPass {
    cursor: usize,
    loss: [f64; 2],
    correct: [usize; 2],
    /// Counted as the points are, for classification: see [`Scene::confusion`].
    confusion: [Vec<u32>; 2],
}
