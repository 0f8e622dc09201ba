// A challenge's terms (`challenge=`): read from a link, and said in words. No page state, so that
// the link's reader (state.js) and the page (challenge.js) share it.

import { FEATURE_LABELS } from './classes.js';

/** The goals a challenge can set: each metric, which way is better, and how the page names it. */
export const GOALS = {
  testAccuracy: { op: '>=', name: 'test accuracy', percent: true },
  trainAccuracy: { op: '>=', name: 'training accuracy', percent: true },
  testLoss: { op: '<=', name: 'test loss' },
  trainLoss: { op: '<=', name: 'training loss' },
};

/** The terms a challenge may hold, for the message that names a bad one. */
const TERMS = 'testAccuracy>=0.95, trainAccuracy>=0.9, testLoss<=0.05, trainLoss<=0.05, maxNeurons=12, maxLayers=2, '
  + 'features=x,y,x2, epochs<=500';

/** A whole number in [lo, hi] from `text`, or null. */
const whole = (text, lo, hi) => (/^\d+$/.test(text) && Number(text) >= lo && Number(text) <= hi ? Number(text) : null);

/**
 * Reads `challenge=`'s text: `;`-separated terms, one goal and any constraints. Returns the
 * challenge (null when it has no goal) and a message per bad term.
 */
export function parseChallenge(raw) {
  const problems = [];
  // A link's challenge is a few terms: a longer text is cut before it is read.
  const text = raw.slice(0, 500);
  const challenge = { text, goal: null, maxNeurons: null, maxLayers: null, features: null, epochs: null };
  const bad = (term, why) => problems.push(`challenge: "${term.slice(0, 60)}"${why.startsWith(':') ? '' : ' '}${why}`);
  for (const term of text.split(';').map((t) => t.trim()).filter((t) => t !== '')) {
    const m = /^([A-Za-z]+)\s*(>=|<=|=)\s*(.*)$/.exec(term);
    if (!m) {
      bad(term, `is no goal or constraint (such as ${TERMS})`);
      continue;
    }
    const [, key, op, value] = m;
    const goal = Object.hasOwn(GOALS, key) ? GOALS[key] : null;
    if (goal) {
      const v = Number(value);
      const ok = value.trim() !== '' && Number.isFinite(v) && (goal.percent ? v > 0 && v <= 1 : v > 0);
      if (op !== goal.op) bad(term, `: ${goal.name} is a goal to ${goal.op === '>=' ? 'reach (>=)' : 'get under (<=)'}`);
      else if (!ok) bad(term, `: ${goal.percent ? 'an accuracy is a share above 0 and at most 1 (0.95 is 95 %)' : 'a loss is a number above 0'}`);
      else if (challenge.goal) bad(term, ': a challenge has one goal');
      else challenge.goal = { metric: key, op, value: v };
    } else if (key === 'maxNeurons' && op === '=') {
      challenge.maxNeurons = whole(value, 0, 384);
      if (challenge.maxNeurons === null) bad(term, ': a count of neurons, 0 to 384');
    } else if (key === 'maxLayers' && op === '=') {
      challenge.maxLayers = whole(value, 0, 6);
      if (challenge.maxLayers === null) bad(term, ': a count of hidden layers, 0 to 6');
    } else if (key === 'features' && op === '=') {
      const list = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
      const unknown = list.filter((f) => !Object.hasOwn(FEATURE_LABELS, f));
      if (unknown.length || list.length === 0) bad(term, `: the features are ${Object.keys(FEATURE_LABELS).join(', ')}`);
      else challenge.features = list;
    } else if (key === 'epochs' && op === '<=') {
      challenge.epochs = whole(value, 1, 1e7);
      if (challenge.epochs === null) bad(term, ': a whole number of epochs, at least 1');
    } else {
      bad(term, `is no goal or constraint (such as ${TERMS})`);
    }
  }
  if (!challenge.goal && text.trim() !== '') problems.push(`challenge: "${text.slice(0, 60)}" has no goal (such as testAccuracy>=0.95); it is not set`);
  // What the link keeps is the challenge as read: its valid terms, never a bad one again.
  if (challenge.goal) challenge.text = termsOf(challenge);
  return { challenge: challenge.goal ? challenge : null, problems };
}

/** A challenge's terms as a link writes them. */
export function termsOf(c) {
  const terms = [`${c.goal.metric}${c.goal.op}${c.goal.value}`];
  if (c.maxNeurons !== null) terms.push(`maxNeurons=${c.maxNeurons}`);
  if (c.maxLayers !== null) terms.push(`maxLayers=${c.maxLayers}`);
  if (c.features !== null) terms.push(`features=${c.features.join(',')}`);
  if (c.epochs !== null) terms.push(`epochs<=${c.epochs}`);
  return terms.join(';');
}

/** A metric's value as the page shows it. */
export const shown = (metric, v) => (GOALS[metric].percent ? `${(v * 100).toFixed(1)} %` : v.toPrecision(3));

/** What the challenge asks, in words. */
export function describe(c) {
  const g = GOALS[c.goal.metric];
  const parts = [`${g.name} ${g.op === '>=' ? '≥' : '≤'} ${shown(c.goal.metric, c.goal.value)}`];
  if (c.maxNeurons !== null) parts.push(`at most ${c.maxNeurons} neuron${c.maxNeurons === 1 ? '' : 's'} in the hidden layers`);
  if (c.maxLayers !== null) parts.push(c.maxLayers === 0 ? 'no hidden layer' : `at most ${c.maxLayers} hidden layer${c.maxLayers === 1 ? '' : 's'}`);
  if (c.features !== null) parts.push(`inputs from ${c.features.map((f) => FEATURE_LABELS[f]).join(', ')} only`);
  if (c.epochs !== null) parts.push(`within ${c.epochs} epochs`);
  return parts.join(' · ');
}
