//! Activation functions and their derivatives.
//!
//! Every function here works on one scalar so that the layer code can apply it in a tight loop over a
//! contiguous buffer. Derivatives are expressed through both `z` (the weighted sum) and `a` (the
//! activation), because for sigmoid and tanh the derivative is cheapest from the output
//! (`a(1 - a)`, `1 - a²`) while ReLU and step need the input.

use crate::base::names::Named;
use crate::math::lanes::Lane;

/// The non-linearity applied to a layer's weighted sums.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    /// `1 / (1 + e^-z)`: squashes to (0, 1); the tutorials' activation.
    Sigmoid,
    /// `tanh(z)`: squashes to (−1, 1), centred on zero.
    Tanh,
    /// `max(0, z)`.
    Relu,
    /// `z` unchanged (regression outputs, softmax logits).
    Linear,
    /// The perceptron's binary step: 1 if `z ≥ 0`, else 0.
    Step,
}

impl Named for Activation {
    const ALL: &'static [Activation] = &[
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::Linear,
        Activation::Step,
    ];

    fn name(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::Linear => "linear",
            Activation::Step => "step",
        }
    }
}
crate::serde_by_name!(Activation);

impl Activation {
    /// `a = f(z)`, for one number or a vector of lanes.
    #[inline(always)]
    pub fn apply<V: Lane>(self, z: V) -> V {
        match self {
            Activation::Sigmoid => z.sigmoid(),
            Activation::Tanh => z.tanh(),
            Activation::Relu => z.relu(),
            Activation::Linear => z,
            Activation::Step => z.step(),
        }
    }

    /// The true derivative `f'(z)`, given `z` and `a = f(z)`.
    ///
    /// For the step this is 0 (everywhere but at 0, where it does not exist), which is why gradient
    /// descent cannot train it; see [`Activation::backprop_derivative`].
    #[inline(always)]
    pub fn derivative<V: Lane>(self, z: V, a: V) -> V {
        match self {
            Activation::Step => V::splat(0.0),
            other => other.backprop_derivative(z, a),
        }
    }

    /// The factor backpropagation multiplies the error by.
    ///
    /// Equal to [`Activation::derivative`] except for the step, where it is 1: with a squared error
    /// this turns the gradient step into Rosenblatt's perceptron rule `w += η (t − y) x`, the way the
    /// perceptron is trained although its true derivative is zero.
    #[inline(always)]
    pub fn backprop_derivative<V: Lane>(self, z: V, a: V) -> V {
        self.scale_error(V::splat(1.0), z, a)
    }

    /// `delta · f'(z)` as backpropagation takes it ([`Activation::backprop_derivative`]), given `z`
    /// and `a = f(z)`: the sigmoid's `a(1 − a)` and tanh's `1 − a²` from the output, ReLU's from
    /// the input.
    #[inline(always)]
    pub fn scale_error<V: Lane>(self, delta: V, z: V, a: V) -> V {
        let one = V::splat(1.0);
        match self {
            Activation::Sigmoid => delta.mul(a.mul(one.sub(a))),
            Activation::Tanh => delta.mul(one.sub(a.mul(a))),
            Activation::Relu => delta.where_positive(z),
            Activation::Linear | Activation::Step => delta,
        }
    }

    /// `a[i] = f(z[i])` for a whole layer, choosing the function once rather than per neuron.
    #[inline(never)]
    pub fn apply_all<V: Lane>(self, z: &[V], a: &mut [V]) {
        match self {
            Activation::Sigmoid => a.iter_mut().zip(z).for_each(|(a, &z)| *a = z.sigmoid()),
            Activation::Tanh => a.iter_mut().zip(z).for_each(|(a, &z)| *a = z.tanh()),
            other => a.iter_mut().zip(z).for_each(|(a, &z)| *a = other.apply(z)),
        }
    }

    /// `v[i] = f(v[i])` for a whole layer, the function chosen once.
    #[inline(always)]
    pub fn apply_in_place<V: Lane>(self, v: &mut [V]) {
        match self {
            Activation::Linear => {}
            Activation::Tanh => v.iter_mut().for_each(|x| *x = x.tanh()),
            other => v.iter_mut().for_each(|x| *x = other.apply(*x)),
        }
    }

    /// `delta[i]` times `f'(z[i])` (as [`Activation::scale_error`]) for a whole layer.
    #[inline(always)]
    pub fn scale_by_derivative<V: Lane>(self, z: &[V], a: &[V], delta: &mut [V]) {
        let it = delta.iter_mut().zip(z.iter().zip(a));
        match self {
            Activation::Linear | Activation::Step => {}
            Activation::Sigmoid => {
                it.for_each(|(d, (&z, &a))| *d = Activation::Sigmoid.scale_error(*d, z, a))
            }
            Activation::Tanh => {
                it.for_each(|(d, (&z, &a))| *d = Activation::Tanh.scale_error(*d, z, a))
            }
            Activation::Relu => {
                it.for_each(|(d, (&z, &a))| *d = Activation::Relu.scale_error(*d, z, a))
            }
        }
    }

    /// The range of `f`, used to validate targets for a loss.
    pub fn output_range(self) -> (f64, f64) {
        match self {
            Activation::Sigmoid | Activation::Step => (0.0, 1.0),
            Activation::Tanh => (-1.0, 1.0),
            Activation::Relu => (0.0, f64::INFINITY),
            Activation::Linear => (f64::NEG_INFINITY, f64::INFINITY),
        }
    }
}

/// The logistic function `1 / (1 + e⁻ᶻ)` in `f64` (see [`Lane::sigmoid`]). Neither end overflows
/// into a NaN: far below 0, `e⁻ᶻ` is `+∞` and the quotient 0; far above, 1.
#[inline(always)]
pub fn sigmoid(z: f64) -> f64 {
    z.sigmoid()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::names::Named;

    fn central(f: impl Fn(f64) -> f64, z: f64) -> f64 {
        let h = 1e-6;
        (f(z + h) - f(z - h)) / (2.0 * h)
    }

    #[test]
    fn derivatives_match_central_differences() {
        for &act in Activation::ALL {
            // Points away from the kinks of ReLU and step, where the derivative does not exist.
            for &z in &[-3.1, -0.7, -0.05, 0.3, 1.9, 4.2] {
                let a = act.apply(z);
                let numeric = central(|v| act.apply(v), z);
                let analytic = act.derivative(z, a);
                let err = (numeric - analytic).abs() / numeric.abs().max(analytic.abs()).max(1e-8);
                assert!(
                    err < 1e-6 || (numeric - analytic).abs() < 1e-9,
                    "{}: z={z} numeric={numeric} analytic={analytic}",
                    act.name()
                );
            }
        }
    }

    #[test]
    fn sigmoid_is_stable_at_extremes() {
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(sigmoid(1000.0), 1.0);
        assert!((sigmoid(0.0) - 0.5).abs() < 1e-15);
    }

    #[test]
    fn names_round_trip() {
        for &act in Activation::ALL {
            assert_eq!(Activation::from_name(act.name()), Some(act));
        }
        assert_eq!(Activation::from_name("softplus"), None);
    }

    #[test]
    fn step_trains_by_the_perceptron_rule() {
        assert_eq!(Activation::Step.derivative(0.4, 1.0), 0.0);
        assert_eq!(Activation::Step.backprop_derivative(0.4, 1.0), 1.0);
    }
}
