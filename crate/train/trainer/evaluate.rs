//! Evaluation: the loss and accuracy of the network on a data set, its prediction for a point, and
//! its two gradients side by side ([`crate::train::targets`] has what they are measured by).

use super::Trainer;
use crate::data::dataset::{Dataset, Task};
use crate::data::features::featurize;
use crate::model::output::predicted_class;
use crate::train::targets::{encode_target, metrics, Metrics};
use crate::train::trainer::NUMERIC_STEP;

impl Trainer {
    /// Both gradients of the loss on example `i` of `data`, for showing them side by side:
    /// `(analytic, numeric)`. Leaves the weights unchanged.
    pub fn compare_gradients(&mut self, data: &Dataset, i: usize) -> (Vec<f64>, Vec<f64>) {
        self.sync();
        let main = &mut self.main;
        encode_target(&main.net, data.task(), data.ys[i], &mut self.target);
        let t = self.target.clone();
        let x = featurize(&self.features, data.x(i), &mut self.input).to_vec();
        main.net.gradient(&mut main.ws, &x, &t, self.loss);
        let analytic = main.ws.grad.clone();
        let mut numeric = vec![0.0; analytic.len()];
        main.net
            .numeric_gradient(&mut main.ws, &x, &t, self.loss, NUMERIC_STEP, &mut numeric);
        (analytic, numeric)
    }

    /// Mean loss and accuracy of the current network on `data` (NaN loss when `data` is empty).
    pub fn evaluate(&mut self, data: &Dataset) -> Metrics {
        let (mut loss, mut correct) = (0.0, 0usize);
        for i in 0..data.len() {
            let (l, predicted) = self.evaluate_one(data, i);
            loss += l;
            correct += usize::from(predicted == Some(data.ys[i] as usize));
        }
        metrics(data, loss, correct)
    }

    /// The loss on example `i` of `data`, and the class the network gives it (none for
    /// regression): right where that is `data.ys[i]`.
    pub fn evaluate_one(&mut self, data: &Dataset, i: usize) -> (f64, Option<usize>) {
        self.sync();
        let main = &mut self.main;
        encode_target(&main.net, data.task(), data.ys[i], &mut self.target);
        let x = featurize(&self.features, data.x(i), &mut self.input);
        let out = main.net.forward(&mut main.ws, x);
        let predicted = (data.task() == Task::Classification)
            .then(|| predicted_class(out, main.net.output_activation()));
        (
            main.net.last_loss(&main.ws, &self.target, self.loss),
            predicted,
        )
    }

    /// The output of the network for one input (allocation-free, reusing the workspace).
    pub fn predict(&mut self, x: &[f64]) -> &[f64] {
        self.sync();
        let x = featurize(&self.features, x, &mut self.input);
        self.main.net.forward(&mut self.main.ws, x)
    }
}
