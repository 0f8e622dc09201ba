// What a link can hide (`hide=`), by name, and the check of a link's list: no imports, so that the
// link's reader (state.js) and the page (embed.js) share it.

/**
 * What `hide=` can hide, by name: the elements of each control (its label and what belongs to it).
 * The play, step and reset buttons, the plot and the readouts always stay.
 */
export const HIDEABLE = {
  lesson: { what: 'Lesson menu', parts: ['#lesson', 'label[for=lesson]'] },
  problem: { what: 'Problem and classes', parts: ['#problem', 'label[for=problem]', '.multi-only'] },
  dataset: { what: 'Data set', parts: ['#dataset', 'label[for=dataset]', '#dataset-source', '#use-all-measurements', '#own-data', '#curve-field'] },
  points: { what: 'Points slider', parts: ['#points', 'label[for=points]'] },
  noise: { what: 'Noise', parts: ['#noise', 'label[for=noise]'] },
  testFraction: { what: 'Test share', parts: ['#test-fraction', 'label[for=test-fraction]'] },
  newPoints: { what: 'New points', parts: ['#regenerate'] },
  editPoints: { what: 'Point editing', parts: ['#edit-points'] },
  network: { what: 'Hidden layers and neurons', parts: ['#network-shape', '#layer-controls'] },
  activation: { what: 'Activation', parts: ['#activation', 'label[for=activation]'] },
  features: { what: 'Input features', parts: ['fieldset.features'] },
  diagram: { what: 'Network diagram', parts: ['#network-box'] },
  learningRate: { what: 'Learning rate', parts: ['label[for=learning-rate]', '.rate-row', '#lr-hint', '#present-controls'] },
  lrFinder: { what: 'Learning-rate finder', parts: ['#lr-finder', '#lr-finder-hint', '#lr-finder-panel'] },
  batchSize: { what: 'Batch size', parts: ['#batch-size', 'label[for=batch-size]'] },
  method: { what: 'Gradients by', parts: ['#method', 'label[for=method]'] },
  precision: { what: 'Precision', parts: ['#precision', 'label[for=precision]', '#precision-hint'] },
  optimizer: { what: 'Optimizer and momentum', parts: ['#optimizer', 'label[for=optimizer]', '.momentum-only'] },
  regularization: { what: 'L1 and L2', parts: ['#l1', 'label[for=l1]', '#l2', 'label[for=l2]'] },
  speed: { what: 'Speed', parts: ['#speed', 'label[for=speed]'] },
  seed: { what: 'Seed', parts: ['#seed-row'] },
  files: { what: 'Save and load', parts: ['#files'] },
  inspect: { what: 'Inspect points', parts: ['#inspect-label', '#inspect-details'] },
  compare: { what: 'Keep run', parts: ['#compare'] },
  confusion: { what: 'Confusion matrix', parts: ['#confusion'] },
};

/** The names a link may hide, in the order the Share dialog lists them. */
export const HIDE_NAMES = Object.keys(HIDEABLE);

/**
 * `hide=`'s names, checked: the known ones, and a message for the others (null if none).
 * @param {string} text comma-separated names
 */
export function parseHide(text) {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const known = names.filter((n) => Object.hasOwn(HIDEABLE, n));
  const unknown = names.filter((n) => !Object.hasOwn(HIDEABLE, n));
  const problem = unknown.length === 0 ? null
    : `hide: ${unknown.slice(0, 3).map((n) => `"${n.slice(0, 40)}"`).join(', ')} ${unknown.length === 1 ? 'is no control' : 'are no controls'} `
      + `that can be hidden (${HIDE_NAMES.join(', ')}); ${known.length ? 'the others are hidden' : 'nothing is hidden'}`;
  return { names: [...new Set(known)], problem };
}
