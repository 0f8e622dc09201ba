// What free play's problem types look like: each class's colour, shape and name, the data sets each
// problem offers, and the colour of a regression value. Shared by the plot, the controls and the
// legends, so that a class is drawn, listed and counted the same way everywhere.

/** Class colours, as crate/view/boundary.rs's CLASS_COLOURS and style.css's --class0…--class3. */
export const CLASS_COLOURS = ['#d46a00', '#08306b', '#00825f', '#aa3c82'];
const CLASS_RGB = [[212, 106, 0], [8, 48, 107], [0, 130, 95], [170, 60, 130]];
/** Colour words and point shapes: colour is never a class's only cue. */
export const CLASS_NAMES = ['orange', 'blue', 'green', 'purple'];
export const CLASS_SHAPES = ['square', 'circle', 'triangle', 'diamond'];

/** The heatmap's tint at full confidence (crate/view/boundary.rs's HEAT_TINT). */
const HEAT_TINT = 0.55;

/** `rgb` mixed with white: `strength` 0 is white, 1 the colour itself. */
const tint = (rgb, strength) => rgb.map((c) => Math.trunc(255 + (c - 255) * strength));

/** The full heatmap tint of each class: what *Discretize output* paints a cell predicted as it. */
export const DISCRETE_RGB = CLASS_RGB.map((rgb) => tint(rgb, HEAT_TINT));

/** The learner's own table: under every problem, the one its label makes. */
const OWN = ['own', 'Your data…'];
/** The data sets free play offers for each problem, the first its default (as crate/app/config/mod.rs). */
export const DATASETS = {
  classification: [['line', 'Line y = x'], ['curve', 'Curve y = f(x)'], ['and', 'AND'], ['or', 'OR'], ['xor', 'XOR'],
    ['circle', 'Circle'], ['gaussians', 'Two gaussians'], ['spiral', 'Spiral'], OWN],
  'multi-class': [['gaussians', 'Gaussians'], ['spiral', 'Spiral'], ['sectors', 'Sectors'],
    ['penguins', 'Palmer penguins'], ['iris', 'Irises'], OWN],
  regression: [['plane', 'Plane (x + y) / 2'], ['bumps', 'Gaussian bumps'], OWN],
};

/** How the page names each feature (the diagram's labels, the weight editor's rows). */
export const FEATURE_LABELS = { x: 'x', y: 'y', x2: 'x²', y2: 'y²', xy: 'xy', sinx: 'sin πx', siny: 'sin πy' };

/** How the page names each problem. */
export const PROBLEM_NAMES = { classification: 'two classes', 'multi-class': 'multi-class', regression: 'regression' };

/** Losses in a learner's words (the settings' names are for links and files). */
export const LOSS_NAMES = { squaredError: 'squared error', binaryCrossEntropy: 'cross-entropy',
  softmaxCrossEntropy: 'softmax cross-entropy' };
/** A loss's name in words, or the name itself where there are none. */
export const lossName = (loss) => LOSS_NAMES[loss] ?? loss;

/** The classes' own names where the data set has them (a real one's species), else null. */
let named = null;
/** Sets the classes' own names (null: the data set's classes are numbered). */
export function setClassNames(names) {
  named = names;
}
/** A class's own name (a real data set's species, a table's label value), else its number. */
export const classShort = (c) => named?.[c] ?? String(c);
/** `class 2 (green triangles)`, or a real data set's `Gentoo (green triangles)`. */
export const className = (c) => `${named?.[c] ?? `class ${c}`} (${CLASS_NAMES[c]} ${CLASS_SHAPES[c]}s)`;

/**
 * A regression value's colour on the heatmap's diverging scale, at full strength: orange for −1,
 * white for 0, blue for +1 (values beyond ±1 take the end colours).
 * @returns {string} a CSS colour
 */
export function valueColour(v) {
  const t = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  const [r, g, b] = tint(CLASS_RGB[t >= 0 ? 1 : 0], Math.abs(t));
  return `rgb(${r}, ${g}, ${b})`;
}
