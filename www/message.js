// The message line: errors and notices for the person using the page (`#message`).

let timer = 0;

/**
 * Shows `text`; errors are styled as such. `ms` 0 keeps it until replaced or cleared.
 * @param {string} text
 * @param {'info'|'error'} kind
 * @param {number} ms
 */
export function showMessage(text, kind = 'info', ms = 6000) {
  const el = document.getElementById('message');
  el.textContent = text;
  el.className = `shown ${kind}`;
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  clearTimeout(timer);
  if (ms > 0) timer = setTimeout(clearMessage, ms);
}

/** Hides the message. */
export function clearMessage() {
  const el = document.getElementById('message');
  el.className = '';
  el.textContent = '';
}
