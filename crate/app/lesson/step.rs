//! One training example taken through the network and its update, every number shown: what the
//! lessons' *Step* button does and reports.

use super::*;

/// One training example taken through the network and its update, for showing every number
/// ([`Lesson::step_example`]). Parameters are in [`Network::params`] order.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepReport {
    /// Which training example (its row in the lesson's data).
    pub example: usize,
    /// Its inputs.
    pub inputs: Vec<f64>,
    /// Its target.
    pub target: f64,
    /// Per layer (from the first hidden one to the output): each neuron's weighted sum `z`.
    pub sums: Vec<Vec<f64>>,
    /// Per layer: each neuron's activation `a = f(z)`.
    pub activations: Vec<Vec<f64>>,
    /// The output's error `a − t`.
    pub error: f64,
    /// The example's loss `½(a − t)²`.
    pub loss: f64,
    /// `∂L/∂w` of every parameter by backpropagation.
    pub gradient: Vec<f64>,
    /// The same by central differences (±0.00001).
    pub numeric: Vec<f64>,
    /// The step size this one example is given: the lesson's η divided by the examples one update
    /// takes (`batch`), so that an update is the sum of its examples' changes.
    pub learning_rate: f64,
    /// Examples one update takes: 1 online, all of them for a full batch.
    pub batch: usize,
    /// The training examples there are.
    pub examples: usize,
    /// The change applied to every parameter: `−η·∂L/∂w`, 0 for parameters that do not learn.
    pub update: Vec<f64>,
}

impl Lesson {
    /// Whether [`Lesson::step_example`] fits this lesson: neurons trained by gradient descent on
    /// squared error (not the perceptron's step, not the cross-entropy of the XOR fix).
    pub fn can_step(&self) -> bool {
        matches!(
            self.id,
            LessonId::Line | LessonId::FirstInput | LessonId::NewSituation | LessonId::Regression
        )
    }

    /// Takes the next training example (in the order of the data, one after another) through the
    /// network, reports every number on the way (sums, activations, error, each gradient by
    /// backprop and by finite differences, the update) and applies that update: what the tutorials
    /// explain in prose, one example at a time. The step size is the lesson's η, shared out over
    /// the batch for full-batch lessons (the tutorials add up the rows' updates).
    pub fn step_example(&mut self) -> Result<StepReport, String> {
        if !self.can_step() {
            return Err(format!(
                "step: the {} lesson is not trained by gradient descent on one example",
                self.id.name()
            ));
        }
        let n = self.scene.train.len();
        let example = self.current_example();
        let (gradient, numeric) = self
            .scene
            .trainer
            .compare_gradients(&self.scene.train, example);
        let inputs = self.scene.train.x(example).to_vec();
        let target = self.scene.train.ys[example];
        let trainer = &mut self.scene.trainer;
        let mut ws = trainer.network().workspace();
        let output = trainer.network().forward(&mut ws, &inputs)[0];
        let layers = trainer.network().layers();
        let (sums, activations) = (1..=layers)
            .map(|l| {
                let (z, a) = ws.layer(l);
                (z.to_vec(), a.to_vec())
            })
            .unzip();
        let batch = match trainer.hyper.batch_size {
            0 => n,
            b => b.min(n),
        };
        let learning_rate = trainer.hyper.learning_rate / batch.max(1) as f64;
        let net = &trainer.network();
        let update: Vec<f64> = gradient
            .iter()
            .enumerate()
            .map(|(k, &g)| {
                let bias = (0..layers).any(|l| {
                    let start = net.weight_range(l).end;
                    (start..start + net.sizes()[l + 1]).contains(&k)
                });
                if bias && !trainer.train_biases() {
                    0.0
                } else {
                    -learning_rate * g
                }
            })
            .collect();
        let params: Vec<f64> = net
            .params()
            .iter()
            .zip(&update)
            .map(|(w, u)| w + u)
            .collect();
        trainer.set_params(&params)?;
        // A step is an update like any other: the iterations count it, and training (or the next
        // step) goes on with the example after this one.
        self.scene.trainer.count_one_example();
        self.scene.evaluate();
        Ok(StepReport {
            examples: n,
            batch,
            example,
            inputs,
            target,
            sums,
            activations,
            error: output - target,
            loss: 0.5 * (output - target) * (output - target),
            gradient,
            numeric,
            learning_rate,
            update,
        })
    }

    /// The index of the current example: the next one training (or a step) meets.
    pub fn current_example(&mut self) -> usize {
        let s = &mut self.scene;
        s.trainer.next_example(&s.train).unwrap_or(0)
    }
}
