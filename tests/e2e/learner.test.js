// What a learner trips on: work is never lost to an anchor, a hash change, another tab
// or Start over; and the controls agree with the network they set.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, pause, settle } from './harness.js';

const env = useBrowser();

const LINK = '#seed=7&dataset=xor&hiddenLayers=8&learningRate=0.3';

/** The scene as a learner would miss it: points, network, the link and the stored state. */
const scene = (page) => page.evaluate(() => ({
  count: window.scratchnet.pg.pointCount(), layers: window.scratchnet.pg.config().hiddenLayers.join(),
  dataset: window.scratchnet.pg.config().dataset, hash: location.hash, stored: localStorage.getItem('scratchnet-state'),
  message: document.getElementById('message').textContent,
}));

async function threeClicks(page) {
  const box = await page.locator('#plot').boundingBox();
  for (const [fx, fy] of [[0.2, 0.2], [0.7, 0.3], [0.4, 0.8]]) await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
}

test('the skip link focuses the plot and keeps the scene, its points and the stored state', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, LINK);
  await pause(page);
  await threeClicks(page);
  const before = await scene(page);
  assert.equal(before.count, 203);
  await page.focus('.skip-link');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  const after = await scene(page);
  const focused = await page.evaluate(() => document.activeElement?.id);
  await context.close();
  assert.deepEqual({ ...after, message: '' }, { ...before, message: '' });
  assert.doesNotMatch(after.message, /unknown setting/);
  assert.equal(focused, 'plot');
  assert.deepEqual(errors, []);
});

test('no hash change without a setting, no other tab and no worker message rebuilds the scene', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, LINK);
  await pause(page);
  await threeClicks(page);
  const before = await scene(page);
  // An anchor typed into the address bar, an empty hash, the same link again.
  for (const hash of ['#plot', '#', '#help', before.hash]) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForTimeout(300);
    const now = await scene(page);
    assert.equal(now.count, 203, hash);
    assert.equal(now.layers, '8', hash);
    assert.equal(now.hash, before.hash, `${hash}: the link is the state's again`);
    assert.equal(now.stored, before.stored, hash);
  }
  // Another tab saves its own state: this one keeps its scene and says what a new tab gets.
  const other = await context.newPage();
  await other.goto(`${env.server.url}#dataset=circle`);
  await other.waitForSelector('body[data-ready="true"]');
  await other.click('#play');
  await page.waitForFunction(() => /Another tab/.test(document.getElementById('message').textContent));
  const after = await scene(page);
  assert.equal(after.count, 203);
  assert.equal(after.dataset, before.dataset);
  assert.equal(after.hash, before.hash);
  // The worker's states while training: the points stay (only weights are adopted).
  await page.click('#play');
  await page.waitForTimeout(800);
  assert.equal((await scene(page)).count, 203);
  await context.close();
  assert.deepEqual(errors, []);
});

test('Start over says what it did, and Undo brings the scene back', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, LINK);
  await pause(page);
  await threeClicks(page);
  const before = await scene(page);
  await page.click('#start-over');
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => /Started over/.test(document.getElementById('message').textContent));
  const reset = await scene(page);
  assert.equal(reset.dataset, 'line');
  assert.match(reset.message, /Undo brings back the scene before \(203 points\)/);
  await page.click('#undo');
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => window.scratchnet.pg?.pointCount() === 203);
  const back = await scene(page);
  await context.close();
  assert.equal(back.layers, '8');
  assert.equal(back.dataset, 'xor');
  assert.equal(back.count, before.count);
  assert.deepEqual(errors, []);
});

test('Undo on a fresh page, and on a page opened from a link, never empties the plane', async () => {
  for (const hash of ['', '#dataset=xor', LINK]) {
    const { page, context } = await openPage(env.browser, env.server.url, hash);
    await pause(page);
    const before = await scene(page);
    await page.click('#undo');
    await page.keyboard.press('Control+z');
    const after = await scene(page);
    await context.close();
    assert.equal(after.count, before.count, hash);
    assert.equal(after.dataset, before.dataset, hash);
  }
});

test('the controls agree with the network: mixed activations, no hidden layer, a layer count brought in range', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#hiddenLayers=8,4');
  await pause(page);
  await page.selectOption('#layer-controls select[data-layer="1"]', 'relu');
  assert.equal(await page.inputValue('#activation'), 'mixed');
  assert.match(await page.textContent('#activation option[value="mixed"]'), /mixed/);
  // One activation for all again: the menu names it.
  await page.selectOption('#activation', 'sigmoid');
  assert.equal(await page.inputValue('#activation'), 'sigmoid');
  assert.equal(await page.locator('#activation option[value="mixed"]').count(), 0);
  await page.fill('#hidden-layers', '0');
  await page.dispatchEvent('#hidden-layers', 'change');
  assert.equal(await page.inputValue('#neurons'), '');
  assert.match(await page.getAttribute('#neurons', 'placeholder'), /no hidden layer/);
  await page.fill('#hidden-layers', '7');
  await page.dispatchEvent('#hidden-layers', 'change');
  assert.equal(await page.inputValue('#hidden-layers'), '6');
  assert.match(await page.textContent('#message'), /Hidden layers: "7" is not a whole number from 0 to 6, so 6 it is/);
  // The sizes come back with the layers.
  assert.equal(await page.evaluate(() => window.scratchnet.pg.config().hiddenLayers.join()), '8,4,4,4,4,4');
  await context.close();
});

test('the learning rate can be typed exactly, travels in the link as typed, and a bad one is named', async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await pause(page);
  await page.fill('#learning-rate-input', '0.3');
  await page.press('#learning-rate-input', 'Enter');
  assert.equal(await page.evaluate(() => window.scratchnet.pg.config().learningRate), 0.3);
  assert.match(await page.evaluate(() => location.hash), /learningRate=0\.3(&|$)/);
  assert.equal(await page.textContent('#learning-rate-value'), '0.3');
  for (const [typed, named] of [['abc', /Learning rate: "abc" is not a number/], ['0', /learningRate: 0 is outside \[0\.0001, 10\]/],
    ['11', /learningRate: 11 is outside/]]) {
    await page.fill('#learning-rate-input', typed);
    await page.press('#learning-rate-input', 'Enter');
    assert.match(await page.textContent('#message'), named, typed);
    assert.equal(await page.evaluate(() => window.scratchnet.pg.config().learningRate), 0.3, typed);
    assert.equal(await page.inputValue('#learning-rate-input'), '0.3', 'the box shows the rate in force again');
  }
  await context.close();
});

test('the learning-rate finder says so when no rate lowers the loss, and suggests none', async () => {
  // A network without a hidden layer on XOR, trained to where a line does best: no line separates
  // XOR, and no rate takes the loss further.
  const { page, context } = await openPage(env.browser, env.server.url, '#dataset=xor&hiddenLayers=&learningRate=0.1');
  await pause(page);
  await page.evaluate(() => window.scratchnet.trainer.run(5000));
  await settle(page);
  await page.click('#lr-finder');
  await page.waitForFunction(() => window.scratchnet.finder.found !== null, null, { timeout: 60000 });
  const out = await page.evaluate(() => ({ text: document.getElementById('lr-result').textContent,
    use: !document.getElementById('lr-use').hidden, found: window.scratchnet.finder.found }));
  await context.close();
  const best = Math.min(...out.found.losses.filter((l, i) => !out.found.diverged[i]));
  assert.ok(best > out.found.initialLoss * 0.98, `best ${best} from ${out.found.initialLoss}: the scene must not improve`);
  assert.match(out.text, /^No rate lowered the training loss by more than 2 % in 30 epochs/);
  assert.ok(out.text.includes(best.toFixed(4)) && out.text.includes(out.found.initialLoss.toFixed(4)), out.text);
  assert.equal(out.use, false);
});

test('overfitting is told in words, marked on the loss chart, with what helps', async () => {
  // A scene that overfits: 4 arms, 200 points, 16, 16, Adam at 0.01: the training loss falls towards 0
  // while the test loss climbs.
  const { page, context, errors } = await openPage(env.browser, env.server.url,
    '#problem=multi-class&classes=4&dataset=spiral&points=200&hiddenLayers=16,16&optimizer=adam&learningRate=0.01&speed=100000');
  await page.waitForFunction(() => /^Overfitting: since epoch/.test(document.getElementById('message').textContent), null, { timeout: 90000 });
  const out = await page.evaluate(() => ({ text: document.getElementById('message').textContent,
    marks: window.scratchnet.chart.marks.filter((m) => m.kind === 'overfit'), samples: window.scratchnet.chart.samples }));
  await context.close();
  const [, epoch, testBest, testNow, trainBest, trainNow] = out.text.match(
    /since epoch (\d+) the test loss has risen from (\d+\.\d+) to (\d+\.\d+) while the training loss fell from (\d+\.\d+) to (\d+\.\d+)/).map(Number);
  assert.ok(testNow > testBest * 1.2 && trainNow < trainBest, out.text);
  assert.match(out.text, /more points, L2 regularisation, a smaller network/);
  assert.equal(out.marks.length, 1);
  assert.equal(out.marks[0].epoch, epoch);
  // The chart's own samples agree: the test loss at the mark is near the lowest it recorded.
  const tests = out.samples.map((s) => s.test).filter(Number.isFinite);
  assert.ok(Math.min(...tests) <= testBest + 5e-5, `${Math.min(...tests)} against ${testBest} (quoted to 4 decimals)`);
  assert.deepEqual(errors, []);
});

test('on touch the weight editor closes with a button and pins its neuron\'s map on the plot', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await pause(page);
  await page.tap('#network-neurons .neuron[data-layer="1"][data-neuron="2"]');
  await page.waitForSelector('#weight-editor:not([hidden])');
  await page.tap('#weight-show-map');
  await page.waitForFunction(() => !document.getElementById('plot-caption').hidden);
  assert.equal(await page.textContent('#plot-caption'), 'layer 1, neuron 2');
  assert.equal(await page.getAttribute('#weight-show-map', 'aria-pressed'), 'true');
  await page.tap('#weight-close');
  assert.equal(await page.isHidden('#weight-editor'), true);
  // Unpinned: once the neuron (which gets the focus back) is left, the plot shows the output again.
  await page.evaluate(() => document.activeElement.blur());
  await page.waitForFunction(() => document.getElementById('plot-caption').hidden);
  // Esc closes it with the focus anywhere but another field.
  await page.tap('#network-neurons .neuron[data-layer="1"][data-neuron="1"]');
  await page.waitForSelector('#weight-editor:not([hidden])');
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('Escape');
  assert.equal(await page.isHidden('#weight-editor'), true);
  await context.close();
});

test('Inspect tells what the network makes of a point, by click, Alt-click and keyboard', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#points=40&seed=4');
  await pause(page);
  const box = await page.locator('#plot').boundingBox();
  const first = await page.evaluate(() => Array.from(window.scratchnet.pg.points().slice(0, 3)));
  const at = { x: box.x + ((first[0] + 1) / 2) * box.width, y: box.y + ((1 - first[1]) / 2) * box.height };
  const count = await page.textContent('#point-count');
  await page.check('#inspect');
  await page.mouse.click(at.x, at.y);
  assert.equal(await page.textContent('#point-count'), count, 'inspecting adds nothing');
  const text = await page.textContent('#inspect-details');
  const report = await page.evaluate(() => window.scratchnet.pg.inspectPoint(0));
  assert.match(text, /^Point 1 \(training\) at x = /);
  assert.ok(text.includes(`loss ${Number(report.loss.toPrecision(4))}`), text);
  assert.match(text, report.misclassified ? /misclassified: the network says class/ : /classified right/);
  // Alt-click with the box unticked; then a plain click adds again.
  await page.uncheck('#inspect');
  await page.keyboard.down('Alt');
  await page.mouse.click(at.x, at.y);
  await page.keyboard.up('Alt');
  assert.equal(await page.textContent('#point-count'), count);
  assert.match(await page.textContent('#inspect-details'), /^Point 1 /);
  // The keyboard cursor: I describes the nearest point in the live region.
  await page.focus('#plot');
  await page.keyboard.press('i');
  assert.match(await page.textContent('#plot-status'), /^(Point \d+|No point within reach)/);
  await context.close();
  assert.deepEqual(errors, []);
});

test('the confusion matrix counts the test points by default and agrees with the accuracy', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url,
    '#problem=multi-class&classes=3&dataset=gaussians&points=300&testFraction=0.3');
  await page.waitForFunction(() => window.scratchnet.pg.epoch() > 30);
  await pause(page);
  await page.evaluate(() => { window.scratchnet.lastConfusion = -Infinity; });
  await page.waitForTimeout(700);
  const out = await page.evaluate(() => ({
    cells: [...document.querySelectorAll('#confusion-table tr')].slice(1).map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))),
    accuracy: window.scratchnet.pg.testAccuracy(), tests: window.scratchnet.pg.pointCount() - window.scratchnet.pg.trainPointCount(),
    note: document.getElementById('confusion-note').textContent, set: document.getElementById('confusion-set').value,
  }));
  assert.equal(out.set, 'test');
  assert.equal(out.cells.length, 3);
  const total = out.cells.flat().reduce((a, b) => a + b, 0);
  const right = out.cells.reduce((a, row, i) => a + row[i], 0);
  assert.equal(total, out.tests);
  assert.ok(Math.abs(right / total - out.accuracy) < 1e-9, `${right}/${total} against ${out.accuracy}`);
  assert.match(out.note, new RegExp(`^Test points: ${right} of ${total} right`));
  await page.selectOption('#confusion-set', 'train');
  assert.match(await page.textContent('#confusion-note'), /^Training points: /);
  // Regression has no classes: no matrix.
  await page.selectOption('#problem', 'regression');
  assert.equal(await page.isHidden('#confusion'), true);
  await context.close();
  assert.deepEqual(errors, []);
});

/** The top and bottom of an element in the viewport. */
const span = (page, selector) => page.evaluate((s) => {
  const r = document.querySelector(s).getBoundingClientRect();
  return { top: r.top, bottom: r.bottom };
}, selector);

test('every layout shows the plot first: one column from 800 to 900 px, both pictures on a laptop', async () => {
  for (const width of [390, 801, 850, 900, 950, 1000, 1050, 1100, 1280]) {
    const { page, context } = await openPage(env.browser, env.server.url, '', { width, height: 800 });
    const plot = await span(page, '#plot');
    const controls = await span(page, '#problem');
    await context.close();
    assert.ok(plot.top < 800, `${width}: the plot starts at ${plot.top}, below the first screen`);
    if (width <= 900) assert.ok(plot.top < controls.top, `${width}: one column, the plot comes first`);
  }
  // A laptop: the plot and the whole loss chart on the first screen, with readable y ticks.
  const { page, context } = await openPage(env.browser, env.server.url, '', { width: 1280, height: 800 });
  await page.waitForFunction(() => window.scratchnet.pg.epoch() > 3);
  const [plot, chart] = [await span(page, '#plot'), await span(page, '#loss-chart')];
  const ticks = await page.evaluate(() => window.scratchnet.chart.yTicks);
  await context.close();
  assert.ok(plot.bottom <= 800 && chart.bottom <= 800, `plot ends at ${plot.bottom}, the chart at ${chart.bottom}`);
  assert.ok(ticks.length > 2, `y ticks ${ticks}`);
  // A 1280 × 720 projector at 125 % and 150 %: 1024 × 576 and 853 × 480 CSS pixels.
  for (const [width, height, scale] of [[1024, 576, 1.25], [853, 480, 1.5]]) {
    const zoomed = await env.browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
    const z = await zoomed.newPage();
    await z.goto(env.server.url);
    await z.waitForSelector('body[data-ready="true"]');
    const [zp, zc] = [await span(z, '#plot'), await span(z, '#problem')];
    await zoomed.close();
    assert.ok(zp.top < height, `${scale * 100} %: the plot starts at ${zp.top}`);
    assert.ok(zp.top < zc.top || width > 900, `${scale * 100} %: the plot before the controls`);
  }
});

test('on a phone a lesson runs in view: the plot and its figures are on screen after Run', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${env.server.url}#lesson=line`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator('#lesson-run').scrollIntoViewIfNeeded();
  await page.tap('#lesson-run');
  await page.waitForTimeout(500);
  const [plot, figures] = [await span(page, '#plot'), await span(page, '#lesson-figures')];
  await context.close();
  assert.ok(plot.top >= 0 && plot.bottom <= 844, `the plot at ${plot.top}–${plot.bottom}`);
  assert.ok(figures.top >= plot.bottom - 1 && figures.bottom <= 845, `the figures at ${figures.top}–${figures.bottom}`);
});

test('the diagram gives every neuron and line of a big network room: enlarged, each can be hovered and clicked', async () => {
  const { page, context } = await openPage(env.browser, env.server.url,
    '#hiddenLayers=8,8,8,8,8,8&features=x,y,x2,y2,xy,sinx,siny', { width: 1280, height: 800 });
  await pause(page);
  await page.click('#network-enlarge');
  await page.waitForTimeout(600); // the diagram is drawn at its new size
  const out = await page.evaluate(async () => {
    const { layout } = await import(new URL('www/network-view.js', location.href).href);
    const app = window.scratchnet;
    const sizes = Array.from(app.pg.layerSizes());
    const canvas = document.getElementById('network');
    const rect = canvas.getBoundingClientRect();
    const { x, y } = layout(sizes, rect.width, rect.height);
    const buttons = [...document.querySelectorAll('#network-neurons .neuron')].map((b) => b.getBoundingClientRect());
    let overlaps = 0;
    for (let i = 0; i < buttons.length; i += 1) {
      for (let k = i + 1; k < buttons.length; k += 1) {
        const [a, b] = [buttons[i], buttons[k]];
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps += 1;
      }
    }
    // Each line: some point along it where the diagram picks exactly that weight.
    const missed = [];
    let index = 0;
    for (let l = 0; l + 1 < sizes.length; l += 1) {
      for (let j = 0; j < sizes[l + 1]; j += 1) {
        for (let i = 0; i < sizes[l]; i += 1) {
          const want = index + j * sizes[l] + i;
          let found = false;
          for (let t = 0.15; t <= 0.85 && !found; t += 0.025) {
            const px = rect.left + x(l) + t * (x(l + 1) - x(l));
            const py = rect.top + y(l, i) + t * (y(l + 1, j) - y(l, i));
            found = app.weightEditor.edgeAt({ clientX: px, clientY: py })?.index === want;
          }
          if (!found) missed.push(`${l}:${i}→${j}`);
        }
      }
      index += sizes[l] * sizes[l + 1] + sizes[l + 1];
    }
    return { neurons: buttons.length, overlaps, missed, width: rect.width, height: rect.height,
      smallest: Math.min(...buttons.map((b) => b.width)) };
  });
  assert.equal(out.neurons, 6 * 8 + 1);
  assert.equal(out.overlaps, 0);
  assert.ok(out.smallest >= 10, `neurons ${out.smallest} px`);
  assert.deepEqual(out.missed, [], `${out.missed.length} lines cannot be picked`);
  // A click on a line opens its weight; Esc returns the diagram to its panel.
  await page.click('#network-neurons .neuron[data-layer="6"][data-neuron="8"]');
  assert.equal(await page.locator('#weight-editor input').count(), 9, 'the bias and 8 incoming weights');
  await page.click('#weight-close');
  await page.keyboard.press('Escape');
  assert.equal(await page.getAttribute('#network-enlarge', 'aria-pressed'), 'false');
  await context.close();
});

test('the largest network the controls allow: every neuron apart and reachable, every weight in its editor', async () => {
  const { page, context } = await openPage(env.browser, env.server.url,
    '#hiddenLayers=64,64,64,64,64,64&features=x,y,x2,y2,xy,sinx,siny&speed=1', { width: 1280, height: 800 });
  await pause(page);
  await page.waitForTimeout(1300); // a wide network's diagram is redrawn once a second
  const out = await page.evaluate(() => {
    const rects = [...document.querySelectorAll('#network-neurons .neuron')].map((b) => b.getBoundingClientRect());
    let overlaps = 0;
    for (let i = 1; i < rects.length; i += 1) {
      const [a, b] = [rects[i - 1], rects[i]];
      if (a.left === b.left && a.bottom > b.top + 0.5) overlaps += 1;
    }
    return { count: rects.length, overlaps, smallest: Math.min(...rects.map((r) => r.height)) };
  });
  assert.equal(out.count, 6 * 64 + 1);
  assert.equal(out.overlaps, 0, 'neurons of a layer do not overlap');
  assert.ok(out.smallest >= 10, `${out.smallest} px`);
  await page.click('#network-neurons .neuron[data-layer="3"][data-neuron="64"]');
  assert.equal(await page.locator('#weight-editor input').count(), 65, 'the bias and all 64 incoming weights');
  await context.close();
});

// ---------------------------------------------------------------------------------------------
// Lessons whose words agree with the figures beside them.

const figure = async (page, name) => Number(await page.getAttribute(`#lesson-figures [data-name="${name}"]`, 'data-value'));
const shown = (page, name) => page.textContent(`#lesson-figures [data-name="${name}"]`);
const note = (page) => page.textContent('#lesson-note');
async function runLesson(page) {
  await page.selectOption('#lesson-pace', 'instant');
  await page.click('#lesson-run');
  await page.waitForSelector('#lesson-panel[data-running="false"]', { timeout: 60000 });
}

test('a step through one example is an update: counted, said, and training goes on after it', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#lesson=line');
  const caption = async () => (await page.textContent('#lesson-gradients caption')).replace(/\s+/g, ' ');
  const first = await caption();
  const k = Number(first.match(/^Gradient on example (\d+), the next one training meets/)[1]);
  await page.click('#lesson-step-example');
  assert.match(await page.textContent('#lesson-step caption'), new RegExp(`^Example ${k}:`), 'the step took the example the table named');
  assert.notEqual(await caption(), first, 'the table moved on to the next example');
  await page.click('#lesson-step-example');
  assert.equal(await figure(page, 'iterations'), 2);
  assert.match((await note(page)).replace(/\s+/g, ' '), /after 2 updates/);
  // Online: η is the lesson's own, said so; parameters named after their ends, from x1.
  const stepCaption = (await page.textContent('#lesson-step .grads caption')).replace(/\s+/g, ' ');
  assert.match(stepCaption, /η = 0\.4, the lesson's rate: online/);
  const names = await page.$$eval('#lesson-step .grads tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));
  assert.equal(names[0], 'w(x1 → h1.1)');
  assert.ok(names.includes('b(out)'), names.join(', '));
  const built = (await page.textContent('#lesson-panel .built')).replace(/\s+/g, ' ');
  assert.doesNotMatch(built, /none are needed/);
  assert.match(built, /biases held at zero/);
  // The legend speaks of test points only where there are some (this lesson has 2 000 fresh ones).
  assert.match(await page.textContent('#legend-classes'), /hollow: test/);
  await context.close();
  assert.deepEqual(errors, []);
});

test('one neuron finds the first input: names, text and figures agree, before and after a run', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#lesson=first-input');
  assert.equal(await shown(page, 'accuracy'), '– (press Run)', 'no accuracy claimed before training');
  assert.equal(await page.textContent('#lesson-figures [data-name="w1"]').then(() => page.textContent('#lesson-figures div:has([data-name="w1"]) dt')), 'Weight w1 (on x1)');
  const built = (await page.textContent('#lesson-panel .built')).replace(/\s+/g, ' ');
  assert.doesNotMatch(built, /do not matter/);
  await page.click('#lesson-step-example');
  const stepCaption = (await page.textContent('#lesson-step .grads caption')).replace(/\s+/g, ' ');
  assert.match(stepCaption, /one iteration adds up the changes of all 6 rows/);
  const names = await page.$$eval('#lesson-step .grads tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));
  assert.deepEqual(names, ['w1', 'w2', 'w3', 'w4', 'b']);
  await runLesson(page);
  const text = (await note(page)).replace(/\s+/g, ' ');
  const [w1, w2, w3, w4] = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((n) => figure(page, n)));
  const q = (v) => String(Number(v.toPrecision(3)));
  assert.ok(text.includes(`w1 = ${q(w1)}`) && text.includes(`w2 = ${q(w2)}`) && text.includes(`w3 = ${q(w3)}`)
    && text.includes(`w4 = ${q(w4)}`), text);
  assert.ok(w1 > 0 && w2 < 0 && w3 < 0 && w4 < 0, 'the other three go negative, doing the bias\'s job, as the text says');
  assert.match(await shown(page, 'accuracy'), /%$/);
  await context.close();
  assert.deepEqual(errors, []);
});

test('a new situation: the text speaks of results only once the run has reached them', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#lesson=new-situation');
  assert.equal(await shown(page, 'accuracy'), '– (press Run)');
  await page.selectOption('#lesson-pace', 'slow');
  await page.click('#lesson-run');
  await page.waitForFunction(() => Number(document.querySelector('#lesson-figures [data-name="iterations"]').dataset.value) > 0);
  const during = (await note(page)).replace(/\s+/g, ' ');
  assert.match(during, /^Training: after [\d ]+ iterations/);
  assert.doesNotMatch(during, /settled/);
  await page.click('#lesson-stop');
  await page.selectOption('#lesson-pace', 'instant');
  await runLesson(page);
  const after = (await note(page)).replace(/\s+/g, ' ');
  const q = (v) => String(Number(v.toPrecision(3)));
  assert.ok(after.includes(`settled at ${q(await figure(page, 'w3'))}`) && after.includes(`grew to ${q(await figure(page, 'w1'))}`), after);
  await context.close();
});

test('the perceptron explains its loss, the regression names its inputs, and no lesson shows a test toggle it lacks', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#lesson=perceptron-and');
  await runLesson(page);
  const loss = await figure(page, 'loss');
  const accuracy = await figure(page, 'accuracy');
  const text = (await note(page)).replace(/\s+/g, ' ');
  const wrong = Math.round(loss / 0.125);
  assert.ok(text.includes(`is ${wrong} of the 4 rows wrong`), text);
  assert.equal(wrong, Math.round(4 - (accuracy / 100) * 4), 'the loss and the accuracy count the same rows');
  assert.doesNotMatch(await page.textContent('#legend-classes'), /hollow: test/, 'no test points in a truth table');
  assert.equal(await page.isVisible('#show-test'), false, 'free play\'s toggles do nothing in a lesson');
  await page.selectOption('#lesson', 'regression');
  const built = (await page.textContent('#lesson-panel .built')).replace(/\s+/g, ' ');
  assert.match(built, /a = w1·x1 \+ w2·x2 \+ b/);
  assert.doesNotMatch(built, /\bz\b/);
  assert.doesNotMatch(await shown(page, 'bias-progress'), /−0\.0|-0\.0/);
  await context.close();
});

test('printing gives one page with the plot, the loss chart and the settings', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#dataset=xor&hiddenLayers=8,4&learningRate=0.3');
  await page.waitForFunction(() => window.scratchnet.pg.epoch() > 5);
  await pause(page);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  const seen = await page.evaluate(() => Object.fromEntries(['plot', 'loss-chart', 'print-summary', 'problem', 'network', 'lr-finder']
    .map((id) => [id, document.getElementById(id).getClientRects().length > 0])));
  const summary = await page.textContent('#print-summary');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await context.close();
  assert.deepEqual(seen, { plot: true, 'loss-chart': true, 'print-summary': true, problem: false, network: false, 'lr-finder': false });
  assert.match(summary, /Data set\s*xor/);
  assert.match(summary, /Hidden layers\s*8, 4/);
  assert.match(summary, /Learning rate\s*0\.3/);
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
  assert.equal(pages.length, 1, `${pages.length} pages`);
  assert.deepEqual(errors, []);
});
