//! The loss landscape: the training loss over a plane through the current weights, with the run's
//! path projected on it (Li et al., "Visualizing the Loss Landscape of Neural Nets", 2018).
//!
//! The plane is `w(α, β) = w₀ + α·d₁ + β·d₂` through the current weights `w₀`, spanned by either
//! - the first two principal directions of the run's weight snapshots taken relative to `w₀` (the
//!   directions the run moved along most, from at most [`MAX_PCA_SNAPSHOTS`] of them evenly chosen;
//!   orthonormal, so a snapshot's coordinates are its projections), or
//! - two *filter-normalised* random directions: Gaussian, then each neuron's incoming weights (a
//!   row of its layer's weight matrix, the paper's "filter") scaled to the norm of that neuron's
//!   weights in `w₀`, biases 0. Scale-invariant layers then look as they are; a snapshot's
//!   coordinates are its least-squares position in the plane.
//!
//! The loss is evaluated on a `res × res` grid (`res` odd, so the centre cell is `w₀` itself) over
//! the whole training set, a few cells per call ([`Landscape::advance`]).
//!
//! # Layout
//! [`Landscape::values`] is row-major, `res` rows of `β` from `−extent[1]` up to `extent[1]`, each
//! `res` values of `α` from `−extent[0]` to `extent[0]`; a cell not computed yet, or whose loss is
//! not finite, is NaN. [`Landscape::path`] holds `α, β` per snapshot, oldest first.

use crate::base::clock::now_ms;
use crate::data::dataset::Dataset;
use crate::math::eigen::{leading_eigenvectors, norm};
use crate::math::float::Float;
use crate::math::rng::{normal, seeded};
use crate::model::network::Network;
use crate::train::trainer::Trainer;

/// The directions the plane is spanned by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Directions {
    /// The snapshots' first two principal directions.
    Pca,
    /// Two filter-normalised random directions drawn from this seed.
    Random(u64),
}

/// Most snapshots the principal directions are taken from (evenly chosen along the run): two
/// directions need no more, and their Gram matrix costs the square of their number in dot
/// products of the network's length (48 of the largest network's 21 377 weights: 25 million
/// multiply-adds, a few milliseconds).
pub const MAX_PCA_SNAPSHOTS: usize = 48;

/// Most grid cells a side (the page asks for 49).
pub const MAX_RES: usize = 101;

/// The loss over a plane of weights, computed a slice at a time.
#[derive(Clone, Debug)]
pub struct Landscape {
    trainer: Trainer,
    data: Dataset,
    base: Vec<f64>,
    dirs: [Vec<f64>; 2],
    res: usize,
    extent: [f64; 2],
    values: Vec<f64>,
    path: Vec<f64>,
    /// The cell being computed, the point of the training set it has reached, and its loss sum.
    cell: usize,
    point: usize,
    sum: f64,
    weights: Vec<f64>,
}

impl Landscape {
    /// A landscape through `trainer`'s weights over `data`, `res` cells a side (odd, 3–101).
    /// `snapshots` are the run's weights, oldest first: the path, and under [`Directions::Pca`]
    /// the directions. Refused when there is no training point, or too few snapshots apart from
    /// the current weights to span a plane.
    pub fn new(
        trainer: &Trainer,
        data: &Dataset,
        snapshots: &[&[f64]],
        directions: Directions,
        res: usize,
    ) -> Result<Landscape, String> {
        if !(3..=MAX_RES).contains(&res) || res.is_multiple_of(2) {
            return Err(format!(
                "resolution: {res} must be odd and 3–{MAX_RES} (the centre is the current weights)"
            ));
        }
        if data.is_empty() {
            return Err("the landscape needs training points to measure the loss on".into());
        }
        let mut trainer = trainer.clone();
        trainer.sync();
        let base = trainer.network().params().to_vec();
        let moved: Vec<Vec<f64>> = snapshots
            .iter()
            .filter(|s| s.len() == base.len())
            .map(|s| s.iter().zip(&base).map(|(w, b)| w - b).collect())
            .collect();
        let dirs = match directions {
            Directions::Pca => {
                // An even choice of at most MAX_PCA_SNAPSHOTS, the first and the last among them.
                let n = moved.len();
                let k = n.min(MAX_PCA_SNAPSHOTS);
                let chosen: Vec<&[f64]> = (0..k)
                    .map(|i| &moved[if k > 1 { i * (n - 1) / (k - 1) } else { 0 }][..])
                    .collect();
                principal_directions(&chosen)?
            }
            Directions::Random(seed) => random_directions(trainer.network(), seed),
        };
        let mut path = Vec::with_capacity(2 * moved.len());
        let mut widest = [0.0f64; 2];
        for m in &moved {
            let [a, b] = coordinates(m, &dirs);
            path.extend_from_slice(&[a, b]);
            widest = [widest[0].max(a.abs()), widest[1].max(b.abs())];
        }
        // The whole path fits with a margin; random directions span at least ±1 (the paper's
        // plots), principal ones the path itself.
        let least = match directions {
            Directions::Pca => 1e-6,
            Directions::Random(_) => 1.0,
        };
        let extent = widest.map(|w| (1.2 * w).max(least));
        Ok(Landscape {
            trainer,
            data: data.clone(),
            weights: base.clone(),
            base,
            dirs,
            res,
            extent,
            values: vec![f64::NAN; res * res],
            path,
            cell: 0,
            point: 0,
            sum: 0.0,
        })
    }

    /// Computes cells until all are done or `max_ms` have passed (at least one training point's
    /// loss per call); returns whether every cell is done.
    pub fn advance(&mut self, max_ms: f64) -> bool {
        let start = now_ms();
        let n = self.data.len();
        let mut since_clock = 0;
        while self.cell < self.values.len() {
            if self.point == 0 {
                let [a, b] = self.at(self.cell);
                for (w, ((b0, d1), d2)) in self
                    .weights
                    .iter_mut()
                    .zip(self.base.iter().zip(&self.dirs[0]).zip(&self.dirs[1]))
                {
                    *w = b0 + a * d1 + b * d2;
                }
                // Weights so far out that they overflow: no loss to show there.
                if self.trainer.set_params(&self.weights).is_err() {
                    self.values[self.cell] = f64::NAN;
                    self.cell += 1;
                    continue;
                }
                self.sum = 0.0;
            }
            self.sum += self.trainer.evaluate_one(&self.data, self.point).0;
            self.point += 1;
            if self.point == n {
                let mean = self.sum / n as f64;
                self.values[self.cell] = if mean.is_finite() { mean } else { f64::NAN };
                self.cell += 1;
                self.point = 0;
            }
            since_clock += 1;
            if since_clock >= 16 {
                since_clock = 0;
                if now_ms() - start >= max_ms {
                    break;
                }
            }
        }
        self.done()
    }

    /// `(α, β)` of cell `k`.
    fn at(&self, k: usize) -> [f64; 2] {
        let half = (self.res / 2) as f64;
        let (row, col) = (k / self.res, k % self.res);
        [
            (col as f64 - half) / half * self.extent[0],
            (row as f64 - half) / half * self.extent[1],
        ]
    }

    /// Whether every cell is computed.
    pub fn done(&self) -> bool {
        self.cell >= self.values.len()
    }

    /// Cells computed so far.
    pub fn computed(&self) -> usize {
        self.cell
    }

    /// Cells a side.
    pub fn res(&self) -> usize {
        self.res
    }

    /// The losses (see the module documentation).
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The half-widths of the plane along `α` and `β`.
    pub fn extent(&self) -> [f64; 2] {
        self.extent
    }

    /// The snapshots' `α, β` (see the module documentation).
    pub fn path(&self) -> &[f64] {
        &self.path
    }

    /// The two directions.
    pub fn directions(&self) -> &[Vec<f64>; 2] {
        &self.dirs
    }
}

/// The two directions the moves `moved` (snapshots minus the current weights) vary along most,
/// orthonormal: the top eigenvectors of their Gram matrix carried back into weight space.
fn principal_directions(moved: &[&[f64]]) -> Result<[Vec<f64>; 2], String> {
    let n = moved.len();
    let mut gram = vec![0.0; n * n];
    for i in 0..n {
        for j in i..n {
            let dot = f64::dot(moved[i], moved[j]);
            gram[i * n + j] = dot;
            gram[j * n + i] = dot;
        }
    }
    let width = moved.first().map_or(0, |m| m.len());
    let mut dirs = leading_eigenvectors(&gram, n, 2)
        .into_iter()
        .map(|(_, u)| {
            let mut d = vec![0.0; width];
            for (m, &c) in moved.iter().zip(&u) {
                for (x, v) in d.iter_mut().zip(m.iter()) {
                    *x += c * v;
                }
            }
            d
        })
        .collect::<Vec<_>>();
    if dirs.len() == 2 {
        let along = f64::dot(&dirs[1], &dirs[0]) / f64::dot(&dirs[0], &dirs[0]).max(1e-300);
        let first = dirs[0].clone();
        for (x, d) in dirs[1].iter_mut().zip(&first) {
            *x -= along * d;
        }
    }
    let unit = |d: &mut Vec<f64>| {
        let length = norm(d);
        if length > 1e-12 && length.is_finite() {
            d.iter_mut().for_each(|x| *x /= length);
            true
        } else {
            false
        }
    };
    // Fewer than two directions become two empty ones, which no length can make a unit.
    let mut two = <[Vec<f64>; 2]>::try_from(dirs).unwrap_or_default();
    if two.iter_mut().all(unit) {
        Ok(two)
    } else {
        Err(
            "the run has not moved along two directions yet: train a few epochs, or use random \
             directions"
                .into(),
        )
    }
}

/// Two filter-normalised random directions for `net` (see the module documentation).
pub fn random_directions(net: &Network, seed: u64) -> [Vec<f64>; 2] {
    let mut rng = seeded(seed ^ 0x1a4d_5ca9e);
    let mut draw = || {
        let mut d = vec![0.0; net.params().len()];
        for l in 0..net.layers() {
            let n_in = net.sizes()[l];
            let weights = net.weight_range(l);
            for (row, w) in d[weights.clone()]
                .chunks_exact_mut(n_in)
                .zip(net.params()[weights].chunks_exact(n_in))
            {
                row.iter_mut().for_each(|x| *x = normal(&mut rng));
                let (length, target) = (norm(row), norm(w));
                let scale = if length > 0.0 { target / length } else { 0.0 };
                row.iter_mut().for_each(|x| *x *= scale);
            }
        }
        d
    };
    let first = draw();
    [first, draw()]
}

/// The least-squares `(α, β)` of `m` in the plane of `dirs` (the projections where they are
/// orthonormal).
fn coordinates(m: &[f64], dirs: &[Vec<f64>; 2]) -> [f64; 2] {
    let dot = f64::dot;
    let (g11, g12, g22) = (
        dot(&dirs[0], &dirs[0]),
        dot(&dirs[0], &dirs[1]),
        dot(&dirs[1], &dirs[1]),
    );
    let (r1, r2) = (dot(m, &dirs[0]), dot(m, &dirs[1]));
    let det = g11 * g22 - g12 * g12;
    if det.abs() <= 1e-300 {
        return [0.0, 0.0];
    }
    [(r1 * g22 - r2 * g12) / det, (g11 * r2 - g12 * r1) / det]
}
