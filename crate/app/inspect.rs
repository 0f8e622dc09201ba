//! What the page tells of single points and of a classifier's mistakes: one point's inputs, the
//! network's outputs and its loss (the plot's *Inspect*), and the confusion matrix of the test or
//! training points. Reads the scene; changes nothing but the trainer's scratch.

use crate::app::scene::{tally, Scene};
use crate::data::dataset::Task;
use crate::data::features::featurize;
use crate::model::output::{class_probability, predicted_class};
use serde::Serialize;

/// One point as the network sees it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PointReport {
    /// The point's coordinates (its data, before any feature is computed).
    pub x: Vec<f64>,
    /// Whether it is a test point (not trained on).
    pub test: bool,
    /// Its class, or for regression its target.
    pub label: f64,
    /// What the network takes in: the features computed from `x`.
    pub inputs: Vec<f64>,
    /// The output layer's values.
    pub outputs: Vec<f64>,
    /// Its loss under the scene's loss function.
    pub loss: f64,
    /// For a classifier with one output, the chance it gives of class 1 (its output read as a
    /// probability: a tanh output of −0.8 is a chance of 0.1).
    pub chance: Option<f64>,
    /// The class the network gives it (none for regression).
    pub predicted: Option<usize>,
    /// Whether that class is not its own.
    pub misclassified: bool,
}

/// The report of point `id` (in `Scene::point_buffer` order: training points, then test points),
/// or `None` where there is no such point.
pub fn point_report(scene: &mut Scene, id: usize) -> Option<PointReport> {
    let n_train = scene.train.len();
    let test = id >= n_train;
    let (set, i) = if test {
        (&scene.test, id - n_train)
    } else {
        (&scene.train, id)
    };
    if i >= set.len() {
        return None;
    }
    let (x, label, task) = (set.x(i).to_vec(), set.ys[i], set.task());
    let (loss, _) = scene
        .trainer
        .evaluate_one(if test { &scene.test } else { &scene.train }, i);
    let mut buf = Vec::new();
    let inputs = featurize(&scene.trainer.features, &x, &mut buf).to_vec();
    let outputs = scene.trainer.predict(&x).to_vec();
    let output = scene.trainer.network().output_activation();
    let predicted = (task == Task::Classification).then(|| predicted_class(&outputs, output));
    let chance = (task == Task::Classification && outputs.len() == 1)
        .then(|| class_probability(&outputs, output));
    Some(PointReport {
        misclassified: predicted.is_some_and(|c| c != label as usize),
        x,
        test,
        label,
        inputs,
        outputs,
        loss,
        chance,
        predicted,
    })
}

/// The confusion matrix of the test points (`test`) or the training points: `counts[true × k +
/// predicted]` for the scene's `k` classes, row by row; empty for regression. The last evaluation
/// pass's, so its diagonal is the accuracy reported beside it; counted here only where no pass
/// has gone over these points.
pub fn confusion(scene: &mut Scene, test: bool) -> Vec<u32> {
    // Training and test points are of one task.
    if scene.train.task() != Task::Classification {
        return Vec::new();
    }
    let n = if test {
        scene.test.len()
    } else {
        scene.train.len()
    };
    if let Some(m) = scene.confusion(test) {
        if m.iter().map(|&c| c as usize).sum::<usize>() == n {
            return m.to_vec();
        }
    }
    let k = scene.classes();
    let mut counts = vec![0u32; k * k];
    let set = if test { &scene.test } else { &scene.train };
    for i in 0..set.len() {
        let (_, predicted) = scene.trainer.evaluate_one(set, i);
        tally(&mut counts, k, set.ys[i], predicted);
    }
    counts
}
