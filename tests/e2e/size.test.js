// The page's .wasm stays within its budget (benches/budget.mjs, gzip -9, as the benchmark reports it).
// Room for the design's packages (serde, serde-wasm-bindgen, the default allocator) without
// trading them for bytes, and a hard line that a careless dependency would cross.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { ROOT } from './harness.js';
import { WASM_BUDGET_BYTES } from '../../benches/budget.mjs';

test(`the .wasm is at most ${WASM_BUDGET_BYTES / 1024} KB gzipped`, () => {
  const wasm = readFileSync(path.join(ROOT, 'pkg', 'scratchnet_bg.wasm'));
  const gz = gzipSync(wasm, { level: 9 }).length;
  assert.ok(gz > 10 * 1024, `${gz} bytes: not the real build`);
  assert.ok(gz <= WASM_BUDGET_BYTES, `${gz} bytes gzipped, over the budget of ${WASM_BUDGET_BYTES}`);
});
