//! The five tutorials as lessons: each builds the tutorial's network, data and
//! training procedure from the library's parts, runs it, and reports the figures the tutorial
//! reports. Plain Rust; the page and the tests drive the same code.
//!
//! A lesson is a [`Scene`] (shared with free play) plus its procedure. One drawn on the plane maps
//! it to its inputs through its [`Plane`] (the `line` lesson works in the tutorial's unit square, the
//! regression in [−10, 10]²). Lessons with more than two inputs are shown as a table
//! ([`Lesson::rows`]).

mod setup;
pub mod step;

use setup::*;

use crate::app::files::ModelFile;
use crate::app::scene::{Plane, Scene};
use crate::base::names::Named;
use crate::base::text::Num;
use crate::data::dataset::{Dataset, Generator, Task};
use crate::model::activation::Activation;
use crate::model::loss::{Loss, OutputActivation};
use crate::model::network::{Init, Network};
use crate::model::numeric::max_relative_difference;
use crate::train::hyper::Method;
use crate::train::trainer::Trainer;

/// The lessons, in menu order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LessonId {
    /// [2, 5, 1] sigmoid learns which side of y = x a point lies, by numeric or analytic
    /// gradients.
    Line,
    /// A perceptron learns AND.
    PerceptronAnd,
    /// A perceptron's limit: it cannot learn XOR; a hidden layer can.
    Xor,
    /// One neuron learns that the target is the first of four inputs.
    FirstInput,
    /// One neuron, three inputs, generalises to a new case.
    NewSituation,
    /// Linear regression as a network without hidden layer.
    Regression,
    /// Six hidden layers: with sigmoid the first layers' gradients vanish; tanh and ReLU compared.
    VanishingGradients,
}

impl Named for LessonId {
    const ALL: &'static [LessonId] = &[
        LessonId::Line,
        LessonId::PerceptronAnd,
        LessonId::Xor,
        LessonId::FirstInput,
        LessonId::NewSituation,
        LessonId::Regression,
        LessonId::VanishingGradients,
    ];

    /// The id used in links (`#lesson=<id>`).
    fn name(self) -> &'static str {
        match self {
            LessonId::Line => "line",
            LessonId::PerceptronAnd => "perceptron-and",
            LessonId::Xor => "xor",
            LessonId::FirstInput => "first-input",
            LessonId::NewSituation => "new-situation",
            LessonId::Regression => "regression",
            LessonId::VanishingGradients => "vanishing-gradients",
        }
    }
}

/// Iteration counts the first-input lesson offers.
pub const FIRST_INPUT_ITERATIONS: [u64; 4] = [100, 1_000, 10_000, 100_000];

/// A lesson's network, data, training procedure and figures.
#[derive(Clone, Debug)]
pub struct Lesson {
    id: LessonId,
    /// The network, its trainer, the lesson's data and what is drawn of them.
    pub scene: Scene,
    run_steps: u64,
    restart_on_run: bool,
    initial: Vec<f64>,
    fixed: bool,
    seed: u64,
    /// Confidence (first-input) when a run passed 100, 1 000, 10 000 and 100 000 iterations.
    checkpoints: Vec<(u64, f64)>,
}

impl Lesson {
    /// Builds a lesson; `seed` draws its weights and data.
    pub fn new(id: LessonId, seed: u64) -> Lesson {
        let (trainer, train, test, plane, run_steps, restart_on_run) = match id {
            LessonId::Line => {
                let net = network(
                    &[2, 5, 1],
                    &[Activation::Sigmoid],
                    Activation::Sigmoid,
                    Init::Uniform01,
                    seed,
                );
                let unit = |count, seed| {
                    let mut d = Dataset::generate(Generator::Line, count, 0.0, seed, 2);
                    d.xs.iter_mut().for_each(|v| *v = (*v + 1.0) / 2.0);
                    d
                };
                // As in the tutorial the biases stay at zero (y = x passes through the origin).
                // η = 0.4 reached ≥ 98 % after one epoch on 39 of 40 seeds in a sweep; larger steps
                // leave online SGD noisier at the end of its single epoch.
                let mut t = Trainer::new(net, Loss::SquaredError, 0.4, 1, seed);
                t.set_train_biases(false);
                (
                    t,
                    unit(10_000, seed),
                    unit(2_000, seed + 1),
                    Some(unit_square()),
                    10_000,
                    false,
                )
            }
            LessonId::PerceptronAnd => (
                perceptron(seed),
                table(&AND),
                table(&AND),
                Some(truth_table()),
                100,
                false,
            ),
            LessonId::Xor => (
                perceptron(seed),
                table(&XOR),
                table(&XOR),
                Some(truth_table()),
                100,
                false,
            ),
            LessonId::FirstInput => {
                let rows: [(&[f64], f64); 6] = [
                    (&[1.0, 0.0, 0.0, 1.0], 1.0),
                    (&[0.0, 1.0, 1.0, 0.0], 0.0),
                    (&[1.0, 1.0, 0.0, 0.0], 1.0),
                    (&[0.0, 0.0, 1.0, 1.0], 0.0),
                    (&[1.0, 0.0, 1.0, 0.0], 1.0),
                    (&[0.0, 1.0, 0.0, 1.0], 0.0),
                ];
                let new_cases: [(&[f64], f64); 2] =
                    [(&[1.0, 0.0, 0.0, 0.0], 1.0), (&[0.0, 1.0, 1.0, 1.0], 0.0)];
                (
                    one_neuron(4, rows.len(), seed),
                    table(&rows),
                    table(&new_cases),
                    None,
                    10_000,
                    true,
                )
            }
            LessonId::NewSituation => {
                let rows: [(&[f64], f64); 4] = [
                    (&[0.0, 0.0, 1.0], 0.0),
                    (&[1.0, 1.0, 1.0], 1.0),
                    (&[1.0, 0.0, 1.0], 1.0),
                    (&[0.0, 1.0, 1.0], 0.0),
                ];
                let new_case: [(&[f64], f64); 1] = [(&[1.0, 0.0, 0.0], 1.0)];
                (
                    one_neuron(3, 4, seed),
                    table(&rows),
                    table(&new_case),
                    None,
                    15_000,
                    true,
                )
            }
            LessonId::Regression => {
                let net = network(&[2, 1], &[], Activation::Linear, Init::Xavier, seed);
                let data = Dataset::generate(Generator::RegressionPlane, 1_000, 1.0, seed, 2);
                let t = Trainer::new(net, Loss::SquaredError, 0.01, 0, seed);
                let plane = Plane {
                    scale: 10.0,
                    offset: 0.0,
                    // The targets 2x − 3z + 5 span about ±55 over [−10, 10]².
                    span: 55.0,
                };
                (t, data.clone(), data, Some(plane), 100, false)
            }
            LessonId::VanishingGradients => {
                let train = Dataset::generate(Generator::Circle, 300, 0.0, seed, 2);
                let test = Dataset::generate(Generator::Circle, 200, 0.0, seed + 1, 2);
                let t = deep_network(Activation::Sigmoid, seed);
                (t, train, test, Some(Plane::IDENTITY), DEEP_RUN_STEPS, true)
            }
        };
        // A truth table trains and tests on the same rows: draw them once.
        let shown = [300, if train == test { 0 } else { 100 }];
        let mut lesson = Lesson {
            id,
            initial: trainer.network().params().to_vec(),
            scene: Scene::new(trainer, train, test, plane, shown),
            run_steps,
            restart_on_run,
            fixed: false,
            seed,
            checkpoints: Vec::new(),
        };
        lesson.scene.evaluate();
        lesson
    }

    /// Which lesson this is.
    pub fn id(&self) -> LessonId {
        self.id
    }

    /// Steps one press of *Run* performs.
    pub fn run_steps(&self) -> u64 {
        self.run_steps
    }

    /// Sets the iterations of a run (the first-input lesson's choice of 100 … 100 000).
    pub fn set_iterations(&mut self, n: u64) -> Result<(), String> {
        if self.id != LessonId::FirstInput || !FIRST_INPUT_ITERATIONS.contains(&n) {
            return Err(format!(
                "iterations: {} is not one of {} (first-input lesson only)",
                Num(n as f64),
                crate::base::text::list(FIRST_INPUT_ITERATIONS.map(|n| n as f64))
            ));
        }
        self.run_steps = n;
        Ok(())
    }

    /// Prepares a run: lessons whose runs each reproduce the tutorial from scratch start over from
    /// the same initial weights.
    pub fn start_run(&mut self) {
        self.checkpoints.clear();
        if self.restart_on_run {
            let trainer = &mut self.scene.trainer;
            let net = trainer.network().clone();
            trainer.replace_network(net);
            let _ = trainer.set_params(&self.initial);
        }
    }

    /// Runs `steps` training steps; errors if training diverged.
    pub fn train(&mut self, steps: u64) -> Result<f64, String> {
        self.train_within(steps, f64::INFINITY)
    }

    /// Runs up to `steps` training steps within `max_ms`; returns the mean loss of the steps run
    /// (0 if none), or an error if training diverged.
    pub fn train_within(&mut self, steps: u64, max_ms: f64) -> Result<f64, String> {
        let start = crate::base::clock::now_ms();
        let (mut done, mut total) = (0, 0.0);
        // Up to each decade of iterations in turn, so the first-input lesson can note its
        // confidence there (a run of 100 000 passes through 100, 1 000 and 10 000).
        while done < steps {
            let at = self.scene.steps();
            let next = FIRST_INPUT_ITERATIONS
                .into_iter()
                .find(|&d| d > at)
                .unwrap_or(u64::MAX);
            let left = max_ms - (crate::base::clock::now_ms() - start);
            let (d, t, _) = self
                .scene
                .train_for((steps - done).min(next - at), left.max(0.0));
            done += d;
            total += t;
            if self.id == LessonId::FirstInput
                && FIRST_INPUT_ITERATIONS.contains(&self.scene.steps())
            {
                let c = self.confidence();
                self.checkpoints.push((self.scene.steps(), c));
            }
            if d == 0 || crate::base::clock::now_ms() - start >= max_ms {
                break;
            }
        }
        let loss = if done == 0 { 0.0 } else { total / done as f64 };
        if !loss.is_finite() {
            return Err(format!("Training diverged: the loss became {}.", Num(loss)));
        }
        Ok(loss)
    }

    /// Runs one whole run (what *Run* does, without animation).
    pub fn run(&mut self) -> Result<f64, String> {
        self.start_run();
        self.train(self.run_steps)
    }

    /// Chooses backpropagation or finite differences (the line lesson's switch).
    pub fn set_method(&mut self, method: Method) {
        self.scene.trainer.hyper.method = method;
    }

    /// The XOR lesson's fix: a hidden layer of 4 tanh neurons and a sigmoid output, trained by
    /// full-batch gradient descent on cross-entropy.
    pub fn fix(&mut self) -> Result<(), String> {
        if self.id != LessonId::Xor {
            return Err("fix: only the xor lesson has a fix".into());
        }
        let net = Network::new(
            &[2, 4, 1],
            &[Activation::Tanh],
            OutputActivation::Plain(Activation::Sigmoid),
            Init::Xavier,
            self.seed,
        )?;
        let mut t = Trainer::new(net, Loss::BinaryCrossEntropy, 1.0, 0, self.seed);
        t.random_sampling = false;
        self.initial = t.network().params().to_vec();
        self.scene.trainer = t;
        self.scene.evaluate();
        self.fixed = true;
        self.run_steps = 2_000;
        Ok(())
    }

    /// The vanishing-gradients lesson's choice: the same six hidden layers with `activation`
    /// (sigmoid, tanh or ReLU), new weights from the lesson's seed, the iterations back to 0.
    pub fn set_activation(&mut self, activation: Activation) -> Result<(), String> {
        if self.id != LessonId::VanishingGradients {
            return Err(
                "activation: only the vanishing-gradients lesson changes its activation".into(),
            );
        }
        if !DEEP_ACTIVATIONS.contains(&activation) {
            return Err(format!(
                "activation: {} is not one the lesson compares (sigmoid, tanh, relu)",
                activation.name()
            ));
        }
        self.scene.trainer = deep_network(activation, self.seed);
        self.initial = self.scene.trainer.network().params().to_vec();
        self.scene.evaluate();
        Ok(())
    }

    /// The norm of each weight layer's part of the gradient of the mean loss over every training
    /// point, the input's layer first: what the vanishing-gradients lesson compares.
    pub fn layer_gradient_norms(&self) -> Vec<f64> {
        let t = &self.scene.trainer;
        let mut watch = crate::view::gradients::GradientWatch::default();
        watch.observe(
            t.network(),
            &t.features,
            t.loss,
            &self.scene.train,
            self.scene.train.len(),
        );
        watch.norms().to_vec()
    }

    /// Whether the XOR lesson's hidden layer was added.
    pub fn fixed(&self) -> bool {
        self.fixed
    }

    /// The output for one input vector.
    pub fn predict(&mut self, x: &[f64]) -> f64 {
        self.scene.trainer.predict(x)[0]
    }

    /// The figures the lesson reports, by name (the page's `data-name`s).
    pub fn figures(&mut self) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        let (train, test) = self.scene.evaluate();
        out.push(("loss".to_string(), train.loss));
        if self.scene.train.task() == Task::Classification {
            out.push(("accuracy".to_string(), 100.0 * test.accuracy));
        }
        out.push(("iterations".to_string(), self.scene.steps() as f64));
        if self.scene.network().layers() == 1 {
            let (weights, biases) = self.scene.network().layer_params(0);
            // w1 is the weight on input x1: one naming, from 1, as the inputs'.
            for (i, w) in weights.iter().enumerate() {
                out.push((format!("w{}", i + 1), *w));
            }
            out.push(("bias".to_string(), biases[0]));
        }
        let t = &mut self.scene.trainer;
        let mut predict = |name: &str, x: &[f64]| (format!("prediction-{name}"), t.predict(x)[0]);
        match self.id {
            LessonId::Line => {
                out.push(predict("0.5-0.1", &[0.5, 0.1]));
                out.push(predict("0.3-0.7", &[0.3, 0.7]));
                let (a, n) = self.gradients();
                out.push((
                    "max-gradient-difference".to_string(),
                    max_relative_difference(&a, &n),
                ));
            }
            LessonId::NewSituation => out.push(predict("1-0-0", &[1.0, 0.0, 0.0])),
            LessonId::FirstInput => {
                let confidence = self.confidence();
                out.push(("confidence".to_string(), confidence));
                // How much the gap to 100 % shrank over the last tenfold of iterations.
                let now = self.scene.steps();
                let at = |n: u64| self.checkpoints.iter().find(|c| c.0 == n).map(|c| c.1);
                if let (Some(before), Some(after)) = (at(now / 10), at(now)) {
                    out.push(("gap-shrink".to_string(), (100.0 - before) / (100.0 - after)));
                }
            }
            LessonId::Regression => {
                let bias = self.scene.network().layer_params(0).1[0];
                out.push(("bias-progress".to_string(), 100.0 * bias / 5.0));
            }
            LessonId::VanishingGradients => {
                let norms = self.layer_gradient_norms();
                for (l, n) in norms.iter().enumerate() {
                    out.push((format!("gradient-{}", l + 1), *n));
                }
                let (first, last) = (norms[0], norms[norms.len() - 1]);
                out.push(("gradient-ratio".to_string(), last / first));
            }
            _ => {}
        }
        out
    }

    /// The mean confidence over the training rows, in %: the output for rows whose answer is 1,
    /// one minus it for the others.
    pub fn confidence(&mut self) -> f64 {
        let (t, data) = (&mut self.scene.trainer, &self.scene.train);
        let mut sum = 0.0;
        for i in 0..data.len() {
            let p = t.predict(data.x(i))[0];
            sum += if data.ys[i] >= 0.5 { p } else { 1.0 - p };
        }
        100.0 * sum / data.len().max(1) as f64
    }

    /// Adds a point to the `line` lesson's own training data at plane point `(x, y)`, labelled by
    /// the lesson's rule (1 above y = x); the other lessons' data are fixed tables and refuse it.
    pub fn add_point(&mut self, x: f64, y: f64) -> Result<(), String> {
        if self.id != LessonId::Line {
            return Err(format!(
                "addPoint: the {} lesson's data are fixed",
                self.id.name()
            ));
        }
        for (name, v) in [("x", x), ("y", y)] {
            if !(-1.0..=1.0).contains(&v) {
                return Err(format!("{name}: {} is outside [-1, 1]", Num(v)));
            }
        }
        let p = unit_square();
        let (u, v) = (x * p.scale + p.offset, y * p.scale + p.offset);
        self.scene.train.push(&[u, v], f64::from(v > u));
        self.scene.evaluate();
        Ok(())
    }

    /// The analytic and the numeric gradient on the current example (the next one training meets).
    pub fn gradients(&mut self) -> (Vec<f64>, Vec<f64>) {
        let i = self.current_example();
        let s = &mut self.scene;
        s.trainer.compare_gradients(&s.train, i)
    }

    /// Rows for a table: per example its inputs, target, output and 1 if it is a held-out case.
    /// Training rows first; the line and regression lessons list at most 200.
    pub fn rows(&mut self) -> Vec<f64> {
        let mut out = Vec::new();
        let s = &mut self.scene;
        let same = s.train == s.test;
        let sets: [(&Dataset, f64); 2] = [(&s.train, 0.0), (&s.test, 1.0)];
        for (set, held_out) in sets {
            if held_out == 1.0 && same {
                break;
            }
            for i in 0..set.len().min(200) {
                out.extend_from_slice(set.x(i));
                out.push(set.ys[i]);
                out.push(s.trainer.predict(set.x(i))[0]);
                out.push(held_out);
            }
        }
        out
    }

    /// Loads weights saved from this lesson; refused (nothing changed) if the file is malformed or
    /// its shape is not this lesson's.
    pub fn import_model(&mut self, file: &ModelFile) -> Result<(), String> {
        let net = file.to_network()?;
        let own = self.scene.trainer.network();
        if net.sizes() != own.sizes()
            || net.hidden_activations() != own.hidden_activations()
            || net.output_activation() != own.output_activation()
        {
            return Err(format!(
                "layers: the file holds a {} network, this lesson uses {}",
                crate::base::text::sizes(net.sizes()),
                crate::base::text::sizes(own.sizes())
            ));
        }
        self.scene.trainer.set_params(net.params())
    }
}
