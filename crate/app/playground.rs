//! Free play: a [`Scene`] with the settings that shape it, point edits with undo, and divergence
//! detection. Plain Rust: the wasm module wraps it without adding logic.

use crate::app::config::{defaults, Config, Effects, Settings, Setup};
use crate::app::files::{ModelFile, PointsFile};
use crate::app::scene::{Plane, Scene};
use crate::base::names::Named;
use crate::base::text::Num;
use crate::data::dataset::{Dataset, Task};
use crate::data::features::FeatureMap;
use crate::model::loss::OutputActivation;
use crate::model::network::Network;
use crate::train::hyper::LEARNING_RATES;
use crate::train::trainer::Trainer;

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
    /// Parameter `index` was set; it held `old`.
    Weight {
        index: usize,
        old: f64,
    },
}

/// Most undo steps kept.
const UNDO_DEPTH: usize = 200;

/// The playground's whole state.
#[derive(Clone, Debug)]
pub struct Playground {
    /// The network, its trainer (which holds the live settings), the points and what is drawn.
    pub scene: Scene,
    setup: Setup,
    undo: Vec<Edit>,
    last_good: Vec<f64>,
    diverged: Option<String>,
    watch: LossWatch,
}

/// Watches the training loss for an explosion: a loss far above the one training started from,
/// although still finite (a tanh network at η = 10 on a circle climbs from 0.7 to 4 and more, and
/// stays there). The starting loss is measured on the whole training set before the first update,
/// so a run thrown off by its very first steps is caught and the message's figures are true. It
/// follows a running mean over about [`SETTLE`] steps, not one call's loss, so a single confidently
/// wrong example (an online step of loss 3) is no explosion. Keeps the weights of the lowest
/// running loss seen, to restore.
#[derive(Clone, Debug)]
struct LossWatch {
    /// The training loss before the first update; NaN until measured.
    start: f64,
    /// Steps seen since the watch began.
    steps: u64,
    /// The running mean of the batch losses (it begins at `start`).
    smoothed: f64,
    /// A slower running mean, over about [`SLOW`] steps: whether the loss stays high.
    slow: f64,
    /// Steps in a row the slow mean has stayed above [`LossWatch::stuck_line`].
    above: u64,
    /// Whether the start was measured when training resumed after a stop (not before the
    /// network's first step).
    resumed: bool,
    /// The lowest running mean since, and the weights that gave it.
    best: f64,
    best_params: Vec<f64>,
}

/// Steps the running mean spans.
const SETTLE: f64 = 20.0;
/// Steps the slow running mean spans: batch losses of a noisy run cross any line often.
const SLOW: f64 = 200.0;
/// Steps in a row the slow mean may stay above 1.5 times the start before training is called
/// diverged: long enough for a momentum or Adam run to overshoot and come back.
const SUSTAINED: u64 = 300;

impl LossWatch {
    fn new() -> LossWatch {
        LossWatch {
            start: f64::NAN,
            steps: 0,
            smoothed: f64::NAN,
            slow: f64::NAN,
            above: 0,
            resumed: false,
            best: f64::INFINITY,
            best_params: Vec::new(),
        }
    }

    /// Whether the starting loss is still to be measured.
    fn unstarted(&self) -> bool {
        self.start.is_nan()
    }

    /// Takes the training loss of the weights before the first update.
    fn begin(&mut self, loss: f64) {
        if loss.is_finite() {
            self.start = loss;
            self.smoothed = loss;
            self.slow = loss;
            self.steps = 0;
            self.above = 0;
        }
    }

    /// Takes in the mean loss of `count` more steps.
    fn observe(&mut self, loss: f64, count: u64) {
        if self.unstarted() {
            return;
        }
        let weight = count as f64 / (count as f64 + SETTLE);
        self.smoothed += (loss - self.smoothed) * weight;
        self.slow += (loss - self.slow) * (count as f64 / (count as f64 + SLOW));
        self.steps += count;
        self.above = if self.slow > self.stuck_line() && self.smoothed > self.stuck_line() {
            self.above + count
        } else {
            0
        };
    }

    /// The line a loss may not stay above: half as much again as the start (and at least 0.05
    /// above it, for a start near zero).
    fn stuck_line(&self) -> f64 {
        (1.5 * self.start).max(self.start + 0.05)
    }

    /// Whether the running loss has exploded: above 4× the starting loss and 2 above it at any
    /// time, or above [`LossWatch::stuck_line`] for [`SUSTAINED`] steps in a row. Untrained
    /// networks start near 0.7 (cross-entropy) or below 1 (squared error on classes), so a
    /// healthy run stays below both.
    fn exploded(&self) -> bool {
        !self.unstarted()
            && (self.smoothed > (4.0 * self.start).max(self.start + 2.0) || self.above >= SUSTAINED)
    }

    /// Keeps `params` if `loss`, theirs, is the lowest yet (by 1 %: a copy not every call).
    fn keep_if_best(&mut self, loss: f64, params: &[f64]) {
        if !self.unstarted() && loss < 0.99 * self.best {
            self.best = loss;
            self.best_params.clear();
            self.best_params.extend_from_slice(params);
        }
    }

    /// After an explosion: the start is measured again from the weights restored, the best
    /// weights kept to restore.
    fn restart(&mut self) {
        self.resumed = true;
        self.start = f64::NAN;
        self.smoothed = f64::NAN;
        self.slow = f64::NAN;
        self.steps = 0;
        self.above = 0;
    }
}

impl Playground {
    /// A playground from the defaults changed by `settings`; errors name the field at fault.
    pub fn new(settings: &Settings) -> Result<Playground, String> {
        let (config, _) = defaults().apply(settings, None)?;
        Ok(Playground::from_config(config))
    }

    /// A playground from the defaults changed by whatever in `settings` is valid (a link); each
    /// refused field is reported in the list and left at its default.
    pub fn lenient(settings: &Settings) -> (Playground, Vec<String>) {
        let mut problems = Vec::new();
        let config = match defaults().apply(settings, Some(&mut problems)) {
            Ok((config, _)) => config,
            Err(e) => {
                problems.push(e);
                defaults()
            }
        };
        (Playground::from_config(config), problems)
    }

    fn from_config(config: Config) -> Playground {
        let Config { setup, hyper } = config;
        let mut trainer = Trainer::new(build_network(&setup), setup.loss, 0.0, 0, setup.seed);
        trainer.hyper = hyper;
        trainer.features = setup.feature_map();
        let empty = || Dataset::new(2, Task::Classification);
        let mut pg = Playground {
            scene: Scene::new(
                trainer,
                empty(),
                empty(),
                Some(Plane::IDENTITY),
                [usize::MAX; 2],
            ),
            setup,
            undo: Vec::new(),
            last_good: Vec::new(),
            diverged: None,
            watch: LossWatch::new(),
        };
        pg.generate();
        // A new playground has nothing to undo: Undo never empties the plane it starts with.
        pg.undo.clear();
        pg
    }

    /// Forgets the undo history: what a link or a stored state set up is where the page starts,
    /// not an edit to take back.
    pub fn forget_history(&mut self) {
        self.undo.clear();
    }

    /// The current settings.
    pub fn config(&self) -> Config {
        Config {
            setup: self.setup.clone(),
            hyper: self.scene.trainer.hyper,
        }
    }

    /// Changes settings atomically: all are validated first, then applied (strict), or every valid
    /// one is applied and the others reported into `problems` (lenient). Live settings (learning
    /// rate, batch size, optimiser, regularisation, method) act on the next step and reset nothing;
    /// the result says what else the change rebuilt, so the page redraws only that.
    pub fn set(
        &mut self,
        settings: &Settings,
        problems: Option<&mut Vec<String>>,
    ) -> Result<Effects, String> {
        let (next, effects) = self.config().apply(settings, problems)?;
        let (old_problem, old_classes) = (self.setup.problem, self.setup.classes);
        let Config { setup, hyper } = next;
        let old = self.scene.trainer.hyper;
        if hyper.method != old.method || hyper.batch_size != old.batch_size {
            // A step begun by another method or on another batch is not finished by this one.
            self.scene.trainer.abandon_step();
        }
        self.setup = setup;
        self.scene.trainer.hyper = hyper;
        // The weights were restored to finite values when training diverged: any accepted change (a
        // lower learning rate, say) lets training go on from them.
        self.diverged = None;
        if effects.network {
            self.scene.trainer.loss = self.setup.loss;
            self.scene
                .trainer
                .replace_network(build_network(&self.setup));
            self.scene.trainer.features = self.setup.feature_map();
            self.watch = LossWatch::new();
            self.forget_weight_edits();
        }
        if effects.data {
            self.generate();
        }
        if (self.setup.problem, self.setup.classes) != (old_problem, old_classes) {
            // Points of another problem cannot come back into this one.
            self.undo.clear();
        }
        Ok(effects)
    }

    /// Draws the configured data set anew (undoable).
    pub fn generate(&mut self) {
        let c = &self.setup;
        let all = Dataset::generate(c.dataset, c.points, c.noise, c.seed, c.classes);
        let (train, test) = all.split(c.test_fraction, c.seed);
        self.replace_points(train, test);
    }

    /// Fresh weights from the configured seed; points, settings and undo history are kept.
    pub fn reset(&mut self) {
        self.scene
            .trainer
            .replace_network(build_network(&self.setup));
        // Everything random restarts from the seed: the weights and the batch order.
        self.scene.trainer.reseed(self.setup.seed);
        self.diverged = None;
        self.watch = LossWatch::new();
        self.forget_weight_edits();
    }

    /// Runs `steps` updates (no time cap: tests and scripts). See [`Playground::train_within`].
    pub fn train(&mut self, steps: u32) -> Result<f64, String> {
        self.train_within(steps, f64::INFINITY)
    }

    /// Runs up to `steps` updates, stopping once `max_ms` have passed (a step longer than that
    /// goes on in the next call). Returns the mean loss of the updates completed (NaN if none
    /// completed), or an error explaining a divergence or an explosion: the weights are then
    /// restored to those before this call, and training refuses to go on until a setting changes
    /// or the network is reset. After an explosion [`Playground::restore_best`] offers the weights
    /// of the lowest loss seen before it.
    pub fn train_within(&mut self, steps: u32, max_ms: f64) -> Result<f64, String> {
        if let Some(why) = &self.diverged {
            return Err(why.clone());
        }
        self.last_good.clear();
        self.last_good
            .extend_from_slice(self.scene.network().params());
        if self.watch.unstarted() && steps > 0 && !self.scene.train.is_empty() {
            let start = self.scene.trainer.evaluate(&self.scene.train).loss;
            self.watch.begin(start);
            // The weights training starts from are the first that can be restored.
            self.watch.keep_if_best(start, &self.last_good);
        }
        let (count, total, tail) = self.scene.train_for(u64::from(steps), max_ms);
        let loss = if count == 0 {
            f64::NAN
        } else {
            total / count as f64
        };
        let trainer = &mut self.scene.trainer;
        let lr = trainer.hyper.learning_rate;
        let broken = (count > 0 && !loss.is_finite())
            || trainer.network.params().iter().any(|w| !w.is_finite());
        if count > 0 && !broken {
            self.watch.observe(loss, count);
        }
        let exploded = !broken && self.watch.exploded();
        if broken || exploded {
            // Restore the last good weights so that nothing garbage is drawn, and drop a step
            // half-summed on the bad ones.
            let _ = trainer.restart_from(&self.last_good);
            let (start, smoothed) = (self.watch.start, self.watch.smoothed);
            let stuck = self.watch.smoothed <= (4.0 * start).max(start + 2.0);
            // The figure that tripped the rule: the slow mean for a loss that stayed high.
            let reached = if stuck { self.watch.slow } else { smoothed };
            let when = if self.watch.resumed {
                "when training resumed"
            } else {
                "before the first step"
            };
            self.watch.restart();
            let why = if broken {
                format!(
                    "Training diverged: the loss became {} at learning rate {}. The weights were \
                     restored to their last finite values; {}",
                    Num(loss),
                    Num(lr),
                    smaller_rate(lr)
                )
            } else {
                let restore = if self.watch.best.is_finite() {
                    format!(
                        "Then Restore the weights from before (loss {}), or Reset.",
                        Num(round4(self.watch.best))
                    )
                } else {
                    "Then Reset.".to_string()
                };
                let how = if stuck {
                    format!(" and stayed more than half as high again for {SUSTAINED} steps")
                } else {
                    String::new()
                };
                format!(
                    "Training diverged: the loss rose from {} {when} to {} at learning rate \
                     {}{how}, and a network thrown that far rarely comes back. Training paused; \
                     {} {restore}",
                    Num(round4(start)),
                    Num(round4(reached)),
                    Num(lr),
                    smaller_rate(lr),
                )
            };
            self.diverged = Some(why.clone());
            return Err(why);
        }
        // The weights the call ends with, judged by its last steps' loss: not by the mean over the
        // call, which a call of thousands of steps (the training worker's) may have begun well and
        // ended thrown off by a rate too high.
        // A call of a few steps says little of the weights it ends with (its last update may be
        // the one that threw them off): the weights it started from are judged instead, by the
        // losses of its steps, which were taken from them.
        if count >= (crate::app::scene::TAIL / 2) as u64 {
            self.watch.keep_if_best(tail, self.scene.network().params());
        } else if count > 0 {
            self.watch.keep_if_best(loss, &self.last_good);
        }
        Ok(loss)
    }

    /// Takes the weights and counters of a twin that trains elsewhere (the page's training worker,
    /// which applies the same edits in the same order): this copy then draws and evaluates what
    /// the twin learnt. Refused, with nothing changed, if the weights do not fit.
    pub fn adopt(&mut self, params: &[f64], epoch: u64, steps: u64) -> Result<(), String> {
        let trainer = &mut self.scene.trainer;
        trainer.restart_from(params)?;
        trainer.set_counts(epoch, steps);
        Ok(())
    }

    /// Whether weights from before an explosion can be restored.
    pub fn can_restore(&self) -> bool {
        !self.watch.best_params.is_empty()
    }

    /// Puts back the weights of the lowest loss seen since the network was built or reset (after
    /// an explosion: the weights from before it); training may go on. Returns whether there were
    /// any.
    pub fn restore_best(&mut self) -> bool {
        if self.watch.best_params.is_empty() {
            return false;
        }
        let trainer = &mut self.scene.trainer;
        if trainer.restart_from(&self.watch.best_params).is_err() {
            // Weights of another shape: nothing to restore.
            self.watch = LossWatch::new();
            return false;
        }
        self.diverged = None;
        true
    }

    /// Trains until the current epoch completes (the page's step button).
    pub fn train_epoch(&mut self) -> Result<f64, String> {
        self.train_epoch_within(f64::INFINITY)
    }

    /// Trains until the current epoch completes or `max_ms` have passed; returns the last step's
    /// loss, or NaN if the epoch is not over yet (the next call goes on with it).
    pub fn train_epoch_within(&mut self, max_ms: f64) -> Result<f64, String> {
        let (start, clock) = (self.scene.epoch(), crate::base::clock::now_ms());
        let mut last = f64::NAN;
        while self.scene.epoch() == start && !self.scene.train.is_empty() {
            let left = max_ms - (crate::base::clock::now_ms() - clock);
            if left <= 0.0 {
                return Ok(f64::NAN);
            }
            let loss = self.train_within(1, left)?;
            if !loss.is_nan() {
                last = loss;
            }
        }
        Ok(last)
    }

    /// Why training stopped, if it diverged.
    pub fn diverged(&self) -> Option<&str> {
        self.diverged.as_deref()
    }

    /// Adds a training point (undoable): of class `label`, or for regression with target
    /// `label`. Errors name a coordinate outside the plane or a label that is no class (no target
    /// in [−1, 1]) of this scene.
    pub fn add_point(&mut self, x: f64, y: f64, label: f64) -> Result<(), String> {
        check_point(x, y)?;
        let label = match self.scene.train.task() {
            Task::Classification => crate::app::files::check_label(label, self.setup.classes),
            Task::Regression => crate::app::files::check_target(label),
        }
        .map_err(|e| format!("label: {e}"))?;
        if self.scene.point_count() >= crate::app::files::MAX_POINTS {
            return Err(format!(
                "points: at most {} points",
                crate::app::files::MAX_POINTS
            ));
        }
        let exact = self.exact_points();
        self.scene.train.push(&[x, y], label);
        let index = self.scene.train.len() - 1;
        self.edited_points(exact, Some(Edit::Added { test: false, index }));
        Ok(())
    }

    /// The point nearest `(x, y)` within `radius`, as an index into [`Scene::point_buffer`].
    pub fn pick(&self, x: f64, y: f64, radius: f64) -> Option<usize> {
        let (train, test) = (&self.scene.train, &self.scene.test);
        let a = train.nearest(&[x, y]);
        let b = test.nearest(&[x, y]).map(|(i, d)| (i + train.len(), d));
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
        let exact = self.exact_points();
        let (p, label) = self.set_mut(test).remove(index);
        let x = [p[0], p[1]];
        self.edited_points(
            exact,
            Some(Edit::Removed {
                test,
                index,
                x,
                label,
            }),
        );
        true
    }

    /// Moves point `id` to `(x, y)`; `record` starts a new undo step (the first move of a drag).
    pub fn move_point(&mut self, id: usize, x: f64, y: f64, record: bool) -> Result<(), String> {
        check_point(x, y)?;
        if id >= self.scene.point_count() {
            return Err(format!("id: no point {id}"));
        }
        let (test, index) = self.locate(id);
        let exact = self.exact_points();
        let set = self.set_mut(test);
        let from = [set.x(index)[0], set.x(index)[1]];
        set.set_x(index, &[x, y]);
        self.edited_points(exact, record.then_some(Edit::Moved { test, index, from }));
        Ok(())
    }

    /// Removes every point (undoable).
    pub fn clear(&mut self) {
        let task = self.scene.train.task();
        self.replace_points(Dataset::new(2, task), Dataset::new(2, task));
    }

    /// Reverts the last point edit; returns whether there was one.
    pub fn undo(&mut self) -> bool {
        self.scene.trainer.abandon_step();
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
                self.scene.train = train;
                self.scene.test = test;
            }
            Edit::Weight { index, old } => {
                let mut params = self.scene.network().params().to_vec();
                if let Some(w) = params.get_mut(index) {
                    *w = old;
                    let _ = self.scene.trainer.restart_from(&params);
                }
            }
        }
        true
    }

    /// Sets parameter `index` (in `weights()` order: per layer, weights row-major, then biases) to
    /// `value` (undoable; the update rule's state restarts). Refused, with nothing changed, for an
    /// index outside the network or a value that is not finite or beyond ±1 000 000.
    pub fn set_weight(&mut self, index: usize, value: f64) -> Result<(), String> {
        let mut params = self.scene.network().params().to_vec();
        let n = params.len();
        let Some(w) = params.get_mut(index) else {
            return Err(format!(
                "weight: index {index} is not one of this network's {n} weights and biases"
            ));
        };
        if !value.is_finite() {
            return Err(format!("weight: {} is not a finite number", Num(value)));
        }
        let max = crate::app::files::MAX_WEIGHT;
        if value.abs() > max {
            return Err(format!(
                "weight: {} is outside ±{} (no trained network holds such a weight)",
                Num(value),
                Num(max)
            ));
        }
        let old = std::mem::replace(w, value);
        self.scene.trainer.restart_from(&params)?;
        self.record(Edit::Weight { index, old });
        Ok(())
    }

    /// Drops the weight edits from the undo history: the network they belong to was replaced.
    fn forget_weight_edits(&mut self) {
        self.undo.retain(|e| !matches!(e, Edit::Weight { .. }));
    }

    fn replace_points(&mut self, train: Dataset, test: Dataset) {
        // New data, a new starting loss: what the old weights score on it is no explosion.
        self.watch = LossWatch::new();
        let old_train = std::mem::replace(&mut self.scene.train, train);
        let old_test = std::mem::replace(&mut self.scene.test, test);
        self.record(Edit::Replaced {
            train: old_train,
            test: old_test,
        });
    }

    /// Before a point edit: the points as they are where any lies off the link's grid (a
    /// generated set), for [`Playground::edited_points`].
    fn exact_points(&self) -> Option<(Dataset, Dataset)> {
        self.off_grid()
            .then(|| (self.scene.train.clone(), self.scene.test.clone()))
    }

    /// After a point edit, whose undo step is `edit` (none while a drag goes on): every point is
    /// put on the grid a link writes points on ([`on_link_grid`]), so that the page trains on
    /// exactly the points its link carries and a page opened from the link trains bit for bit
    /// alike. Where that moved any point (`exact`: the first edit of a generated set), the undo
    /// step is the whole set from before, so one Undo brings back the generated points exactly.
    fn edited_points(&mut self, exact: Option<(Dataset, Dataset)>, edit: Option<Edit>) {
        self.snap_points();
        match (exact, edit) {
            (Some((train, test)), _) => self.record(Edit::Replaced { train, test }),
            (None, Some(edit)) => self.record(edit),
            (None, None) => {}
        }
    }

    /// Whether any point (or regression target) lies off the link's grid.
    fn off_grid(&self) -> bool {
        let regression = self.scene.train.task() == Task::Regression;
        [&self.scene.train, &self.scene.test].iter().any(|set| {
            set.xs.iter().any(|&v| on_link_grid(v) != v)
                || (regression && set.ys.iter().any(|&v| on_link_grid(v) != v))
        })
    }

    /// Puts every point (and regression target) on the link's grid.
    fn snap_points(&mut self) {
        let regression = self.scene.train.task() == Task::Regression;
        for set in [&mut self.scene.train, &mut self.scene.test] {
            set.xs.iter_mut().for_each(|v| *v = on_link_grid(*v));
            if regression {
                set.ys.iter_mut().for_each(|v| *v = on_link_grid(*v));
            }
        }
    }

    fn record(&mut self, edit: Edit) {
        // The points changed: a step half-summed on the old ones is dropped.
        self.scene.trainer.abandon_step();
        if self.undo.len() == UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(edit);
    }

    fn set_mut(&mut self, test: bool) -> &mut Dataset {
        if test {
            &mut self.scene.test
        } else {
            &mut self.scene.train
        }
    }

    fn locate(&self, id: usize) -> (bool, usize) {
        let n = self.scene.train.len();
        if id < n {
            (false, id)
        } else {
            (true, id - n)
        }
    }

    /// Replaces the network by a file's; refused (nothing changed) if the file is malformed or its
    /// shape does not fit the playground's 2 inputs.
    pub fn import_model(&mut self, file: &ModelFile) -> Result<(), String> {
        let net = file.to_network()?;
        let features = match &file.features {
            Some(list) => FeatureMap::new(list)?,
            None => FeatureMap::default(),
        };
        fits_the_page(&net, &features, &self.setup)?;
        self.setup.hidden_layers = net.sizes()[1..net.sizes().len() - 1].to_vec();
        if let Some(&a) = net.hidden_activations().first() {
            self.setup.hidden_activation = a;
        }
        self.setup.hidden_activations = net.hidden_activations().to_vec();
        self.setup.output_activation = net.output_activation();
        self.setup.features = features.list().to_vec();
        self.scene.trainer.replace_network(net);
        self.scene.trainer.features = self.setup.feature_map();
        self.forget_weight_edits();
        if let Some(p) = file.precision {
            self.scene.trainer.hyper.precision = p;
        }
        self.diverged = None;
        self.watch = LossWatch::new();
        Ok(())
    }

    /// Whether the points differ from the set the settings generate (edited, loaded or cleared):
    /// then a link must carry them to reproduce the run.
    pub fn points_edited(&self) -> bool {
        let c = &self.setup;
        let all = Dataset::generate(c.dataset, c.points, c.noise, c.seed, c.classes);
        let (train, test) = all.split(c.test_fraction, c.seed);
        train != self.scene.train || test != self.scene.test
    }

    /// Whether every point follows the `line` data set's rule (class 1 above y = x): where the
    /// page may still draw that line as the reference.
    pub fn points_follow_line(&self) -> bool {
        [&self.scene.train, &self.scene.test].iter().all(|set| {
            (0..set.len()).all(|i| {
                let x = set.x(i);
                (set.ys[i] >= 0.5) == (x[1] > x[0])
            })
        })
    }

    /// Hidden ReLU neurons that output 0 for every training point, and all hidden ReLU neurons:
    /// when every one is dead, no gradient reaches the layers below and training cannot recover.
    pub fn dead_relus(&mut self) -> (usize, usize) {
        use crate::model::activation::Activation;
        let net = &self.scene.trainer.network;
        let layers: Vec<usize> = (0..net.layers() - 1)
            .filter(|&l| net.hidden_activations()[l] == Activation::Relu)
            .collect();
        let total: usize = layers.iter().map(|&l| net.sizes()[l + 1]).sum();
        if total == 0 {
            return (0, 0);
        }
        let mut alive = vec![false; net.sizes().iter().sum()];
        let mut ws = net.workspace();
        let data = &self.scene.train;
        let (map, mut input) = (&self.scene.trainer.features, Vec::new());
        for i in 0..data.len() {
            net.forward(
                &mut ws,
                crate::train::trainer::featurize(map, data.x(i), &mut input),
            );
            for &l in &layers {
                let start: usize = net.sizes()[..=l].iter().sum();
                for (j, &a) in ws.layer(l + 1).1.iter().enumerate() {
                    alive[start + j] |= a > 0.0;
                }
            }
        }
        let dead = layers
            .iter()
            .map(|&l| {
                let start: usize = net.sizes()[..=l].iter().sum();
                (0..net.sizes()[l + 1])
                    .filter(|j| !alive[start + j])
                    .count()
            })
            .sum();
        (dead, total)
    }

    /// A learning-rate search ([`crate::train::finder`]) from the current network, on the training
    /// points, with `count` rates over the page's range (10⁻⁴ to 10) for `epochs` epochs each.
    pub fn lr_finder(
        &self,
        count: usize,
        epochs: u64,
    ) -> Result<crate::train::finder::LrFinder, String> {
        crate::train::finder::LrFinder::new(
            &self.scene.trainer,
            &self.scene.train,
            self.setup.seed,
            LEARNING_RATES,
            count,
            epochs,
        )
    }

    /// The points as a versioned file.
    pub fn export_points(&self) -> PointsFile {
        PointsFile::from_sets(&self.scene.train, &self.scene.test)
    }

    /// Replaces the points by a file's (undoable); refused (nothing changed) if malformed.
    pub fn import_points(&mut self, file: &PointsFile) -> Result<(), String> {
        let (train, test) = file.to_sets(self.scene.train.task(), self.setup.classes)?;
        self.replace_points(train, test);
        self.snap_points();
        Ok(())
    }
}

/// `v` (in [−1, 1]) on the grid a link writes edited points on: 16 bits over [−1, 1], computed in
/// the same operations as `www/state.js` decodes them, so both give the same `f64`.
pub fn on_link_grid(v: f64) -> f64 {
    let q = ((v.clamp(-1.0, 1.0) + 1.0) / 2.0 * 65535.0).round();
    q / 65535.0 * 2.0 - 1.0
}

/// Refuses, by name, a network the page cannot show and a link cannot rebuild: as many inputs as
/// its features; the outputs of the scene's problem (one, or under softmax one per class); an
/// output and loss the problem takes; hidden activations the page offers.
fn fits_the_page(net: &Network, features: &FeatureMap, setup: &Setup) -> Result<(), String> {
    let sizes = net.sizes();
    if net.inputs() != features.len() {
        let names: Vec<&str> = features.list().iter().map(|f| f.name()).collect();
        return Err(format!(
            "layers[0]: the model's features ({}) make {} inputs, its first layer takes {}",
            names.join(", "),
            features.len(),
            net.inputs()
        ));
    }
    let outputs = if net.output_activation() == OutputActivation::Softmax {
        setup.classes
    } else {
        1
    };
    if net.outputs() != outputs {
        return Err(format!(
            "layers[{}]: this {} scene's output is {} with {} output, the model has {}",
            sizes.len() - 1,
            setup.problem.name(),
            if outputs == 1 {
                "1 neuron".to_string()
            } else {
                format!("{outputs} neurons (one per class)")
            },
            net.output_activation().name(),
            net.outputs()
        ));
    }
    let mut with_model = setup.clone();
    with_model.output_activation = net.output_activation();
    // Its errors name the field (outputActivation or loss) themselves.
    with_model.check()?;
    for (i, &a) in net.hidden_activations().iter().enumerate() {
        crate::app::config::page_activation(&format!("hiddenActivations[{i}]"), a)?;
    }
    Ok(())
}

/// The network a valid setup describes; its shape was checked when the settings were accepted.
fn build_network(c: &Setup) -> Network {
    Network::new(
        &c.layer_sizes(),
        &c.hidden_activations,
        c.output_activation,
        c.init,
        c.seed,
    )
    .unwrap_or_else(|e| panic!("a checked setup builds its network: {e}"))
}

fn check_point(x: f64, y: f64) -> Result<(), String> {
    for (name, v) in [("x", x), ("y", y)] {
        if !(-1.0..=1.0).contains(&v) {
            return Err(format!("{name}: {} is outside [-1, 1]", Num(v)));
        }
    }
    Ok(())
}

/// The smallest rate the page's slider offers.
pub const MIN_RATE: f64 = 1e-4;

/// What to try after training at rate `lr` broke: a rate ten times smaller, rounded, never below
/// the slider's smallest.
fn smaller_rate(lr: f64) -> String {
    if lr <= MIN_RATE {
        return format!(
            "even the smallest learning rate ({}) is too large here: Reset, or try another \
             activation or fewer layers.",
            Num(MIN_RATE)
        );
    }
    format!(
        "try a learning rate below {}.",
        Num(one_digit(lr / 10.0).max(MIN_RATE))
    )
}

/// `v` to 4 decimals, for messages.
fn round4(v: f64) -> f64 {
    (v * 1e4).round() / 1e4
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
