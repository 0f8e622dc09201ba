// Editing the points: a click, a drag, a key or Undo changes free play's points (a lesson's own
// rule labels a click in its plot), and the page follows: counts, the link, the kept runs.

import { app, $, refreshPoints } from './app.js';
import { attachPointer } from './pointer.js';
import { attachKeyboard, at } from './keyboard.js';
import { pointTip } from './own-data.js';
import { challengeReset } from './challenge.js';
import { showMessage } from './message.js';
import { className } from './classes.js';
import { describePoint } from './inspect.js';
import { pointsChanged, updateCounts, describeRuns, inputNames } from './settings.js';
import { saveHash } from './saving.js';

/** What a click or Enter adds: the chosen class, or for regression the target slider's value. */
function clickLabel() {
  if (app.pg.config().problem === 'regression') return Number($('target-value').value);
  return Number($('class-select').value);
}

/**
 * What a Shift-click adds: the classes other than the chosen one in turn (for two classes, the
 * other one), starting again whenever another class is chosen.
 */
function nextClass() {
  const { classes } = app.pg.config();
  const chosen = Number($('class-select').value);
  if (app.shift?.chosen !== chosen || app.shift.classes !== classes) app.shift = { chosen, classes, step: 0 };
  app.shift.step = (app.shift.step % (classes - 1)) + 1;
  return (chosen + app.shift.step) % classes;
}

/** Describes the point nearest (x, y) within `radius` in `#inspect-details`; returns the words. */
function inspectAt(x, y, radius) {
  const id = app.pg.pick(x, y, radius);
  const text = id < 0 ? `No point within reach of (${x.toFixed(2)}, ${y.toFixed(2)}): inspect a point by clicking on it.`
    : describePoint(app.pg.inspectPoint(id), id, inputNames(),
      app.pg.config().problem === 'regression');
  $('inspect-details').textContent = text;
  $('inspect-details').hidden = false;
  app.hover = id;
  return text;
}

/**
 * Undo (the button, Ctrl/⌘-Z): the last point or weight edit; with none left right after *Start
 * over*, the scene from before it.
 */
export function undo() {
  if (app.pg.undo()) pointEdited();
  else if (app.startedOver) app.startedOver();
  else showMessage('Nothing to undo.', 'info', 3000);
}

export function pointEdited() {
  challengeReset();
  app.startedOver = null; // Undo is for this edit now, not for the scene before Start over
  // A search on the points before says nothing about these (Clear, an added point, Undo), nor
  // does the test loss's history.
  app.finder?.invalidate();
  app.overfit.reset();
  refreshPoints();
  updateCounts();
  pointsChanged();
  saveHash();
  describeRuns();
}

/**
 * One spray of the brush at (x, y): `density` points uniform in a disc of the brush's radius (kept
 * on the plane), of the class a click adds. `first` starts a stroke: its undo step.
 */
function spray(x, y, first) {
  const radius = Number($('brush-radius').value);
  const density = Number($('brush-density').value);
  const xy = [];
  for (let k = 0; k < density; k += 1) {
    const r = radius * Math.sqrt(Math.random());
    const t = 2 * Math.PI * Math.random();
    xy.push(Math.max(-1, Math.min(1, x + r * Math.cos(t))), Math.max(-1, Math.min(1, y + r * Math.sin(t))));
  }
  try {
    if (app.pg.addPoints(xy, clickLabel(), first) > 0 || first) pointEdited();
  } catch (e) {
    showMessage(e.message, 'error');
  }
}

/** Whether a press sprays: the Brush box, or B held down. */
const brushing = () => $('brush').checked || app.brushHeld;

/** Binds the plot's pointer and keyboard editing. */
export function bindEditing() {
  const showBrush = () => { $('brush-settings').hidden = !$('brush').checked; };
  $('brush').addEventListener('change', showBrush);
  for (const id of ['brush-radius', 'brush-density']) {
    $(id).addEventListener('input', () => {
      $(`${id}-value`).textContent = id === 'brush-radius' ? Number($(id).value).toFixed(2) : $(id).value;
    });
  }
  // Holding B sprays while it is down (not while typing).
  document.addEventListener('keydown', (e) => {
    const typing = ['INPUT', 'SELECT', 'TEXTAREA'].includes(document.activeElement?.tagName) && document.activeElement.type !== 'checkbox';
    if (e.key.toLowerCase() === 'b' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) app.brushHeld = true;
  });
  document.addEventListener('keyup', (e) => {
    if (e.key.toLowerCase() === 'b') app.brushHeld = false;
  });
  window.addEventListener('blur', () => { app.brushHeld = false; });
  // While a lesson is open the plot is the lesson's: free play's points never change under it.
  const inLesson = () => app.lessons.active;
  // A link that hides point editing (an embed's `hide=editPoints`) makes the plot take no edits.
  const locked = () => app.hidden.includes('editPoints');
  attachPointer($('plot'), {
    add(x, y, otherClass) {
      if (inLesson()) {
        if (app.lessons.click(x, y)) refreshPoints();
        return;
      }
      if (locked()) return;
      const regression = app.pg.config().problem === 'regression';
      try {
        app.pg.addPoint(x, y, otherClass && !regression ? nextClass() : clickLabel());
      } catch (e) {
        showMessage(e.message, 'error');
      }
      pointEdited();
    },
    remove(x, y) {
      if (!inLesson() && !locked() && app.pg.removeNearest(x, y, 10)) pointEdited();
    },
    pick: (x, y, radius) => (inLesson() ? -1 : app.pg.pick(x, y, radius)),
    move(id, x, y, first) {
      if (inLesson() || locked()) return;
      app.pg.movePoint(id, x, y, first);
      app.hover = id;
      pointEdited();
    },
    hover(id) {
      app.hover = inLesson() ? -1 : id;
      pointTip(app.hover);
    },
    inspecting: (alt) => !inLesson() && (alt || $('inspect').checked),
    brushing: () => !inLesson() && !locked() && brushing(),
    spray,
    inspect: (x, y, radius) => inspectAt(x, y, radius),
  });
  attachKeyboard($('plot'), $('plot-status'), app, {
    add(x, y) {
      if (inLesson()) {
        if (!app.lessons.click(x, y)) return 'this lesson\'s data are fixed: nothing added';
        refreshPoints();
        return `added a point at ${at({ x, y })}, labelled by the lesson's rule`;
      }
      if (locked()) return 'this page takes no point edits';
      const label = clickLabel();
      try {
        app.pg.addPoint(x, y, label);
      } catch (e) {
        return e.message;
      }
      pointEdited();
      const what = app.pg.config().problem === 'regression' ? `a point of target ${label}` : className(label);
      return `added ${what} at ${at({ x, y })}; ${app.pg.pointCount()} points`;
    },
    remove(x, y, radius) {
      if (locked()) return 'this page takes no point edits';
      if (inLesson() || !app.pg.removeNearest(x, y, radius)) return `no point within ${radius} of ${at({ x, y })}`;
      pointEdited();
      return `removed the point nearest ${at({ x, y })}; ${app.pg.pointCount()} points`;
    },
    pick: (x, y, radius) => (inLesson() ? -1 : app.pg.pick(x, y, radius)),
    move(id, x, y, first) {
      if (locked()) return;
      app.pg.movePoint(id, x, y, first);
      pointEdited();
    },
    inspect: (x, y, radius) => (inLesson() ? 'a lesson\'s points are not inspected here' : inspectAt(x, y, radius)),
  });
}
