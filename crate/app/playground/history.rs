//! The undo history's entries, and where edited points sit: on the grid a link writes them on.

use crate::base::text::Num;
use crate::data::dataset::Dataset;

/// A reversible change to the point set.
#[derive(Clone, Debug)]
pub(super) enum Edit {
    Added {
        test: bool,
        index: usize,
    },
    Removed {
        test: bool,
        index: usize,
        /// The whole row: x, y and any inputs beyond them.
        x: Vec<f64>,
        label: f64,
    },
    Moved {
        test: bool,
        index: usize,
        from: [f64; 2],
    },
    Replaced {
        train: Dataset,
        test: Dataset,
    },
    /// Parameter `index` was set; it held `old`.
    Weight {
        index: usize,
        old: f64,
    },
}

/// Most undo steps kept.
pub(super) const UNDO_DEPTH: usize = 200;

/// `v` (in [−1, 1]) on the grid a link writes edited points on: 16 bits over [−1, 1], computed in
/// the same operations as `www/state.js` decodes them, so both give the same `f64`.
pub fn on_link_grid(v: f64) -> f64 {
    let q = ((v.clamp(-1.0, 1.0) + 1.0) / 2.0 * 65535.0).round();
    q / 65535.0 * 2.0 - 1.0
}

pub(super) fn check_point(x: f64, y: f64) -> Result<(), String> {
    for (name, v) in [("x", x), ("y", y)] {
        if !(-1.0..=1.0).contains(&v) {
            return Err(format!("{name}: {} is outside [-1, 1]", Num(v)));
        }
    }
    Ok(())
}
