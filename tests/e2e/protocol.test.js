// The page ↔ worker protocol cannot drift from the wasm binding: every Playground method is sorted
// into the calls forwarded to the worker's twin (EDITS) or the ones the page keeps (LOCAL), never
// both, and nothing sorted is missing from the binding.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Playground } from '../../pkg/scratchnet.js';
import { EDITS, REBUILDS, LOCAL, TIMELINE_RESTARTS } from '../../www/protocol.js';

const methods = Object.getOwnPropertyNames(Playground.prototype)
  .filter((name) => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(Playground.prototype, name).value === 'function');

test('every Playground method is forwarded to the twin or kept by the page, and only one of the two', () => {
  assert.ok(methods.length > 40, `the binding's methods were read: ${methods.length}`);
  const unsorted = methods.filter((m) => !EDITS.has(m) && !LOCAL.has(m));
  assert.deepEqual(unsorted, [], 'sort each new method into EDITS (it changes the scene) or LOCAL in www/protocol.js');
  assert.deepEqual([...EDITS].filter((m) => LOCAL.has(m)), [], 'no method is both');
  const gone = [...EDITS, ...LOCAL].filter((m) => !methods.includes(m));
  assert.deepEqual(gone, [], 'every sorted method exists in the binding');
  assert.deepEqual([...REBUILDS].filter((m) => !EDITS.has(m)), [], 'a rebuilding call is an edit');
  assert.deepEqual([...TIMELINE_RESTARTS].filter((m) => !REBUILDS.has(m)), [], 'a call that starts a timeline rebuilds');
});
