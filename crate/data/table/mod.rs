//! Tables a learner brings: CSV, TSV or semicolon-separated text, with a header row or none.
//!
//! The text is split into records by `csv-core` (the push parser inside the `csv` crate: quoted
//! fields, doubled quotes, `\r\n` or `\n`, blank lines skipped), fed in chunks so that the page can
//! read a large file a piece per frame ([`TableReader::feed`]). What is ours: guessing the
//! delimiter (the one of `,` tab `;` that splits the first lines into the same number of fields,
//! at least two), the header (a first row with no number in it above columns of numbers), numbers
//! (a decimal comma where the delimiter is `;`; `NA`, `?` and empty cells are missing), and the
//! limits ([`MAX_BYTES`], [`MAX_ROWS`], [`MAX_COLUMNS`]).
//!
//! [`Table::select`] then takes the learner's columns (two axes, up to six more inputs, a label)
//! and puts the rows on the plane: each input column's smallest value at −0.9, its largest at 0.9,
//! as the shipped data sets are (`real.rs`).

mod own;
mod read;

pub use own::*;
pub use read::*;

use crate::base::text::{clip, Num};
use crate::data::dataset::{Dataset, Task};
use crate::model::output::MAX_CLASSES;
use read::{number, NO_CLASS};

/// What a column holds, for the page's column menus.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ColumnInfo {
    /// Its name.
    pub name: String,
    /// Cells holding a number.
    pub numbers: usize,
    /// Cells holding something else.
    pub text: usize,
    /// Empty cells (and `NA`, `?`, …).
    pub missing: usize,
    /// Its distinct values when there are at most four (a label column's classes), else empty.
    pub values: Vec<String>,
}

impl Table {
    /// Data rows.
    pub fn rows(&self) -> usize {
        self.lines.len()
    }

    /// What each column holds.
    pub fn columns(&self) -> Vec<ColumnInfo> {
        self.names
            .iter()
            .zip(&self.columns)
            .map(|(name, c)| ColumnInfo {
                name: name.clone(),
                numbers: c.numbers(),
                text: c.text,
                missing: c.missing,
                values: if c.many {
                    Vec::new()
                } else {
                    sorted_values(&c.distinct).iter().map(|v| clip(v)).collect()
                },
            })
            .collect()
    }

    /// The columns the page preselects: `(x, y, label)`. The label is a column named like one
    /// (`species`, `class`, `label`, …), else the last column of text with two to four values,
    /// else the last of text, else the last of two to four numbers, always leaving two columns of
    /// numbers for the axes (else the last column); x and y the first two columns of numbers
    /// besides it.
    pub fn suggest(&self) -> (usize, usize, usize) {
        let n = self.columns.len();
        let c = &self.columns;
        let fits = |k: usize| !c[k].many && (2..=MAX_CLASSES).contains(&c[k].distinct.len());
        let text = |k: usize| c[k].text > 0;
        let axes_left = |k: usize| (0..n).filter(|&j| j != k && c[j].numbers() > 0).count() >= 2;
        let named = |k: usize| {
            let name = self.names[k].to_ascii_lowercase();
            [
                "label", "class", "target", "species", "category", "outcome", "kind",
            ]
            .iter()
            .any(|w| name == *w)
        };
        let last = |rule: &dyn Fn(usize) -> bool| (0..n).rev().find(|&k| rule(k) && axes_left(k));
        let label = (0..n)
            .find(|&k| named(k) && axes_left(k))
            .or_else(|| last(&|k| text(k) && fits(k)))
            .or_else(|| last(&text))
            .or_else(|| last(&fits))
            .unwrap_or(n - 1);
        let mut numeric = (0..n).filter(|&k| k != label && self.columns[k].numbers() > 0);
        let x = numeric.next().unwrap_or(0);
        let y = numeric.next().unwrap_or(1);
        (x, y, label)
    }

    /// The rows on the plane for `inputs` (the axes first, then any more) and `label`, with what
    /// the page says about them; or what is wrong with the choice.
    pub fn select(&self, inputs: &[usize], label: usize) -> Result<Selection, String> {
        let n = self.columns.len();
        let name = |k: usize| format!("\"{}\"", self.names[k]);
        if inputs.len() < 2 || inputs.len() > MAX_INPUTS {
            return Err(format!(
                "inputs: {} columns chosen; the network takes 2 to {MAX_INPUTS}",
                inputs.len()
            ));
        }
        for (i, &k) in inputs.iter().chain([&label]).enumerate() {
            if k >= n {
                return Err(format!("column {}: the table has {n} columns", k + 1));
            }
            if inputs[..i.min(inputs.len())].contains(&k) {
                return Err(format!("column {}: chosen twice", name(k)));
            }
        }
        for &k in inputs {
            if self.columns[k].numbers() == 0 {
                return Err(format!(
                    "column {} holds no numbers, so it cannot be an input{}",
                    name(k),
                    self.columns[k]
                        .first_text
                        .as_ref()
                        .map(|(line, t)| format!(" (line {line}: \"{t}\")"))
                        .unwrap_or_default()
                ));
            }
        }
        let target = &self.columns[label];
        let values = target.distinct.len();
        let regression = target.many && target.text == 0 && target.numbers() > 0;
        if !regression {
            if target.many {
                let shown: Vec<String> = target.distinct[..MAX_CLASSES]
                    .iter()
                    .map(|v| clip(v))
                    .collect();
                // A column of numbers with some text in it: the text is what stops regression.
                let text = match (&target.first_text, target.numbers() > 0) {
                    (Some((line, t)), true) => {
                        format!("; its text (line {line}: \"{t}\") keeps it from being a number")
                    }
                    _ => String::new(),
                };
                return Err(format!(
                    "column {} has more than {MAX_CLASSES} different values ({}, …): a label \
                     names 2 to {MAX_CLASSES} classes, or is a number for regression{text}",
                    name(label),
                    shown.join(", ")
                ));
            }
            if values < 2 {
                return Err(match target.distinct.first().map(|v| clip(v)) {
                    Some(v) => format!(
                        "column {} has one value only (\"{v}\"): a classifier needs 2 to \
                         {MAX_CLASSES} classes",
                        name(label)
                    ),
                    None => format!("column {} is empty", name(label)),
                });
            }
        }
        // Classes in sorted order: the table's order of appearance mapped onto it.
        let names = sorted_values(&target.distinct);
        let order: Vec<f64> = target
            .distinct
            .iter()
            .map(|d| names.iter().position(|s| s == d).unwrap_or(0) as f64)
            .collect();
        let mut kept = Vec::new();
        let mut skipped = Vec::new();
        for row in 0..self.rows() {
            let bad = inputs
                .iter()
                .map(|&k| (k, self.columns[k].nums[row]))
                .find(|(_, v)| v.is_nan())
                .map(|(k, _)| k)
                .or_else(|| {
                    let t = if regression {
                        target.nums[row].is_nan()
                    } else {
                        target.ids[row] == NO_CLASS
                    };
                    t.then_some(label)
                });
            match bad {
                Some(k) => skipped.push((self.lines[row], k)),
                None => kept.push(row),
            }
        }
        if kept.is_empty() {
            return Err(format!(
                "every row misses a number in a chosen column (line {} in {}, for one)",
                skipped[0].0,
                name(skipped[0].1)
            ));
        }
        let range = |k: usize| {
            kept.iter()
                .fold([f64::INFINITY, f64::NEG_INFINITY], |[lo, hi], &r| {
                    let v = self.columns[k].nums[r];
                    [lo.min(v), hi.max(v)]
                })
        };
        let mut ranges: Vec<[f64; 2]> = inputs.iter().map(|&k| range(k)).collect();
        if regression {
            ranges.push(range(label));
        }
        let columns = inputs.iter().chain(regression.then_some(&label));
        for (&k, [lo, hi]) in columns.zip(&ranges) {
            if !(hi - lo).is_finite() {
                return Err(format!(
                    "column {} spans {} to {}, too wide to scale onto the plot",
                    name(k),
                    Num(*lo),
                    Num(*hi)
                ));
            }
        }
        let task = if regression {
            Task::Regression
        } else {
            Task::Classification
        };
        let mut points = Dataset::new(inputs.len(), task);
        let mut x = vec![0.0; inputs.len()];
        for &r in &kept {
            for (j, &k) in inputs.iter().enumerate() {
                x[j] = to_plane(self.columns[k].nums[r], ranges[j]);
            }
            let y = if regression {
                to_plane(target.nums[r], ranges[inputs.len()])
            } else {
                order[target.ids[r] as usize]
            };
            points.push(&x, y);
        }
        Ok(Selection {
            points,
            meta: TableMeta {
                source: String::new(),
                inputs: inputs.iter().map(|&k| self.names[k].clone()).collect(),
                target: self.names[label].clone(),
                classes: if regression { Vec::new() } else { names },
                ranges,
            },
            skipped: skipped
                .iter()
                .take(3)
                .map(|&(line, k)| (line, self.names[k].clone()))
                .collect(),
            skipped_count: skipped.len(),
        })
    }
}

/// `values` (at most five) sorted: by value where all are numbers, else as text. By insertion, by
/// hand: the standard library's sort would add 20 KB to the wasm for these few.
fn sorted_values(values: &[String]) -> Vec<String> {
    let numbers = values.iter().all(|s| number(s, true).is_some());
    let before = |a: &String, b: &String| match numbers {
        true => number(a, true).unwrap_or(0.0) < number(b, true).unwrap_or(0.0),
        false => a < b,
    };
    let mut v = values.to_vec();
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && before(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
    v
}
