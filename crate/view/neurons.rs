//! Every neuron's output over the plane, as small heatmaps: the diagram's thumbnails, and the plot's
//! view of one neuron while it is hovered.
//!
//! One call fills the maps of every neuron of every hidden layer and the output: the boundary's
//! `f32` kernel ([`GridKernel::eval_layers`]) runs each group of eight cells through the network
//! once and keeps each layer's activations on the way. Layout: neuron-major in layer order (layer
//! 1's neurons, then layer 2's, …, the output's), each map `res × res` cells row-major, row 0 at the
//! top of the plane (y = +1), as the boundary's.
//!
//! # Colours
//! The boundary's scale ([`crate::view::boundary::colour`]): blue for high, orange for low, white at the
//! middle of the activation's range, by a level `p` in [0, 1]:
//! - sigmoid, step and softmax outputs (range 0–1): `p = a`;
//! - tanh (range −1–1): `p = (a + 1) / 2`;
//! - ReLU (range 0 to its largest value over the map, `m`): `p = a / m`; a neuron that is 0
//!   everywhere (dead) is white all over;
//! - linear (unbounded): `p = ½ + ½ a / M`, `M` its largest magnitude over the map (white at 0).

use crate::kernel::grid::{GridKernel, GRID_LANES};
use crate::model::activation::Activation;
use crate::model::loss::OutputActivation;
use crate::model::network::Network;
use crate::view::boundary::colour;

/// Largest map side when every neuron is drawn (390 neurons of 64² cells is 6 MB of pixels).
pub const MAX_THUMBNAIL: usize = 64;
/// Largest map side of a single neuron (the plot's).
pub const MAX_SINGLE: usize = 512;

/// The maps of the last computation.
#[derive(Clone, Debug, Default)]
pub struct NeuronMaps {
    res: usize,
    /// Each cell's level `p` (module docs), neuron-major.
    levels: Vec<f32>,
    /// RGBA per cell, neuron-major.
    rgba: Vec<u8>,
    /// Scratch: every neuron's activations for one group of cells.
    group: Vec<[f32; GRID_LANES]>,
}

impl NeuronMaps {
    /// Fills `res × res` maps of every neuron (`only` None) or of neuron `j` of layer `l` (`only`
    /// `Some((l, j))`, layers counted from 1, the output last), the plane mapped to the inputs by
    /// `(scale, offset)`. Two-input networks only.
    pub fn compute(
        &mut self,
        kernel: &mut GridKernel,
        net: &Network,
        plane: (f64, f64),
        res: usize,
        only: Option<(usize, usize)>,
    ) -> Result<(), String> {
        let sizes = net.sizes();
        let max = if only.is_some() {
            MAX_SINGLE
        } else {
            MAX_THUMBNAIL
        };
        if !(2..=max).contains(&res) {
            return Err(format!("resolution: {res} is not in 2–{max}"));
        }
        if let Some((l, j)) = only {
            if l == 0 || l >= sizes.len() || j >= sizes[l] {
                return Err(format!(
                    "neuron: layer {l} neuron {j} is not in this network of layers {}",
                    crate::base::text::sizes(sizes)
                ));
            }
        }
        if !kernel.load(net) {
            return Err("neuron maps: a network of 1 output (or 2–4 softmax outputs) only".into());
        }
        let total: usize = sizes[1..].iter().sum();
        // Layers run: all of them, or up to the one asked for.
        let layers = only.map_or(sizes.len() - 1, |(l, _)| l);
        // The neurons kept: all, or the one asked for (its index in layer order).
        let (first, count) = match only {
            Some((l, j)) => (sizes[1..l].iter().sum::<usize>() + j, 1),
            None => (0, total),
        };
        self.res = res;
        self.group.resize(total, [0.0; GRID_LANES]);
        self.levels.resize(count * res * res, 0.0);
        let cells = res * res;
        let (scale, offset) = (plane.0 as f32, plane.1 as f32);
        let step = 2.0 / res as f64;
        for r in 0..res {
            let y = ((1.0 - (r as f64 + 0.5) * step) as f32) * scale + offset;
            for c0 in (0..res).step_by(GRID_LANES) {
                let mut x = [0.0; GRID_LANES];
                for (k, xk) in x.iter_mut().enumerate() {
                    *xk = ((-1.0 + ((c0 + k) as f64 + 0.5) * step) as f32) * scale + offset;
                }
                kernel.eval_layers(x, [y; GRID_LANES], layers, &mut self.group);
                let n = GRID_LANES.min(res - c0);
                for (m, lanes) in self.group[first..first + count].iter().enumerate() {
                    let at = m * cells + r * res + c0;
                    self.levels[at..at + n].copy_from_slice(&lanes[..n]);
                }
            }
        }
        // Activations to levels, neuron by neuron (ReLU and linear need the map's range).
        let acts = activations(net);
        self.rgba.resize(count * cells * 4, 0);
        for m in 0..count {
            let act = acts[first + m];
            let map = &mut self.levels[m * cells..(m + 1) * cells];
            to_levels(act, map);
            for (px, &p) in self.rgba[m * cells * 4..(m + 1) * cells * 4]
                .chunks_exact_mut(4)
                .zip(map.iter())
            {
                px.copy_from_slice(&colour(f64::from(p)));
            }
        }
        Ok(())
    }

    /// The side of the maps last computed.
    pub fn res(&self) -> usize {
        self.res
    }

    /// The levels (module docs) of the maps last computed.
    pub fn levels(&self) -> &[f32] {
        &self.levels
    }

    /// Their RGBA pixels.
    pub fn rgba(&self) -> &[u8] {
        &self.rgba
    }
}

/// What each non-input neuron's map shows, in layer order: its activation, or `None` for a softmax
/// output (a probability).
fn activations(net: &Network) -> Vec<Option<Activation>> {
    let sizes = net.sizes();
    let mut acts = Vec::new();
    for l in 1..sizes.len() {
        let act = if l + 1 < sizes.len() {
            Some(net.hidden_activations()[l - 1])
        } else {
            match net.output_activation() {
                OutputActivation::Plain(a) => Some(a),
                OutputActivation::Softmax => None,
            }
        };
        acts.extend(std::iter::repeat_n(act, sizes[l]));
    }
    acts
}

/// One map's activations turned into levels in place (module docs).
fn to_levels(act: Option<Activation>, map: &mut [f32]) {
    match act {
        None | Some(Activation::Sigmoid) | Some(Activation::Step) => {}
        Some(Activation::Tanh) => map.iter_mut().for_each(|a| *a = 0.5 * (*a + 1.0)),
        Some(Activation::Relu) => {
            let top = map.iter().fold(0.0f32, |m, &a| m.max(a));
            if top > 0.0 {
                map.iter_mut().for_each(|a| *a /= top);
            } else {
                map.fill(0.5);
            }
        }
        Some(Activation::Linear) => {
            let top = map.iter().fold(0.0f32, |m, &a| m.max(a.abs()));
            let top = if top > 0.0 { top } else { 1.0 };
            map.iter_mut().for_each(|a| *a = 0.5 + 0.5 * *a / top);
        }
    }
    map.iter_mut()
        .for_each(|p| *p = if p.is_nan() { 0.5 } else { p.clamp(0.0, 1.0) });
}

/// The input features' maps over the plane `[−1, 1]²` as RGBA, one `res × res` map per feature in
/// order, each feature's range mapped to the colour scale (−1 orange, 0 white, +1 blue; x² and y²
/// from 0 orange to 1 blue).
pub fn input_maps(
    features: &[crate::data::features::Feature],
    held: &[f64],
    res: usize,
) -> Vec<u8> {
    let mut rgba = Vec::with_capacity((features.len() + held.len()) * res * res * 4);
    let step = 2.0 / res as f64;
    for f in features {
        let (lo, hi) = f.range();
        for r in 0..res {
            let y = 1.0 - (r as f64 + 0.5) * step;
            for c in 0..res {
                let x = -1.0 + (c as f64 + 0.5) * step;
                rgba.extend(colour((f.at(x, y) - lo) / (hi - lo)));
            }
        }
    }
    for &v in held {
        let pixel = colour((v + 1.0) / 2.0);
        for _ in 0..res * res {
            rgba.extend(pixel);
        }
    }
    rgba
}
