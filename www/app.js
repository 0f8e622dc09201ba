// The page's state, declared in one place: every field any module reads or writes is here, with
// what it holds. Modules import `app` and change its fields; none adds a field of its own.

import { Plot } from './plot.js';
import { LossChart } from './loss-chart.js';
import { Scheduler } from './loop.js';
import { BoundaryView } from './boundary.js';
import { OverfitWatch } from './overfit.js';

export const $ = (id) => document.getElementById(id);

export const app = {
  // The scenes and what trains them.
  pg: null, // free play's Playground (wrapped by training.js's `recording`)
  lessons: null, // the lesson panel (www/lessons.js); `lessons.active` while one is open
  trainer: null, // where free play trains (www/training.js); null until the worker started or failed
  view: null, // the view settings the link carries (speed, toggles, log scale)
  hidden: [], // the controls the link hides (www/embed.js): an embed shows only what it teaches
  challenge: null, // the challenge the link set (www/challenge.js), with `solved` once met
  playing: true,
  problem: undefined, // the problem in force, kept by change() so that a frame need not ask wasm
  // What is drawn.
  plot: new Plot($('plot')),
  chart: new LossChart($('loss-chart')),
  scheduler: new Scheduler(),
  boundary: new BoundaryView(),
  points: new Float32Array(0), // the current scene's points, copied out of wasm
  pointsVersion: 0, // bumped whenever those points change, so the plot re-stamps them only then
  sceneVersion: 0, // bumped when the scene is switched or rebuilt: the boundary may differ
  boundaryBusy: false, // whether this frame computed boundary cells
  referenceLine: true, // whether the plot draws y = x (or the curve data set's curve)
  curveLine: null, // the curve data set's y values at evenly spread x's, null for the straight line
  ownAxes: null, // the plot's axes in the units of the learner's table (own-data.js), null for the plane's
  legendKey: null, // what the legend shows, so it is rebuilt only when that changes
  hover: -1, // the point under the pointer or the keyboard cursor
  cursor: { x: 0, y: 0, active: false, grabbed: -1, moved: false }, // the plot's keyboard cursor
  // The network diagram.
  overlay: null, // the diagram's neuron buttons
  layerControls: null, // the + and − of each layer
  weightEditor: null,
  neuron: null, // { layer, neuron } whose map the plot shows instead of the output (hover, focus)
  hovered: null, // the neuron under the pointer or focus
  pinned: null, // the neuron the weight editor pinned
  neuronPicture: null, // { version, at, pick, picture } the plot's last map of that neuron
  lastNetworkDraw: -Infinity,
  networkCost: 0, // milliseconds the last diagram took
  // Timing.
  lastFrame: 0,
  frameMs: 16, // how long the last frame took: a view that computes in slices takes less when frames run long
  msPerPoint: 0.01, // evaluation's cost, to size a frame's share
  lastRateMark: -Infinity, // when the chart last marked a learning-rate change
  lastConfusion: -Infinity, // when the confusion matrix was last counted
  lastDeadCheck: 0, // when the dead-ReLU check last ran
  longSteps: null, // { steps, since, told }: the step count playing last saw change
  readyMs: 0, // how long the page took to start
  readyAt: 0,
  // Points and the link.
  pointsEdited: undefined, // whether the points differ from the generated set (undefined: not yet known)
  linkPoints: null, // edited points as the link carries them (null: the generated set)
  shift: null, // { chosen, classes, step }: the class a Shift-click adds next
  brushHeld: false, // whether B is held down: the brush sprays while it is
  // Tools.
  kept: null, // kept runs (www/runs.js)
  finder: null, // the learning-rate search (www/finder.js)
  rewind: null, // the run's timeline under the loss chart (www/rewind.js); `rewind.looking` while it shows a snapshot
  gradients: null, // the gradients on the diagram and the norm chart (www/gradients.js)
  hiddenSpace: null, // the hidden-space panel (www/hidden-space.js)
  landscape: null, // the loss-landscape panel (www/landscape.js)
  overfit: new OverfitWatch(), // tells when the test loss climbs while the training loss falls
  // What the page has told once.
  startedOver: null, // after Start over: the function that brings the scene before back
  storageFailed: false,
  tableSaves: 0, // how often the learner's table was kept in storage (tests wait on it)
  toldTableRefused: false, // whether the page said storage refused the table
  warnedLink: false,
  toldOtherTab: false,
};
window.scratchnet = app; // for the console and the end-to-end tests

/** The scene the page shows and trains: the open lesson's, or free play's. */
export const scene = () => (app.lessons?.active ? app.lessons.lesson : app.pg);

/** Copies the current scene's points out of wasm (the view dies with the next call); the plot
 * re-stamps them only if something about them changed. */
export function refreshPoints() {
  const points = scene().points();
  const same = app.points?.length === points.length && app.points.every((v, i) => v === points[i]);
  if (same) return;
  app.points = points.slice();
  app.pointsVersion += 1;
}
