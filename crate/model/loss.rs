//! Loss functions, and the error signal they send back into the output layer.
//!
//! A loss is evaluated on one example: the output layer's weighted sums `z`, its activations `a` and the
//! target `t`, all slices of the same length. [`Loss::output_delta`] writes `∂L/∂z`, the quantity
//! backpropagation starts from. Cross-entropy losses are fused with their natural output activation
//! (sigmoid, softmax) so that the delta is the numerically stable `a − t`.

use crate::base::names::Named;
use crate::math::float::Float;
use crate::model::activation::Activation;

/// What the network is trained to minimise, per example (averaged over a batch by the trainer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loss {
    /// `½ Σ (a − t)²`: the tutorials' cost (halved so that its gradient is `a − t`).
    SquaredError,
    /// `−Σ [t ln a + (1 − t) ln(1 − a)]`, for sigmoid outputs with 0/1 targets.
    BinaryCrossEntropy,
    /// `−Σ t ln softmax(z)`, for k ≥ 2 mutually exclusive classes (one-hot targets).
    SoftmaxCrossEntropy,
}

impl Named for Loss {
    const ALL: &'static [Loss] = &[
        Loss::SquaredError,
        Loss::BinaryCrossEntropy,
        Loss::SoftmaxCrossEntropy,
    ];

    fn name(self) -> &'static str {
        match self {
            Loss::SquaredError => "squaredError",
            Loss::BinaryCrossEntropy => "binaryCrossEntropy",
            Loss::SoftmaxCrossEntropy => "softmaxCrossEntropy",
        }
    }
}
crate::serde_by_name!(Loss, OutputActivation);

impl Loss {
    /// Checks that this loss can be paired with `output` activation on `outputs` neurons.
    pub fn check_output(self, output: OutputActivation, outputs: usize) -> Result<(), String> {
        match (self, output) {
            (Loss::SquaredError, OutputActivation::Softmax) => {
                Err("softmax outputs are trained with loss \"softmaxCrossEntropy\"".into())
            }
            (Loss::SquaredError, _) => Ok(()),
            (Loss::BinaryCrossEntropy, OutputActivation::Plain(Activation::Sigmoid)) => Ok(()),
            (Loss::BinaryCrossEntropy, o) => Err(format!(
                "loss \"binaryCrossEntropy\" needs a sigmoid output activation, not \"{}\"",
                o.name()
            )),
            (Loss::SoftmaxCrossEntropy, OutputActivation::Softmax) if outputs >= 2 => Ok(()),
            (Loss::SoftmaxCrossEntropy, OutputActivation::Softmax) => {
                Err("loss \"softmaxCrossEntropy\" needs at least 2 outputs".into())
            }
            (Loss::SoftmaxCrossEntropy, o) => Err(format!(
                "loss \"softmaxCrossEntropy\" needs a softmax output activation, not \"{}\"",
                o.name()
            )),
        }
    }

    /// The loss of one example.
    pub fn value<F: Float>(self, z: &[F], a: &[F], t: &[F]) -> F {
        match self {
            Loss::SquaredError => {
                let half = F::from_f64(0.5);
                a.iter()
                    .zip(t)
                    .map(|(&a, &t)| half * (a - t) * (a - t))
                    .sum()
            }
            // Written in terms of z: ln(1 + e^z) − t z, stable for any z.
            Loss::BinaryCrossEntropy => z
                .iter()
                .zip(t)
                .map(|(&z, &t)| z.max(F::ZERO) - z * t + (-z.abs()).exp().ln_1p())
                .sum(),
            Loss::SoftmaxCrossEntropy => {
                let lse = log_sum_exp(z);
                z.iter().zip(t).map(|(&z, &t)| t * (lse - z)).sum()
            }
        }
    }

    /// Writes `∂L/∂z` for one example into `delta`.
    #[inline]
    pub fn output_delta<F: Float>(
        self,
        output: OutputActivation,
        z: &[F],
        a: &[F],
        t: &[F],
        delta: &mut [F],
    ) {
        match (self, output) {
            (Loss::SquaredError, OutputActivation::Plain(act)) => {
                for k in 0..delta.len() {
                    delta[k] = (a[k] - t[k]) * act.backprop_derivative(z[k], a[k]);
                }
            }
            // Fused with sigmoid / softmax; check_output rules out the other pairs.
            _ => {
                for k in 0..delta.len() {
                    delta[k] = a[k] - t[k];
                }
            }
        }
    }
}

/// The output layer's activation: any elementwise [`Activation`], or softmax over the whole layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputActivation {
    /// An elementwise activation.
    Plain(Activation),
    /// `softmax(z)_k = e^{z_k} / Σ_j e^{z_j}`: class probabilities that sum to 1.
    Softmax,
}

impl Named for OutputActivation {
    const ALL: &'static [OutputActivation] = &[
        OutputActivation::Plain(Activation::Sigmoid),
        OutputActivation::Plain(Activation::Tanh),
        OutputActivation::Plain(Activation::Relu),
        OutputActivation::Plain(Activation::Linear),
        OutputActivation::Plain(Activation::Step),
        OutputActivation::Softmax,
    ];

    fn name(self) -> &'static str {
        match self {
            OutputActivation::Plain(a) => a.name(),
            OutputActivation::Softmax => "softmax",
        }
    }
}

impl OutputActivation {
    /// Writes `a = f(z)` for the whole layer.
    #[inline]
    pub fn apply<F: Float>(self, z: &[F], a: &mut [F]) {
        match self {
            // The function chosen once for the layer, not per neuron.
            OutputActivation::Plain(act) => act.apply_all(z, a),
            OutputActivation::Softmax => {
                let max = max_of(z);
                let mut sum = F::ZERO;
                for (a, &z) in a.iter_mut().zip(z) {
                    *a = (z - max).exp();
                    sum += *a;
                }
                for a in a.iter_mut() {
                    *a /= sum;
                }
            }
        }
    }
}

/// The largest of `z` (−∞ for none).
fn max_of<F: Float>(z: &[F]) -> F {
    z.iter()
        .fold(F::from_f64(f64::NEG_INFINITY), |m, &v| m.max(v))
}

fn log_sum_exp<F: Float>(z: &[F]) -> F {
    let max = max_of(z);
    max + z.iter().map(|&z| (z - max).exp()).sum::<F>().ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs() -> Vec<(Loss, OutputActivation)> {
        let mut v = Vec::new();
        for &loss in Loss::ALL {
            for out in [
                OutputActivation::Plain(Activation::Sigmoid),
                OutputActivation::Plain(Activation::Tanh),
                OutputActivation::Plain(Activation::Relu),
                OutputActivation::Plain(Activation::Linear),
                OutputActivation::Softmax,
            ] {
                if loss.check_output(out, 3).is_ok() {
                    v.push((loss, out));
                }
            }
        }
        v
    }

    #[test]
    fn output_delta_matches_central_differences_of_the_loss() {
        let z = [0.3, -1.2, 0.8];
        let targets: [[f64; 3]; 2] = [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]];
        for (loss, out) in pairs() {
            for t in &targets {
                let mut a = [0.0; 3];
                out.apply(&z, &mut a);
                let mut delta = [0.0; 3];
                loss.output_delta(out, &z, &a, t, &mut delta);
                for k in 0..3 {
                    let h = 1e-6;
                    let f = |dz: f64| {
                        let mut zz = z;
                        zz[k] += dz;
                        let mut aa = [0.0; 3];
                        out.apply(&zz, &mut aa);
                        loss.value(&zz, &aa, t)
                    };
                    let numeric = (f(h) - f(-h)) / (2.0 * h);
                    let err =
                        (numeric - delta[k]).abs() / numeric.abs().max(delta[k].abs()).max(1e-8);
                    assert!(
                        err < 1e-6,
                        "{loss:?}/{out:?} k={k}: {numeric} vs {}",
                        delta[k]
                    );
                }
            }
        }
    }

    #[test]
    fn incompatible_pairs_are_named() {
        let err = Loss::BinaryCrossEntropy
            .check_output(OutputActivation::Plain(Activation::Tanh), 1)
            .unwrap_err();
        assert!(err.contains("tanh"), "{err}");
        assert!(Loss::SoftmaxCrossEntropy
            .check_output(OutputActivation::Softmax, 1)
            .is_err());
    }

    #[test]
    fn cross_entropy_is_finite_when_saturated() {
        let v = Loss::BinaryCrossEntropy.value(&[800.0], &[1.0], &[0.0]);
        assert!((v - 800.0).abs() < 1e-9);
    }
}
