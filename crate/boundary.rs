//! The boundary grid the page draws: a value in [0, 1] per cell of the plane `[−1, 1]²`, and the same
//! as RGBA pixels.
//!
//! # Layout
//! `res × res` cells row-major, row 0 at the top (y = +1), column 0 at the left (x = −1); cell
//! `(r, c)` is sampled at its centre `x = −1 + (c + ½)·2/res`, `y = 1 − (r + ½)·2/res`. The value is
//! the class-1 probability (or, for regression, the output mapped into [0, 1]). Pixels are blue
//! above ½, orange below, fading to white as the value nears ½; full confidence is a 55 % tint so
//! points drawn in the full class colour stand out.

/// Orange of class 0 and blue of class 1 (sRGB).
pub const CLASS_COLOURS: [[u8; 3]; 2] = [[245, 147, 34], [8, 119, 189]];

/// How far the heatmap goes from white towards the class colour at full confidence.
const HEAT_TINT: f64 = 0.55;

/// Largest grid side accepted.
pub const MAX_RESOLUTION: usize = 1024;

/// A reusable grid of values and pixels.
#[derive(Clone, Debug, Default)]
pub struct Boundary {
    values: Vec<f32>,
    rgba: Vec<u8>,
}

impl Boundary {
    /// Fills a `res × res` grid with `value(x, y)` (plane coordinates, result in [0, 1]).
    pub fn compute(
        &mut self,
        res: usize,
        mut value: impl FnMut(f64, f64) -> f64,
    ) -> Result<(), String> {
        if !(2..=MAX_RESOLUTION).contains(&res) {
            return Err(format!("resolution: {res} is not in 2–{MAX_RESOLUTION}"));
        }
        self.values.resize(res * res, 0.0);
        self.rgba.resize(res * res * 4, 0);
        let step = 2.0 / res as f64;
        for r in 0..res {
            let y = 1.0 - (r as f64 + 0.5) * step;
            for c in 0..res {
                let x = -1.0 + (c as f64 + 0.5) * step;
                let p = value(x, y);
                let cell = r * res + c;
                self.values[cell] = p as f32;
                self.rgba[cell * 4..cell * 4 + 4].copy_from_slice(&colour(p));
            }
        }
        Ok(())
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

/// The pixel for value `p`.
#[inline]
pub fn colour(p: f64) -> [u8; 4] {
    let class = CLASS_COLOURS[usize::from(p >= 0.5)];
    let strength = ((p - 0.5).abs() * 2.0).min(1.0) * HEAT_TINT;
    let mix = |c: u8| (255.0 + (c as f64 - 255.0) * strength) as u8;
    [mix(class[0]), mix(class[1]), mix(class[2]), 255]
}
