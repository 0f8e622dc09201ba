// Challenges: a link that sets a task (`challenge=`: a goal on a metric and constraints on the
// network), tracked live in `#challenge` until it is solved; and the ready ones in `#challenges`.

import { app, $ } from './app.js';
import { FEATURE_LABELS } from './classes.js';
import { GOALS, describe, shown } from './challenge-terms.js';

/** The scene a challenge is set on: what its link chose, which its figures are about. */
const sceneOf = (config) => ({ problem: config.problem, dataset: config.dataset, points: config.points,
  noise: config.noise, testFraction: config.testFraction, classes: config.classes });

/** What breaks a constraint now, or keeps the goal out of reach, in words (empty when nothing does). */
function broken(c, config, epoch) {
  const out = [];
  const scene = sceneOf(config);
  const moved = Object.keys(scene).filter((k) => scene[k] !== c.scene[k]);
  if (moved.length) {
    out.push(`the challenge is set on other data (${moved.map((k) => `${k} ${c.scene[k]}`).join(', ')}): `
      + 'put them back, or open the challenge\'s link again');
  }
  if (app.pointsEdited) out.push('the points were edited: New points brings back the challenge\'s');
  if (GOALS[c.goal.metric].percent && config.problem === 'regression') out.push('regression has no accuracy, so this goal cannot be met here');
  if (c.goal.metric.startsWith('test') && config.testFraction === 0) out.push('there are no test points (the test share is 0)');
  if (c.modelLoaded) out.push('a loaded model was not trained here: Reset trains one from the seed');
  const neurons = config.hiddenLayers.reduce((a, b) => a + b, 0);
  if (c.maxNeurons !== null && neurons > c.maxNeurons) out.push(`the network has ${neurons} hidden neurons; the challenge allows ${c.maxNeurons}`);
  if (c.maxLayers !== null && config.hiddenLayers.length > c.maxLayers) {
    out.push(`the network has ${config.hiddenLayers.length} hidden layers; the challenge allows ${c.maxLayers}`);
  }
  if (c.features !== null) {
    const extra = config.features.filter((f) => !c.features.includes(f));
    if (extra.length) out.push(`the input${extra.length > 1 ? 's' : ''} ${extra.map((f) => FEATURE_LABELS[f]).join(', ')} ${extra.length > 1 ? 'are' : 'is'} not allowed`);
  }
  if (c.epochs !== null && epoch > c.epochs) {
    out.push(`epoch ${epoch} is past the ${c.epochs} allowed (the page checks at each evaluation: at a high speed, slow `
      + 'down so that it looks before then): Reset starts the count again');
  }
  return out;
}

/** Says `text` to a screen reader once: a challenge's changes of state, not each new figure. */
function announce(text) {
  if ($('challenge-news').textContent !== text) $('challenge-news').textContent = text;
}

/** Sets the challenge in force (null: none) on the scene as it is now, and shows it. */
export function setChallenge(c) {
  app.challenge = c && { ...c, solved: null, scene: sceneOf(app.pg.config()), modelLoaded: false, lastEpoch: 0 };
  $('challenge').hidden = c === null;
  if (c) {
    $('challenge-goal').textContent = `Challenge: ${describe(c)}.`;
    $('challenge-status').textContent = 'Train to meet it.';
    delete $('challenge').dataset.solved;
  }
}

/**
 * After each evaluation: the challenge's progress, what breaks it, and once met, "Solved at epoch N
 * with K neurons" with a link to the run. A solved challenge stays solved until the network or the
 * data change (`challengeReset`).
 */
export function observeChallenge(epoch, metrics, link) {
  const c = app.challenge;
  if (c?.solved && epoch < c.solved.epoch) challengeReset(); // Reset: the run starts again
  // The epoch going back (Reset, a rebuild) means a network trained here from the seed again.
  if (c && epoch < c.lastEpoch) c.modelLoaded = false;
  if (c) c.lastEpoch = epoch;
  if (!c || c.solved) return;
  const config = app.pg.config();
  const value = metrics[c.goal.metric];
  const faults = broken(c, config, epoch);
  const met = Number.isFinite(value) && (c.goal.op === '>=' ? value >= c.goal.value : value <= c.goal.value);
  const status = $('challenge-status');
  if (met && faults.length === 0) {
    const neurons = config.hiddenLayers.reduce((a, b) => a + b, 0);
    c.solved = { epoch, neurons };
    status.textContent = `Solved at epoch ${epoch} with ${neurons} neuron${neurons === 1 ? '' : 's'} `
      + `(${GOALS[c.goal.metric].name} ${shown(c.goal.metric, value)}). `;
    const a = Object.assign(document.createElement('a'), { href: link(), id: 'challenge-link', textContent: 'This solution\'s link' });
    status.append(a, ' reproduces it.');
    $('challenge').dataset.solved = 'true';
    announce(status.textContent);
    return;
  }
  const now = Number.isFinite(value) ? `${GOALS[c.goal.metric].name} now ${shown(c.goal.metric, value)}` : 'no figure yet';
  status.textContent = faults.length ? `Not yet: ${faults.join('; ')}.` : `Not yet: ${now}.`;
  announce(faults.length ? `Not yet: ${faults.join('; ')}.` : '');
}

/** The network, the data or the points changed: a solved challenge is open again. */
export function challengeReset({ modelLoaded = false } = {}) {
  if (!app.challenge) return;
  if (modelLoaded) {
    app.challenge.modelLoaded = true;
    app.challenge.lastEpoch = 0;
  }
  if (!app.challenge.solved) return;
  app.challenge.solved = null;
  delete $('challenge').dataset.solved;
  $('challenge-status').textContent = 'Train to meet it.';
}

/** Leaves the challenge: the scene stays, the goal goes (and the link no longer sets it). */
export function leaveChallenge() {
  setChallenge(null);
}

/** Ready challenges: each a scene and a challenge, from the easiest on (tests/e2e/challenge.test.js solves each). */
export const READY = [
  { title: 'Separate y = x with the output neuron alone', hash: 'dataset=line&challenge=testAccuracy%3E%3D0.95%3BmaxLayers%3D0' },
  { title: 'The circle, without a hidden layer', hash: 'dataset=circle&challenge=testAccuracy%3E%3D0.95%3BmaxLayers%3D0' },
  { title: 'XOR without a hidden layer', hash: 'dataset=xor&challenge=testAccuracy%3E%3D0.95%3BmaxLayers%3D0' },
  { title: 'XOR from x and y alone, with at most 4 neurons', hash: 'dataset=xor&challenge=testAccuracy%3E%3D0.95%3BmaxNeurons%3D4%3Bfeatures%3Dx%2Cy' },
  { title: 'Two gaussians within 20 epochs', hash: 'dataset=gaussians&challenge=testAccuracy%3E%3D0.95%3Bepochs%3C%3D20' },
  { title: 'A regression plane to a test loss of 0.001 with 2 neurons', hash: 'problem=regression&dataset=plane&challenge=testLoss%3C%3D0.001%3BmaxNeurons%3D2' },
  { title: 'The spiral with at most 12 neurons', hash: 'dataset=spiral&challenge=testAccuracy%3E%3D0.9%3BmaxNeurons%3D12' },
];

/** Fills `#challenges` with the ready challenges' links. */
export function listChallenges() {
  $('challenges').replaceChildren(...READY.map(({ title, hash }) => {
    const li = document.createElement('li');
    li.append(Object.assign(document.createElement('a'), { href: `#${hash}`, textContent: title }));
    return li;
  }));
}
