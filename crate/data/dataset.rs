//! Labelled examples, and the seeded generators of the playground's data sets.
//!
//! A [`Dataset`] stores `n` examples of `inputs` features row-major in `xs` (`xs[i · inputs + f]`) and
//! one target per example in `ys`: the class index (0, 1, …) for classification, a real number for
//! regression. How a class index becomes the output layer's target (0/1, ±1, one-hot) is the trainer's
//! business, so one point set can train any network.
//!
//! The 2-D generators draw points in the plane `[−1, 1]²` that the page draws.

use crate::base::names::Named;
use crate::data::curve::Curve;
use crate::data::real;
use crate::math::elementary;
use crate::math::rng::{self, Rng};

/// What the targets mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// Targets are class indices.
    Classification,
    /// Targets are real numbers.
    Regression,
}

/// A seeded generator of a named data set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generator {
    /// Uniform in the plane; class 1 above the line y = x (the line lesson's data and the default scene).
    Line,
    /// Four quadrants; class 1 where both coordinates are positive.
    And,
    /// Four quadrants; class 1 where either coordinate is positive.
    Or,
    /// Four quadrants; class 1 where exactly one coordinate is positive.
    Xor,
    /// Class 1 inside a disc of radius 0.5, class 0 on a ring around it.
    Circle,
    /// Two gaussian blobs, class 1 upper left, class 0 lower right.
    Gaussians,
    /// Two interleaved spirals.
    Spiral,
    /// The regression lesson's data: inputs uniform in [−10, 10]², target 2x − 3z + 5.
    RegressionPlane,
    /// The plane cut into one wedge per class around the centre (multi-class).
    Sectors,
    /// Free play's regression plane: target (x + y) / 2, from −1 to 1 across the diagonal.
    Plane,
    /// Free play's regression bumps: three positive and three negative gaussian bumps in two rows.
    Bumps,
    /// Uniform in the plane; class 1 above a curve y = f(x) the learner types
    /// ([`Dataset::generate_curve`]); `y = x` unless told otherwise.
    Curve,
    /// Palmer penguins: bill length × bill depth, three species ([`crate::data::real`]).
    Penguins,
    /// Fisher's irises: petal length × petal width, three species ([`crate::data::real`]).
    Iris,
    /// The learner's own table ([`crate::data::table`]), held by the settings that loaded it.
    Own,
}

impl Generator {
    /// The table behind a real data set, `None` for a generated one.
    pub fn table(self) -> Option<&'static real::Table> {
        match self {
            Generator::Penguins => Some(&real::PENGUINS),
            Generator::Iris => Some(&real::IRIS),
            _ => None,
        }
    }

    /// The classes a real data set has (its species), `None` for a generator that draws any count.
    pub fn fixed_classes(self) -> Option<usize> {
        self.table().map(|t| t.classes.len())
    }

    /// Whether its targets are real numbers (else class indices).
    pub fn is_regression(self) -> bool {
        matches!(
            self,
            Generator::RegressionPlane | Generator::Plane | Generator::Bumps
        )
    }
}

impl Named for Generator {
    const ALL: &'static [Generator] = &[
        Generator::Line,
        Generator::And,
        Generator::Or,
        Generator::Xor,
        Generator::Circle,
        Generator::Gaussians,
        Generator::Spiral,
        Generator::RegressionPlane,
        Generator::Sectors,
        Generator::Plane,
        Generator::Bumps,
        Generator::Curve,
        Generator::Penguins,
        Generator::Iris,
        Generator::Own,
    ];

    fn name(self) -> &'static str {
        match self {
            Generator::Line => "line",
            Generator::And => "and",
            Generator::Or => "or",
            Generator::Xor => "xor",
            Generator::Circle => "circle",
            Generator::Gaussians => "gaussians",
            Generator::Spiral => "spiral",
            Generator::RegressionPlane => "regressionPlane",
            Generator::Sectors => "sectors",
            Generator::Plane => "plane",
            Generator::Bumps => "bumps",
            Generator::Curve => "curve",
            Generator::Penguins => "penguins",
            Generator::Iris => "iris",
            Generator::Own => "own",
        }
    }
}
crate::serde_by_name!(Generator);

/// Examples with their targets.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    inputs: usize,
    task: Task,
    /// Features, row-major.
    pub xs: Vec<f64>,
    /// One target per example.
    pub ys: Vec<f64>,
}

impl Dataset {
    /// An empty set of examples with `inputs` features each.
    pub fn new(inputs: usize, task: Task) -> Dataset {
        Dataset {
            inputs,
            task,
            xs: Vec::new(),
            ys: Vec::new(),
        }
    }

    /// A set built from rows of features and their targets.
    #[inline(never)] // the lessons' constant tables would unroll into a push per row
    pub fn from_rows(task: Task, rows: &[(&[f64], f64)]) -> Dataset {
        let inputs = rows.first().map_or(0, |r| r.0.len());
        let mut d = Dataset::new(inputs, task);
        for (x, y) in rows {
            d.push(x, *y);
        }
        d
    }

    /// Features per example.
    pub fn inputs(&self) -> usize {
        self.inputs
    }

    /// Classification or regression.
    pub fn task(&self) -> Task {
        self.task
    }

    /// Number of examples.
    pub fn len(&self) -> usize {
        self.ys.len()
    }

    /// Whether there are no examples.
    pub fn is_empty(&self) -> bool {
        self.ys.is_empty()
    }

    /// The features of example `i`.
    pub fn x(&self, i: usize) -> &[f64] {
        &self.xs[i * self.inputs..(i + 1) * self.inputs]
    }

    /// Appends an example.
    pub fn push(&mut self, x: &[f64], y: f64) {
        debug_assert_eq!(x.len(), self.inputs);
        self.xs.extend_from_slice(x);
        self.ys.push(y);
    }

    /// Removes example `i`, keeping the order of the rest.
    pub fn remove(&mut self, i: usize) -> (Vec<f64>, f64) {
        let x = self
            .xs
            .drain(i * self.inputs..(i + 1) * self.inputs)
            .collect();
        (x, self.ys.remove(i))
    }

    /// Inserts an example at index `i` (undo of [`Dataset::remove`]).
    pub fn insert(&mut self, i: usize, x: &[f64], y: f64) {
        let at = i * self.inputs;
        self.xs.splice(at..at, x.iter().copied());
        self.ys.insert(i, y);
    }

    /// Moves example `i` to new features: its first `x.len()` (on the plane: x and y, the rest
    /// kept).
    pub fn set_x(&mut self, i: usize, x: &[f64]) {
        let at = i * self.inputs;
        self.xs[at..at + x.len().min(self.inputs)].copy_from_slice(&x[..x.len().min(self.inputs)]);
    }

    /// Removes every example.
    pub fn clear(&mut self) {
        self.xs.clear();
        self.ys.clear();
    }

    /// The index of the example nearest to `p` and its squared distance.
    pub fn nearest(&self, p: &[f64]) -> Option<(usize, f64)> {
        self.xs
            .chunks_exact(self.inputs.max(1))
            .map(|x| x.iter().zip(p).map(|(a, b)| (a - b) * (a - b)).sum::<f64>())
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// Number of examples of class `c`.
    pub fn count_class(&self, c: usize) -> usize {
        self.ys.iter().filter(|&&y| y as usize == c).count()
    }

    /// Draws `count` examples from `generator` (with `classes` classes where it takes a count:
    /// gaussians, spiral, sectors); `noise` (0–1) jitters positions (labels keep the clean
    /// position, so noise blurs the boundary) or, for regression, adds gaussian noise to targets.
    /// Classes take turns, so each has `count / classes` points (the first few one more).
    #[inline(never)] // not hot: one copy serves every call
    pub fn generate(
        generator: Generator,
        count: usize,
        noise: f64,
        seed: u64,
        classes: usize,
    ) -> Dataset {
        let mut rng = rng::seeded(seed);
        if generator.is_regression() {
            let mut d = Dataset::new(2, Task::Regression);
            for _ in 0..count {
                if generator == Generator::RegressionPlane {
                    let x = rng::uniform(&mut rng, -10.0, 10.0);
                    let z = rng::uniform(&mut rng, -10.0, 10.0);
                    let t = 2.0 * x - 3.0 * z + 5.0 + noise * rng::normal(&mut rng);
                    d.push(&[x, z], t);
                    continue;
                }
                let x = rng::uniform(&mut rng, -1.0, 1.0);
                let y = rng::uniform(&mut rng, -1.0, 1.0);
                let t = if generator == Generator::Plane {
                    (x + y) / 2.0
                } else {
                    bumps(x, y)
                };
                // Kept within [−1, 1], the targets free play takes (a click, a file, a link).
                d.push(
                    &[x, y],
                    (t + 0.2 * noise * rng::normal(&mut rng)).clamp(-1.0, 1.0),
                );
            }
            return d;
        }
        if let Some(table) = generator.table() {
            // Every row of the table, whatever the point count.
            let points = table.points();
            return classified(points.len(), noise, &mut rng, |i, _| points[i]);
        }
        let classes = classes.max(2);
        classified(count, noise, &mut rng, |i, rng| {
            if classes == 2 {
                point(generator, i, count, rng)
            } else {
                point_of(generator, i, count, classes, rng)
            }
        })
    }

    /// Draws `count` points uniform in the plane, class 1 above `curve`, jittered by `noise` as
    /// the other classifiers' points are. A point at an x where the curve has no value (`sqrt(x)`
    /// below 0) is drawn again; after [`CURVE_TRIES`] draws without one it is kept, in class 0.
    pub fn generate_curve(curve: &Curve, count: usize, noise: f64, seed: u64) -> Dataset {
        let mut rng = rng::seeded(seed);
        classified(count, noise, &mut rng, |_, rng| {
            let mut tries = 0;
            loop {
                let x = rng::uniform(rng, -1.0, 1.0);
                let y = rng::uniform(rng, -1.0, 1.0);
                let fx = curve.at(x);
                tries += 1;
                if !fx.is_nan() || tries >= CURVE_TRIES {
                    return (x, y, if y > fx { 1.0 } else { 0.0 });
                }
            }
        })
    }

    /// Shuffles the examples with `seed` and splits off the first `test_fraction` as a test set.
    /// Returns `(train, test)`.
    pub fn split(&self, test_fraction: f64, seed: u64) -> (Dataset, Dataset) {
        let mut order: Vec<usize> = (0..self.len()).collect();
        rng::shuffle(&mut rng::seeded(seed), &mut order);
        let n_test = (self.len() as f64 * test_fraction).round() as usize;
        let mut test = Dataset::new(self.inputs, self.task);
        let mut train = Dataset::new(self.inputs, self.task);
        for (k, &i) in order.iter().enumerate() {
            let target = if k < n_test { &mut test } else { &mut train };
            target.push(self.x(i), self.ys[i]);
        }
        (train, test)
    }
}

/// Draws at most this many points for one where the curve has a value.
pub const CURVE_TRIES: usize = 10_000;

/// `count` classified points from `draw(i, rng)` (clean `(x, y, class)`), each coordinate jittered
/// by `noise` (labels keep the clean position).
fn classified(
    count: usize,
    noise: f64,
    rng: &mut Rng,
    mut draw: impl FnMut(usize, &mut Rng) -> (f64, f64, f64),
) -> Dataset {
    let mut d = Dataset::new(2, Task::Classification);
    for i in 0..count {
        let (x, y, label) = draw(i, rng);
        let jitter = |rng: &mut Rng, v: f64| {
            if noise > 0.0 {
                (v + 0.3 * noise * rng::normal(rng)).clamp(-1.0, 1.0)
            } else {
                v
            }
        };
        let (x, y) = (jitter(rng, x), jitter(rng, y));
        d.push(&[x, y], label);
    }
    d
}

/// One clean point of a 2-D generator: `(x, y, class)`.
fn point(generator: Generator, i: usize, count: usize, rng: &mut Rng) -> (f64, f64, f64) {
    let class = |b: bool| if b { 1.0 } else { 0.0 };
    match generator {
        Generator::Line | Generator::Curve => {
            let x = rng::uniform(rng, -1.0, 1.0);
            let y = rng::uniform(rng, -1.0, 1.0);
            (x, y, class(y > x))
        }
        Generator::And | Generator::Or | Generator::Xor => {
            // Keep a margin around the axes so the quadrants are visibly apart.
            let coord = |rng: &mut Rng| {
                let v = rng::uniform(rng, 0.1, 1.0);
                if rng::uniform(rng, 0.0, 1.0) < 0.5 {
                    -v
                } else {
                    v
                }
            };
            let (x, y) = (coord(rng), coord(rng));
            let (a, b) = (x > 0.0, y > 0.0);
            let label = match generator {
                Generator::And => a && b,
                Generator::Or => a || b,
                _ => a != b,
            };
            (x, y, class(label))
        }
        Generator::Circle => {
            let inside = i.is_multiple_of(2);
            let r = if inside {
                rng::uniform(rng, 0.0, 0.5)
            } else {
                rng::uniform(rng, 0.7, 1.0)
            };
            let (sin, cos) = elementary::sin_cos(rng::uniform(rng, 0.0, std::f64::consts::TAU));
            (r * cos, r * sin, class(inside))
        }
        Generator::Gaussians => {
            let positive = i.is_multiple_of(2);
            let c = if positive { -0.4 } else { 0.4 };
            let x = (c + 0.2 * rng::normal(rng)).clamp(-1.0, 1.0);
            let y = (-c + 0.2 * rng::normal(rng)).clamp(-1.0, 1.0);
            (x, y, class(positive))
        }
        Generator::Spiral => {
            let positive = i.is_multiple_of(2);
            let k = (i / 2) as f64 / (count / 2).max(1) as f64;
            let r = 0.95 * k;
            let t = 1.75 * k * std::f64::consts::TAU
                + if positive { 0.0 } else { std::f64::consts::PI };
            let (sin, cos) = elementary::sin_cos(t);
            (r * sin, r * cos, class(positive))
        }
        Generator::Sectors => point_of(generator, i, count, 2, rng),
        _ => unreachable!("regression: handled by Dataset::generate"),
    }
}

/// One clean point of a generator with `k` classes (gaussians, spiral, sectors): class `i mod k`.
fn point_of(
    generator: Generator,
    i: usize,
    count: usize,
    k: usize,
    rng: &mut Rng,
) -> (f64, f64, f64) {
    use std::f64::consts::TAU;
    let class = i % k;
    // Class c's direction: the classes evenly around the centre, the first at the top.
    let angle = |c: f64| TAU / 4.0 + TAU * c / k as f64;
    match generator {
        Generator::Spiral => {
            let f = (i / k) as f64 / (count / k).max(1) as f64;
            // A turn and a quarter: with three or four arms, the two classes' 1.75 turns would
            // leave less room between arms than a point's own jitter.
            let (sin, cos) = elementary::sin_cos(1.25 * f * TAU + TAU * class as f64 / k as f64);
            (0.95 * f * sin, 0.95 * f * cos, class as f64)
        }
        Generator::Sectors => {
            // Uniform over the disc of radius 1 (the square's corners left empty), away from the
            // centre where every wedge meets.
            let r = rng::uniform(rng, 0.02, 1.0).sqrt();
            let (sin, cos) = elementary::sin_cos(angle(class as f64 + rng::uniform(rng, 0.0, 1.0)));
            (r * cos, r * sin, class as f64)
        }
        _ => {
            // Gaussians: one blob per class, 0.55 from the centre.
            let (sin, cos) = elementary::sin_cos(angle(class as f64 + 0.5));
            let x = (0.55 * cos + 0.18 * rng::normal(rng)).clamp(-1.0, 1.0);
            let y = (0.55 * sin + 0.18 * rng::normal(rng)).clamp(-1.0, 1.0);
            (x, y, class as f64)
        }
    }
}

/// The bumps' target at `(x, y)`: gaussians of width 0.2 at x = −⅔, 0, ⅔ in rows y = ±0.42,
/// alternating in sign (+ − + on the top row, − + − below), summed and kept within [−1, 1].
pub fn bumps(x: f64, y: f64) -> f64 {
    let mut t = 0.0;
    for (row, ry) in [0.42, -0.42].into_iter().enumerate() {
        for (col, cx) in [-2.0 / 3.0, 0.0, 2.0 / 3.0].into_iter().enumerate() {
            let sign = if (row + col) % 2 == 0 { 1.0 } else { -1.0 };
            let d2 = (x - cx) * (x - cx) + (y - ry) * (y - ry);
            t += sign * elementary::exp(-d2 / (2.0 * 0.2 * 0.2));
        }
    }
    t.clamp(-1.0, 1.0)
}
