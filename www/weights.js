// Weights you can read and set. Hovering a line of the diagram shows its weight; clicking it, or a
// neuron (Enter on a focused neuron), opens the neuron's editor: its bias and every incoming weight
// as a number field. Enter applies the value at once (one undo step), Esc closes without change; a
// value that is not a finite number is refused with a message and the weight stays.

import { layout } from './network-view.js';

const fmt = (w) => (Math.abs(w) >= 1000 ? w.toFixed(0) : Number(w.toPrecision(4)).toString());

/** Where parameter blocks start: `offsets[l]` is layer l → l + 1's first weight. */
function offsets(sizes) {
  const out = [0];
  for (let l = 0; l + 1 < sizes.length; l += 1) out.push(out[l] + sizes[l] * sizes[l + 1] + sizes[l + 1]);
  return out;
}

/** Distance from (px, py) to the segment (ax, ay)–(bx, by). */
function distance(px, py, ax, ay, bx, by) {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

export class WeightEditor {
  /**
   * @param {{ sizes(): number[], weights(): Float64Array, names(): string[],
   *   setWeight(index: number, value: number): void, refuse(text: string): void,
   *   pin?(pick: { layer: number, neuron: number } | null): void }} source `pin` shows a neuron's map
   *   on the plot until called with null (the editor's toggle; closing it unpins)
   */
  constructor(canvas, tip, panel, source) {
    this.canvas = canvas;
    this.tip = tip;
    this.panel = panel;
    this.source = source;
    this.open = null; // { layer, neuron } whose editor is shown
    canvas.addEventListener('mousemove', (e) => this.hover(e));
    canvas.addEventListener('mouseleave', () => { this.tip.hidden = true; });
    canvas.addEventListener('click', (e) => {
      const edge = this.edgeAt(e);
      if (edge) this.show(edge.l + 1, edge.j, edge.i);
    });
    panel.addEventListener('keydown', (e) => this.key(e));
    // Esc closes the editor wherever the focus is (but in a field of another control or a dialog).
    document.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || !this.open || e.defaultPrevented || panel.contains(e.target)) return;
      if (e.target.closest?.('dialog') || ['INPUT', 'SELECT', 'TEXTAREA'].includes(e.target.tagName)) return;
      e.preventDefault(); // the key is spent: nothing else closes on it
      this.close();
    });
  }

  /** The line under the mouse (within 4 px): { l, i, j, index } from neuron i of layer l to j of l + 1. */
  edgeAt(e) {
    const rect = this.canvas.getBoundingClientRect();
    const [px, py] = [e.clientX - rect.left, e.clientY - rect.top];
    const sizes = this.source.sizes();
    const { x, y } = layout(sizes, rect.width, rect.height);
    const starts = offsets(sizes);
    let best = null;
    for (let l = 0; l + 1 < sizes.length; l += 1) {
      if (px < x(l) || px > x(l + 1)) continue;
      for (let j = 0; j < sizes[l + 1]; j += 1) {
        for (let i = 0; i < sizes[l]; i += 1) {
          const d = distance(px, py, x(l), y(l, i), x(l + 1), y(l + 1, j));
          if (d <= 4 && (!best || d < best.d)) best = { d, l, i, j, index: starts[l] + j * sizes[l] + i };
        }
      }
    }
    return best;
  }

  /** Names neuron i of layer l (inputs by their feature). */
  name(l, i) {
    return l === 0 ? this.source.names()[i] ?? `input ${i + 1}` : `layer ${l}, neuron ${i + 1}`;
  }

  hover(e) {
    const edge = this.edgeAt(e);
    if (!edge) {
      this.tip.hidden = true;
      return;
    }
    const w = this.source.weights()[edge.index];
    this.tip.textContent = `w = ${fmt(w)}: ${this.name(edge.l, edge.i)} → ${this.name(edge.l + 1, edge.j)} (click to set)`;
    const rect = this.canvas.getBoundingClientRect();
    this.tip.style.left = `${e.clientX - rect.left + 10}px`;
    this.tip.style.top = `${e.clientY - rect.top + 10}px`;
    this.tip.hidden = false;
  }

  /** Opens the editor of neuron `neuron` (from 0) of layer `layer` (from 1), focusing input `focus`'s field (or the bias). */
  show(layer, neuron, focus = -1) {
    const sizes = this.source.sizes();
    if (layer < 1 || layer >= sizes.length || neuron >= sizes[layer]) return;
    this.source.pin?.(null); // a map pinned for the neuron shown before goes with it
    const params = this.source.weights();
    const start = offsets(sizes)[layer - 1];
    const nIn = sizes[layer - 1];
    const rows = [[`bias`, start + nIn * sizes[layer] + neuron]];
    for (let i = 0; i < nIn; i += 1) rows.push([`from ${this.name(layer - 1, i)}`, start + neuron * nIn + i]);
    this.open = { layer, neuron };
    this.shape = sizes.join(',');
    this.panel.replaceChildren();
    const title = document.createElement('p');
    title.className = 'weight-title';
    title.textContent = `${this.name(layer, neuron)}: type a value, Enter sets it, Esc closes`;
    // Buttons as well as keys: a touch screen has neither hover nor Esc.
    const tools = document.createElement('div');
    tools.className = 'weight-tools';
    const pin = Object.assign(document.createElement('button'), { type: 'button', id: 'weight-show-map', textContent: 'Show its map on the plot' });
    pin.setAttribute('aria-pressed', 'false');
    pin.addEventListener('click', () => {
      const on = pin.getAttribute('aria-pressed') !== 'true';
      pin.setAttribute('aria-pressed', String(on));
      this.source.pin?.(on ? { layer, neuron } : null);
    });
    const close = Object.assign(document.createElement('button'), { type: 'button', id: 'weight-close', textContent: 'Close' });
    close.addEventListener('click', () => this.close());
    tools.append(pin, close);
    this.panel.append(title, tools);
    for (const [label, index] of rows) {
      const row = document.createElement('label');
      row.className = 'weight-row';
      row.textContent = label;
      const input = document.createElement('input');
      input.type = 'text';
      input.inputMode = 'decimal';
      input.autocomplete = 'off';
      input.dataset.index = String(index);
      input.value = fmt(params[index]);
      // Typed into: the refresh leaves it alone, and Enter sets it. Untouched: it follows the
      // weight (training, Undo), and Enter writes nothing back.
      input.addEventListener('input', () => { input.dataset.typed = 'true'; });
      row.append(input);
      this.panel.append(row);
    }
    this.panel.hidden = false;
    const fields = this.panel.querySelectorAll('input');
    (fields[focus + 1] ?? fields[0]).focus();
  }

  /** Shows the current weights in the fields no one is typing into (after training or Undo). */
  refresh() {
    if (!this.open) return;
    if (this.source.sizes().join(',') !== this.shape) {
      // The network changed shape: these fields name weights it no longer has.
      this.panel.hidden = true;
      this.panel.replaceChildren();
      this.source.pin?.(null);
      this.open = null;
      return;
    }
    const params = this.source.weights();
    for (const input of this.panel.querySelectorAll('input')) {
      if (input.dataset.typed !== 'true') input.value = fmt(params[Number(input.dataset.index)]);
    }
  }

  close() {
    this.panel.hidden = true;
    this.panel.replaceChildren();
    this.source.pin?.(null);
    const o = this.open;
    this.open = null;
    if (o) document.querySelector(`#network-neurons .neuron[data-layer="${o.layer}"][data-neuron="${o.neuron + 1}"]`)?.focus();
  }

  key(e) {
    const input = e.target.closest('input');
    if (e.key === 'Escape') {
      e.preventDefault();
      this.close();
    } else if (e.key === 'Enter' && input) {
      e.preventDefault();
      if (this.source.sizes().join(',') !== this.shape) {
        // The network changed shape under the editor (an import): its fields name old weights.
        this.close();
        return;
      }
      const index = Number(input.dataset.index);
      if (input.dataset.typed !== 'true') {
        // Nothing typed: the field shows the weight as it is now, and nothing is written.
        input.value = fmt(this.source.weights()[index]);
        return;
      }
      delete input.dataset.typed;
      const text = input.value.trim();
      const value = text === '' ? NaN : Number(text);
      const before = this.source.weights()[index];
      if (!Number.isFinite(value)) {
        this.source.refuse(`"${text}" is not a finite number: the weight stays ${fmt(before)}.`);
        input.value = fmt(before);
        return;
      }
      try {
        this.source.setWeight(index, value);
      } catch (err) {
        this.source.refuse(err.message);
      }
      input.value = fmt(this.source.weights()[index]);
    }
  }
}
