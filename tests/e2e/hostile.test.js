// Hostile input, seeded and repeatable: generated links, mutated model and point files, and every
// wasm export called with arguments it should refuse. Each case asserts: no uncaught error, no
// trap, the object still usable afterwards, the earlier state unchanged when refused, and a
// message that names what was wrong. Then specific attacks, one test each: links, frames, throwing
// callbacks, files, sizes, coercion, the server, the CSP, unknown keys, an exploding loss.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { useBrowser, openPage, ROOT } from './harness.js';
import { mulberry32 } from '../../benches/web/data.js';

const env = useBrowser();

/** A seeded generator of numbers in [0, 1): the benchmark's. */
const random = mulberry32;
const pick = (r, list) => list[Math.floor(r() * list.length)];

/** A blank page with the wasm module loaded, for driving the API directly. */
async function apiPage() {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.click('#play'); // paused: the page's own loop stays out of the way
  return { page, context, errors };
}

// ---------------------------------------------------------------------------------------------
// Links

const KEYS = ['hiddenLayers', 'hiddenActivation', 'outputActivation', 'loss', 'learningRate', 'batchSize',
  'optimizer', 'momentum', 'l1', 'l2', 'init', 'method', 'seed', 'dataset', 'points', 'noise', 'testFraction',
  'speed', 'log', 'lesson', '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype',
  'wobble', '', '%ZZ', '%E0', 'learning%52ate'];
const VALUES = ['', '%', '%E0%A4%A', '%ZZ', '-1', '0', '1', '2.5', '1e308', '-1e308', 'NaN', 'Infinity', '1e-400',
  'abc', 'tanh', 'softmax', 'step', 'xor', 'spiral', 'regressionPlane', 'numeric', 'adam', '64,64,64,64,64,64',
  '64,64,64,64,64,64,64', '0,4', '4,x', ',,', '100%', '%25', 'a'.repeat(300), '9007199254740993', '1,2,3', 'line',
  'first-input', '__proto__', 'true', 'null', '%00', '%F0%9F%98%80'];

function generatedLinks(count, seed) {
  const r = random(seed);
  const links = [];
  for (let i = 0; i < count; i += 1) {
    const parts = [];
    const n = 1 + Math.floor(r() * 6);
    for (let k = 0; k < n; k += 1) {
      const key = pick(r, KEYS);
      parts.push(r() < 0.1 ? key : `${key}=${pick(r, VALUES)}`);
    }
    // Keep the generated links cheap to apply: the expensive settings are tested on their own.
    links.push(`#${parts.join('&').replace(/points=[^&]*/g, 'points=50')}`);
  }
  return links;
}

test('fuzz: 600 generated links apply without an error; every problem is a short, named message', async () => {
  const { page, context, errors } = await apiPage();
  const failures = await page.evaluate(async (links) => {
    const { Playground } = await import(new URL('pkg/scratchnet.js', location.href).href);
    const { applyHash } = await import(new URL('www/state.js', location.href).href);
    const out = [];
    for (const link of links) {
      const pg = new Playground({ points: 50 });
      try {
        const { problems } = applyHash(link, pg);
        for (const p of problems) {
          if (typeof p !== 'string' || p.length > 400 || !/^[^:]{0,90}:/.test(p)) out.push([link, `message: ${p}`]);
        }
        pg.train(3, 20);
        pg.computeBoundary(8);
        pg.evaluate();
        pg.set(pg.config()); // what the link left is a valid config
      } catch (e) {
        out.push([link, String(e)]);
      }
      pg.free();
    }
    return out;
  }, generatedLinks(600, 18));
  await context.close();
  assert.deepEqual(failures, []);
  assert.deepEqual(errors, []);
});

// ---------------------------------------------------------------------------------------------
// Files

function mutations(text, seed, count) {
  const r = random(seed);
  const hostile = [null, -1, 0, 2.5, 1e308, -1e308, 'x', '', true, [], {}, [[[[[]]]]], 'a'.repeat(2000),
    { format: 'scratchnet-model' }, [1, 'x'], 2 ** 32, -0];
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const file = JSON.parse(text);
    const kind = Math.floor(r() * 8);
    const keys = Object.keys(file);
    const key = pick(r, keys);
    if (kind === 0) {
      delete file[key];
    } else if (kind === 1) {
      file[key] = pick(r, hostile);
    } else if (kind === 2) {
      file[pick(r, ['extra', '__proto__x', 'constructor', 'Layers'])] = pick(r, hostile);
    } else if (kind === 3 && Array.isArray(file[key]) && file[key].length) {
      const list = file[key];
      const j = Math.floor(r() * list.length);
      if (list[j] && typeof list[j] === 'object') {
        const inner = pick(r, Object.keys(list[j]).concat(['extra']));
        list[j][inner] = pick(r, hostile);
      } else {
        list[j] = pick(r, hostile);
      }
    } else if (kind === 4 && Array.isArray(file[key])) {
      file[key] = r() < 0.5 ? file[key].slice(0, Math.floor(r() * file[key].length)) : file[key].concat(file[key]);
    } else if (kind === 5) {
      out.push(text.slice(0, Math.floor(r() * text.length)));
      continue;
    } else if (kind === 6) {
      const at = Math.floor(r() * text.length);
      out.push(text.slice(0, at) + pick(r, ['}', ']', ',', '"', 'NaN', '\u0000', '{{']) + text.slice(at));
      continue;
    } else {
      file.version = pick(r, [0, 2, '1', 1.5, null]);
    }
    out.push(JSON.stringify(file));
  }
  return out;
}

test('fuzz: 400 mutated model and point files are refused by name or loaded, never half-applied', async () => {
  const { page, context, errors } = await apiPage();
  const exports = await page.evaluate(() => {
    const { pg } = window.scratchnet;
    pg.train(50);
    return { model: pg.exportModel(), points: pg.exportPoints() };
  });
  const cases = [
    ...mutations(exports.model, 7, 200).map((text) => ['importModel', text]),
    ...mutations(exports.points, 8, 200).map((text) => ['importPoints', text]),
  ];
  const failures = await page.evaluate(async (list) => {
    const { Playground } = await import(new URL('pkg/scratchnet.js', location.href).href);
    const pg = new Playground({ points: 100 });
    pg.train(20);
    const state = () => JSON.stringify([Array.from(pg.weights()), Array.from(pg.points()), pg.epoch(), pg.config()]);
    const out = [];
    let loaded = 0;
    for (const [method, text] of list) {
      const before = state();
      try {
        pg[method](text);
        loaded += 1;
        if (!Array.from(pg.weights()).every(Number.isFinite)) out.push([method, text.slice(0, 80), 'non-finite weights']);
        if (pg.layerSizes()[0] !== 2) out.push([method, text.slice(0, 80), 'not a playground network']);
        pg.undo(); // a loaded point set is one undo step; a model stays, which is fine
      } catch (e) {
        if (!(e instanceof Error) || /recursive use|unreachable|null pointer/.test(e.message)) out.push([method, String(e)]);
        else if (!/^[^:]{1,60}: |not valid JSON/.test(e.message)) out.push([method, `unnamed: ${e.message}`]);
        else if (state() !== before) out.push([method, text.slice(0, 80), 'refused but changed']);
      }
      pg.train(1); // still usable
    }
    return { out, loaded };
  }, cases);
  await context.close();
  assert.deepEqual(failures.out, []);
  assert.ok(failures.loaded < cases.length, 'most mutations are refused');
  assert.deepEqual(errors, []);
});

// ---------------------------------------------------------------------------------------------
// Every export, hostile arguments

test('fuzz: every wasm export with hostile arguments throws a named Error or works; the object stays usable', async () => {
  const { page, context, errors } = await apiPage();
  const report = await page.evaluate(async () => {
    const { Playground, Lesson, Network } = await import(new URL('pkg/scratchnet.js', location.href).href);
    const thrower = {};
    Object.defineProperty(thrower, 'learningRate', { enumerable: true, get() { throw new Error('boom'); } });
    Object.defineProperty(thrower, 'length', { get() { throw new Error('boom'); } });
    const proxy = new Proxy({}, {
      ownKeys() { throw new Error('trap'); },
      get() { throw new Error('trap'); },
      has() { throw new Error('trap'); },
    });
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    const endless = { length: 1, *[Symbol.iterator]() { for (;;) yield 0; } };
    const hostile = [revocable.proxy, Object.create(Float64Array.prototype), new Proxy(new Float64Array(3), {}), endless,
      -1, NaN, Infinity, -Infinity, 1e308, 2 ** 32, 2 ** 32 + 1, 1.5, 100.7, 0, null, undefined, '',
      'x', '1', true, [], [1], {}, { length: 2 ** 30 + 1 }, { length: 1e9 }, { length: 2 ** 27 + 1 }, 10n, Symbol('s'),
      () => 1, thrower, proxy, new Float64Array(3), new Float64Array([NaN, 1]), 'a'.repeat(200000)];
    const playground = () => new Playground({ points: 60 });
    const specs = [
      [playground, 'set', [{ learningRate: 0.2 }]], [playground, 'applyLink', [{ noise: 0.1 }]],
      [playground, 'train', [2, 20]], [playground, 'trainEpoch', [20]], [playground, 'evaluateSome', [10]],
      [playground, 'predict', [0.1, 0.2]], [playground, 'addPoint', [0.1, 0.2, 1]], [playground, 'removeNearest', [0, 0, 0.1]],
      [playground, 'pick', [0, 0, 0.1]], [playground, 'movePoint', [0, 0.1, 0.1, true]], [playground, 'classCount', [1]],
      [playground, 'importModel', ['{}']], [playground, 'importPoints', ['{}']], [playground, 'computeBoundary', [16, 0, 4]],
      [() => new Lesson('line', 1), 'setIterations', [100]], [() => new Lesson('first-input', 1), 'setIterations', [100]],
      [() => new Lesson('line', 1), 'train', [5, 20]], [() => new Lesson('line', 1), 'setMethod', ['numeric']],
      [() => new Lesson('first-input', 1), 'importModel', ['{}']], [() => new Lesson('line', 1), 'computeBoundary', [16]],
      [() => new Network([2, 5, 1], 'sigmoid', 'sigmoid', 1), 'setParams', [new Float64Array(21)]],
      [() => new Network([2, 5, 1], 'sigmoid', 'sigmoid', 1), 'trainBatch', [[0.1, 0.2], [1], 0.5]],
      [() => new Network([2, 5, 1], 'sigmoid', 'sigmoid', 1), 'trainEpoch', [[0.1, 0.2], [1], 1, 0.5]],
      [() => new Network([2, 5, 1], 'sigmoid', 'sigmoid', 1), 'predict', [0.1, 0.2]],
      [() => new Network([2, 5, 1], 'sigmoid', 'sigmoid', 1), 'predictGrid', [[0.1, 0.2]]],
      [() => new Network([2, 5, 1], 'sigmoid', 'sigmoid', 1), 'predictGridFast', [[0.1, 0.2]]],
      [() => new Network([2, 5, 1], 'sigmoid', 'sigmoid', 1), 'setLoss', ['squaredError']],
      [() => new Network([2, 5, 1], 'sigmoid', 'sigmoid', 1, 'f32'), 'trainExample', [0.1, 0.2, 1, 0.5]],
      [() => new Network([2, 5, 1], 'sigmoid', 'sigmoid', 1, 'f32'), 'setParams', [new Float64Array(21)]],
      [() => new Network([2, 5, 1], 'sigmoid', 'sigmoid', 1, 'f32'), 'setData', [[0.1, 0.2], [1]]],
      [() => { const n = new Network([2, 5, 1], 'sigmoid', 'sigmoid', 1, 'f32'); n.setData([0.1, 0.2], [1]); return n; },
        'trainOnData', [1, 0.5]],
      [playground, 'adopt', [new Float64Array(17), 3, 40]],
      [playground, 'neuronMaps', [8]], [playground, 'neuronMap', [1, 2, 16]], [playground, 'inputMaps', [8]],
      [playground, 'set', [{ features: ['x', 'xy'] }]],
    ];
    const constructors = [
      [(a) => new Playground(...a), [{}]], [(a) => new Lesson(...a), ['line', 1]],
      [(a) => new Network(...a), [[2, 3, 1], 'tanh', 'sigmoid', 1, 'f32']],
    ];
    const usable = (o) => (o instanceof Network ? o.params().length : o.epoch() + o.pointCount());
    const snapshot = (o) => (o instanceof Network ? Array.from(o.params()).join()
      : JSON.stringify([Array.from(o.weights()), Array.from(o.points()), o.epoch()]));
    const bad = [];
    let calls = 0;
    const judge = (label, e) => {
      if (!(e instanceof Error)) bad.push(`${label}: threw a non-Error ${String(e)}`);
      else if (e instanceof WebAssembly.RuntimeError || /recursive use|unreachable|null pointer/.test(e.message)) bad.push(`${label}: ${e.message}`);
      else if (e.message.length > 400) bad.push(`${label}: a message of ${e.message.length} characters`);
    };
    for (const [make, method, valid] of specs) {
      for (let position = 0; position < valid.length; position += 1) {
        for (const [h, value] of hostile.entries()) {
          const object = make();
          const args = valid.slice();
          args[position] = value;
          const before = snapshot(object);
          let refused = false;
          calls += 1;
          try {
            object[method](...args);
          } catch (e) {
            refused = true;
            judge(`${method} arg ${position} hostile #${h}`, e);
          }
          try {
            usable(object);
            if (refused && snapshot(object) !== before) bad.push(`${method} arg ${position} hostile #${h}: refused but changed`);
          } catch (e) {
            bad.push(`${method} arg ${position} hostile #${h}: unusable afterwards: ${e.message}`);
          }
          object.free();
        }
      }
    }
    for (const [make, valid] of constructors) {
      for (let position = 0; position < valid.length; position += 1) {
        for (const [h, value] of hostile.entries()) {
          const args = valid.slice();
          args[position] = value;
          calls += 1;
          try {
            make(args).free();
          } catch (e) {
            judge(`constructor arg ${position} hostile #${h}`, e);
          }
        }
      }
    }
    // After free(), every call says so in words.
    for (const [make, method, valid] of specs) {
      const object = make();
      object.free();
      try {
        object[method](...valid);
        bad.push(`${method} after free() did not throw`);
      } catch (e) {
        if (!/freed/.test(e.message)) bad.push(`${method} after free(): ${e.message}`);
      }
    }
    return { bad, calls };
  });
  await context.close();
  assert.deepEqual(report.bad, []);
  assert.ok(report.calls > 1500, `${report.calls} calls`);
  assert.deepEqual(errors, []);
});

// ---------------------------------------------------------------------------------------------
// Specific attacks, one test each

test('links that stopped the page start it, naming what was skipped', async () => {
  for (const [hash, named] of [['#seed=%', 'seed'], ['#learningRate=%E0%A4%A', 'learningRate'], ['#%ZZ=1', '%ZZ'],
    ['#lesson=%E0', 'lesson'], ['#dataset=xor&learningRate=100%', 'learningRate'], ['#__proto__=1', '__proto__'],
    ['#constructor=1', 'constructor'], ['#toString=1', 'toString'], ['#valueOf=1', 'valueOf'],
    ['#hasOwnProperty=1', 'hasOwnProperty']]) {
    const { page, context, errors } = await openPage(env.browser, env.server.url, hash);
    const message = await page.textContent('#message');
    await context.close();
    assert.deepEqual(errors, [], hash);
    assert.ok(message.includes(named), `${hash}: ${message}`);
    if (hash === '#dataset=xor&learningRate=100%') {
      // the rest of the link still applies
      assert.ok(message.includes('learningRate'), message);
    }
  }
});

test('the worst link keeps the page responsive: frames keep coming while its step is under way, and Pause acts', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url,
    '#method=numeric&hiddenLayers=64,64,64,64,64,64&points=5000&batchSize=10000');
  // One numeric full-batch step of 6 × 64 on 3 500 points is billions of forward passes: the page
  // must go on drawing while it is under way, which it can only do if the work is split into
  // parts. Count the page's own frames rather than time them.
  const frames = await page.evaluate(() => new Promise((resolve) => {
    let count = 0;
    const tick = () => (++count >= 30 ? resolve(count) : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }));
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false');
  const steps = await page.evaluate(() => window.scratchnet.pg.steps());
  // Paused: further frames bring no step either.
  await page.evaluate(() => new Promise((resolve) => {
    let left = 10;
    const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }));
  const after = await page.evaluate(() => window.scratchnet.pg.steps());
  await context.close();
  assert.deepEqual(errors, []);
  assert.equal(frames, 30, 'thirty frames were drawn while the step ran');
  assert.equal(steps, 0, 'the step is still under way (split into parts), and none froze the page');
  assert.equal(after, steps, 'paused');
});

test('a call that throws in JavaScript leaves the object usable', async () => {
  const { page, context } = await apiPage();
  const results = await page.evaluate(async () => {
    const { Playground, Network } = await import(new URL('pkg/scratchnet.js', location.href).href);
    const out = [];
    const net = new Network([2, 5, 1], 'sigmoid', 'sigmoid', 1);
    for (const v of [-1, Infinity, -Infinity, 1e308, 2 ** 32, 10n, Symbol('s')]) {
      try { net.setParams(v); out.push('accepted'); } catch (e) { out.push(e.message); }
      out.push(`after: ${net.predict(0.1, 0.2).toFixed(3)}`);
    }
    const pg = new Playground({});
    const getter = {};
    Object.defineProperty(getter, 'learningRate', { enumerable: true, get() { throw new Error('getter'); } });
    const proxy = new Proxy({}, { ownKeys() { throw new Error('ownKeys'); } });
    for (const v of [getter, proxy]) {
      try { pg.set(v); out.push('accepted'); } catch (e) { out.push(e.message); }
      out.push(`after: ${pg.train(1)}`);
    }
    return out;
  });
  await context.close();
  for (let i = 0; i < results.length; i += 2) {
    assert.match(results[i], /^(params|config): /, results[i]);
    assert.match(results[i + 1], /^after: /);
  }
});

test('files the page cannot show or hold are refused by name', async () => {
  const { page, context } = await apiPage();
  const messages = await page.evaluate(() => {
    const { pg } = window.scratchnet;
    const good = JSON.parse(pg.exportModel());
    const file = (over) => JSON.stringify({ ...good, ...over });
    const cases = [
      file({ params: good.params.map(() => 1e308) }),
      file({ layers: [2, 4], hiddenActivations: [], params: new Array(12).fill(0.1) }),
      file({ layers: [2, 4, 2], hiddenActivations: ['tanh'], params: new Array(22).fill(0.1) }),
      file({ layers: [2, 3, 8], hiddenActivations: ['tanh'], params: new Array(9 + 32).fill(0.1) }),
      // Each layer may have its own activation, but only one free play offers.
      file({ layers: [2, 4, 4, 1], hiddenActivations: ['relu', 'step'], params: new Array(12 + 20 + 5).fill(0.1) }),
      file({ hiddenActivations: ['step'] }),
    ];
    const before = Array.from(pg.weights()).join();
    const out = cases.map((text) => { try { pg.importModel(text); return 'accepted'; } catch (e) { return e.message; } });
    out.push(Array.from(pg.weights()).join() === before ? 'unchanged' : 'changed');
    return out;
  });
  await context.close();
  assert.match(messages[0], /^params\[0\]: 1e\+308 is outside/);
  assert.match(messages[1], /^layers\[1\]: /);
  assert.match(messages[2], /^layers\[2\]: /);
  assert.match(messages[3], /^layers\[2\]: /);
  assert.match(messages[4], /^hiddenActivations\[1\]: "step" is not offered/);
  assert.match(messages[5], /^hiddenActivations\[0\]: "step" is not offered/);
  assert.equal(messages[6], 'unchanged');
});

test('sizes are refused before they are allocated; a call has a cap in steps', async () => {
  const { page, context } = await apiPage();
  const out = await page.evaluate(async () => {
    const { Playground, Network } = await import(new URL('pkg/scratchnet.js', location.href).href);
    const memory = () => performance.memory?.usedJSHeapSize ?? 0;
    const wasmBytes = () => window.scratchnet.pg.weights().buffer.byteLength;
    const pg = new Playground({});
    const results = {};
    // Each call's message, and how much the wasm memory grew during it: a size refused before it is
    // allocated grows nothing.
    const time = (f) => { const b = wasmBytes(); let m; try { f(); m = 'ok'; } catch (e) { m = e.message; } return [m, wasmBytes() - b]; };
    results.model = time(() => pg.importModel({ length: 2 ** 30 + 1 }));
    results.network = time(() => new Network({ length: 2 ** 27 + 1 }, 'tanh', 'sigmoid', 1));
    const before = wasmBytes();
    for (let i = 0; i < 10; i += 1) time(() => pg.importModel({ length: 1e7 }));
    results.leak = wasmBytes() - before;
    const net = new Network([2, 5, 1], 'sigmoid', 'sigmoid', 1);
    results.params = time(() => net.setParams({ length: 1e9 }));
    results.train = time(() => pg.train(1e7));
    results.trainSteps = pg.steps();
    const huge = `{"format":"scratchnet-points","version":1,"points":[${'{"x":0,"y":0,"label":0},'.repeat(1e6)}{"x":0,"y":0,"label":0}]}`;
    results.bigFile = time(() => pg.importPoints(huge));
    results.heap = memory();
    return results;
  });
  await context.close();
  assert.match(out.model[0], /^file: expected text, got an object/);
  assert.match(out.network[0], /^layers: .* at most 8 accepted/);
  assert.equal(out.leak, 0, 'refused imports grow no wasm memory');
  assert.match(out.params[0], /^params: 1000000000 values, at most 21 accepted/);
  assert.equal(out.train[0], 'ok');
  assert.ok(out.trainSteps > 0 && out.trainSteps < 1e7, `train(1e7) stopped at its time cap after ${out.trainSteps} steps`);
  // 25 M characters: within a table file's 32 M, so counted (where JSON.parse left it) and refused.
  assert.match(out.bigFile[0], /^points: 1000001 points, at most 5000 allowed/);
  for (const key of ['model', 'network', 'params', 'bigFile']) assert.equal(out[key][1], 0, `${key} grew the wasm memory by ${out[key][1]} bytes`);
});

test('no silent coercion: each bad argument is named', async () => {
  const { page, context } = await apiPage();
  const out = await page.evaluate(async () => {
    const { Playground, Lesson, Network } = await import(new URL('pkg/scratchnet.js', location.href).href);
    const pg = new Playground({});
    const lesson = new Lesson('first-input', 1);
    const net = new Network([2, 5, 1], 'sigmoid', 'sigmoid', 1);
    const m = (f) => { try { f(); return 'accepted'; } catch (e) { return e.message; } };
    const freed = new Playground({});
    freed.free();
    return [
      ...[-1, NaN, 1.5, 2 ** 32 + 1].map((v) => m(() => pg.classCount(v))),
      ...[-1, NaN, 1e308].map((v) => m(() => pg.evaluateSome(v))),
      m(() => lesson.setIterations(100.7)),
      m(() => pg.addPoint(null, 0, null)),
      m(() => net.trainBatch([0.1, 0.2], [1], -1)),
      m(() => net.trainBatch([0.1, 0.2], [1], 1e308)),
      m(() => net.trainBatch([NaN, 0.2], [1], 0.1)),
      m(() => net.predictGridFast([0.1, 0.2, 0.3])),
      m(() => freed.epoch()),
    ];
  });
  await context.close();
  for (const message of out.slice(0, 4)) assert.match(message, /^label: /);
  for (const message of out.slice(4, 7)) assert.match(message, /^budget: /);
  assert.match(out[7], /^iterations: 100\.7 is not a whole number/);
  assert.match(out[8], /^x: expected a number, got null/);
  assert.match(out[9], /^learningRate: -1 is outside/);
  assert.match(out[10], /^learningRate: 1e\+308 is outside/);
  assert.match(out[11], /^xs\[0\]: NaN is not a finite number/);
  assert.match(out[12], /^predictGridFast: 3 values are not whole examples/);
  assert.match(out[13], /freed/);
});

/** Raw GET of `target` with `host` as the Host header; resolves to the status. */
function get(port, target, host) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.end();
  });
}

test('the server serves the page only, never a dotfile, and only to its own host names', async () => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'serve.mjs'), '--quiet'], {
    cwd: ROOT, stdio: 'ignore', env: { ...process.env, PORT: String(port) },
  });
  try {
    const own = `127.0.0.1:${port}`;
    for (let i = 0; i < 50 && await get(port, '/', own).catch(() => 0) !== 200; i += 1) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await get(port, '/', own), 200);
    assert.equal(await get(port, '/www/main.js', `localhost:${port}`), 200);
    assert.equal(await get(port, '/pkg/scratchnet_bg.wasm', own), 200);
    for (const target of ['/.git/config', '/%2egit/config', '/.git/index', '/.cargo/config.toml', '/.ci/run',
      '/www/../.git/config', '/www/%2e%2e/.git/config', '/Cargo.toml', '/crate/lib.rs', '/package.json',
      '/node_modules/sirv/package.json', '/tests/e2e/harness.js', '//package.json/', '//.git/x/..', '/www/..%5c.git/config']) {
      assert.ok([400, 404].includes(await get(port, target, own)), target);
    }
    assert.equal(await get(port, '/', `evil.example:${port}`), 421, 'a rebound DNS name is refused');
    assert.equal(await get(port, '/', `127.0.0.1:${port + 1}`), 421);
  } finally {
    child.kill();
  }
});

test('no Content-Security-Policy violation in any main state', async () => {
  const states = [['free play', ''], ['a message', '#learningRate=abc'], ['narrow', '', { width: 390, height: 844 }]];
  for (const id of ['line', 'perceptron-and', 'xor', 'first-input', 'new-situation', 'regression']) states.push([id, `#lesson=${id}`]);
  for (const [name, hash, viewport] of states) {
    const { page, context, errors } = await openPage(env.browser, env.server.url, hash, viewport);
    if (name === 'free play') await page.click('#play'); // paused too
    if (hash.startsWith('#lesson=')) {
      await page.selectOption('#lesson-pace', 'instant'); // the run's pace adds no state
      await page.click('#lesson-run');
      await page.waitForFunction(() => document.getElementById('lesson-panel').dataset.running === 'false', null, { timeout: 30000 });
    }
    const violations = await page.evaluate(() => window.cspViolations);
    await context.close();
    assert.deepEqual(violations, [], name);
    assert.deepEqual(errors, [], name);
  }
});

test('5 000 unknown keys make one short message with a count', async () => {
  const keys = Array.from({ length: 5000 }, (_, i) => `k${i}=1`).join('&');
  const { page, context, errors } = await openPage(env.browser, env.server.url, `#${keys}`);
  const message = await page.textContent('#message');
  await context.close();
  assert.deepEqual(errors, []);
  assert.ok(message.length < 400, `${message.length} characters`);
  assert.match(message, /5000 unknown settings: k0, k1, k2, …/);
});

test('a loss that explodes without NaN pauses, says so, and offers the weights from before', async () => {
  // A circle learnt by 4 tanh neurons, then η = 10: the loss leaves 0.7 for 4 or more and stays.
  // Reset and a fixed number of steps make the run the same every time, whatever the frame rate.
  const { page, context, errors } = await openPage(env.browser, env.server.url,
    '#dataset=circle&hiddenLayers=4&learningRate=0.3&speed=2000');
  await page.click('#play');
  await page.click('#reset');
  const trained = await page.evaluate(async () => {
    const { pg, trainer } = window.scratchnet;
    await trainer.run(600); // wherever training runs (the worker's twin, or this thread)
    pg.evaluate();
    return pg.trainLoss();
  });
  await page.$eval('#learning-rate', (el) => {
    el.value = '1000'; // η = 10
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false', null, { timeout: 30000 });
  const message = await page.textContent('#message');
  assert.match(message, /rose from .* to .* at learning rate 10/);
  await page.click('#restore-weights');
  await page.evaluate(() => window.scratchnet.trainer.settled()); // the twin's restored weights, adopted
  const restored = await page.evaluate(() => { const { pg } = window.scratchnet; pg.evaluate(); return pg.trainLoss(); });
  await context.close();
  assert.deepEqual(errors, []);
  assert.ok(restored <= trained * 1.5 + 0.05, `restored weights score ${restored}; before η went up, ${trained}`);
});
