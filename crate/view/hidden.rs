//! The hidden space: the data points and the input plane's grid lines as one hidden layer sees
//! them, the view ConvNetJS made its signature.
//!
//! Every point (and every sample along a grid line) goes through the network's forward pass; its
//! coordinates are then either two chosen neurons' activations, or its layer activations' first two
//! principal components (centred on the mean of the training points' activations, the directions
//! those activations vary along most, from their covariance).
//!
//! # Layout
//! [`HiddenSpace::points`] holds 4 `f32` per point, training points first then test points: `x, y`
//! in the layer's space, the point's label (its class, or a regression target), and 1 for a test
//! point (else 0). [`HiddenSpace::lines`] holds 2 `f32` per sample: `lines` lines of constant plane
//! `y` (from −1 up to 1), then `lines` of constant `x`, each of `samples` samples from −1 to 1.

use crate::data::dataset::Dataset;
use crate::data::features::{featurize, FeatureMap};
use crate::math::eigen::leading_eigenvectors;
use crate::model::network::Network;

/// Most points of each set mapped (an even sample of a bigger set); the principal components are
/// taken from the training points mapped.
pub const MAX_POINTS: usize = 2_000;

/// What the hidden space's axes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HiddenAxes {
    /// Two neurons' activations (0-based within the layer).
    Neurons(usize, usize),
    /// The first two principal components of the layer's activations.
    Pca,
}

/// What one hidden layer makes of the plane and the points.
#[derive(Clone, Debug, Default)]
pub struct HiddenSpace {
    /// 4 per point (see the module documentation).
    pub points: Vec<f32>,
    /// 2 per grid-line sample (see the module documentation).
    pub lines: Vec<f32>,
    /// Under [`HiddenAxes::Pca`], the share of the activations' variance each axis shows.
    pub explained: [f64; 2],
}

/// The scene a hidden space is drawn from.
pub struct HiddenSource<'a> {
    /// The network.
    pub net: &'a Network,
    /// Its input features.
    pub features: &'a Option<FeatureMap>,
    /// Input units per plane unit, and the input at the plane's centre.
    pub scale: f64,
    /// See `scale`.
    pub offset: f64,
    /// Inputs beyond the plane's two, held where the plane's slice is.
    pub held: &'a [f64],
    /// The training and test points.
    pub sets: [&'a Dataset; 2],
}

/// What to map, and how finely.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HiddenRequest {
    /// The hidden layer (1 is the first).
    pub layer: usize,
    /// Two neurons, or the principal components.
    pub axes: HiddenAxes,
    /// Grid lines each way.
    pub lines: usize,
    /// Samples along each grid line.
    pub samples: usize,
    /// Most points of each set (at most [`MAX_POINTS`]; an even sample of a bigger set).
    pub max_points: usize,
}

/// Maps the points and the grid lines `request` asks for into its hidden layer. Refused for a
/// layer that is not hidden or a neuron not in it.
pub fn hidden_space(src: &HiddenSource, request: &HiddenRequest) -> Result<HiddenSpace, String> {
    let HiddenRequest {
        layer,
        axes,
        lines,
        samples,
        max_points,
    } = *request;
    let net = src.net;
    let hidden = net.layers() - 1;
    if layer == 0 || layer > hidden {
        return Err(match hidden {
            0 => "layer: this network has no hidden layer".to_string(),
            n => format!("layer: {layer} is not a hidden layer (1–{n})"),
        });
    }
    let width = net.sizes()[layer];
    if let HiddenAxes::Neurons(a, b) = axes {
        for (name, n) in [("neuronX", a), ("neuronY", b)] {
            if n >= width {
                return Err(format!(
                    "{name}: neuron {} is not in layer {layer}, which has {width}",
                    n + 1
                ));
            }
        }
    }
    let mut ws = net.workspace();
    let mut input = Vec::new();
    let mut activations = |x: &[f64]| layer_of(net, src.features, layer, x, &mut ws, &mut input);
    let mut space = HiddenSpace::default();
    let [train, test] = src.sets;
    let picked = |d: &Dataset| -> Vec<usize> {
        let n = d.len().min(max_points.min(MAX_POINTS));
        (0..n).map(|k| k * d.len() / n.max(1)).collect()
    };
    let mut rows: Vec<(Vec<f64>, f32, f32)> = Vec::new();
    for (set, flag) in [(train, 0.0), (test, 1.0)] {
        for i in picked(set) {
            rows.push((activations(set.x(i)), set.ys[i] as f32, flag));
        }
    }
    let mut point = vec![0.0; 2 + src.held.len()];
    point[2..].copy_from_slice(src.held);
    let step = 2.0 / samples.saturating_sub(1).max(1) as f64;
    let across = 2.0 / lines.saturating_sub(1).max(1) as f64;
    let mut grid = Vec::with_capacity(2 * lines * samples);
    for vertical in [false, true] {
        for k in 0..lines {
            for s in 0..samples {
                let (u, v) = (-1.0 + step * s as f64, -1.0 + across * k as f64);
                let (x, y) = if vertical { (v, u) } else { (u, v) };
                point[0] = x * src.scale + src.offset;
                point[1] = y * src.scale + src.offset;
                grid.push(activations(&point));
            }
        }
    }
    let project = match axes {
        HiddenAxes::Neurons(a, b) => Projection::Neurons(a, b),
        HiddenAxes::Pca => {
            let train_rows = rows.iter().filter(|r| r.2 == 0.0).map(|r| &r.0[..]);
            let (mean, dirs, explained) = principal_axes(train_rows, width);
            space.explained = explained;
            Projection::Components(mean, dirs)
        }
    };
    for (h, label, flag) in &rows {
        let [x, y] = project.apply(h);
        space
            .points
            .extend_from_slice(&[x as f32, y as f32, *label, *flag]);
    }
    for h in &grid {
        let [x, y] = project.apply(h);
        space.lines.extend_from_slice(&[x as f32, y as f32]);
    }
    Ok(space)
}

/// Layer `layer`'s activations for input `x` (one forward pass, kept out of line: the view calls
/// it from three places).
#[inline(never)]
fn layer_of(
    net: &Network,
    features: &Option<FeatureMap>,
    layer: usize,
    x: &[f64],
    ws: &mut crate::model::network::Workspace,
    input: &mut Vec<f64>,
) -> Vec<f64> {
    net.forward(ws, featurize(features, x, input));
    ws.layer(layer).1.to_vec()
}

/// How a layer's activations become the view's two coordinates.
enum Projection {
    Neurons(usize, usize),
    /// The training activations' mean, and the two principal directions.
    Components(Vec<f64>, [Vec<f64>; 2]),
}

impl Projection {
    fn apply(&self, h: &[f64]) -> [f64; 2] {
        match self {
            Projection::Neurons(a, b) => [h[*a], h[*b]],
            Projection::Components(mean, dirs) => dirs.each_ref().map(|d| {
                h.iter()
                    .zip(mean)
                    .zip(d)
                    .map(|((x, m), u)| (x - m) * u)
                    .sum()
            }),
        }
    }
}

/// The mean of `rows` (each `width` long), the two directions they vary along most (a zero vector
/// where they vary along fewer), and the share of the variance each carries.
pub fn principal_axes<'a>(
    rows: impl Iterator<Item = &'a [f64]>,
    width: usize,
) -> (Vec<f64>, [Vec<f64>; 2], [f64; 2]) {
    let rows: Vec<&[f64]> = rows.collect();
    let n = rows.len().max(1) as f64;
    let mut mean = vec![0.0; width];
    for r in &rows {
        for (m, x) in mean.iter_mut().zip(r.iter()) {
            *m += x / n;
        }
    }
    let mut cov = vec![0.0; width * width];
    for r in &rows {
        for i in 0..width {
            let di = r[i] - mean[i];
            for j in 0..width {
                cov[i * width + j] += di * (r[j] - mean[j]) / n;
            }
        }
    }
    let total: f64 = (0..width).map(|i| cov[i * width + i]).sum();
    let mut found = leading_eigenvectors(&cov, width, 2).into_iter();
    let mut next = || found.next().unwrap_or((0.0, vec![0.0; width]));
    let ((l1, d1), (l2, d2)) = (next(), next());
    let share = |l: f64| {
        if total > 0.0 {
            (l / total).max(0.0)
        } else {
            0.0
        }
    };
    (mean, [d1, d2], [share(l1), share(l2)])
}
