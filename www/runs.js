// Kept runs: *Keep run* freezes the current run's boundary and loss curve, so that the
// next setting can be compared with it. The plot draws each kept boundary as a thin ghost contour,
// the loss chart its training loss in a muted colour, and the legend says what differs from the
// settings now in force ("η 0.3 → 0.03", "tanh → relu"). At most three; each can be removed. They
// live in the page only: no link, file or stored state carries them.

import { formatRate } from './controls.js';
import { lossName } from './classes.js';

/** Most runs kept at once. */
export const MAX_KEPT = 3;

/** Each kept run's colour and dash, muted next to the live lines. */
const LOOKS = [
  { colour: '#7b5ea7', dash: [6, 4] },
  { colour: '#2f7f86', dash: [2, 3] },
  { colour: '#9a6b1f', dash: [9, 3, 2, 3] },
];

const list = (v) => (Array.isArray(v) ? `[${v.join(', ')}]` : String(v));
/** Per-layer activations: one name when they agree, else each layer's ("tanh/relu"). */
const activations = (v) => (v.every((a) => a === v[0]) ? String(v[0] ?? 'none') : v.join('/'));

/** The settings a kept run can differ in, and how the legend words each. */
const FIELDS = [
  ['problem', 'problem', list],
  ['classes', 'classes', list],
  ['dataset', 'data', list],
  ['points', 'points', list],
  ['noise', 'noise', list],
  ['testFraction', 'test share', list],
  ['features', 'inputs', list],
  ['hiddenLayers', 'layers', (v) => (v.length ? list(v) : 'none')],
  ['hiddenActivations', '', activations],
  ['outputActivation', 'output', list],
  ['loss', 'loss', lossName],
  ['init', 'init', list],
  ['learningRate', 'η', formatRate],
  ['batchSize', 'batch', (v) => (v === 0 ? 'full' : String(v))],
  ['optimizer', '', list],
  ['momentum', 'μ', list],
  ['l1', 'L1', list],
  ['l2', 'L2', list],
  ['method', '', list],
  ['precision', '', list],
  ['seed', 'seed', list],
];

/**
 * What differs between a kept run's settings and `now`, in a few words each ("η 0.3 → 0.03",
 * "tanh → relu"), or "same settings".
 */
export function differences(then, now) {
  const out = [];
  for (const [key, name, show] of FIELDS) {
    const [a, b] = [show(then[key]), show(now[key])];
    if (a !== b) out.push(`${name ? `${name} ` : ''}${a} → ${b}`);
  }
  if (then.pointsEdited !== now.pointsEdited) out.push(then.pointsEdited ? 'edited points → generated' : 'generated points → edited');
  return out.length ? out.join(', ') : 'same settings';
}

export class KeptRuns {
  /**
   * @param {HTMLElement} container the legend's list of kept runs
   * @param {() => void} onChange called when a run is kept or removed (the chart and plot redraw)
   */
  constructor(container, onChange) {
    this.container = container;
    this.onChange = onChange;
    /** @type {{ id: number, config: object, boundary: object|null, samples: {epoch: number, train: number}[], colour: string, dash: number[], epoch: number }[]} */
    this.runs = [];
    this.next = 1;
  }

  /**
   * Keeps a run: its settings, its boundary picture (or null off the plane) and its loss history.
   * Returns false (nothing kept) when MAX_KEPT are kept already.
   */
  keep(config, boundary, samples, epoch) {
    if (this.runs.length >= MAX_KEPT) return false;
    const free = LOOKS.find((look) => !this.runs.some((r) => r.colour === look.colour));
    this.runs.push({ id: this.next, config: structuredClone(config), boundary, epoch,
      samples: samples.map((s) => ({ epoch: s.epoch, train: s.train })), ...free });
    this.next += 1;
    this.onChange();
    return true;
  }

  remove(id) {
    const at = this.runs.findIndex((r) => r.id === id);
    this.runs = this.runs.filter((r) => r.id !== id);
    this.onChange();
    // Focus stays in the list: on the Remove button now in its place, or *Keep run*.
    const buttons = this.container.querySelectorAll('.remove-run');
    (buttons[Math.min(at, buttons.length - 1)] ?? document.getElementById('keep-run')).focus();
  }

  /** Rewrites the legend: each run, what differs from `now`, and its Remove button. */
  describe(now) {
    const key = JSON.stringify([this.runs.map((r) => r.id), now]);
    if (key === this.described) return;
    this.described = key;
    this.container.replaceChildren(...this.runs.map((run) => {
      const item = document.createElement('li');
      item.className = 'kept-run';
      const swatch = document.createElement('span');
      swatch.className = 'ghost-swatch';
      swatch.style.borderTopColor = run.colour;
      swatch.style.borderTopStyle = run.dash[0] > 3 ? 'dashed' : 'dotted';
      const text = document.createElement('span');
      text.className = 'kept-run-text';
      text.textContent = `Run ${run.id} (kept at epoch ${run.epoch}): ${differences(run.config, now)}`;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'remove-run';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', `Remove run ${run.id}`);
      remove.addEventListener('click', () => this.remove(run.id));
      item.append(swatch, text, remove);
      return item;
    }));
  }
}
