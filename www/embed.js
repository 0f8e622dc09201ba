// Embeds for course pages: controls hidden through the link (`hide=`), each keeping the value the
// link sets, and the Share dialog that writes such a link or an <iframe> snippet.

import { app, $ } from './app.js';
import { HIDEABLE, HIDE_NAMES } from './hide.js';

/** Hides the named controls (and shows the others): they keep whatever value the link set. */
export function applyHidden(names) {
  app.hidden = HIDE_NAMES.filter((n) => names.includes(n));
  for (const el of document.querySelectorAll('.embed-hidden')) el.classList.remove('embed-hidden');
  for (const name of app.hidden) {
    for (const selector of HIDEABLE[name].parts) {
      let found = [];
      try {
        found = document.querySelectorAll(selector);
      } catch { /* a selector this engine cannot read hides nothing rather than stopping the page */ }
      for (const el of found) el.classList.add('embed-hidden');
    }
  }
  document.body.dataset.hidden = app.hidden.join(',');
}

/** Copies `text` to the clipboard where the page may, else selects `field` for the learner to copy. */
async function copy(text, field, what) {
  try {
    // A browser that asks for permission may never answer: given up after a second.
    const late = new Promise((resolve, reject) => setTimeout(() => reject(new Error('no answer')), 1000));
    await Promise.race([navigator.clipboard.writeText(text), late]);
    $('share-status').textContent = `${what} copied.`;
  } catch {
    // An embedded page, or a browser that asks first: the text is selected instead.
    field.focus();
    field.select();
    $('share-status').textContent = `${what} selected: press Ctrl+C (⌘C) to copy it.`;
  }
}

/** The page's address without its link, where the link and the snippet point. */
const base = () => `${location.origin}${location.pathname}`;

/** HTML-escaped text for an attribute. */
const attr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Wires the Share dialog. `link(hidden)` is the current scene's link with those controls hidden;
 * `extra()` the dialog's other parts (a challenge) to fill when it opens.
 */
export function bindShare(link) {
  const dialog = $('share-dialog');
  const list = $('share-hide-list');
  list.replaceChildren(...HIDE_NAMES.map((name) => {
    const label = Object.assign(document.createElement('label'), { className: 'inline' });
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: name, id: `share-hide-${name}` });
    box.dataset.name = name;
    label.append(box, ` ${HIDEABLE[name].what}`);
    return label;
  }));
  const chosen = () => Array.from(list.querySelectorAll('input:checked'), (el) => el.value);
  // The scene as a challenge: its goal, and this network's size and inputs as limits.
  const challenge = () => {
    if (!$('share-as-challenge').checked) return undefined;
    const config = app.pg.config();
    const metric = $('share-goal').value;
    const raw = Number($('share-goal-value').value);
    // An accuracy is a share (95 typed means 95 %), a loss any positive number.
    const value = metric === 'testLoss' ? (raw > 0 ? raw : 0.05) : Math.min(1, raw > 1 ? raw / 100 : raw > 0 ? raw : 0.95);
    const terms = [`${metric}${metric === 'testLoss' ? '<=' : '>='}${value}`];
    if ($('share-limit-neurons').checked) terms.push(`maxNeurons=${config.hiddenLayers.reduce((a, b) => a + b, 0)}`);
    if ($('share-limit-layers').checked) terms.push(`maxLayers=${config.hiddenLayers.length}`);
    if ($('share-limit-features').checked) terms.push(`features=${config.features.join(',')}`);
    return terms.join(';');
  };
  const update = () => {
    const config = app.pg.config();
    $('share-limit-neurons-text').textContent = `at most ${config.hiddenLayers.reduce((a, b) => a + b, 0)} hidden neurons (this network's)`;
    const layers = config.hiddenLayers.length;
    $('share-limit-layers-text').textContent = `at most ${layers} hidden layer${layers === 1 ? '' : 's'} (this network's)`;
    $('share-limit-features-text').textContent = `only the inputs ${config.features.join(', ')} (this network's)`;
    const url = `${base()}${link(chosen(), challenge())}`;
    $('share-link').value = url;
    const width = Math.max(320, Math.min(3000, Math.round(Number($('share-width').value) || 900)));
    const height = Math.max(320, Math.min(3000, Math.round(Number($('share-height').value) || 700)));
    const title = $('share-title-text').value.trim() || 'Scratchnet';
    $('share-embed').value = `<iframe src="${attr(url)}" width="${width}" height="${height}" title="${attr(title)}" `
      + 'style="border:0" loading="lazy"></iframe>';
  };
  list.addEventListener('change', update);
  for (const id of ['share-as-challenge', 'share-goal', 'share-goal-value', 'share-limit-neurons', 'share-limit-layers', 'share-limit-features']) {
    $(id).addEventListener('input', update);
    $(id).addEventListener('change', update);
  }
  for (const id of ['share-width', 'share-height', 'share-title-text']) $(id).addEventListener('input', update);
  // Regression has no accuracy: its goal is a loss.
  $('share-goal').addEventListener('change', () => {
    $('share-goal-value').value = $('share-goal').value === 'testLoss' ? '0.05' : '0.95';
  });
  $('share').addEventListener('click', () => {
    for (const box of list.querySelectorAll('input')) box.checked = app.hidden.includes(box.value);
    const regression = app.pg.config().problem === 'regression';
    $('share-goal').querySelector('option[value=testAccuracy]').disabled = regression;
    if (regression && $('share-goal').value === 'testAccuracy') {
      $('share-goal').value = 'testLoss';
      $('share-goal-value').value = '0.05';
    }
    $('share-status').textContent = '';
    update();
    dialog.showModal();
  });
  $('share-copy-link').addEventListener('click', () => copy($('share-link').value, $('share-link'), 'Link'));
  $('share-copy-embed').addEventListener('click', () => copy($('share-embed').value, $('share-embed'), 'Snippet'));
  $('share-close').addEventListener('click', () => dialog.close());
  return update;
}
