//! What a network's outputs say about the classes: the class-1 probability, the predicted class,
//! and the winning class with its margin that the drawing grid colours.

use crate::model::activation::Activation;
use crate::model::loss::OutputActivation;

/// The most classes a network's output tells apart.
pub const MAX_CLASSES: usize = 4;

/// The probability the network gives class 1 (2-class problems): the sigmoid output itself, a tanh
/// output mapped from (−1, 1), other single outputs clamped to [0, 1], or the softmax's entry 1.
#[inline]
pub fn class_probability(out: &[f64], output: OutputActivation) -> f64 {
    if out.len() == 1 {
        match output {
            OutputActivation::Plain(Activation::Tanh) => (out[0] + 1.0) * 0.5,
            _ => out[0].clamp(0.0, 1.0),
        }
    } else {
        out[1]
    }
}

/// The class the network predicts: threshold 0.5 on a single output, arg-max over several.
pub fn predicted_class(out: &[f64], output: OutputActivation) -> usize {
    if out.len() == 1 {
        usize::from(class_probability(out, output) >= 0.5)
    } else {
        out.iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map_or(0, |(k, _)| k)
    }
}

/// A multi-class cell's value: the winning class plus how far its probability leads the runner-up's
/// (0 where two tie, just under 1 where it is certain), so that `⌊v⌋` is the class and `v − ⌊v⌋`
/// the confidence; borders between classes lie where the margin falls to 0.
pub fn class_value(p: &[f64]) -> f64 {
    if !p.iter().all(|v| v.is_finite()) {
        // Outputs that are no numbers (a diverged network): class 0, no confidence.
        return 0.0;
    }
    let (mut first, mut second) = (0, usize::MAX);
    for k in 1..p.len() {
        if p[k] > p[first] {
            (first, second) = (k, first);
        } else if second == usize::MAX || p[k] > p[second] {
            second = k;
        }
    }
    let margin = p[first] - p.get(second).copied().unwrap_or(0.0);
    first as f64 + margin.clamp(0.0, 0.999)
}
