// The diagram's neurons as buttons laid over its canvas: each hidden and output neuron can be
// hovered, focused and found by tests (`data-layer`, `data-neuron`, an `aria-label` such as
// "layer 1 neuron 2"; layers count from 1, the first hidden layer, and neurons from 1). Hovering or
// focusing one calls `onPick({ layer, neuron })` (neuron from 0), leaving it `onPick(null)`. One
// button is in the tab order; the arrow keys move between neurons (up/down within a layer,
// left/right across layers).

import { layout } from './network-view.js';
import { range } from './controls.js';

export class NeuronOverlay {
  /**
   * @param {HTMLElement} container positioned over `canvas`, the same size
   * @param {HTMLCanvasElement} canvas the diagram
   * @param {(pick: { layer: number, neuron: number } | null) => void} onPick
   */
  constructor(container, canvas, onPick) {
    this.container = container;
    this.canvas = canvas;
    this.onPick = onPick;
    this.key = '';
    this.buttons = [];
    this.current = 0; // the index of the button in the tab order
    container.addEventListener('keydown', (e) => this.key_(e));
  }

  /** Lays the buttons out for `sizes` (rebuilt only when the shape or the canvas size changed). */
  update(sizes) {
    const rect = this.canvas.getBoundingClientRect();
    const key = `${sizes.join(',')}|${Math.round(rect.width)}x${Math.round(rect.height)}`;
    if (key === this.key) return;
    this.key = key;
    const { x, y, side } = layout(sizes, rect.width, rect.height);
    const focused = this.buttons.includes(document.activeElement);
    this.container.replaceChildren();
    this.buttons = [];
    for (let l = 1; l < sizes.length; l += 1) {
      for (let j = 0; j < sizes[l]; j += 1) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'neuron';
        b.dataset.layer = String(l);
        b.dataset.neuron = String(j + 1);
        const output = l === sizes.length - 1;
        b.setAttribute('aria-label', `layer ${l} neuron ${j + 1}${output ? ' (output)' : ''}`);
        b.title = `layer ${l}${output ? ' (output)' : ''}, neuron ${j + 1}: its output over the plane`;
        const s = Math.max(side(l), 10);
        Object.assign(b.style, { left: `${x(l) - s / 2}px`, top: `${y(l, j) - s / 2}px`, width: `${s}px`, height: `${s}px` });
        const pick = { layer: l, neuron: j };
        b.addEventListener('mouseenter', () => this.onPick(pick));
        b.addEventListener('focus', () => {
          this.current = this.buttons.indexOf(b);
          this.roving();
          this.onPick(pick);
        });
        b.addEventListener('mouseleave', () => { if (document.activeElement !== b) this.onPick(null); });
        b.addEventListener('blur', () => this.onPick(null));
        this.buttons.push(b);
        this.container.append(b);
      }
    }
    this.current = Math.min(this.current, this.buttons.length - 1);
    this.roving();
    if (focused) this.buttons[this.current]?.focus();
  }

  /** Each neuron's tooltip with its bias (`weights` in `weights()` order, `sizes` inputs first). */
  describe(sizes, weights) {
    let offset = 0;
    let b = 0;
    for (let l = 0; l + 1 < sizes.length; l += 1) {
      const start = offset + sizes[l] * sizes[l + 1];
      for (let j = 0; j < sizes[l + 1]; j += 1, b += 1) {
        const button = this.buttons[b];
        if (!button) return;
        const bias = Number(weights[start + j].toPrecision(4));
        const output = l + 2 === sizes.length;
        button.title = `layer ${l + 1}${output ? ' (output)' : ''}, neuron ${j + 1}: bias ${bias}. Click (or Enter) to set its weights`;
      }
      offset = start + sizes[l + 1];
    }
  }

  roving() {
    this.buttons.forEach((b, i) => { b.tabIndex = i === this.current ? 0 : -1; });
  }

  key_(e) {
    const i = this.buttons.indexOf(document.activeElement);
    if (i < 0) return;
    const b = this.buttons[i];
    const [l, j] = [Number(b.dataset.layer), Number(b.dataset.neuron)];
    const find = (layer, neuron) => this.buttons.findIndex((c) => Number(c.dataset.layer) === layer && Number(c.dataset.neuron) === neuron);
    const inLayer = (layer) => this.buttons.filter((c) => Number(c.dataset.layer) === layer).length;
    let next;
    if (e.key === 'ArrowDown') next = find(l, Math.min(inLayer(l), j + 1));
    else if (e.key === 'ArrowUp') next = find(l, Math.max(1, j - 1));
    else if (e.key === 'ArrowRight' && inLayer(l + 1)) next = find(l + 1, Math.min(inLayer(l + 1), j));
    else if (e.key === 'ArrowLeft' && inLayer(l - 1)) next = find(l - 1, Math.min(inLayer(l - 1), j));
    else return;
    e.preventDefault();
    if (next >= 0) this.buttons[next].focus();
  }
}

/** Most hidden layers, and neurons in one: the Playground's limits. */
const maxLayers = () => range().maxHiddenLayers;
const maxNeurons = () => range().maxNeurons;

/** The hidden activations free play offers, with their labels. */
const ACTIVATIONS = [['tanh', 'tanh'], ['sigmoid', 'sigmoid'], ['relu', 'ReLU'], ['linear', 'linear']];

/**
 * The controls under the diagram that shape the network: for each hidden layer (`data-layer` from
 * 1) − / + neurons (up to the Playground's limit) and its activation; − / + layer (a new layer repeats
 * the last's size and activation). `set(change)` applies `{ hiddenLayers }` or
 * `{ hiddenActivations }`; `refuse(text)` says why a click did nothing.
 */
export class LayerControls {
  constructor(container, set, refuse) {
    this.container = container;
    this.key = '';
    container.addEventListener('change', (e) => {
      const select = e.target.closest('select');
      if (!select) return;
      const acts = this.activations.slice();
      acts[Number(select.dataset.layer) - 1] = select.value;
      set({ hiddenActivations: acts });
    });
    container.addEventListener('click', (e) => {
      const b = e.target.closest('button');
      if (!b) return;
      const sizes = this.sizes.slice();
      const l = Number(b.dataset.layer) - 1;
      const action = b.dataset.action;
      if (action === 'more' || action === 'fewer') {
        const next = sizes[l] + (action === 'more' ? 1 : -1);
        if (next < 1 || next > maxNeurons()) {
          refuse(`Layer ${l + 1} keeps ${sizes[l]} neuron${sizes[l] === 1 ? '' : 's'}: a hidden layer has 1 to ${maxNeurons()}.`);
          return;
        }
        sizes[l] = next;
      } else if (action === 'add-layer') {
        if (sizes.length >= maxLayers()) {
          refuse(`The network keeps ${maxLayers()} hidden layers, the most it can have.`);
          return;
        }
        sizes.push(sizes.length ? sizes[sizes.length - 1] : 4);
      } else if (action === 'remove-layer') {
        if (!sizes.length) {
          refuse('There is no hidden layer left to remove: the inputs connect straight to the output.');
          return;
        }
        sizes.pop();
      } else {
        return;
      }
      set({ hiddenLayers: sizes });
    });
  }

  /** Shows the controls for hidden layers of `sizes` and `activations` (rebuilt only when they changed). */
  update(sizes, activations) {
    const key = `${sizes.join(',')}|${activations.join(',')}`;
    if (key === this.key) return;
    const focused = document.activeElement;
    const refocus = this.container.contains(focused)
      ? `${focused.tagName.toLowerCase()}${focused.dataset.action ? `[data-action="${focused.dataset.action}"]` : ''}${focused.dataset.layer ? `[data-layer="${focused.dataset.layer}"]` : ''}`
      : null;
    this.key = key;
    this.sizes = sizes.slice();
    this.activations = activations.slice();
    const options = (chosen) => ACTIVATIONS.map(([v, label]) => `<option value="${v}"${v === chosen ? ' selected' : ''}>${label}</option>`).join('');
    const parts = sizes.map((n, i) => `<span class="layer-size">layer ${i + 1}
      <button type="button" data-layer="${i + 1}" data-action="fewer" aria-label="fewer neurons in layer ${i + 1}">−</button>
      <output data-layer="${i + 1}" aria-label="neurons in layer ${i + 1}">${n}</output>
      <button type="button" data-layer="${i + 1}" data-action="more" aria-label="more neurons in layer ${i + 1}">+</button>
      <select data-layer="${i + 1}" aria-label="activation of layer ${i + 1}">${options(activations[i])}</select></span>`);
    parts.push('<button type="button" data-action="remove-layer" aria-label="remove the last hidden layer">− layer</button>');
    parts.push('<button type="button" data-action="add-layer" aria-label="add a hidden layer">+ layer</button>');
    this.container.innerHTML = parts.join('');
    if (refocus) this.container.querySelector(refocus)?.focus();
  }
}
