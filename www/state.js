// Settings in the address bar's hash, so that a copied link reproduces a run.
//
// The hash holds every network setting (the names of the wasm Playground's config fields, which
// validates them) and the page's own view settings below. Ranges and names of network settings live
// in Rust only: this module parses text into values and lets the Playground accept or refuse each.

import { parseHide } from './hide.js';
import { parseChallenge } from './challenge-terms.js';

/** Most edited points a link carries; beyond, the page says the link needs *Save points*. */
export const MAX_LINK_POINTS = 2000;

/** Where the bytes of a 16-bit fraction of [−1, 1] go. */
const q16 = (v) => Math.round(((Math.max(-1, Math.min(1, v)) + 1) / 2) * 65535);
const from16 = (hi, lo) => (((hi << 8) | lo) / 65535) * 2 - 1;

/**
 * Points for a link, base64url. Class points take 5 bytes each: x and y as 16-bit fractions of
 * [−1, 1], then a byte with the class's low bit in bit 0, "test" in bit 1 and the class's high bit
 * in bit 2 (so links written for two classes read as they always did). Regression points take 7:
 * x, y and the target as 16-bit fractions of [−1, 1], then the byte with "test" in bit 1.
 * @param {Float32Array} points the Playground's point buffer: 4 floats per point: x, y, label, flags
 * @param {boolean} targets whether the labels are regression targets
 */
export function encodePoints(points, targets = false) {
  const n = points.length / 4;
  const size = targets ? 7 : 5;
  const bytes = new Uint8Array(n * size);
  for (let i = 0; i < n; i += 1) {
    const [x, y, label, flags] = points.subarray(4 * i, 4 * i + 4);
    const test = (flags & 1) << 1;
    const [qx, qy] = [q16(x), q16(y)];
    if (targets) {
      const t = q16(label);
      bytes.set([qx >> 8, qx & 255, qy >> 8, qy & 255, t >> 8, t & 255, test], size * i);
    } else {
      const c = Math.round(label) & 3;
      bytes.set([qx >> 8, qx & 255, qy >> 8, qy & 255, (c & 1) | test | ((c >> 1) << 2)], size * i);
    }
  }
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * A link's points as the text of a point-set file (which the Playground validates on import), or
 * null where `text` is not what `encodePoints` writes.
 * @param {string} text
 * @param {boolean} targets whether they are regression points (the link's `ptt`, not `pts`)
 */
export function decodePoints(text, targets = false) {
  let binary;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  const size = targets ? 7 : 5;
  if (binary.length % size !== 0 || binary.length / size > MAX_LINK_POINTS) return null;
  const byte = (i) => binary.charCodeAt(i);
  const points = [];
  for (let i = 0; i < binary.length; i += size) {
    const x = from16(byte(i), byte(i + 1));
    const y = from16(byte(i + 2), byte(i + 3));
    const flags = byte(i + size - 1);
    const value = targets ? { target: from16(byte(i + 4), byte(i + 5)) } : { label: (flags & 1) | ((flags >> 1) & 2) };
    points.push({ x, y, ...value, ...(flags & 2 ? { test: true } : {}) });
  }
  return JSON.stringify({ format: 'scratchnet-points', version: 1, points });
}

/** The page's own settings (not the network's), with their defaults and checks. */
export const VIEW_DEFAULTS = { speed: 300, log: 0, showTest: 1, discretize: 0 };
const VIEW_CHECKS = {
  speed: (v) => Number.isFinite(v) && v >= 1 && v <= 100000,
  log: (v) => v === 0 || v === 1,
  showTest: (v) => v === 0 || v === 1,
  discretize: (v) => v === 0 || v === 1,
};

/**
 * Turns one hash value into the value the Playground expects: a list for `hiddenLayers`, a number
 * where the text is numeric, the text otherwise.
 * @param {string} key
 * @param {string} text
 */
export function parseValue(key, text) {
  if (key === 'features' || key === 'hiddenActivations') return text === '' ? [] : text.split(',');
  if (key === 'curve') return text;
  if (key === 'slice') return text === '' ? [] : text.split(',').map((s) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s));
  if (key === 'hiddenLayers') {
    return text === '' ? [] : text.split(',').map((s) => (/^\s*-?\d+(\.\d+)?\s*$/.test(s) ? Number(s) : s));
  }
  return /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(text) ? Number(text) : text;
}

/** Most characters of a bad value a message quotes. */
const CLIP = 80;
/** `text` cut to CLIP characters. */
export const clip = (text) => (text.length > CLIP ? `${text.slice(0, CLIP)}…` : text);

/** `text` percent-decoded, or null where it is not valid percent-encoding. */
function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Reads `location.hash` into [key, value] pairs (decoded, in order). A part that is not valid
 * percent-encoding is not a pair: it is reported in `problems` and skipped.
 * @param {string} hash
 * @param {string[]} problems
 * @returns {Array<[string, string]>}
 */
export function readHash(hash, problems = []) {
  const body = hash.replace(/^#/, '');
  if (!body) return [];
  const pairs = [];
  for (const part of body.split('&').filter(Boolean)) {
    const i = part.indexOf('=');
    const [rawKey, rawValue] = i < 0 ? [part, ''] : [part.slice(0, i), part.slice(i + 1)];
    const key = decode(rawKey);
    const value = decode(rawValue);
    if (key === null || value === null) {
      const name = key ?? clip(rawKey);
      problems.push(`${name}: "${clip(part)}" is not valid percent-encoding; skipped`);
    } else {
      pairs.push([key, value]);
    }
  }
  return pairs;
}

/**
 * Applies a hash to a Playground and the view settings: every valid value is applied, each invalid
 * one is reported and left at its default. The Playground's `applyLink` takes all network settings
 * at once, so settings that only fit together (a loss and its output) never depend on their order.
 * A link to the learner's own table (`dataset=own`) cannot hold the table: `table` is the one this
 * browser kept (a point file's text), loaded after the other settings, or null.
 * @param {string} hash
 * @param {{ applyLink(config: object): string[], importPoints(text: string): void }} playground
 * @param {string|null} table
 * @returns {{ view: typeof VIEW_DEFAULTS, lesson: string|null, hide: string[], challenge: object|null,
 *   problems: string[] }}
 */
export function applyHash(hash, playground, table = null) {
  const view = { ...VIEW_DEFAULTS };
  const problems = [];
  let lesson = null;
  let hide = [];
  let challenge = null;
  let points = null;
  const settings = Object.create(null); // no prototype: a key such as __proto__ is just a key
  for (const [key, text] of readHash(hash, problems)) {
    if (key === 'lesson') {
      lesson = text;
    } else if (key === 'challenge') {
      const parsed = parseChallenge(text);
      challenge = parsed.challenge;
      problems.push(...parsed.problems);
    } else if (key === 'hide') {
      const parsed = parseHide(text);
      hide = parsed.names;
      if (parsed.problem) problems.push(parsed.problem);
    } else if (key === 'pts' || key === 'ptt') {
      points = { text, targets: key === 'ptt' };
    } else if (Object.hasOwn(VIEW_DEFAULTS, key)) {
      const v = Number(text);
      if (VIEW_CHECKS[key](v)) view[key] = v;
      else problems.push(`${key}: "${clip(text)}" is not valid here; using ${VIEW_DEFAULTS[key]}`);
    } else {
      settings[key] = parseValue(key, text);
    }
  }
  const own = settings.dataset === 'own';
  const slice = settings.slice;
  if (own) {
    // The table comes after the rest (it sets the problem its label makes), the slice after it.
    delete settings.dataset;
    delete settings.slice;
  }
  for (const message of playground.applyLink(settings)) {
    problems.push(/unknown setting/.test(message) ? `${message} — ignored` : `${message} — using the default instead`);
  }
  if (own && table === null) {
    problems.push('dataset: "own" is a table of your own, and this browser does not hold it (it was loaded in another '
      + 'browser, or storage was cleared) — using the default instead; open it again under Data set: Your data');
  } else if (own) {
    try {
      playground.importPoints(table);
      if (slice !== undefined) {
        for (const message of playground.applyLink({ slice })) problems.push(`${message} — using the medians instead`);
      }
    } catch (e) {
      problems.push(`dataset: the table this browser kept could not be loaded (${e.message}) — using the default instead`);
    }
  }
  if (points !== null) {
    // After the settings: the link's points replace the generated ones, validated as a file is.
    const file = decodePoints(points.text, points.targets);
    const key = points.targets ? 'ptt' : 'pts';
    try {
      if (file === null) throw new Error('not points this page wrote');
      playground.importPoints(file);
    } catch (e) {
      problems.push(`${key}: ${e.message} — using the generated points instead`);
    }
  }
  return { view, lesson, hide, challenge, problems };
}

/**
 * Writes the full state into a hash string.
 * @param {Record<string, unknown>} config the Playground's config()
 * @param {typeof VIEW_DEFAULTS} view
 * @param {string|null} lesson
 * @param {string|null} points edited points, as `encodePoints` writes them
 * @param {string[]} hide the controls the link hides (embeds)
 * @param {string} challenge the challenge the link sets (its `challenge=` text), or ''
 */
export function writeHash(config, view, lesson = null, points = null, hide = [], challenge = '') {
  const parts = [];
  if (lesson) parts.push(`lesson=${encodeURIComponent(lesson)}`);
  for (const [key, value] of Object.entries(config)) {
    const text = Array.isArray(value) ? value.join(',') : String(value);
    parts.push(`${key}=${encodeURIComponent(text)}`);
  }
  for (const [key, value] of Object.entries(view)) parts.push(`${key}=${value}`);
  // An empty string is an empty set (after Clear): it travels too, or a reload would bring back
  // the generated points.
  if (points !== null) parts.push(`${config.problem === 'regression' ? 'ptt' : 'pts'}=${points}`);
  if (hide.length) parts.push(`hide=${hide.map(encodeURIComponent).join(',')}`);
  if (challenge) parts.push(`challenge=${encodeURIComponent(challenge)}`);
  return `#${parts.join('&')}`;
}
