// Where the page's state is kept: the link in the address bar, this browser's storage for the next
// visit, and the scene before *Start over* for this tab's session.

import { app, $ } from './app.js';
import { writeHash } from './state.js';
import { showMessage } from './message.js';

/** Where this browser keeps the page's state between visits. */
export const STORAGE_KEY = 'scratchnet-state';
/** Where *Start over* keeps the scene before it (this tab's session only), to undo it. */
const BEFORE_START_OVER = 'scratchnet-before-start-over';

/** The link of the state in force. */
export const currentHash = () => writeHash(app.pg.config(), app.view, app.lessons?.id ?? null, app.linkPoints, app.hidden,
  app.challenge?.text ?? '');

/**
 * Writes the state into the address bar's link and into this browser's storage. Where storage
 * refuses the write (full, or denied), the page says so once: the link still holds everything, but
 * the next visit would open an older state.
 */
export function saveHash() {
  const hash = currentHash();
  history.replaceState(null, '', hash);
  // An embed's state is its link's, not this browser's: two on one course page would overwrite each
  // other's, and a visit to the page itself later would open with the embed's controls hidden.
  if (window.top !== window) return;
  try {
    // What a later visit opens keeps every setting, but hides no control (`hide=` is a link's).
    localStorage.setItem(STORAGE_KEY, hash.replace(/&hide=[^&]*/, ''));
    app.storageFailed = false;
  } catch (e) {
    if (!app.storageFailed) {
      app.storageFailed = true;
      showMessage(`This browser's storage refused to keep the page's state (${e.name}), so a later visit will not `
        + 'open it: the link in the address bar still holds everything (copy it, or Save points).', 'error', 0);
    }
  }
}

/** The state this browser kept from the last visit, or null (none, or storage denied). */
export function storedHash() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Forgets the kept state (it could not be read, or the learner started over). */
export function forgetStored() {
  try { localStorage.removeItem(STORAGE_KEY); } catch { /* nothing kept */ }
}

/** *Start over*: keeps the scene before for this tab's session, forgets the rest, reloads. */
export function startOver() {
  const before = { hash: currentHash(), points: app.pg.pointCount(), lost: app.pointsEdited === true && app.linkPoints === null };
  try { sessionStorage.setItem(BEFORE_START_OVER, JSON.stringify(before)); } catch { /* no undo then */ }
  forgetStored();
  history.replaceState(null, '', location.pathname);
  location.reload();
}

/**
 * After *Start over*: says what it did and offers the scene from before (its link: the settings,
 * and the points where the link could carry them).
 */
export function toldStartOver() {
  let before = null;
  try {
    before = JSON.parse(sessionStorage.getItem(BEFORE_START_OVER) ?? 'null');
    sessionStorage.removeItem(BEFORE_START_OVER);
  } catch {
    return;
  }
  if (typeof before?.hash !== 'string' || !before.hash.includes('=')) return;
  const restore = () => {
    app.startedOver = null;
    location.hash = before.hash; // a link with settings: the page rebuilds from it
  };
  app.startedOver = restore;
  // A table of the learner's own is their data, not the page's state: it stays, under Your data.
  showMessage(`Started over: the default scene, and no settings or points this browser kept (a table of your own `
    + 'stays under Data set: Your data…). Undo brings back the scene before '
    + `(${before.points} points${before.lost ? ', drawn again: they were too many for a link' : ''}).`, 'info', 0,
  { id: 'undo-start-over', label: 'Undo start over', run: restore });
}

/**
 * Another tab of the page saved its state: this tab keeps its own (in its link), and says once
 * which state a new tab will open.
 */
export function watchOtherTabs() {
  if (window.top !== window) return; // an embed keeps nothing, so it has nothing to say about tabs
  window.addEventListener('storage', (e) => {
    if (e.key !== STORAGE_KEY || e.newValue === null || e.newValue === currentHash() || app.toldOtherTab) return;
    // Once a tab, and never over a message that offers something (Restore weights, a link's problems).
    if ($('message').classList.contains('shown') && $('message').querySelector('button')) return;
    app.toldOtherTab = true;
    showMessage('Another tab of Scratchnet saved its state: a new tab, or this page reloaded without its link, '
      + 'opens the state saved last. This tab keeps its own in its link and saves it again with your next change.', 'info', 10000);
  });
}
