// The message line: errors and notices for the person using the page (`#message`).

let timer = 0;

/**
 * Shows `text`; errors are styled as such. `ms` 0 keeps it until replaced or cleared.
 * @param {string} text
 * @param {'info'|'error'} kind
 * @param {number} ms
 * @param {{ id: string, label: string, run(): void }|null} action a button offered with the message
 */
export function showMessage(text, kind = 'info', ms = 6000, action = null) {
  const el = document.getElementById('message');
  el.textContent = text;
  if (action) {
    // A button that does what the message offers (e.g. restore the weights from before).
    const button = document.createElement('button');
    button.type = 'button';
    button.id = action.id;
    button.textContent = action.label;
    button.addEventListener('click', () => {
      clearMessage();
      action.run();
    });
    el.append(' ', button);
  }
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
