//! A table on the plane: its columns scaled onto it and back, what its columns mean (saved with
//! its points), the rows a choice of columns makes, and the table as the playground holds it.

use crate::base::text::{clip, Num};
use crate::data::dataset::Dataset;
use crate::model::output::MAX_CLASSES;

/// Most inputs a network may take from a table: the two axes and six more.
pub const MAX_INPUTS: usize = 8;
/// The plane's edge for the smallest and largest value of a column.
pub const EDGE: f64 = 0.9;

/// The median of `v` (0 for none), by Hoare's selection in place: linear on average, and without
/// the standard library's sort, which would add 20 KB to the wasm.
pub fn median(v: &mut [f64]) -> f64 {
    let n = v.len();
    if n == 0 {
        return 0.0;
    }
    let upper = select(v, n / 2);
    if n % 2 == 1 {
        return upper;
    }
    // Everything left of the selected element is at most it: the lower middle is their largest.
    let lower = v[..n / 2].iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lower + upper) / 2.0
}

/// The `k`-th smallest of `v` (from 0, no NaN), `v` reordered so that nothing before index `k` is
/// larger.
fn select(v: &mut [f64], k: usize) -> f64 {
    let (mut lo, mut hi) = (0, v.len() - 1);
    while lo < hi {
        let pivot = v[lo + (hi - lo) / 2];
        let (mut i, mut j) = (lo, hi);
        loop {
            while v[i] < pivot {
                i += 1;
            }
            while v[j] > pivot {
                j -= 1;
            }
            if i >= j {
                break;
            }
            v.swap(i, j);
            i += 1;
            j -= 1;
        }
        // Now v[lo..=j] ≤ pivot ≤ v[j + 1..=hi].
        if k <= j {
            hi = j;
        } else {
            lo = j + 1;
        }
    }
    v[k]
}

/// `v` on the plane: `range`'s ends at ∓[`EDGE`], a column of one value at 0.
pub fn to_plane(v: f64, [lo, hi]: [f64; 2]) -> f64 {
    if hi > lo {
        -EDGE + 2.0 * EDGE * (v - lo) / (hi - lo)
    } else {
        0.0
    }
}

/// A value on the plane back in its column's units ([`to_plane`]'s inverse).
pub fn from_plane(p: f64, [lo, hi]: [f64; 2]) -> f64 {
    if hi > lo {
        lo + (p + EDGE) * (hi - lo) / (2.0 * EDGE)
    } else {
        lo
    }
}

/// What a table's columns mean on the plane: saved with the points, so that a file or the next
/// visit shows the data in its own units.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TableMeta {
    /// Where the table came from (a file's name), for the page.
    #[serde(default)]
    pub source: String,
    /// The input columns' names: x, y, then any more.
    pub inputs: Vec<String>,
    /// The label column's name.
    pub target: String,
    /// The classes' names, by index; empty for regression.
    #[serde(default)]
    pub classes: Vec<String>,
    /// Each input column's smallest and largest value (at ∓0.9 on the plane), and the target's
    /// for regression.
    pub ranges: Vec<[f64; 2]>,
}

/// Longest name a table's column or class may have in a file.
pub const MAX_NAME: usize = 200;

impl TableMeta {
    /// Checks every field (the caller names the file's field, `table`).
    pub fn check(&self) -> Result<(), String> {
        let n = self.inputs.len();
        if !(2..=MAX_INPUTS).contains(&n) {
            return Err(format!(
                "inputs: {n} columns; a table gives the network 2 to {MAX_INPUTS}"
            ));
        }
        if self.classes.len() == 1 || self.classes.len() > MAX_CLASSES {
            return Err(format!(
                "classes: {} given; 2 to {MAX_CLASSES} (or none, for regression)",
                self.classes.len()
            ));
        }
        let want = n + usize::from(self.classes.is_empty());
        if self.ranges.len() != want {
            return Err(format!(
                "ranges: {} given for {want} columns",
                self.ranges.len()
            ));
        }
        for (i, [lo, hi]) in self.ranges.iter().enumerate() {
            if !(lo <= hi && (hi - lo).is_finite()) {
                return Err(format!(
                    "ranges[{i}]: [{}, {}] is not a range of numbers",
                    Num(*lo),
                    Num(*hi)
                ));
            }
        }
        let names = self
            .inputs
            .iter()
            .chain([&self.target, &self.source])
            .chain(&self.classes);
        for s in names {
            if s.chars().count() > MAX_NAME {
                return Err(format!(
                    "\"{}\": a name of at most {MAX_NAME} characters",
                    clip(s)
                ));
            }
        }
        Ok(())
    }

    /// Whether the target is a number (regression) rather than a class.
    pub fn regression(&self) -> bool {
        self.classes.is_empty()
    }
}

/// A table's rows on the plane, what their columns mean, and the rows left out.
#[derive(Clone, Debug)]
pub struct Selection {
    /// Every kept row: its inputs on the plane and its class (or target on the plane).
    pub points: Dataset,
    /// The columns' names, classes and ranges.
    pub meta: TableMeta,
    /// The first rows left out: their line and the column that had no value.
    pub skipped: Vec<(u32, String)>,
    /// Rows left out in all.
    pub skipped_count: usize,
}

/// A learner's table as the playground holds it: what its columns mean, and every row on the
/// plane: the training rows, then the test rows, split as they were loaded; another seed or test
/// share splits them anew, like any data set's.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnData {
    /// The columns' names, classes and ranges.
    pub meta: TableMeta,
    /// Every row: its inputs on the plane, its class or target.
    pub points: Dataset,
    /// The seed and test share the rows were loaded under, and how many of them (the first) were
    /// training rows then.
    pub loaded: (u64, f64, usize),
}

impl OwnData {
    /// The rows as the settings `seed` and `test_fraction` split them: as loaded under the ones
    /// they were loaded with, else shuffled and split anew.
    pub fn split(&self, seed: u64, test_fraction: f64) -> (Dataset, Dataset) {
        let (s, f, n_train) = self.loaded;
        if (s, f) != (seed, test_fraction) {
            return self.points.split(test_fraction, seed);
        }
        let mut sets = [
            Dataset::new(self.points.inputs(), self.points.task()),
            Dataset::new(self.points.inputs(), self.points.task()),
        ];
        for i in 0..self.points.len() {
            sets[usize::from(i >= n_train)].push(self.points.x(i), self.points.ys[i]);
        }
        let [train, test] = sets;
        (train, test)
    }

    /// The inputs beyond the plane's two.
    pub fn more_inputs(&self) -> usize {
        self.meta.inputs.len().saturating_sub(2)
    }

    /// The median of each input beyond the plane's two: where the plane's slice holds them at
    /// first.
    pub fn medians(&self) -> Vec<f64> {
        let n = self.points.len();
        (2..self.meta.inputs.len())
            .map(|k| {
                let mut v: Vec<f64> = (0..n).map(|i| self.points.x(i)[k]).collect();
                median(&mut v)
            })
            .collect()
    }
}
