// Point editing on the plot with mouse, pen and touch.
//
// Click adds a point of the selected class, Shift-click one of the other class; right-click or
// Ctrl-click removes the nearest point; dragging a point moves it (one undo step per drag). Touch: a
// tap adds, a long press removes. With the brush on, pressing and dragging sprays points instead
// (one undo step per stroke).

import { toPlane } from './plot.js';

const DRAG_THRESHOLD_PX = 4;
const PICK_RADIUS_PX = 9;
const LONG_PRESS_MS = 550;

const clamp = (v) => Math.max(-1, Math.min(1, v));

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{
 *   add(x: number, y: number, otherClass: boolean): void,
 *   remove(x: number, y: number): void,
 *   pick(x: number, y: number, radius: number): number,
 *   move(id: number, x: number, y: number, first: boolean): void,
 *   hover(id: number): void,
 *   inspecting?(altKey: boolean): boolean, inspect?(x: number, y: number, radius: number): void,
 *   brushing?(): boolean, spray?(x: number, y: number, first: boolean): void,
 * }} on `inspecting` says whether a press inspects instead of editing, `brushing` whether it sprays
 */
export function attachPointer(canvas, on) {
  let press = null; // { id, startX, startY, otherClass, moved, timer, consumed }

  const where = (event) => {
    const rect = canvas.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    const [x, y] = toPlane(rect.width, px, py);
    return { px, py, x: clamp(x), y: clamp(y), scale: 2 / rect.width };
  };

  canvas.addEventListener('contextmenu', (event) => event.preventDefault());

  canvas.addEventListener('pointerdown', (event) => {
    const p = where(event);
    const removing = event.button === 2 || (event.button === 0 && event.ctrlKey && !event.metaKey);
    if (removing) {
      on.remove(p.x, p.y);
      return;
    }
    if (event.button !== 0) return;
    if (on.inspecting?.(event.altKey)) {
      // Inspect: the point under the pointer is described; nothing is added or moved.
      on.inspect(p.x, p.y, PICK_RADIUS_PX * p.scale);
      return;
    }
    try {
      canvas.setPointerCapture(event.pointerId); // keep receiving moves while dragging off the plot
    } catch {
      // Not an active pointer (a synthetic event): dragging simply stops at the plot's edge.
    }
    if (on.brushing?.()) {
      press = { brush: true };
      on.spray(p.x, p.y, true);
      return;
    }
    press = {
      id: on.pick(p.x, p.y, PICK_RADIUS_PX * p.scale),
      startX: p.px,
      startY: p.py,
      otherClass: event.shiftKey,
      moved: false,
      consumed: false,
      timer: 0,
    };
    if (event.pointerType === 'touch') {
      const current = press;
      current.timer = setTimeout(() => {
        if (press === current && !current.moved) {
          current.consumed = true;
          on.remove(p.x, p.y);
        }
      }, LONG_PRESS_MS);
    }
  });

  canvas.addEventListener('pointermove', (event) => {
    const p = where(event);
    if (!press) {
      on.hover(on.pick(p.x, p.y, PICK_RADIUS_PX * p.scale));
      return;
    }
    if (press.brush) {
      on.spray(p.x, p.y, false);
      return;
    }
    const distance = Math.hypot(p.px - press.startX, p.py - press.startY);
    if (!press.moved && distance < DRAG_THRESHOLD_PX) return;
    const first = !press.moved;
    press.moved = true;
    clearTimeout(press.timer);
    if (press.id >= 0) on.move(press.id, p.x, p.y, first);
  });

  const finish = (event, cancelled) => {
    if (!press) return;
    clearTimeout(press.timer);
    const p = where(event);
    if (!cancelled && !press.brush && !press.moved && !press.consumed) on.add(p.x, p.y, press.otherClass);
    press = null;
  };
  canvas.addEventListener('pointerup', (event) => finish(event, false));
  canvas.addEventListener('pointercancel', (event) => finish(event, true));
  canvas.addEventListener('pointerleave', () => on.hover(-1));
}
