//! The input features: TF Playground's seven inputs, computed here and nowhere else, for training,
//! evaluation, prediction, the boundary and the neuron maps alike.
//!
//! Each is a function of a point's two coordinates `(x, y)` as the network receives them (the
//! plane `[−1, 1]²` in free play): `x`, `y`, `x²`, `y²`, `xy`, `sin(πx)` and `sin(πy)`. The sines
//! take `πx` so that the plane spans one whole period, as TF Playground's `sin x` spans about two
//! over its plane of ±6: over `[−1, 1]` a plain `sin x` is nearly `x` and would add nothing. The
//! network's inputs are the features switched on, in this order.

use crate::base::names::Named;
use crate::math::elementary::sin_cos;

/// One input feature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Feature {
    /// `x`.
    X,
    /// `y`.
    Y,
    /// `x²`.
    X2,
    /// `y²`.
    Y2,
    /// `x·y`.
    XY,
    /// `sin(πx)`.
    SinX,
    /// `sin(πy)`.
    SinY,
}

impl Named for Feature {
    const ALL: &'static [Feature] = &[
        Feature::X,
        Feature::Y,
        Feature::X2,
        Feature::Y2,
        Feature::XY,
        Feature::SinX,
        Feature::SinY,
    ];

    fn name(self) -> &'static str {
        match self {
            Feature::X => "x",
            Feature::Y => "y",
            Feature::X2 => "x2",
            Feature::Y2 => "y2",
            Feature::XY => "xy",
            Feature::SinX => "sinx",
            Feature::SinY => "siny",
        }
    }
}
crate::serde_by_name!(Feature);

impl Feature {
    /// The feature's value at `(x, y)`.
    #[inline]
    pub fn at(self, x: f64, y: f64) -> f64 {
        match self {
            Feature::X => x,
            Feature::Y => y,
            Feature::X2 => x * x,
            Feature::Y2 => y * y,
            Feature::XY => x * y,
            Feature::SinX => sin_cos(std::f64::consts::PI * x).0,
            Feature::SinY => sin_cos(std::f64::consts::PI * y).0,
        }
    }

    /// The range of its values over the plane `[−1, 1]²`.
    pub fn range(self) -> (f64, f64) {
        match self {
            Feature::X2 | Feature::Y2 => (0.0, 1.0),
            _ => (-1.0, 1.0),
        }
    }
}

/// The features switched on, in [`Feature::ALL`] order, at least one; `x, y` alone is the
/// identity (the network takes the coordinates as they are, and nothing is computed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeatureMap(Vec<Feature>);

impl Default for FeatureMap {
    fn default() -> FeatureMap {
        FeatureMap(vec![Feature::X, Feature::Y])
    }
}

impl FeatureMap {
    /// The features in `list` (any order, repeats ignored), or an error if none is on.
    pub fn new(list: &[Feature]) -> Result<FeatureMap, String> {
        let mut on: Vec<Feature> = Feature::ALL
            .iter()
            .copied()
            .filter(|f| list.contains(f))
            .collect();
        on.dedup();
        if on.is_empty() {
            return Err("features: at least one input must stay on".into());
        }
        Ok(FeatureMap(on))
    }

    /// The features, in order.
    pub fn list(&self) -> &[Feature] {
        &self.0
    }

    /// Inputs the network takes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Never: a map has at least one feature.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the inputs are the coordinates themselves.
    pub fn is_identity(&self) -> bool {
        self.0 == [Feature::X, Feature::Y]
    }

    /// Writes the features of `(x, y)` into `out` (`len()` values).
    #[inline]
    pub fn apply(&self, x: f64, y: f64, out: &mut [f64]) {
        for (o, f) in out.iter_mut().zip(&self.0) {
            *o = f.at(x, y);
        }
    }
}

/// The network's inputs for a point `x` (its two coordinates, then any more inputs a table gives):
/// the features of the two under `map` followed by the rest as they are, written into `buf`; or `x`
/// itself.
#[inline]
pub fn featurize<'a>(map: &Option<FeatureMap>, x: &'a [f64], buf: &'a mut Vec<f64>) -> &'a [f64] {
    match map {
        Some(m) => {
            let more = &x[2..];
            buf.resize(m.len() + more.len(), 0.0);
            m.apply(x[0], x[1], &mut buf[..m.len()]);
            buf[m.len()..].copy_from_slice(more);
            buf
        }
        None => x,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_feature_has_its_value_and_stays_in_its_range() {
        let (x, y) = (0.5, -0.25);
        let want = [
            0.5,
            -0.25,
            0.25,
            0.0625,
            -0.125,
            1.0,
            -std::f64::consts::FRAC_1_SQRT_2,
        ];
        for (&f, w) in Feature::ALL.iter().zip(want) {
            assert!(
                (f.at(x, y) - w).abs() < 1e-15,
                "{}: {}",
                f.name(),
                f.at(x, y)
            );
        }
        for i in 0..=20 {
            for j in 0..=20 {
                let (x, y) = (i as f64 / 10.0 - 1.0, j as f64 / 10.0 - 1.0);
                for &f in Feature::ALL {
                    let (lo, hi) = f.range();
                    let v = f.at(x, y);
                    assert!(
                        v >= lo - 1e-12 && v <= hi + 1e-12,
                        "{} at ({x}, {y}): {v}",
                        f.name()
                    );
                }
            }
        }
    }

    #[test]
    fn a_map_keeps_the_order_and_refuses_none() {
        let m = FeatureMap::new(&[Feature::SinY, Feature::X, Feature::X]).unwrap();
        assert_eq!(m.list(), &[Feature::X, Feature::SinY]);
        let mut out = [0.0; 2];
        m.apply(0.5, 0.5, &mut out);
        assert_eq!(out, [0.5, 1.0]);
        assert!(FeatureMap::default().is_identity());
        let e = FeatureMap::new(&[]).unwrap_err();
        assert!(e.contains("at least one"), "{e}");
    }
}
