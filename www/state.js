// Settings in the address bar's hash, so that a copied link reproduces a run.
//
// The hash holds every network setting (the names of the wasm Playground's config fields, which
// validates them) and the page's own view settings below. Ranges and names of network settings live
// in Rust only: this module parses text into values and lets the Playground accept or refuse each.

/** Most edited points a link carries; beyond, the page says the link needs *Save points*. */
export const MAX_LINK_POINTS = 2000;

/**
 * Points for a link: 5 bytes each (x and y as 16-bit fractions of [−1, 1], then a byte with the
 * label in bit 0 and "test" in bit 1), base64url. `points` is the Playground's point buffer.
 * @param {Float32Array} points 4 floats per point: x, y, label, flags
 */
export function encodePoints(points) {
  const n = points.length / 4;
  const bytes = new Uint8Array(n * 5);
  const q = (v) => Math.round(((Math.max(-1, Math.min(1, v)) + 1) / 2) * 65535);
  for (let i = 0; i < n; i += 1) {
    const [x, y] = [q(points[4 * i]), q(points[4 * i + 1])];
    bytes.set([x >> 8, x & 255, y >> 8, y & 255, (points[4 * i + 2] >= 0.5 ? 1 : 0) | ((points[4 * i + 3] & 1) << 1)], 5 * i);
  }
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * A link's points as the text of a point-set file (which the Playground validates on import), or
 * null where `text` is not what `encodePoints` writes.
 * @param {string} text
 */
export function decodePoints(text) {
  let binary;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  if (binary.length % 5 !== 0 || binary.length / 5 > MAX_LINK_POINTS) return null;
  const byte = (i) => binary.charCodeAt(i);
  const points = [];
  for (let i = 0; i < binary.length; i += 5) {
    const x = (((byte(i) << 8) | byte(i + 1)) / 65535) * 2 - 1;
    const y = (((byte(i + 2) << 8) | byte(i + 3)) / 65535) * 2 - 1;
    const flags = byte(i + 4);
    points.push({ x, y, label: flags & 1, ...(flags & 2 ? { test: true } : {}) });
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
 * @param {string} hash
 * @param {{ applyLink(config: object): string[], importPoints(text: string): void }} playground
 * @returns {{ view: typeof VIEW_DEFAULTS, lesson: string|null, problems: string[] }}
 */
export function applyHash(hash, playground) {
  const view = { ...VIEW_DEFAULTS };
  const problems = [];
  let lesson = null;
  let points = null;
  const settings = Object.create(null); // no prototype: a key such as __proto__ is just a key
  for (const [key, text] of readHash(hash, problems)) {
    if (key === 'lesson') {
      lesson = text;
    } else if (key === 'pts') {
      points = text;
    } else if (Object.hasOwn(VIEW_DEFAULTS, key)) {
      const v = Number(text);
      if (VIEW_CHECKS[key](v)) view[key] = v;
      else problems.push(`${key}: "${clip(text)}" is not valid here; using ${VIEW_DEFAULTS[key]}`);
    } else {
      settings[key] = parseValue(key, text);
    }
  }
  for (const message of playground.applyLink(settings)) {
    problems.push(/unknown setting/.test(message) ? `${message} — ignored` : `${message} — using the default instead`);
  }
  if (points !== null) {
    // After the settings: the link's points replace the generated ones, validated as a file is.
    const file = decodePoints(points);
    try {
      if (file === null) throw new Error('not points this page wrote');
      playground.importPoints(file);
    } catch (e) {
      problems.push(`pts: ${e.message} — using the generated points instead`);
    }
  }
  return { view, lesson, problems };
}

/**
 * Writes the full state into a hash string.
 * @param {Record<string, unknown>} config the Playground's config()
 * @param {typeof VIEW_DEFAULTS} view
 * @param {string|null} lesson
 * @param {string|null} points edited points, as `encodePoints` writes them
 */
export function writeHash(config, view, lesson = null, points = null) {
  const parts = [];
  if (lesson) parts.push(`lesson=${encodeURIComponent(lesson)}`);
  for (const [key, value] of Object.entries(config)) {
    const text = Array.isArray(value) ? value.join(',') : String(value);
    parts.push(`${key}=${encodeURIComponent(text)}`);
  }
  for (const [key, value] of Object.entries(view)) parts.push(`${key}=${value}`);
  if (points) parts.push(`pts=${points}`);
  return `#${parts.join('&')}`;
}
