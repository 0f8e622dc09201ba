//! The training loop: batches, epochs, the gradient method, and evaluation.
//!
//! One *step* is one parameter update on one batch; one *epoch* is a pass over the whole training set
//! in a fresh shuffled order (batches never straddle two epochs). `batch_size` 1 is online learning,
//! 0 (or anything ≥ n) is full-batch gradient descent, anything between is mini-batch.

mod engine;
mod evaluate;

use crate::train::targets::encode_target;
use engine::{Engine, Pending};

use crate::data::dataset::Dataset;
use crate::data::features::{featurize, FeatureMap};
use crate::math::rng::{self, Rng};
use crate::model::loss::Loss;
use crate::model::network::Network;
use crate::model::numeric::{Batch, NumericProgress};
use crate::train::hyper::{Hyper, Method, Precision};

/// The step used by the numeric method.
pub const NUMERIC_STEP: f64 = 1e-5;

/// A network with everything needed to train it.
#[derive(Clone, Debug)]
pub struct Trainer {
    /// What is minimised.
    pub loss: Loss,
    /// Learning rate, batch size, update rule, gradient method and precision.
    pub hyper: Hyper,
    /// Draw each example uniformly at random (with replacement) instead of shuffled passes; an
    /// epoch is then `n` steps. Only for `batch_size` 1 (the perceptron lesson).
    pub random_sampling: bool,
    /// The input features computed from each example's two coordinates (`None`: the coordinates
    /// themselves), for training, evaluation and prediction alike.
    pub features: Option<FeatureMap>,
    /// The network in `f64`: what evaluation, drawing and files read, and what trains in
    /// [`Precision::F64`]. Its batch buffers hold every batch as gathered.
    main: Engine<f64>,
    /// In [`Precision::F32`], the engine that trains; `main` follows its weights (widened, exactly)
    /// at [`Trainer::sync`]. A write to `main`'s weights drops it.
    single: Option<Box<Engine<f32>>>,
    /// Whether `single` moved on since `main` last copied it.
    behind: bool,
    /// One example's features.
    input: Vec<f64>,
    numeric: Vec<f64>,
    target: Vec<f64>,
    order: Vec<usize>,
    cursor: usize,
    epoch: u64,
    steps: u64,
    rng: Rng,
    /// The update under way when a step is spread over several calls.
    pending: Option<Pending>,
}

/// What [`Trainer::step_part`] got done.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Step {
    /// The step completed: the batch's mean loss before the update.
    Done(f64),
    /// The budget ran out part-way; the next call goes on.
    Partial,
    /// There is nothing to train on.
    NoData,
}

impl Trainer {
    /// A trainer with plain SGD; `seed` fixes the shuffling order.
    // Not hot: one copy serves every lesson and binding that builds one.
    #[inline(never)]
    pub fn new(
        network: Network,
        loss: Loss,
        learning_rate: f64,
        batch_size: usize,
        seed: u64,
    ) -> Trainer {
        let n = network.params().len();
        Trainer {
            numeric: vec![0.0; n],
            target: vec![0.0; network.outputs()],
            main: Engine::new(network, true),
            single: None,
            behind: false,
            hyper: Hyper::sgd(learning_rate, batch_size),
            loss,
            random_sampling: false,
            features: None,
            input: Vec::new(),
            order: Vec::new(),
            cursor: 0,
            epoch: 0,
            steps: 0,
            rng: rng::seeded(seed ^ 0x5eed_0f05_u64),
            pending: None,
        }
    }

    /// The network being trained, in `f64` (after [`Trainer::sync`] where training runs in
    /// `f32`; every call that trains ends with it but [`Trainer::step_part`]).
    pub fn network(&self) -> &Network {
        &self.main.net
    }

    /// Replaces every parameter (the same shape): a lesson's fixed starting weights, a loaded
    /// model. The `f64` update rule keeps its state; an `f32` engine is dropped (the next `f32`
    /// step rebuilds it from these weights, with a fresh update rule), and so is a step under way,
    /// whose half-summed gradient belongs to the weights before.
    pub fn set_params(&mut self, params: &[f64]) -> Result<(), String> {
        self.sync();
        self.main.net.set_params(params)?;
        self.single = None;
        self.pending = None;
        Ok(())
    }

    /// Whether updates change the biases (the perceptron lessons keep theirs).
    pub fn train_biases(&self) -> bool {
        self.main.optimizer.train_biases
    }

    /// Makes updates change the biases or leave them.
    pub fn set_train_biases(&mut self, on: bool) {
        self.main.optimizer.train_biases = on;
        if let Some(single) = &mut self.single {
            single.optimizer.train_biases = on;
        }
    }

    /// Replaces the network (new weights or a new shape), restarting epochs and optimiser state.
    pub fn replace_network(&mut self, network: Network) {
        let n = network.params().len();
        self.numeric = vec![0.0; n];
        self.target = vec![0.0; network.outputs()];
        self.main = Engine::new(network, self.main.optimizer.train_biases);
        self.order.clear();
        self.cursor = 0;
        self.epoch = 0;
        self.steps = 0;
        self.pending = None;
        self.single = None;
        self.behind = false;
    }

    /// Replaces every parameter (the same shape), restarting the update rule's state and dropping a
    /// step under way: after a divergence, a restore or an edit.
    pub fn restart_from(&mut self, params: &[f64]) -> Result<(), String> {
        self.sync();
        self.main.net.set_params(params)?;
        self.main.optimizer.reset(params.len());
        self.single = None;
        self.pending = None;
        Ok(())
    }

    /// Copies the `f32` weights into [`Trainer::network`] if they moved on since the last copy.
    /// Every call that trains ends with it; only [`Trainer::step_part`] leaves it to its caller.
    pub fn sync(&mut self) {
        if !self.behind {
            return;
        }
        if let Some(single) = &self.single {
            for (d, &s) in self
                .main
                .net
                .params_mut()
                .iter_mut()
                .zip(single.net.params())
            {
                *d = f64::from(s);
            }
        }
        self.behind = false;
    }

    /// The `f32` engine, built from [`Trainer::network`] (rounded) with a fresh update rule when
    /// there is none.
    fn single(&mut self) -> &mut Engine<f32> {
        let main = &self.main;
        self.single.get_or_insert_with(|| {
            let net = &main.net;
            let mut f32net: Network<f32> = Network::zeros(
                net.sizes(),
                net.hidden_activations(),
                net.output_activation(),
            )
            .expect("the shape of a network that exists");
            for (d, &s) in f32net.params_mut().iter_mut().zip(net.params()) {
                *d = s as f32;
            }
            Box::new(Engine::new(f32net, main.optimizer.train_biases))
        })
    }

    /// Restarts the batch order from `seed`, as a fresh trainer would draw it: with new weights
    /// from the same seed, a run then repeats exactly.
    pub fn reseed(&mut self, seed: u64) {
        self.rng = rng::seeded(seed ^ 0x5eed_0f05_u64);
        self.order.clear();
        self.cursor = 0;
        self.pending = None;
    }

    /// Drops an update under way (its half-summed gradient): after the weights, the data or the
    /// method changed under it. The next step starts a fresh batch.
    pub fn abandon_step(&mut self) {
        self.pending = None;
    }

    /// Sets the counters of epochs and updates: a copy of a trainer that runs elsewhere (the
    /// page's training worker) shows its progress.
    pub fn set_counts(&mut self, epoch: u64, steps: u64) {
        self.epoch = epoch;
        self.steps = steps;
    }

    /// Completed passes over the training set.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Updates applied so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// The gradient of the last step (analytic, or numeric with [`Method::Numeric`]).
    pub fn last_gradient(&self) -> &[f64] {
        match self.hyper.method {
            Method::Backprop => &self.main.ws.grad,
            Method::Numeric => &self.numeric,
        }
    }

    /// One update on the next batch of `data`. Returns the batch's mean loss (before the update), or
    /// `None` when there is nothing to train on.
    pub fn step(&mut self, data: &Dataset) -> Option<f64> {
        loop {
            let mut budget = usize::MAX;
            match self.step_part(data, &mut budget) {
                Step::Done(loss) => {
                    self.sync();
                    return Some(loss);
                }
                Step::NoData => return None,
                Step::Partial => {}
            }
        }
    }

    /// Goes on with the current update for at most `budget` example passes (a pass is one example
    /// through the network and back, or one forward pass of a finite difference), so that a step
    /// too long for one frame is spread over several calls; `budget` is decreased by what was
    /// used. The weights change only when the step completes, and a step done in parts gives the
    /// same bits as one done at once. In [`Precision::F32`] the `f32` engine trains and
    /// [`Trainer::network`] lags until [`Trainer::sync`].
    pub fn step_part(&mut self, data: &Dataset, budget: &mut usize) -> Step {
        if self.pending.is_none() {
            let Some(pending) = self.start_batch(data) else {
                return Step::NoData;
            };
            self.pending = Some(pending);
        }
        let Some(mut p) = self.pending.take() else {
            return Step::NoData;
        };
        let (loss, hyper) = (self.loss, self.hyper);
        // The batch's mean loss once its update is made.
        let done = match (p.method, &mut self.single) {
            (Method::Backprop, Some(single)) => {
                let done = single.backprop_part(&mut p, budget, loss);
                if done {
                    single.update(p.n, &hyper);
                    self.behind = true;
                }
                done.then(|| p.loss / p.n as f64)
            }
            (Method::Backprop, None) => {
                let done = self.main.backprop_part(&mut p, budget, loss);
                if done {
                    self.main.update(p.n, &hyper);
                }
                done.then(|| p.loss / p.n as f64)
            }
            (Method::Numeric, _) => {
                let main = &mut self.main;
                let batch = Batch {
                    xs: &main.xs,
                    ts: &main.ts,
                    loss,
                };
                let part = main.net.numeric_gradient_part(
                    &mut main.ws,
                    batch,
                    NUMERIC_STEP,
                    &mut self.numeric,
                    &mut p.numeric,
                    budget,
                );
                if part.is_some() {
                    main.optimizer
                        .step(&mut main.net, &mut self.numeric, &hyper);
                }
                part
            }
        };
        let Some(mean) = done else {
            self.pending = Some(p);
            return Step::Partial;
        };
        self.finish_step(&p);
        Step::Done(mean)
    }

    /// Counts a completed update and moves the cursor past its batch.
    fn finish_step(&mut self, p: &Pending) {
        self.advance_to(p.end);
    }

    /// Counts an update and moves the cursor to `end`, starting a new epoch (and order) at the end.
    fn advance_to(&mut self, end: usize) {
        self.steps += 1;
        self.cursor = end;
        // `order` holds one index per example the batch was drawn from.
        if self.cursor >= self.order.len() {
            self.cursor = 0;
            self.epoch += 1;
            rng::shuffle(&mut self.rng, &mut self.order);
        }
    }

    /// A fresh pass in a new order where the point set changed size.
    fn order_for(&mut self, n: usize) {
        if self.order.len() != n {
            self.order.clear();
            self.order.extend(0..n);
            rng::shuffle(&mut self.rng, &mut self.order);
            self.cursor = 0;
        }
    }

    /// The example the next update takes first (the next one training meets); `None` without data
    /// or where each update draws its example at random.
    pub fn next_example(&mut self, data: &Dataset) -> Option<usize> {
        if data.is_empty() || self.random_sampling {
            return None;
        }
        self.order_for(data.len());
        Some(self.order[self.cursor])
    }

    /// Counts an update made on [`Trainer::next_example`]'s example alone (a lesson's step through
    /// one example) and moves past it, so that training goes on with the example after it.
    pub fn count_one_example(&mut self) {
        self.abandon_step();
        if self.hyper.batch_size == 0 || self.hyper.batch_size >= self.order.len() {
            // A full batch takes every example anyway: the step counts, the next batch is whole.
            self.steps += 1;
        } else {
            self.advance_to(self.cursor + 1);
        }
    }

    /// Picks the next batch, gathers it and readies its gradient; `None` without data.
    fn start_batch(&mut self, data: &Dataset) -> Option<Pending> {
        let n = data.len();
        if n == 0 {
            return None;
        }
        // The point set changed size: start a fresh pass over it.
        self.order_for(n);
        let batch = match self.hyper.batch_size {
            0 => n,
            size => size.min(n),
        };
        let end = if self.random_sampling {
            self.cursor + 1
        } else {
            (self.cursor + batch).min(n)
        };
        // Taken out while the batch is gathered (it borrows `self` mutably); no allocation.
        let order = std::mem::take(&mut self.order);
        let drawn = [if self.random_sampling {
            rng::index(&mut self.rng, n)
        } else {
            0
        }];
        let rows = if self.random_sampling {
            &drawn[..]
        } else {
            &order[self.cursor..end]
        };
        self.gather(data, rows);
        let count = rows.len();
        self.order = order;
        let method = self.hyper.method;
        // Numeric gradients always run in f64.
        if self.hyper.precision == Precision::F32 && method == Method::Backprop {
            let (xs, ts) = (
                std::mem::take(&mut self.main.xs),
                std::mem::take(&mut self.main.ts),
            );
            let single = self.single();
            single.xs.clear();
            single.xs.extend(xs.iter().map(|&v| v as f32));
            single.ts.clear();
            single.ts.extend(ts.iter().map(|&v| v as f32));
            single.ws.grad.fill(0.0);
            (self.main.xs, self.main.ts) = (xs, ts);
        } else {
            // Back to f64: it takes over from the f32 engine's weights, and the update rule starts
            // afresh (its f64 state is from before the f32 period).
            self.sync();
            if self.single.take().is_some() {
                self.main.optimizer.reset(self.main.net.params().len());
            }
            self.main.ws.grad.fill(0.0);
        }
        Some(Pending {
            end,
            n: count,
            done: 0,
            loss: 0.0,
            method,
            numeric: NumericProgress::default(),
        })
    }

    /// Steps until the current epoch completes; returns the mean of the batch losses.
    pub fn train_epoch(&mut self, data: &Dataset) -> Option<f64> {
        let start = self.epoch;
        let (mut total, mut count) = (0.0, 0.0);
        while self.epoch == start {
            let mut budget = usize::MAX;
            match self.step_part(data, &mut budget) {
                Step::Done(loss) => {
                    total += loss;
                    count += 1.0;
                }
                Step::NoData => return None,
                Step::Partial => {}
            }
        }
        self.sync();
        Some(total / count)
    }

    /// Copies the batch's inputs and encoded targets into the `f64` engine's batch buffers.
    fn gather(&mut self, data: &Dataset, batch: &[usize]) {
        let main = &mut self.main;
        main.xs.clear();
        main.ts.clear();
        for &i in batch {
            encode_target(&main.net, data.task(), data.ys[i], &mut self.target);
            main.xs
                .extend_from_slice(featurize(&self.features, data.x(i), &mut self.input));
            main.ts.extend_from_slice(&self.target);
        }
    }
}
