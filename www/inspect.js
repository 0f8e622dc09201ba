// One point as the network sees it (*Inspect*: a click with the box ticked, an Alt-click, or I at
// the plot's keyboard cursor), and the confusion matrix under the accuracy readouts.

import { className, classShort } from './classes.js';

const $ = (id) => document.getElementById(id);
const num = (v) => (Math.abs(v) >= 1000 || (Math.abs(v) < 0.001 && v !== 0) ? v.toExponential(2) : Number(v.toPrecision(4)).toString());

/**
 * A point's report (the Playground's `inspectPoint`) in words: where it is, what it is, what goes in,
 * what comes out, its loss and whether the network gets it right.
 * @param {object} r the report
 * @param {number} id its index
 * @param {string[]} names the inputs' names
 * @param {boolean} regression
 */
export function describePoint(r, id, names, regression) {
  const where = `Point ${id + 1} (${r.test ? 'test' : 'training'}) at x = ${num(r.x[0])}, y = ${num(r.x[1])}`;
  const what = regression ? `target ${num(r.label)}` : className(r.label);
  const inputs = r.inputs.map((v, i) => `${names[i] ?? `input ${i + 1}`} = ${num(v)}`).join(', ');
  let output;
  if (regression) {
    output = `output ${num(r.outputs[0])}`;
  } else if (r.outputs.length === 1) {
    output = r.chance === r.outputs[0] ? `output ${num(r.outputs[0])} (the chance of class 1)`
      : `output ${num(r.outputs[0])} (a chance of ${num(r.chance)} for class 1)`;
  } else {
    output = `outputs ${r.outputs.map((p, k) => `class ${k} ${num(p)}`).join(', ')}`;
  }
  const verdict = regression ? '' : r.misclassified ? ` · misclassified: the network says class ${r.predicted}`
    : ` · classified right (class ${r.predicted})`;
  return `${where}: ${what} · inputs ${inputs} · ${output} · loss ${num(r.loss)}${verdict}.`;
}

/**
 * Shows a k × k confusion matrix (`counts`, a row per true class) in `#confusion-table`, with what
 * it counts in `#confusion-note`.
 * @param {Uint32Array | number[]} counts
 * @param {string} set 'test' or 'train'
 * @param {boolean} fellBack whether the test set was asked for but is empty
 */
export function showConfusion(counts, set, fellBack) {
  const k = Math.round(Math.sqrt(counts.length));
  const table = $('confusion-table');
  const key = `${set}|${Array.from(counts).join(',')}|${classShort(0)}`;
  if (table.dataset.key === key) return;
  table.dataset.key = key;
  const cell = (tag, text, attrs = {}) => Object.assign(document.createElement(tag), { textContent: text }, attrs);
  const label = (c) => {
    const span = cell('span', ` ${classShort(c)}`);
    span.prepend(Object.assign(document.createElement('span'), { className: `swatch c${c}` }));
    return span;
  };
  const head = document.createElement('tr');
  head.append(cell('th', 'true ↓ · predicted →', { scope: 'col' }));
  for (let c = 0; c < k; c += 1) {
    const th = cell('th', '', { scope: 'col', title: className(c) });
    th.append(label(c));
    head.append(th);
  }
  const rows = [head];
  let total = 0;
  let right = 0;
  for (let t = 0; t < k; t += 1) {
    const tr = document.createElement('tr');
    const th = cell('th', '', { scope: 'row', title: className(t) });
    th.append(label(t));
    tr.append(th);
    for (let p = 0; p < k; p += 1) {
      const n = counts[t * k + p];
      total += n;
      if (t === p) right += n;
      tr.append(cell('td', String(n), { className: t === p ? 'right' : n ? 'wrong' : '' }));
    }
    rows.push(tr);
  }
  table.replaceChildren(...rows);
  const share = total ? ` ${right} of ${total} right (${((100 * right) / total).toFixed(1)} %)` : ' no points';
  $('confusion-note').textContent = `${set === 'test' ? 'Test' : 'Training'} points:${share}; a row is a true class, a column the class the network gives.`
    + (fellBack ? ' There are no test points, so the training points are counted.' : '');
}
