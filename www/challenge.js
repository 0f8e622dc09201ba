// Challenges: a link that sets a task (`challenge=`: a goal on a metric and constraints on the
// network), tracked live in `#challenge` until it is solved; and the ready ones in `#challenges`.

import { app, $ } from './app.js';
import { FEATURE_LABELS } from './classes.js';
import { GOALS, describe, shown } from './challenge-terms.js';

/** What breaks a constraint now, in words (empty when none does). */
function broken(c, config, epoch) {
  const out = [];
  const neurons = config.hiddenLayers.reduce((a, b) => a + b, 0);
  if (c.maxNeurons !== null && neurons > c.maxNeurons) out.push(`the network has ${neurons} hidden neurons; the challenge allows ${c.maxNeurons}`);
  if (c.maxLayers !== null && config.hiddenLayers.length > c.maxLayers) {
    out.push(`the network has ${config.hiddenLayers.length} hidden layers; the challenge allows ${c.maxLayers}`);
  }
  if (c.features !== null) {
    const extra = config.features.filter((f) => !c.features.includes(f));
    if (extra.length) out.push(`the input${extra.length > 1 ? 's' : ''} ${extra.map((f) => FEATURE_LABELS[f]).join(', ')} ${extra.length > 1 ? 'are' : 'is'} not allowed`);
  }
  if (c.epochs !== null && epoch > c.epochs) out.push(`epoch ${epoch} is past the ${c.epochs} allowed: Reset starts the count again`);
  return out;
}

/** Sets the challenge in force (null: none) and shows it. */
export function setChallenge(c) {
  app.challenge = c && { ...c, solved: null };
  $('challenge').hidden = c === null;
  if (c) {
    $('challenge-goal').textContent = `Challenge: ${describe(c)}.`;
    $('challenge-status').textContent = 'Train to meet it.';
  }
}

/**
 * After each evaluation: the challenge's progress, what breaks it, and once met, "Solved at epoch N
 * with K neurons" with a link to the run. A solved challenge stays solved until the network or the
 * data are rebuilt (`challengeReset`).
 */
export function observeChallenge(epoch, metrics, link) {
  const c = app.challenge;
  if (c?.solved && epoch < c.solved.epoch) challengeReset(); // Reset: the run starts again
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
    return;
  }
  const now = Number.isFinite(value) ? `${GOALS[c.goal.metric].name} now ${shown(c.goal.metric, value)}` : 'no figure yet';
  status.textContent = faults.length ? `Not yet: ${faults.join('; ')}.` : `Not yet: ${now}.`;
}

/** The network or the data were rebuilt: a solved challenge is open again. */
export function challengeReset() {
  if (!app.challenge?.solved) return;
  app.challenge.solved = null;
  delete $('challenge').dataset.solved;
  $('challenge-status').textContent = 'Train to meet it.';
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
