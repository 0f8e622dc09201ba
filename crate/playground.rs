//! Free play: a [`Scene`] with the settings that shape it, point edits with undo, and divergence
//! detection. Plain Rust: the wasm module wraps it without adding logic.

use crate::config::{defaults, Config, Effects, Settings, Setup};
use crate::dataset::{Dataset, Task};
use crate::model::{ModelFile, PointsFile};
use crate::network::Network;
use crate::scene::{Plane, Scene};
use crate::text::Num;
use crate::trainer::Trainer;

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
    /// The network, its trainer (which holds the live settings), the points and what is drawn.
    pub scene: Scene,
    setup: Setup,
    undo: Vec<Edit>,
    last_good: Vec<f64>,
    diverged: Option<String>,
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
        };
        pg.generate();
        pg
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
        let Config { setup, hyper } = next;
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
        }
        if effects.data {
            self.generate();
        }
        Ok(effects)
    }

    /// Draws the configured data set anew (undoable).
    pub fn generate(&mut self) {
        let c = &self.setup;
        let all = Dataset::generate(c.dataset, c.points, c.noise, c.seed);
        let (train, test) = all.split(c.test_fraction, c.seed);
        self.replace_points(train, test);
    }

    /// Fresh weights from the configured seed; points, settings and undo history are kept.
    pub fn reset(&mut self) {
        self.scene
            .trainer
            .replace_network(build_network(&self.setup));
        self.diverged = None;
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
            .extend_from_slice(self.scene.network().params());
        let (mut total, mut count) = (0.0, 0u32);
        for _ in 0..steps {
            match self.scene.trainer.step(&self.scene.train) {
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
        let trainer = &mut self.scene.trainer;
        if !loss.is_finite() || trainer.network.params().iter().any(|w| !w.is_finite()) {
            let lr = trainer.hyper.learning_rate;
            // Restore the last good weights so that nothing garbage is drawn.
            let _ = trainer.network.set_params(&self.last_good);
            trainer.optimizer.reset(self.last_good.len());
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
        let start = self.scene.epoch();
        let mut last = 0.0;
        while self.scene.epoch() == start && !self.scene.train.is_empty() {
            last = self.train(1)?;
        }
        Ok(last)
    }

    /// Why training stopped, if it diverged.
    pub fn diverged(&self) -> Option<&str> {
        self.diverged.as_deref()
    }

    /// Adds a training point (undoable). Errors name a coordinate outside the plane or a bad label.
    pub fn add_point(&mut self, x: f64, y: f64, label: u32) -> Result<(), String> {
        check_point(x, y)?;
        if label > 1 {
            return Err(format!("label: {label} is not 0 or 1"));
        }
        if self.scene.point_count() >= crate::model::MAX_POINTS {
            return Err(format!(
                "points: at most {} points",
                crate::model::MAX_POINTS
            ));
        }
        self.scene.train.push(&[x, y], label as f64);
        self.record(Edit::Added {
            test: false,
            index: self.scene.train.len() - 1,
        });
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
        if id >= self.scene.point_count() {
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
                self.scene.train = train;
                self.scene.test = test;
            }
        }
        true
    }

    fn replace_points(&mut self, train: Dataset, test: Dataset) {
        let old_train = std::mem::replace(&mut self.scene.train, train);
        let old_test = std::mem::replace(&mut self.scene.test, test);
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
        if net.inputs() != 2 {
            return Err(format!(
                "layers[0]: the playground needs 2 inputs, the model has {}",
                net.inputs()
            ));
        }
        self.setup
            .loss
            .check_output(net.output_activation(), net.outputs())
            .map_err(|e| format!("outputActivation: {e}"))?;
        self.setup.hidden_layers = net.sizes()[1..net.sizes().len() - 1].to_vec();
        if let Some(&a) = net.hidden_activations().first() {
            self.setup.hidden_activation = a;
        }
        self.setup.output_activation = net.output_activation();
        self.scene.trainer.replace_network(net);
        self.diverged = None;
        Ok(())
    }

    /// The points as a versioned file.
    pub fn export_points(&self) -> PointsFile {
        PointsFile::from_sets(&self.scene.train, &self.scene.test)
    }

    /// Replaces the points by a file's (undoable); refused (nothing changed) if malformed.
    pub fn import_points(&mut self, file: &PointsFile) -> Result<(), String> {
        let (train, test) = file.to_sets()?;
        self.replace_points(train, test);
        Ok(())
    }
}

/// The network a valid setup describes; its shape was checked when the settings were accepted.
fn build_network(c: &Setup) -> Network {
    Network::new(
        &c.layer_sizes(),
        &[c.hidden_activation],
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
