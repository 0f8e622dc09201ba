// Settings in the address bar's hash, so that a copied link reproduces a run.
//
// The hash holds every network setting (the names of the wasm Playground's config fields, which
// validates them) and the page's own view settings below. Ranges and names of network settings live
// in Rust only: this module parses text into values and lets the Playground accept or refuse each.

/** The page's own settings (not the network's), with their defaults and checks. */
export const VIEW_DEFAULTS = { speed: 300, log: 0 };
const VIEW_CHECKS = {
  speed: (v) => Number.isFinite(v) && v >= 1 && v <= 100000,
  log: (v) => v === 0 || v === 1,
};

/**
 * Turns one hash value into the value the Playground expects: a list for `hiddenLayers`, a number
 * where the text is numeric, the text otherwise.
 * @param {string} key
 * @param {string} text
 */
export function parseValue(key, text) {
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
 * @param {{ applyLink(config: object): string[] }} playground
 * @returns {{ view: typeof VIEW_DEFAULTS, lesson: string|null, problems: string[] }}
 */
export function applyHash(hash, playground) {
  const view = { ...VIEW_DEFAULTS };
  const problems = [];
  let lesson = null;
  const settings = Object.create(null); // no prototype: a key such as __proto__ is just a key
  for (const [key, text] of readHash(hash, problems)) {
    if (key === 'lesson') {
      lesson = text;
    } else if (Object.hasOwn(VIEW_DEFAULTS, key)) {
      const v = Number(text);
      if (VIEW_CHECKS[key](v)) view[key] = v;
      else problems.push(`${key}: "${clip(text)}" is not valid here; using ${VIEW_DEFAULTS[key]}`);
    } else {
      settings[key] = parseValue(key, text);
    }
  }
  for (const message of playground.applyLink(settings)) problems.push(`${message} — using the default instead`);
  return { view, lesson, problems };
}

/**
 * Writes the full state into a hash string.
 * @param {Record<string, unknown>} config the Playground's config()
 * @param {typeof VIEW_DEFAULTS} view
 * @param {string|null} lesson
 */
export function writeHash(config, view, lesson = null) {
  const parts = [];
  if (lesson) parts.push(`lesson=${encodeURIComponent(lesson)}`);
  for (const [key, value] of Object.entries(config)) {
    const text = Array.isArray(value) ? value.join(',') : String(value);
    parts.push(`${key}=${encodeURIComponent(text)}`);
  }
  for (const [key, value] of Object.entries(view)) parts.push(`${key}=${value}`);
  return `#${parts.join('&')}`;
}
