// The plot by keyboard: a cursor moved by the arrow keys (Shift: larger steps), Enter or Space adds
// a point of the chosen class there, Delete removes the nearest, G grabs the nearest point and
// drops it again (arrows move it meanwhile). Each action is announced in a live region.

const STEP = 0.05;
const BIG_STEP = 0.25;
const REACH = 0.15;

const fmt = (v) => (v < 0 ? `−${Math.abs(v).toFixed(2)}` : v.toFixed(2));
/** A point of the plane as the announcements say it: `(0.05, −0.20)`. */
export const at = (c) => `(${fmt(c.x)}, ${fmt(c.y)})`;

/**
 * @param {HTMLCanvasElement} plot
 * @param {HTMLElement} status the live region
 * @param {{ cursor: { x: number, y: number, active: boolean, grabbed: number } }} app
 * @param {{ add(x: number, y: number): string, remove(x: number, y: number, r: number): string,
 *   pick(x: number, y: number, r: number): number, move(id: number, x: number, y: number, first: boolean): void,
 *   inspect?(x: number, y: number, r: number): string }} on
 *   `add`, `remove` and `inspect` (I: the nearest point, described) return what to announce
 */
export function attachKeyboard(plot, status, app, on) {
  const cursor = app.cursor;
  const say = (text) => { status.textContent = text; };
  plot.addEventListener('focus', () => { cursor.active = true; });
  plot.addEventListener('blur', () => { cursor.active = false; cursor.grabbed = -1; });
  plot.addEventListener('keydown', (e) => {
    const arrows = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    if (arrows[e.key] && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      e.stopPropagation(); // → steps an epoch elsewhere, not here
      const step = e.shiftKey ? BIG_STEP : STEP;
      const [dx, dy] = arrows[e.key];
      cursor.x = Math.max(-1, Math.min(1, Math.round((cursor.x + dx * step) * 100) / 100));
      cursor.y = Math.max(-1, Math.min(1, Math.round((cursor.y + dy * step) * 100) / 100));
      if (cursor.grabbed >= 0) {
        on.move(cursor.grabbed, cursor.x, cursor.y, !cursor.moved);
        cursor.moved = true;
      }
      say(`cursor at ${at(cursor)}${cursor.grabbed >= 0 ? ', moving the grabbed point' : ''}`);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation(); // Space adds here; it does not play or pause
      if (cursor.grabbed >= 0) {
        drop();
      } else {
        say(on.add(cursor.x, cursor.y));
      }
    } else if (e.key.toLowerCase() === 'i' && on.inspect && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      say(on.inspect(cursor.x, cursor.y, REACH));
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      say(on.remove(cursor.x, cursor.y, REACH));
    } else if (e.key.toLowerCase() === 'g' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      if (cursor.grabbed >= 0) {
        drop();
      } else {
        const id = on.pick(cursor.x, cursor.y, REACH);
        if (id < 0) {
          say(`no point within ${REACH} of ${at(cursor)} to grab`);
        } else {
          cursor.grabbed = id;
          cursor.moved = false;
          say(`grabbed the point nearest ${at(cursor)}; arrows move it, G or Enter drops it`);
        }
      }
    }
  });
  function drop() {
    cursor.grabbed = -1;
    say(`dropped the point at ${at(cursor)}`);
  }
}
