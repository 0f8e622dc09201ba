// Your data: a table the learner opens, drops on the plot or pastes, read a piece at a time so that
// the page never waits on it, its columns chosen, and put on the plot as the `own` data set. The
// table is kept in this browser's storage for the next visit, saved and loaded with Save/Load points
// (a point file that says what its columns are), and saved as CSV with the network's predictions.
// Reading, checking and scaling happen in wasm (crate/data/table/); this module is the panel.

import { app, $ } from './app.js';
import { TableReader, maxTableBytes, datasetInfo, datasetTable } from '../pkg/scratchnet.js';
import { showMessage } from './message.js';
import { download } from './files.js';

/**
 * Where this browser keeps the learner's table (a point file, as Save points writes it): IndexedDB,
 * whose quota (a share of the disk) holds a 10 MB table where localStorage's 5 MB would not.
 */
export const TABLE_KEY = 'scratchnet-table';
const DB_NAME = 'scratchnet';
const STORE = 'kept';
/** Bytes fed to the reader at a time, and how long one task may read before the page gets a turn. */
const PIECE = 64 * 1024;
const BUDGET_MS = 8;
/** The plane's edge for a column's smallest and largest value (crate/data/table/own.rs's EDGE). */
const EDGE = 0.9;

let table = null; // the table read last (a wasm Table), until another replaces it
let tableName = '';
let reading = 0; // counts reads: a newer one makes an older one stop
let saveTimer = 0;

/** A value on the plane in its column's units (crate/data/table/own.rs's `from_plane`). */
export const fromPlane = (p, [lo, hi]) => (hi > lo ? lo + ((p + EDGE) * (hi - lo)) / (2 * EDGE) : lo);
/** A column's value on the plane (crate/data/table/own.rs's `to_plane`). */
export const toPlane = (v, [lo, hi]) => (hi > lo ? -EDGE + (2 * EDGE * (v - lo)) / (hi - lo) : 0);
/** A number in a column's units as a learner reads it: at most 6 significant digits. */
export const units = (v) => String(Number(v.toPrecision(6)));

/** The learner's table in force (its columns, classes and ranges), or null. */
export const tableMeta = () => (app.lessons?.active ? null : app.pg.tableInfo());

/** What the panel says, and whether it is an error. */
function status(text, error = false) {
  const el = $('data-status');
  el.textContent = text;
  el.classList.toggle('error', error);
}

/** Opens the panel (and brings it into view), or closes it. */
export function showPanel(open) {
  $('own-data').hidden = !open;
  if (open) $('own-data').scrollIntoView({ block: 'nearest' });
}

/**
 * Reads `bytes` (a table's text) a piece at a time, the page getting a turn every few
 * milliseconds, and shows its columns; a table that cannot be read is said, nothing else changes.
 * Resolves to whether it was read.
 */
async function readTable(bytes, name, id = ++reading) {
  if (id !== reading) return false; // another table came while these bytes were read
  const reader = new TableReader();
  status(`Reading ${name}…`);
  $('data-use').disabled = true;
  try {
    let start = performance.now();
    for (let at = 0; at < bytes.length; at += PIECE) {
      reader.feed(bytes.subarray(at, at + PIECE));
      if (performance.now() - start > BUDGET_MS) {
        status(`Reading ${name}: ${Math.round((100 * at) / bytes.length)} %…`);
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (id !== reading) return false; // another table came meanwhile
        start = performance.now();
      }
    }
    const read = reader.finish();
    table?.free();
    table = read;
    tableName = name;
    showColumns();
    return true;
  } catch (e) {
    // The last table read is not offered for use under a failed one's name.
    table?.free();
    table = null;
    $('data-columns').hidden = true;
    status(`${name} was not read: ${e.message}. Nothing changed.`, true);
    return false;
  } finally {
    reader.free();
    if (id === reading) $('data-use').disabled = false;
  }
}

/**
 * A shipped data set with all four of its measurements as inputs: its table read as a learner's
 * would be, the plotted two on the axes, the other two held in the plot's slice.
 */
export async function useShipped(dataset, onLoaded) {
  const info = datasetInfo(dataset);
  showPanel(true);
  if (!(await readTable(new TextEncoder().encode(datasetTable(dataset)), info.source))) return;
  $('col-x').value = String(info.measured.indexOf(info.columns[0]));
  $('col-y').value = String(info.measured.indexOf(info.columns[1]));
  $('col-label').value = String(info.measured.length);
  $('col-more').checked = true;
  updateMore();
  useTable(onLoaded);
}

/** A file's table: refused by its size before a byte is read, else read. */
export async function readFile(file) {
  const id = ++reading;
  showPanel(true);
  status(`Reading ${file.name}…`);
  if (file.size > maxTableBytes()) {
    status(`${file.name} is ${(file.size / 1e6).toFixed(1)} MB: Scratchnet reads tables up to `
      + `${maxTableBytes() / (1 << 20)} MB (${maxTableBytes()} bytes). Keep a sample of its rows and try again. Nothing changed.`, true);
    return;
  }
  await readTable(new Uint8Array(await file.arrayBuffer()), file.name, id);
}

/** The column menus, filled from the table read, with the first fitting columns chosen. */
function showColumns() {
  const info = table.info();
  const { columns, suggest } = info;
  const option = (k, extra = '') => Object.assign(document.createElement('option'),
    { value: String(k), textContent: columns[k].name + extra });
  const numeric = columns.map((c, k) => k).filter((k) => columns[k].numbers > 0);
  const describe = (c) => (c.values.length ? ` (${c.values.length} values)` : c.numbers > 0 && c.text === 0 ? ' (numbers)' : '');
  $('col-x').replaceChildren(...numeric.map((k) => option(k)));
  $('col-y').replaceChildren(...numeric.map((k) => option(k)));
  $('col-label').replaceChildren(...columns.map((c, k) => option(k, describe(c))));
  [$('col-x').value, $('col-y').value, $('col-label').value] = suggest.map(String);
  // The first rows, as read: what the learner checks the columns against.
  const head = document.createElement('tr');
  head.append(...columns.map((c) => Object.assign(document.createElement('th'), { scope: 'col', textContent: c.name })));
  const rows = info.preview.map((cells) => {
    const tr = document.createElement('tr');
    tr.append(...columns.map((c, k) => Object.assign(document.createElement('td'), { textContent: cells[k] ?? '' })));
    return tr;
  });
  const caption = Object.assign(document.createElement('caption'), { id: 'data-preview-caption',
    textContent: `The first ${info.preview.length} of ${info.rows} rows` });
  const thead = document.createElement('thead');
  thead.append(head);
  const tbody = document.createElement('tbody');
  tbody.append(...rows);
  $('data-preview').replaceChildren(caption, thead, tbody);
  const delimiter = { ',': 'comma', ';': 'semicolon', tab: 'tab' }[info.delimiter] ?? info.delimiter;
  status(`${tableName}: ${info.rows} rows and ${columns.length} columns, ${delimiter}-separated`
    + `${info.decimalComma ? ' with decimal commas' : ''}, ${info.header ? 'the first row read as the header' : 'no header row (the columns are numbered)'}`
    + `${info.longRows ? `; ${info.longRows} rows had more cells than the first, the extra cells are left out` : ''}. `
    + 'Choose the columns, then Use this table.');
  $('data-columns').hidden = false;
  updateMore();
}

/** The columns the network would take: the two axes, then (if asked) the other number columns. */
function chosenInputs() {
  const x = Number($('col-x').value);
  const y = Number($('col-y').value);
  const label = Number($('col-label').value);
  const info = table.info();
  const others = info.columns.map((c, k) => k)
    .filter((k) => k !== x && k !== y && k !== label && info.columns[k].numbers > 0 && info.columns[k].text === 0);
  const more = $('col-more').checked ? others.slice(0, info.maxInputs - 2) : [];
  return { inputs: [x, y, ...more], label, others, max: info.maxInputs };
}

/** Says which other columns "use the other columns" would add, or hides the choice. */
function updateMore() {
  if (!table) return;
  const { others, max } = chosenInputs();
  const info = table.info();
  $('col-more-row').hidden = others.length === 0;
  const names = others.slice(0, max - 2).map((k) => info.columns[k].name);
  const left = others.length > max - 2 ? ` (the first ${max - 2}: the network takes at most ${max} inputs)` : '';
  $('col-more-text').textContent = `Use the other number columns as inputs too: ${names.join(', ')}${left}`;
}

/** Puts the table on the plot with the chosen columns; a bad choice is said and changes nothing. */
function useTable(onLoaded) {
  if (!table) return;
  const { inputs, label } = chosenInputs();
  const config = app.pg.config();
  let chosen;
  try {
    chosen = table.select(new Float64Array(inputs), label, [...tableName].slice(0, 100).join(''), config.testFraction, config.seed);
    app.pg.importPoints(chosen.file);
  } catch (e) {
    status(`Not used: ${e.message}. Nothing changed.`, true);
    return;
  }
  onLoaded();
  const meta = app.pg.tableInfo();
  const what = meta.classes.length ? `${meta.classes.length} classes: ${meta.classes.join(', ')}` : 'a number: regression';
  let text = `Using ${tableName}: ${chosen.rows} rows, ${meta.inputs.slice(0, 2).join(' × ')}`
    + `${meta.inputs.length > 2 ? ` and ${meta.inputs.length - 2} more inputs` : ''} → ${meta.target} (${what}).`;
  if (chosen.skippedCount) {
    const first = chosen.skipped.map(([line, column]) => `line ${line} (${column})`).join(', ');
    text += ` Left out ${chosen.skippedCount} row${chosen.skippedCount === 1 ? '' : 's'} with a missing or non-numeric value in a chosen column: ${first}${chosen.skippedCount > chosen.skipped.length ? ', …' : ''}.`;
  }
  status(text);
  showMessage(text, 'info', 10000);
}

/** Runs `use` on the store in one transaction; resolves to its request's result. */
function kept(mode, use) {
  return new Promise((resolve, reject) => {
    // A storage that never answers (blocked, or a browser's bug) is given up after 3 s.
    const timer = setTimeout(() => reject(new Error('storage did not answer')), 3000);
    const done = (f) => (value) => { clearTimeout(timer); f(value); };
    try {
      const open = indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE);
      open.onerror = () => done(reject)(open.error);
      open.onblocked = () => done(reject)(new Error('storage blocked by another tab'));
      open.onsuccess = () => {
        const db = open.result;
        try {
          const t = db.transaction(STORE, mode);
          const request = use(t.objectStore(STORE));
          t.oncomplete = () => { db.close(); done(resolve)(request.result); };
          t.onerror = t.onabort = () => { db.close(); done(reject)(t.error ?? request.error); };
        } catch (e) {
          db.close();
          done(reject)(e);
        }
      };
    } catch (e) {
      done(reject)(e); // no IndexedDB at all (some private modes)
    }
  });
}

/** Keeps the learner's table in this browser's storage (soon after its points last changed). */
export function storeTable() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(async () => {
    // Checked when the timer fires: the data set may have changed since the points did.
    if (app.lessons?.active || app.pg.config().dataset !== 'own') return;
    const text = app.pg.exportPoints();
    try {
      await kept('readwrite', (store) => store.put(text, TABLE_KEY));
      app.tableSaves += 1;
      app.toldTableRefused = false;
    } catch (e) {
      if (app.toldTableRefused) return; // said once until storage works again
      app.toldTableRefused = true;
      showMessage(`This browser's storage refused to keep your table (${app.pg.pointCount()} rows, `
        + `${(text.length / 1e6).toFixed(1)} MB as saved: ${e?.name ?? 'no storage'}, its limit for this page reached or `
        + 'storage turned off), so a reload will not bring it back: Save points keeps it in a file, which Load points opens.',
      'error', 0);
    }
  }, 300);
}

/** The table this browser kept from the last visit (a point file's text), or null. */
export async function storedTable() {
  try {
    return (await kept('readonly', (store) => store.get(TABLE_KEY))) ?? null;
  } catch {
    return null;
  }
}

/** CSV text: a field with a comma, a quote or a line break is quoted. */
const field = (v) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * The points as CSV: each input and the label in its own units (a table's) or on the plane, which
 * set it is in, and the network's prediction (with each class's probability for classes).
 */
export function pointsCsv() {
  const file = JSON.parse(app.pg.exportPoints());
  const meta = file.table ?? null;
  const config = app.pg.config();
  const regression = config.problem === 'regression';
  const classes = regression ? 0 : config.classes;
  const names = meta ? meta.inputs : ['x', 'y'];
  const classNames = meta?.classes.length ? meta.classes : Array.from({ length: classes }, (_, c) => String(c));
  const input = (p, k) => {
    const v = k === 0 ? p.x : k === 1 ? p.y : p.more[k - 2];
    return meta ? units(fromPlane(v, meta.ranges[k])) : String(v);
  };
  const target = (v) => (meta && regression ? units(fromPlane(v, meta.ranges[names.length])) : String(v));
  const predicted = app.pg.predictAll();
  const width = regression ? 1 : classes;
  const header = [...names, meta?.target ?? (regression ? 'target' : 'label'), 'set', 'prediction',
    ...(regression ? [] : classNames.map((c) => `probability ${c}`))];
  const lines = [header.map(field).join(',')];
  file.points.forEach((p, i) => {
    const out = predicted.subarray(i * width, (i + 1) * width);
    const best = regression ? 0 : out.indexOf(Math.max(...out));
    const label = regression ? target(p.target) : classNames[p.label];
    const prediction = regression ? target(out[0]) : classNames[best];
    const row = [...names.map((_, k) => input(p, k)), label, p.test ? 'test' : 'train', prediction,
      ...(regression ? [] : Array.from(out, (q) => String(Number(q.toPrecision(6)))))];
    lines.push(row.map(field).join(','));
  });
  return `${lines.join('\n')}\n`;
}

/**
 * The plot's axes in a table's units: ticks at round values of each column, and the columns'
 * names; null where the data are not a table's.
 */
export function tableAxes(meta) {
  if (!meta) return null;
  const axis = (k) => {
    const range = meta.ranges[k];
    const [lo, hi] = [fromPlane(-1, range), fromPlane(1, range)];
    const span = hi - lo || 1;
    const step = niceStep(span / 4);
    // Counted by an integer, at most a dozen: a step lost in a huge value's rounding cannot loop.
    const first = Math.ceil(lo / step);
    const ticks = [];
    for (let i = 0; i < 12 && (first + i) * step <= hi + step * 1e-9; i += 1) {
      const v = Number(((first + i) * step).toPrecision(12));
      if (ticks.at(-1) !== v) ticks.push(v); // a huge value's neighbours may round to one
    }
    return { ticks, name: meta.inputs[k], toPlane: (v) => (range[1] > range[0] ? toPlane(v, range) : 0) };
  };
  return { x: axis(0), y: axis(1) };
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw) {
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}

/** What the tip beside a hovered point says: its values in the table's units. */
export function pointTip(id) {
  const tip = $('point-tip');
  const meta = tableMeta();
  if (!meta || id < 0) {
    tip.hidden = true;
    return;
  }
  const r = app.pg.inspectPoint(id);
  const values = meta.inputs.map((name, k) => `${name} ${units(fromPlane(r.x[k], meta.ranges[k]))}`);
  const label = meta.classes.length ? meta.classes[r.label] : units(fromPlane(r.label, meta.ranges[meta.inputs.length]));
  tip.textContent = `${values.join(', ')} → ${meta.target} ${label}${r.test ? ' (test)' : ''}`;
  const size = $('plot').getBoundingClientRect().width;
  const [px, py] = [((r.x[0] + 1) / 2) * size, ((1 - r.x[1]) / 2) * size];
  tip.style.left = `${Math.min(px + 12, size - 160)}px`;
  tip.style.top = `${Math.max(0, py - 30)}px`;
  tip.hidden = false;
}

/**
 * The sliders that hold a table's other inputs where the plot slices the input space, and the
 * caption that says so; hidden for two inputs.
 */
export function showSlice(meta, slice, onChange) {
  const more = meta ? meta.inputs.length - 2 : 0;
  $('slice').hidden = more === 0;
  if (more === 0) return;
  const key = `${meta.inputs.join('|')}|${meta.ranges.flat().join(',')}`;
  const box = $('slice-sliders');
  if (box.dataset.key !== key) {
    box.dataset.key = key;
    box.replaceChildren(...meta.inputs.slice(2).map((name, j) => {
      const wrap = document.createElement('div');
      const label = Object.assign(document.createElement('label'), { htmlFor: `slice-${j}` });
      const output = Object.assign(document.createElement('output'), { id: `slice-${j}-value` });
      output.htmlFor = `slice-${j}`;
      label.append(`${name} `, output);
      const input = Object.assign(document.createElement('input'), { type: 'range', id: `slice-${j}`, min: '-1', max: '1', step: '0.01' });
      input.dataset.name = name;
      input.addEventListener('input', () => {
        const values = Array.from(box.querySelectorAll('input'), (el) => Number(el.value));
        onChange(values);
      });
      wrap.append(label, input);
      return wrap;
    }));
  }
  const held = meta.inputs.slice(2).map((name, j) => `${name} at ${units(fromPlane(slice[j], meta.ranges[j + 2]))}`);
  slice.forEach((v, j) => {
    const input = $(`slice-${j}`);
    if (document.activeElement !== input) input.value = String(v);
    const shown = units(fromPlane(Number(input.value), meta.ranges[j + 2]));
    $(`slice-${j}-value`).textContent = shown;
    input.setAttribute('aria-valuetext', shown);
  });
  $('slice-caption').textContent = `The plot is a slice of ${meta.inputs.length} inputs: the shading and the neuron maps `
    + `hold ${held.join(', ')}, and the points are drawn wherever their own values are. Move a slider to move the slice.`;
}

/** Wires the panel: open, drop, paste, choose, use, close, and Save CSV. */
export function bindOwnData(onLoaded) {
  $('data-import').addEventListener('change', () => {
    const file = $('data-import').files[0];
    $('data-import').value = '';
    if (file) readFile(file);
  });
  $('data-paste-apply').addEventListener('click', () => {
    const text = $('data-paste').value;
    if (!text.trim()) {
      status('The paste box is empty: paste a table into it first.', true);
      return;
    }
    readTable(new TextEncoder().encode(text), 'the pasted table');
  });
  for (const id of ['col-x', 'col-y', 'col-label']) $(id).addEventListener('change', updateMore);
  $('data-use').addEventListener('click', () => useTable(onLoaded));
  $('use-all-measurements').addEventListener('click', () => useShipped(app.pg.config().dataset, onLoaded));
  $('data-close').addEventListener('click', () => {
    showPanel(false);
    $('dataset').focus();
  });
  $('export-csv').addEventListener('click', () => {
    const name = app.pg.config().dataset === 'own' ? tableMeta()?.source.replace(/\.[^.]*$/, '') || 'table' : 'scratchnet-points';
    download(`${name}-predictions.csv`, pointsCsv(), 'text/csv');
  });
  // A file dropped on the plot is read as a table.
  const plot = $('plot').parentElement;
  plot.addEventListener('dragover', (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  plot.addEventListener('drop', (e) => {
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    e.preventDefault();
    readFile(file);
  });
}
