// Memory safety at the wasm API: every exported method, called with arguments whose
// `valueOf`, `toString`, getters or array items free the object, build a new one in its place, or
// call back into it, must never reach memory it does not own (a network built meanwhile stays
// exactly as a fresh one), never trap, and never leave an object borrowed for good. Then values
// nested thousands deep, by the API and through the page's file input, and a bare network fed
// numbers that overflow.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from './harness.js';

const env = useBrowser();

test('re-entrant arguments: every exported method, every argument, free / rebuild / call back', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.click('#play');
  const report = await page.evaluate(async () => {
    const mod = await import(new URL('pkg/scratchnet.js', location.href).href);
    const { Playground, Lesson, Network, LrFinder, TableReader } = mod;
    const tableText = new TextEncoder().encode('x,y,k\n1,2,a\n3,4,b\n5,6,a\n');
    const pgModel = (() => { const p = new Playground({ points: 40 }); const t = p.exportModel(); p.free(); return t; })();
    const pgPoints = (() => { const p = new Playground({ points: 40 }); const t = p.exportPoints(); p.free(); return t; })();
    const lessonModel = (() => { const l = new Lesson('first-input', 1); const t = l.exportModel(); l.free(); return t; })();
    const scene = {
      epoch: [], steps: [], plane: [], onPlane: [], multiClass: [], evaluate: [], evaluateSome: [10], trainLoss: [],
      testLoss: [], trainAccuracy: [], testAccuracy: [], pointCount: [], points: [], computeBoundary: [8, 0, 4],
      neuronMaps: [4], neuronMap: [1, 0, 8], inputMaps: [4], neuronLevels: [], boundaryProbabilities: [],
      layerSizes: [], weights: [], exportModel: [], confusion: ['test'], inspectPoint: [0],
    };
    // Valid arguments for every method each class exports: a method missing here fails the test,
    // so a new export cannot skip the sweep.
    const classes = {
      Playground: {
        make: () => new Playground({ points: 40, seed: 3 }),
        methods: {
          ...scene, set: [{ learningRate: 0.2 }], applyLink: [{ noise: 0.1 }], config: [], generate: [], reset: [],
          train: [2, 20], trainEpoch: [20], setWeight: [0, 0.5], adopt: [new Float64Array(17), 3, 40], canRestore: [],
          restoreBest: [], diverged: [], predict: [0.1, 0.2], addPoint: [0.1, 0.2, 1], removeNearest: [0, 0, 0.1],
          pick: [0, 0, 0.1], movePoint: [0, 0.1, 0.1, true], clear: [], undo: [], forgetHistory: [], trainPointCount: [], pointsEdited: [],
          pointsFollowLine: [], curveValues: [64], addPoints: [[0.1, 0.2], 1, true], deadRelus: [], classCount: [1], importModel: [pgModel], exportPoints: [],
          importPoints: [pgPoints], lrFinder: [2, 1], tableInfo: [], predictAll: [],
          timeline: [], lookBack: [0], goLive: [], takeSnapshots: [], adoptSnapshots: [Float64Array.of(5, 50, ...new Array(17).fill(0.1))],
          observeGradients: [8], gradientWeights: [], gradientErrors: [], gradientNorms: [], hiddenSpace: [1, 1, 2, 5, 5],
          landscape: ['random', 5, 1],
        },
      },
      TableReader: {
        make: () => new TableReader(),
        methods: { feed: [tableText], finish: [] },
      },
      Table: {
        make: () => { const r = new TableReader(); r.feed(tableText); const t = r.finish(); r.free(); return t; },
        methods: { info: [], select: [[0, 1], 2, 'a.csv', 0.3, 1] },
      },
      Lesson: {
        make: () => new Lesson('first-input', 1),
        methods: {
          ...scene, runSteps: [], setIterations: [100], startRun: [], train: [5, 20], setMethod: ['numeric'], fix: [],
          fixed: [], figures: [], gradients: [], currentExample: [], rows: [], canStep: [], stepExample: [], addPoint: [0.1, 0.2],
          importModel: [lessonModel], setActivation: ['tanh'],
        },
      },
      Network: {
        make: () => new Network([2, 3, 1], 'tanh', 'sigmoid', 5, 'f32'),
        methods: {
          precision: [], setLoss: ['squaredError'], params: [], setParams: [new Array(13).fill(0.1)],
          trainBatch: [[0.1, 0.2], [1], 0.5], trainExample: [0.1, 0.2, 1, 0.5], trainEpoch: [[0.1, 0.2], [1], 1, 0.5],
          setData: [[0.1, 0.2], [1]], trainOnData: [1, 0.5], predict: [0.1, 0.2], predictGrid: [[0.1, 0.2]],
          predictGridFast: [[0.1, 0.2]],
        },
      },
      LrFinder: {
        make: () => { const p = new Playground({ points: 20 }); const f = p.lrFinder(2, 1); p.free(); return f; },
        methods: { run: [5], done: [], progress: [], found: [] },
      },
      Landscape: {
        make: () => { const p = new Playground({ points: 20 }); const l = p.landscape('random', 5, 2); p.free(); return l; },
        methods: { advance: [5], done: [], progress: [], res: [], values: [], extent: [], path: [] },
      },
    };
    const bad = [];
    const exported = { Playground, Lesson, Network, LrFinder, TableReader, Table: mod.Table, Landscape: mod.Landscape };
    for (const [name, cls] of Object.entries(exported)) {
      const own = Object.getOwnPropertyNames(cls.prototype)
        .filter((m) => !['constructor', 'free', '__destroy_into_raw'].includes(m) && typeof cls.prototype[m] === 'function');
      for (const m of own) if (!(m in classes[name].methods)) bad.push(`${name}.${m} is exported but not swept`);
    }
    // What a network built in the middle of a call must look like: a fresh seed-7 network's.
    const victimOf = () => new Network([2, 3, 1], 'tanh', 'sigmoid', 7);
    const reference = (() => { const v = victimOf(); const p = Array.from(v.params()).join(); v.free(); return p; })();
    let calls = 0;
    let ran = 0;
    for (const [name, { make, methods }] of Object.entries(classes)) {
      for (const [method, valid] of Object.entries(methods)) {
        for (let position = 0; position < valid.length; position += 1) {
          for (const attack of ['free', 'rebuild', 'callback']) {
            for (const shape of ['valueOf', 'toPrimitive', 'toString', 'getter', 'item']) {
              const object = make();
              const victims = [];
              const hit = () => {
                ran += 1;
                if (attack === 'free') {
                  object.free();
                  victims.push(victimOf());
                } else if (attack === 'rebuild') {
                  object.free();
                  victims.push(make(), victimOf());
                } else {
                  for (const [m, args] of Object.entries(methods).slice(0, 6)) {
                    try { object[m](...args); } catch { /* a call back may be refused */ }
                  }
                }
              };
              const value = valid[position];
              let hostile;
              if (shape === 'valueOf') hostile = { valueOf() { hit(); return value; } };
              else if (shape === 'toPrimitive') hostile = { [Symbol.toPrimitive]() { hit(); return value; } };
              else if (shape === 'toString') hostile = { toString() { hit(); return String(value); } };
              else if (shape === 'getter') {
                // An object whose every key (and `length`) runs the attack when read.
                const base = typeof value === 'object' && value !== null ? value : { length: 1 };
                hostile = {};
                for (const key of new Set([...Object.keys(base), 'length'])) {
                  Object.defineProperty(hostile, key, { enumerable: true, get() { hit(); return base[key]; } });
                }
              } else {
                // An array whose first item runs the attack when read.
                hostile = Array.isArray(value) || ArrayBuffer.isView(value) ? Array.from(value) : [value];
                const first = hostile[0];
                Object.defineProperty(hostile, 0, { get() { hit(); return first; } });
              }
              const args = valid.slice();
              args[position] = hostile;
              calls += 1;
              const label = `${name}.${method} arg ${position} ${shape} ${attack}`;
              try {
                object[method](...args);
              } catch (e) {
                if (!(e instanceof Error)) bad.push(`${label}: threw ${String(e)}`);
                else if (e instanceof WebAssembly.RuntimeError || /unreachable|out of bounds|memory access/i.test(e.message)) bad.push(`${label}: ${e.message}`);
              }
              for (const v of victims) {
                if (v instanceof Network && Array.from(v.params()).join() !== reference) bad.push(`${label}: a network built during the call was changed`);
                v.free();
              }
              if (attack === 'callback') {
                // Not freed: it must still answer, never "recursive use" for good.
                try {
                  const [m, a] = Object.entries(methods)[0];
                  object[m](...a);
                } catch (e) {
                  bad.push(`${label}: unusable afterwards: ${e.message}`);
                }
                object.free();
              }
              // Whatever happened, the module works: a fresh network is a fresh network.
              const check = victimOf();
              if (Array.from(check.params()).join() !== reference) bad.push(`${label}: the module is damaged`);
              check.free();
            }
          }
        }
      }
    }
    return { bad: bad.slice(0, 30), count: bad.length, calls, ran };
  });
  await context.close();
  assert.deepEqual(report.bad, [], `${report.count} problems`);
  assert.ok(report.calls > 1000, `${report.calls} calls`);
  assert.ok(report.ran > 100, `attacks ran ${report.ran} times: the sweep reaches the getters it means to`);
  assert.deepEqual(errors, []);
});

/** `{"format": [[[…]]]}` nested `depth` deep. */
const nested = (depth) => `{"format": ${'['.repeat(depth)}1${']'.repeat(depth)}}`;

test('values nested thousands deep are refused by name and the object stays usable', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.click('#play');
  const out = await page.evaluate(async ({ deep }) => {
    const { Playground } = await import(new URL('pkg/scratchnet.js', location.href).href);
    const pg = new Playground({ points: 40 });
    const deepArray = JSON.parse(deep).format;
    const deepPoints = JSON.stringify({ format: 'scratchnet-points', version: 1, points: [{ x: JSON.parse(deep).format, y: 0, label: 1 }] });
    const attempts = [
      () => pg.importModel(deep),
      () => pg.importPoints(deepPoints),
      () => pg.set({ hiddenLayers: deepArray }),
      () => pg.applyLink({ features: deepArray }),
    ];
    const before = Array.from(pg.weights()).join();
    const messages = attempts.map((f) => { try { f(); return 'accepted'; } catch (e) { return e.message; } });
    const problems = pg.applyLink({ features: deepArray });
    return { messages, problems, same: Array.from(pg.weights()).join() === before, epoch: pg.epoch() };
  }, { deep: nested(5000) });
  // A file is refused by the depth bound; a config object may already fail to be copied (the
  // browser's structuredClone has a depth limit of its own): either way, by name.
  assert.match(out.messages[0], /^file: nested more than 16 levels deep/);
  assert.match(out.messages[1], /^file: nested more than 16 levels deep/);
  for (const m of [out.messages[2], ...out.problems]) assert.match(m, /^config: (nested more than 16 levels deep|could not be read)/);
  assert.ok(out.same, 'nothing changed');
  // Through the page's own file input: a message, and the page goes on drawing and training.
  await page.click('#import-model');
  await page.setInputFiles('#file-input', { name: 'deep.json', mimeType: 'application/json', buffer: Buffer.from(nested(5000)) });
  await page.waitForFunction(() => /deep\.json was not loaded/.test(document.getElementById('message').textContent));
  assert.match(await page.textContent('#message'), /nested more than 16 levels deep/);
  const epoch = await page.evaluate(() => window.scratchnet.pg.epoch());
  await page.click('#play');
  await page.waitForFunction((e) => window.scratchnet.pg.epoch() > e + 5, epoch);
  await context.close();
  assert.deepEqual(errors, []);
});

test('a bare f64 network fed numbers that overflow refuses the step and keeps finite weights', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  const out = await page.evaluate(async () => {
    const { Network } = await import(new URL('pkg/scratchnet.js', location.href).href);
    const net = new Network([2, 3, 1], 'relu', 'linear', 7);
    const messages = [];
    for (let i = 0; i < 20; i += 1) {
      try { net.trainExample(1e300, 1e300, 1, 1000); } catch (e) { messages.push(e.message); }
      try { net.trainBatch([1e300, -1e300], [1], 1000); } catch (e) { messages.push(e.message); }
    }
    const finite = Array.from(net.params()).every(Number.isFinite);
    net.setParams(net.params());
    return { messages, finite };
  });
  await context.close();
  assert.ok(out.finite);
  assert.ok(out.messages.length > 0, 'the overflow was reported');
  for (const m of out.messages) assert.match(m, /^train(Example|Batch): training diverged at learning rate 1000/);
  assert.deepEqual(errors, []);
});
