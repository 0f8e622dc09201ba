//! The boundary grid the page draws: a value in [0, 1] per cell of the plane `[−1, 1]²`, and the same
//! as RGBA pixels.
//!
//! # Layout
//! `res × res` cells row-major, row 0 at the top (y = +1), column 0 at the left (x = −1); cell
//! `(r, c)` is sampled at its centre `x = −1 + (c + ½)·2/res`, `y = 1 − (r + ½)·2/res`. The value is
//! the class-1 probability (or, for regression, the output mapped into [0, 1]). Pixels are blue
//! above ½, orange below, fading to white as the value nears ½; full confidence is a 55 % tint so
//! points drawn in the full class colour stand out.

use crate::data::features::FeatureMap;
use crate::kernel::grid::{GridKernel, GRID_LANES};
use crate::model::network::Network;
use std::ops::Range;

/// Orange of class 0 and dark blue of class 1 (sRGB): colour-blind safe, and each at least 3 : 1
/// against the page, white and the other (the page's `--class0`, `--class1`); then for multi-class
/// a bluish green and a reddish purple (Okabe and Ito's palette, darkened to 3 : 1 against white:
/// `--class2`, `--class3`). The page also gives each class its own point shape.
pub const CLASS_COLOURS: [[u8; 3]; 4] = [[212, 106, 0], [8, 48, 107], [0, 130, 95], [170, 60, 130]];

/// How far the heatmap goes from white towards the class colour at full confidence.
const HEAT_TINT: f64 = 0.55;

/// Largest grid side accepted.
pub const MAX_RESOLUTION: usize = 1024;

/// Colour steps between value 0 and 1 in the lookup table.
const SHADES: usize = 1024;

/// A reusable grid of values and pixels.
#[derive(Clone, Debug, Default)]
pub struct Boundary {
    /// Whether values are a winning class and its margin ([`class_value`]), not a probability.
    multi: bool,
    values: Vec<f32>,
    rgba: Vec<u8>,
    /// `colour` at `SHADES` evenly spaced values (built on first use): a table lookup per cell
    /// instead of colour arithmetic, which cost more than a small network's forward pass.
    shades: Vec<[u8; 4]>,
}

impl Boundary {
    /// Fills rows `rows` of a `res × res` grid with `value(x, y)` (plane coordinates, result in
    /// [0, 1]), [`GRID_LANES`] cells of a row at a time (for the `f32` [`GridKernel`]); cells past the
    /// row's end are computed and dropped. Rows outside `rows` keep what they held if the grid
    /// already had this resolution, so a large grid can be filled a band at a time.
    pub fn compute_lanes(
        &mut self,
        res: usize,
        rows: Range<usize>,
        mut value: impl FnMut([f32; GRID_LANES], [f32; GRID_LANES]) -> [f32; GRID_LANES],
    ) -> Result<(), String> {
        if !(2..=MAX_RESOLUTION).contains(&res) {
            return Err(format!("resolution: {res} is not in 2–{MAX_RESOLUTION}"));
        }
        if rows.start > rows.end || rows.end > res {
            return Err(format!(
                "rows: {}..{} is not a range of rows within 0..{res}",
                rows.start, rows.end
            ));
        }
        self.values.resize(res * res, 0.0);
        self.rgba.resize(res * res * 4, 0);
        if self.shades.is_empty() {
            self.shades = (0..SHADES)
                .map(|i| colour(i as f64 / (SHADES - 1) as f64))
                .collect();
        }
        let top = (SHADES - 1) as f32;
        let step = 2.0 / res as f64;
        for r in rows {
            let y = (1.0 - (r as f64 + 0.5) * step) as f32;
            for c0 in (0..res).step_by(GRID_LANES) {
                let mut x = [0.0; GRID_LANES];
                for (k, xk) in x.iter_mut().enumerate() {
                    *xk = (-1.0 + ((c0 + k) as f64 + 0.5) * step) as f32;
                }
                let p = value(x, [y; GRID_LANES]);
                let row = r * res + c0;
                let n = GRID_LANES.min(res - c0);
                self.values[row..row + n].copy_from_slice(&p[..n]);
                let pixels = self.rgba[row * 4..(row + n) * 4].chunks_exact_mut(4);
                for (px, &pk) in pixels.zip(&p) {
                    if self.multi {
                        px.copy_from_slice(&class_colour(pk));
                        continue;
                    }
                    // `as usize` saturates: NaN and values below 0 take shade 0.
                    let shade = ((pk * top + 0.5) as usize).min(SHADES - 1);
                    px.copy_from_slice(&self.shades[shade]);
                }
            }
        }
        Ok(())
    }

    /// Fills the grid from a network: cell `(x, y)` of the plane is fed as `(x·s + o, y·s + o)` with
    /// `(s, o) = plane`, and the network's outputs are turned into a value by `to_value`: in [0, 1]
    /// (`multi` false), or a class and its margin ([`crate::model::output::class_value`], `multi` true). Uses the `f32`
    /// [`GridKernel`] where it can run the network (it then gives `to_value` one output: the first,
    /// or the class-1 probability of two softmax outputs), the exact `f64` forward pass otherwise.
    /// `to_value` is a trait object and this is never inlined, so every scene shares one copy of
    /// the whole loop.
    #[inline(never)]
    #[allow(clippy::too_many_arguments)]
    pub fn compute_network(
        &mut self,
        res: usize,
        rows: Range<usize>,
        kernel: &mut GridKernel,
        network: &Network,
        plane: (f64, f64),
        to_value: &dyn Fn(&[f64]) -> f64,
        multi: bool,
    ) -> Result<(), String> {
        self.multi = multi;
        let (scale, offset) = plane;
        // The input features are the kernel's (`GridKernel::set_features`), for both paths.
        let features: Option<FeatureMap> = kernel.features().cloned();
        let features = features.as_ref();
        let held = kernel.held().to_vec();
        // One loop for both paths (a branch per 8 cells, always predicted), not two copies of it.
        let fast = kernel.load(network);
        let mut ws = network.workspace();
        let mut input = vec![0.0; network.inputs()];
        let (s, o) = (scale as f32, offset as f32);
        self.compute_lanes(res, rows, |x, y| {
            if fast {
                let out = kernel.eval(x.map(|v| v * s + o), y.map(|v| v * s + o));
                // More than two classes: the kernel gives the class values itself.
                return out.map(|a| {
                    if multi {
                        a
                    } else {
                        to_value(&[f64::from(a)]) as f32
                    }
                });
            }
            let mut out = [0.0; GRID_LANES];
            for k in 0..GRID_LANES {
                let (x, y) = (
                    f64::from(x[k]) * scale + offset,
                    f64::from(y[k]) * scale + offset,
                );
                let first = match features {
                    Some(map) => {
                        map.apply(x, y, &mut input);
                        map.len()
                    }
                    None => {
                        input[..2].copy_from_slice(&[x, y]);
                        2
                    }
                };
                input[first..].copy_from_slice(&held);
                let p = network.forward(&mut ws, &input);
                out[k] = to_value(p) as f32;
            }
            out
        })
    }

    /// The value per cell.
    pub fn values(&self) -> &[f32] {
        &self.values
    }

    /// RGBA pixels, 4 bytes per cell.
    pub fn rgba(&self) -> &[u8] {
        &self.rgba
    }
}

/// The pixel of a multi-class cell: its class's colour, paler as the margin shrinks (white where two
/// classes tie), at most the same 55 % tint as two classes.
pub fn class_colour(v: f32) -> [u8; 4] {
    let v = if v.is_finite() { v } else { 0.0 };
    let class = (v.max(0.0) as usize).min(CLASS_COLOURS.len() - 1);
    let strength = f64::from(v - class as f32).clamp(0.0, 1.0) * HEAT_TINT;
    let c = CLASS_COLOURS[class];
    let mix = |c: u8| (255.0 + (c as f64 - 255.0) * strength) as u8;
    [mix(c[0]), mix(c[1]), mix(c[2]), 255]
}

/// The pixel for value `p`.
#[inline]
pub fn colour(p: f64) -> [u8; 4] {
    let class = CLASS_COLOURS[usize::from(p >= 0.5)];
    let strength = ((p - 0.5).abs() * 2.0).min(1.0) * HEAT_TINT;
    let mix = |c: u8| (255.0 + (c as f64 - 255.0) * strength) as u8;
    [mix(class[0]), mix(class[1]), mix(class[2]), 255]
}
