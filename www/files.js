// Saving and loading models and point sets as versioned JSON files. The wasm side validates a file
// completely before applying it, so a refused file leaves everything as it was.

import { showMessage } from './message.js';

const $ = (id) => document.getElementById(id);

/** Offers `text` as a download named `name`. */
export function download(name, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Wires the save/load buttons.
 * @param {{ pg: import('../pkg/scratchnet.js').Playground }} app
 * @param {{ onPoints(): void, onModel(): void }} on
 */
export function bindFiles(app, on) {
  const input = $('file-input');
  let target = 'model';
  $('export-model').addEventListener('click', () => download('scratchnet-model.json', app.pg.exportModel()));
  $('export-points').addEventListener('click', () => download('scratchnet-points.json', app.pg.exportPoints()));
  $('import-model').addEventListener('click', () => { target = 'model'; input.click(); });
  $('import-points').addEventListener('click', () => { target = 'points'; input.click(); });
  input.addEventListener('change', async () => {
    const file = input.files[0];
    input.value = '';
    if (!file) return;
    const text = await file.text();
    try {
      if (target === 'model') {
        app.pg.importModel(text);
        on.onModel();
      } else {
        app.pg.importPoints(text);
        on.onPoints();
      }
      showMessage(`Loaded ${file.name}.`);
    } catch (e) {
      showMessage(`${file.name} was not loaded: ${e.message}`, 'error', 10000);
    }
  });
}
