// The projector view: the plot and the loss chart fill the screen, text at least 24 px, and the
// controls cut to play, step, reset and the learning rate (`#present`, the P key; Esc leaves).

import { app, $ } from './app.js';
import { formatRate, rateFromSlider, sliderFromRate } from './controls.js';

/** Whether the page is in the projector view. */
export const presenting = () => document.body.classList.contains('presenting');

/** Enters or leaves the projector view. */
export function present(on) {
  // Focus on a control the view hides (or shows no more) would fall to the page: it goes to the button.
  const focus = document.activeElement;
  document.body.classList.toggle('presenting', on);
  document.documentElement.classList.toggle('presenting', on);
  $('present').setAttribute('aria-pressed', String(on));
  $('present').textContent = on ? 'Leave (Esc)' : 'Present';
  $('present-controls').hidden = !on;
  if (on) showRate(app.pg.config().learningRate);
  if (focus && focus !== document.body && focus.getClientRects().length === 0) $('present').focus();
  // Full screen where the browser allows it (not in every embed): the view works without it.
  const full = document.fullscreenElement !== null && document.fullscreenElement !== undefined;
  if (on && !full) document.documentElement.requestFullscreen?.().catch(() => {});
  if (!on && full) document.exitFullscreen?.().catch(() => {});
}

/** The projector's learning-rate slider, showing `lr`. */
export function showRate(lr) {
  if (document.activeElement !== $('present-rate')) $('present-rate').value = String(sliderFromRate(lr));
  $('present-rate-value').textContent = formatRate(lr);
}

/** Wires the button, the keys and the projector's slider; `set(config)` applies a setting. */
export function bindPresent(set) {
  $('present').addEventListener('click', () => present(!presenting()));
  $('present-rate').addEventListener('input', (e) => {
    const lr = Number(rateFromSlider(Number(e.target.value)).toPrecision(3));
    $('present-rate-value').textContent = formatRate(lr);
    set({ learningRate: lr });
  });
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const typing = ['INPUT', 'SELECT', 'TEXTAREA'].includes(document.activeElement?.tagName)
      && document.activeElement.type !== 'range';
    if (e.key === 'Escape' && presenting() && !document.querySelector('dialog[open]')) present(false);
    // A lesson has its own panel and buttons: the projector view is free play's.
    else if (!typing && e.key.toLowerCase() === 'p' && !document.querySelector('dialog[open]') && !app.lessons?.active) {
      present(!presenting());
    }
  });
  // Leaving full screen by the browser's own key leaves the view too.
  document.addEventListener('fullscreenchange', () => {
    if (!document.fullscreenElement && presenting()) present(false);
  });
}
