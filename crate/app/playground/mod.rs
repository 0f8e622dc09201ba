//! Free play: a [`Scene`] with the settings that shape it, point edits with undo, and divergence
//! detection. Plain Rust: the wasm module wraps it without adding logic.

mod edits;
mod history;
mod inside;
mod rewind;
mod watch;

pub use history::on_link_grid;
use history::Edit;
pub use inside::MAX_GRADIENT_BATCH;
use rewind::LookBack;
use watch::LossWatch;

use crate::app::config::{defaults, Change, Config, Effects, Setup};
use crate::app::files::ModelFile;
use crate::app::scene::{Plane, Scene};
use crate::base::names::Named;
use crate::data::dataset::{Dataset, Task};
use crate::data::features::FeatureMap;
use crate::model::loss::OutputActivation;
use crate::model::network::Network;
use crate::train::hyper::LEARNING_RATES;
use crate::train::timeline::Timeline;
use crate::train::trainer::Trainer;

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
    timeline: Timeline,
    looking: Option<Box<LookBack>>,
    gradients: crate::view::gradients::GradientWatch,
}

impl Playground {
    /// A playground from the defaults changed by `change`; errors name the field at fault.
    pub fn new(change: &Change) -> Result<Playground, String> {
        let (config, _) = defaults().apply(change, None)?;
        Ok(Playground::from_config(config))
    }

    /// A playground from the defaults changed by whatever in `change` is valid (a link); each
    /// refused field is reported in the list and left at its default.
    pub fn lenient(change: &Change) -> (Playground, Vec<String>) {
        let mut problems = Vec::new();
        let config = match defaults().apply(change, Some(&mut problems)) {
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
            timeline: Timeline::default(),
            looking: None,
            gradients: Default::default(),
        };
        pg.start_timeline();
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
        change: &Change,
        problems: Option<&mut Vec<String>>,
    ) -> Result<Effects, String> {
        let (next, mut effects) = self.config().apply(change, problems)?;
        self.go_live();
        let (old_problem, old_classes) = (self.setup.problem, self.setup.classes);
        let old_inputs = self.scene.train.inputs();
        let Config { setup, hyper } = next;
        let old = self.scene.trainer.hyper;
        if hyper.method != old.method || hyper.batch_size != old.batch_size {
            // A step begun by another method or on another batch is not finished by this one.
            self.scene.trainer.abandon_step();
        }
        self.setup = setup;
        // A network of another shape than the settings' (another table's inputs) is rebuilt,
        // whatever the change said.
        effects.network |= self.scene.network().sizes() != self.setup.layer_sizes();
        self.scene.held = self.setup.slice.clone();
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
            self.start_timeline();
        }
        if effects.data {
            self.generate();
        }
        let now = (
            self.setup.problem,
            self.setup.classes,
            self.scene.train.inputs(),
        );
        if now != (old_problem, old_classes, old_inputs) {
            // Points of another problem, or rows of another width, cannot come back into this one.
            self.undo.clear();
        }
        Ok(effects)
    }

    /// Draws the configured data set anew (undoable).
    pub fn generate(&mut self) {
        let (train, test) = self.setup.drawn();
        self.replace_points(train, test);
    }

    /// Fresh weights from the configured seed; points, settings and undo history are kept.
    pub fn reset(&mut self) {
        self.go_live();
        self.scene
            .trainer
            .replace_network(build_network(&self.setup));
        // Everything random restarts from the seed: the weights and the batch order.
        self.scene.trainer.reseed(self.setup.seed);
        self.diverged = None;
        self.watch = LossWatch::new();
        self.forget_weight_edits();
        self.start_timeline();
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
        self.go_live();
        if let Some(why) = &self.diverged {
            return Err(why.clone());
        }
        self.last_good.clear();
        self.last_good
            .extend_from_slice(self.scene.network().params());
        let epoch_before = self.scene.epoch();
        if self.watch.unstarted() && steps > 0 && !self.scene.train.is_empty() {
            let start = self.scene.trainer.evaluate(&self.scene.train).loss;
            self.watch.begin(start);
            // The weights training starts from are the first that can be restored.
            self.watch.keep_if_best(start, &self.last_good);
        }
        let (count, total, tail) = self.train_recording(u64::from(steps), max_ms);
        let loss = if count == 0 {
            f64::NAN
        } else {
            total / count as f64
        };
        let trainer = &mut self.scene.trainer;
        let lr = trainer.hyper.learning_rate;
        let broken = (count > 0 && !loss.is_finite())
            || trainer.network().params().iter().any(|w| !w.is_finite());
        if count > 0 && !broken {
            self.watch.observe(loss, count);
        }
        let exploded = !broken && self.watch.exploded();
        if broken || exploded {
            // Restore the last good weights so that nothing garbage is drawn, and drop a step
            // half-summed on the bad ones.
            let _ = trainer.restart_from(&self.last_good);
            // The epochs this call recorded hold weights training took back.
            self.timeline.forget_after(epoch_before);
            let why = self.watch.verdict(broken.then_some(loss), lr);
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
        let trainer = self.live_trainer();
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
        self.go_live();
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
        // The epoch to finish is the live weights' (a snapshot shown has its own).
        self.go_live();
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

    /// Replaces the network by a file's; refused (nothing changed) if the file is malformed or its
    /// shape does not fit the playground's 2 inputs.
    pub fn import_model(&mut self, file: &ModelFile) -> Result<(), String> {
        let net = file.to_network()?;
        let features = match &file.features {
            Some(list) => FeatureMap::new(list)?,
            None => FeatureMap::default(),
        };
        fits_the_page(&net, &features, &self.setup)?;
        self.go_live();
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
        self.start_timeline();
        Ok(())
    }

    /// The `curve` setting's value at `count` x's evenly spread over [−1, 1] (NaN where it has
    /// none): the line the page draws for the `curve` data set.
    pub fn curve_values(&self, count: usize) -> Vec<f64> {
        let step = 2.0 / count.saturating_sub(1).max(1) as f64;
        (0..count)
            .map(|i| self.setup.curve.at(-1.0 + step * i as f64))
            .collect()
    }

    /// Hidden ReLU neurons that output 0 for every training point, and all hidden ReLU neurons:
    /// when every one is dead, no gradient reaches the layers below and training cannot recover.
    pub fn dead_relus(&mut self) -> (usize, usize) {
        use crate::model::activation::Activation;
        let net = &self.scene.trainer.network();
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
                crate::data::features::featurize(map, data.x(i), &mut input),
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
}

/// Refuses, by name, a network the page cannot show and a link cannot rebuild: as many inputs as
/// its features; the outputs of the scene's problem (one, or under softmax one per class); an
/// output and loss the problem takes; hidden activations the page offers.
fn fits_the_page(net: &Network, features: &FeatureMap, setup: &Setup) -> Result<(), String> {
    let sizes = net.sizes();
    let more = setup.more_inputs();
    if net.inputs() != features.len() + more {
        let names: Vec<&str> = features.list().iter().map(|f| f.name()).collect();
        let table = match more {
            0 => String::new(),
            n => format!(" and this table's {n} more columns"),
        };
        return Err(format!(
            "layers[0]: the model's features ({}){table} make {} inputs, its first layer takes {}",
            names.join(", "),
            features.len() + more,
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
