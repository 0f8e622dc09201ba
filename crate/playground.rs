//! Everything the page drives: a trainer, its points, point edits with undo, the boundary grid, and
//! divergence detection. Plain Rust: the wasm module wraps it without adding logic.
//!
//! The boundary grid's layout and colours are documented in [`crate::boundary`].
//!
//! # Point buffer layout
//! [`Playground::point_buffer`] returns 4 `f32` per point: `x, y, label, flags`, training points first;
//! flag bit 0 = test point, bit 1 = currently misclassified.

use crate::boundary::Boundary;
use crate::config::{Config, Value};
use crate::dataset::{Dataset, Task};
use crate::grid::GridKernel;
use crate::model::{ModelFile, PointsFile};
use crate::network::Network;
use crate::text::Num;
use crate::trainer::{class_probability, metrics, Metrics, Trainer};
use std::ops::Range;

/// A reversible change to the point set.
#[derive(Clone, Debug)]
enum Edit {
    Added {
        test: bool,
        index: usize,
    },
    Removed {
        test: bool,
        index: usize,
        x: [f64; 2],
        label: f64,
    },
    Moved {
        test: bool,
        index: usize,
        from: [f64; 2],
    },
    Replaced {
        train: Dataset,
        test: Dataset,
    },
}

/// Most undo steps kept.
const UNDO_DEPTH: usize = 200;

/// The playground's whole state.
#[derive(Clone, Debug)]
pub struct Playground {
    config: Config,
    trainer: Trainer,
    train: Dataset,
    test: Dataset,
    undo: Vec<Edit>,
    last_good: Vec<f64>,
    diverged: Option<String>,
    metrics: (Metrics, Metrics),
    pass: EvaluationPass,
    /// Whether each point (training then test) was misclassified when last evaluated.
    wrong: Vec<bool>,
    boundary: Boundary,
    kernel: GridKernel,
    points: Vec<f32>,
}

impl Playground {
    /// A playground from settings; errors name the field at fault.
    pub fn new(settings: &[(String, Value)]) -> Result<Playground, String> {
        let mut config = Config::default();
        for (name, value) in settings {
            config.set(name, value.clone())?;
        }
        config.check()?;
        let trainer = Trainer::new(
            build_network(&config)?,
            config.loss,
            config.learning_rate,
            config.batch_size,
            config.seed,
        );
        let mut pg = Playground {
            trainer,
            train: Dataset::new(2, Task::Classification),
            test: Dataset::new(2, Task::Classification),
            undo: Vec::new(),
            last_good: Vec::new(),
            diverged: None,
            metrics: (nan_metrics(), nan_metrics()),
            pass: EvaluationPass::default(),
            wrong: Vec::new(),
            boundary: Boundary::default(),
            kernel: GridKernel::default(),
            points: Vec::new(),
            config,
        };
        pg.apply_live();
        pg.generate();
        Ok(pg)
    }

    /// The current settings.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Changes settings atomically: all are validated first, then applied. Live settings (learning
    /// rate, batch size, optimiser, regularisation, method) act on the next step and reset nothing.
    pub fn set(&mut self, settings: &[(String, Value)]) -> Result<(), String> {
        let mut next = self.config.clone();
        let mut effects = Vec::new();
        for (name, value) in settings {
            effects.push(next.set(name, value.clone())?);
        }
        next.check()?;
        let network = if effects.iter().any(|e| e.network()) {
            Some(build_network(&next)?)
        } else {
            None
        };
        self.config = next;
        self.apply_live();
        // The weights were restored to finite values when training diverged: any accepted change (a
        // lower learning rate, say) lets training go on from them.
        self.diverged = None;
        if let Some(net) = network {
            self.trainer.loss = self.config.loss;
            self.trainer.replace_network(net);
        }
        if effects.iter().any(|e| e.data()) {
            self.generate();
        }
        Ok(())
    }

    fn apply_live(&mut self) {
        let (c, t) = (&self.config, &mut self.trainer);
        if t.optimizer.kind != c.optimizer {
            let n = t.network.params().len();
            t.optimizer.reset(n);
        }
        t.optimizer.kind = c.optimizer;
        t.optimizer.learning_rate = c.learning_rate;
        t.optimizer.momentum = c.momentum;
        t.optimizer.l1 = c.l1;
        t.optimizer.l2 = c.l2;
        t.batch_size = c.batch_size;
        t.method = c.method;
    }

    /// Draws the configured data set anew (undoable).
    pub fn generate(&mut self) {
        let c = &self.config;
        let all = Dataset::generate(c.dataset, c.points, c.noise, c.seed);
        let (train, test) = all.split(c.test_fraction, c.seed);
        self.replace_points(train, test);
    }

    /// Fresh weights from the configured seed; points, settings and undo history are kept.
    pub fn reset(&mut self) -> Result<(), String> {
        let net = build_network(&self.config)?;
        self.trainer.replace_network(net);
        self.diverged = None;
        Ok(())
    }

    /// Runs `steps` updates. Returns the mean batch loss, or an error explaining a divergence (the
    /// weights are then restored to those before this call, and training refuses to go on until a
    /// setting changes or the network is reset).
    pub fn train(&mut self, steps: u32) -> Result<f64, String> {
        if let Some(why) = &self.diverged {
            return Err(why.clone());
        }
        self.last_good.clear();
        self.last_good
            .extend_from_slice(self.trainer.network.params());
        let (mut total, mut count) = (0.0, 0u32);
        for _ in 0..steps {
            match self.trainer.step(&self.train) {
                Some(loss) => {
                    total += loss;
                    count += 1;
                }
                None => break,
            }
        }
        let loss = if count == 0 {
            0.0
        } else {
            total / count as f64
        };
        if !loss.is_finite() || self.trainer.network.params().iter().any(|w| !w.is_finite()) {
            let lr = self.config.learning_rate;
            // Restore the last good weights so that nothing garbage is drawn.
            let _ = self.trainer.network.set_params(&self.last_good);
            let n = self.last_good.len();
            self.trainer.optimizer.reset(n);
            let why = format!(
                "Training diverged: the loss became {} at learning rate {}. The weights were \
                 restored to their last finite values; try a learning rate below {}.",
                Num(loss),
                Num(lr),
                Num(one_digit(lr / 10.0))
            );
            self.diverged = Some(why.clone());
            return Err(why);
        }
        Ok(loss)
    }

    /// Trains until the current epoch completes (the page's step button).
    pub fn train_epoch(&mut self) -> Result<f64, String> {
        let start = self.trainer.epoch();
        let mut last = 0.0;
        while self.trainer.epoch() == start && !self.train.is_empty() {
            last = self.train(1)?;
        }
        Ok(last)
    }

    /// Why training stopped, if it diverged.
    pub fn diverged(&self) -> Option<&str> {
        self.diverged.as_deref()
    }

    /// Completed epochs.
    pub fn epoch(&self) -> u64 {
        self.trainer.epoch()
    }

    /// Updates applied.
    pub fn steps(&self) -> u64 {
        self.trainer.steps()
    }

    /// Recomputes loss and accuracy on both sets; returns `(train, test)`.
    pub fn evaluate(&mut self) -> (Metrics, Metrics) {
        self.pass = EvaluationPass::default();
        while !self.evaluate_some(usize::MAX) {}
        self.metrics
    }

    /// Evaluates at most `budget` more points of the current pass over both sets, so that a large
    /// set is evaluated across several frames. Returns true when the pass completed (the metrics and
    /// the misclassified flags are then updated and the next call starts a new pass).
    pub fn evaluate_some(&mut self, budget: usize) -> bool {
        let (n_train, total) = (self.train.len(), self.train.len() + self.test.len());
        if self.pass.cursor > total || self.wrong.len() != total {
            self.pass = EvaluationPass::default();
            self.wrong.clear();
            self.wrong.resize(total, false);
        }
        let end = self.pass.cursor.saturating_add(budget).min(total);
        for id in self.pass.cursor..end {
            let (set, i, k) = if id < n_train {
                (&self.train, id, 0)
            } else {
                (&self.test, id - n_train, 1)
            };
            let (loss, right) = self.trainer.evaluate_one(set, i);
            self.pass.loss[k] += loss;
            self.pass.correct[k] += usize::from(right);
            self.wrong[id] = set.task() == Task::Classification && !right;
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
        true
    }

    /// The last evaluation.
    pub fn metrics(&self) -> (Metrics, Metrics) {
        self.metrics
    }

    /// The network being trained.
    pub fn network(&self) -> &Network {
        &self.trainer.network
    }

    /// The trainer (for lessons that show gradients).
    pub fn trainer_mut(&mut self) -> &mut Trainer {
        &mut self.trainer
    }

    /// The training points.
    pub fn train_set(&self) -> &Dataset {
        &self.train
    }

    /// The test points.
    pub fn test_set(&self) -> &Dataset {
        &self.test
    }

    /// Class-1 probability at `(x, y)`.
    pub fn predict(&mut self, x: f64, y: f64) -> f64 {
        let output = self.trainer.network.output_activation();
        class_probability(self.trainer.predict(&[x, y]), output)
    }

    /// Adds a training point (undoable). Errors name a coordinate outside the plane or a bad label.
    pub fn add_point(&mut self, x: f64, y: f64, label: u32) -> Result<(), String> {
        check_point(x, y)?;
        if label > 1 {
            return Err(format!("label: {label} is not 0 or 1"));
        }
        if self.train.len() + self.test.len() >= crate::model::MAX_POINTS {
            return Err(format!(
                "points: at most {} points",
                crate::model::MAX_POINTS
            ));
        }
        self.train.push(&[x, y], label as f64);
        self.record(Edit::Added {
            test: false,
            index: self.train.len() - 1,
        });
        Ok(())
    }

    /// The point nearest `(x, y)` within `radius`, as an index into [`Playground::point_buffer`].
    pub fn pick(&self, x: f64, y: f64, radius: f64) -> Option<usize> {
        let a = self.train.nearest(&[x, y]);
        let b = self
            .test
            .nearest(&[x, y])
            .map(|(i, d)| (i + self.train.len(), d));
        let best = match (a, b) {
            (Some(a), Some(b)) => Some(if a.1 <= b.1 { a } else { b }),
            (a, b) => a.or(b),
        };
        best.filter(|&(_, d)| d <= radius * radius).map(|(i, _)| i)
    }

    /// Removes the point nearest `(x, y)` within `radius` (undoable); returns whether one was removed.
    pub fn remove_nearest(&mut self, x: f64, y: f64, radius: f64) -> bool {
        let Some(id) = self.pick(x, y, radius) else {
            return false;
        };
        let (test, index) = self.locate(id);
        let (p, label) = self.set_mut(test).remove(index);
        self.record(Edit::Removed {
            test,
            index,
            x: [p[0], p[1]],
            label,
        });
        true
    }

    /// Moves point `id` to `(x, y)`; `record` starts a new undo step (the first move of a drag).
    pub fn move_point(&mut self, id: usize, x: f64, y: f64, record: bool) -> Result<(), String> {
        check_point(x, y)?;
        if id >= self.train.len() + self.test.len() {
            return Err(format!("id: no point {id}"));
        }
        let (test, index) = self.locate(id);
        let set = self.set_mut(test);
        let from = [set.x(index)[0], set.x(index)[1]];
        set.set_x(index, &[x, y]);
        if record {
            self.record(Edit::Moved { test, index, from });
        }
        Ok(())
    }

    /// Removes every point (undoable).
    pub fn clear(&mut self) {
        self.replace_points(
            Dataset::new(2, Task::Classification),
            Dataset::new(2, Task::Classification),
        );
    }

    /// Reverts the last point edit; returns whether there was one.
    pub fn undo(&mut self) -> bool {
        let Some(edit) = self.undo.pop() else {
            return false;
        };
        match edit {
            Edit::Added { test, index } => {
                self.set_mut(test).remove(index);
            }
            Edit::Removed {
                test,
                index,
                x,
                label,
            } => self.set_mut(test).insert(index, &x, label),
            Edit::Moved { test, index, from } => self.set_mut(test).set_x(index, &from),
            Edit::Replaced { train, test } => {
                self.train = train;
                self.test = test;
            }
        }
        true
    }

    fn replace_points(&mut self, train: Dataset, test: Dataset) {
        let old_train = std::mem::replace(&mut self.train, train);
        let old_test = std::mem::replace(&mut self.test, test);
        self.record(Edit::Replaced {
            train: old_train,
            test: old_test,
        });
    }

    fn record(&mut self, edit: Edit) {
        if self.undo.len() == UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(edit);
    }

    fn set_mut(&mut self, test: bool) -> &mut Dataset {
        if test {
            &mut self.test
        } else {
            &mut self.train
        }
    }

    fn locate(&self, id: usize) -> (bool, usize) {
        if id < self.train.len() {
            (false, id)
        } else {
            (true, id - self.train.len())
        }
    }

    /// Fills the boundary grid (layout in [`crate::boundary`]), with the `f32` [`GridKernel`] where
    /// it applies.
    pub fn compute_boundary(&mut self, res: usize) -> Result<(), String> {
        self.compute_boundary_rows(res, 0..res)
    }

    /// Fills rows `rows` of the boundary grid, the others kept (see [`Boundary::compute_lanes`]).
    pub fn compute_boundary_rows(&mut self, res: usize, rows: Range<usize>) -> Result<(), String> {
        let output = self.trainer.network.output_activation();
        self.boundary.compute_network(
            res,
            rows,
            &mut self.kernel,
            &mut self.trainer,
            (1.0, 0.0),
            &|a| class_probability(&[a], output),
        )
    }

    /// Class-1 probability per boundary cell.
    pub fn probabilities(&self) -> &[f32] {
        self.boundary.values()
    }

    /// RGBA pixels of the boundary.
    pub fn rgba(&self) -> &[u8] {
        self.boundary.rgba()
    }

    /// Fills and returns the point buffer (layout in the module docs); the misclassified flag is
    /// that of the last completed evaluation pass, so this costs no forward passes.
    pub fn point_buffer(&mut self) -> &[f32] {
        self.points.clear();
        let mut id = 0;
        for (set, test) in [(&self.train, false), (&self.test, true)] {
            for i in 0..set.len() {
                let x = set.x(i);
                let wrong = self.wrong.get(id).copied().unwrap_or(false);
                let flags = u8::from(test) | (u8::from(wrong) << 1);
                self.points
                    .extend([x[0] as f32, x[1] as f32, set.ys[i] as f32, flags as f32]);
                id += 1;
            }
        }
        &self.points
    }

    /// The model as a versioned file.
    pub fn export_model(&self) -> ModelFile {
        ModelFile::from_network(&self.trainer.network)
    }

    /// Replaces the network by a file's; refused (nothing changed) if the file is malformed or its
    /// shape does not fit the playground's 2 inputs.
    pub fn import_model(&mut self, file: &ModelFile) -> Result<(), String> {
        let net = file.to_network()?;
        if net.inputs() != 2 {
            return Err(format!(
                "layers[0]: the playground needs 2 inputs, the model has {}",
                net.inputs()
            ));
        }
        self.config
            .loss
            .check_output(net.output_activation(), net.outputs())
            .map_err(|e| format!("outputActivation: {e}"))?;
        self.config.hidden_layers = net.sizes()[1..net.sizes().len() - 1].to_vec();
        if let Some(&a) = net.hidden_activations().first() {
            self.config.hidden_activation = a;
        }
        self.config.output_activation = net.output_activation();
        self.trainer.replace_network(net);
        self.diverged = None;
        Ok(())
    }

    /// The points as a versioned file.
    pub fn export_points(&self) -> PointsFile {
        PointsFile::from_sets(&self.train, &self.test)
    }

    /// Replaces the points by a file's (undoable); refused (nothing changed) if malformed.
    pub fn import_points(&mut self, file: &PointsFile) -> Result<(), String> {
        let (train, test) = file.to_sets()?;
        self.replace_points(train, test);
        Ok(())
    }
}

fn build_network(c: &Config) -> Result<Network, String> {
    Network::new(
        &c.layer_sizes(),
        &[c.hidden_activation],
        c.output_activation,
        c.init,
        c.seed,
    )
}

fn check_point(x: f64, y: f64) -> Result<(), String> {
    for (name, v) in [("x", x), ("y", y)] {
        if !(-1.0..=1.0).contains(&v) {
            return Err(format!("{name}: {} is outside [-1, 1]", Num(v)));
        }
    }
    Ok(())
}

/// Sums of a partly done evaluation pass: index 0 the training set, 1 the test set.
#[derive(Clone, Debug, Default)]
struct EvaluationPass {
    cursor: usize,
    loss: [f64; 2],
    correct: [usize; 2],
}

fn nan_metrics() -> Metrics {
    Metrics {
        loss: f64::NAN,
        accuracy: f64::NAN,
    }
}

/// `r` rounded down to one significant digit (`0.037` → `0.03`): the learning rate the divergence
/// message suggests. Built as `d·10ᵏ` or `d / 10ᵏ` from exact integers, so that it is the double
/// nearest that short decimal and prints as it.
fn one_digit(r: f64) -> f64 {
    if !(r > 1e-15 && r < 1e15) {
        return r;
    }
    let mut p = 1.0;
    if r >= 1.0 {
        while p * 10.0 <= r {
            p *= 10.0;
        }
        ((r / p) * (1.0 + 1e-12)).floor() * p
    } else {
        while r * p < 1.0 {
            p *= 10.0;
        }
        ((r * p) * (1.0 + 1e-12)).floor() / p
    }
}

#[cfg(test)]
mod tests {
    use super::one_digit;

    #[test]
    fn suggested_rates_are_short_round_numbers() {
        for (r, want) in [
            (1.0, "1"),
            (0.3, "0.3"),
            (0.037, "0.03"),
            (0.03, "0.03"),
            (0.001, "0.001"),
            (7.9e-5, "0.00007"),
            (42.0, "40"),
        ] {
            assert_eq!(one_digit(r).to_string(), want, "{r}");
        }
        assert!(one_digit(f64::NAN).is_nan());
    }
}
