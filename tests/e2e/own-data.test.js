// Your data (issue 30 §1): tables opened from files the test writes, dropped on the plot and pasted;
// columns chosen; the table on the plot in its own units; bad tables refused with the scene intact;
// kept over a reload, saved and loaded, and saved as CSV with the predictions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useBrowser, openPage, ROOT } from './harness.js';

const env = useBrowser();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scratchnet-tables-'));
/** Writes a file for the page to open, and returns its path. */
const write = (name, content) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

/** The scene as the page's Playground holds it: settings and points. */
const scene = (page) => page.evaluate(() => ({ config: window.scratchnet.pg.config(), points: window.scratchnet.pg.exportPoints() }));

/** Opens a file through `#data-import` and waits until the panel has read it (or refused it). */
async function open(page, file) {
  await page.setInputFiles('#data-import', file);
  await page.waitForFunction((name) => {
    const text = document.getElementById('data-status').textContent;
    return text.includes(name) && !/^Reading/.test(text);
  }, path.basename(file), { timeout: 60000 });
  return page.textContent('#data-status');
}

test('a CSV file with a header: columns preselected, classes named, axes in its units, trains', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#speed=2000');
  await page.selectOption('#dataset', 'own');
  assert.equal(await page.isVisible('#own-data'), true, 'choosing Your data opens the panel');
  assert.equal(await page.inputValue('#dataset'), 'line', 'no table yet: the data set in force stays');
  const status = await open(page, path.join(ROOT, 'data/penguins.csv'));
  assert.match(status, /penguins\.csv: 344 rows and 8 columns, comma-separated.*header/);
  const chosen = await page.evaluate(() => ['col-x', 'col-y', 'col-label'].map((id) => {
    const s = document.getElementById(id);
    return s.options[s.selectedIndex].textContent;
  }));
  assert.deepEqual(chosen, ['bill_length_mm', 'bill_depth_mm', 'species (3 values)']);
  assert.equal(await page.locator('#data-preview tbody tr').count(), 8);
  await page.click('#data-use');
  const used = await page.textContent('#data-status');
  assert.match(used, /342 rows.*species \(3 classes: Adelie, Chinstrap, Gentoo\).*Left out 2 rows.*line 5 \(bill_length_mm\)/);
  const { config } = await scene(page);
  assert.deepEqual([config.dataset, config.problem, config.classes], ['own', 'multi-class', 3]);
  assert.match(await page.textContent('#legend-classes'), /Adelie.*Chinstrap.*Gentoo/s);
  assert.match(await page.textContent('#dataset-source'), /x bill_length_mm, y bill_depth_mm; label species/);
  // The axes read in millimetres: bill length runs from about 32 to 60.
  await page.waitForFunction(() => /^x:(\d+,)*40,(\d+,)*50(,\d+)*;y:/.test(document.getElementById('plot').dataset.ticks));
  // The point under the pointer says its own values.
  await page.locator('#plot').scrollIntoViewIfNeeded();
  const box = await page.locator('#plot').boundingBox();
  const first = await page.evaluate(() => Array.from(window.scratchnet.pg.points().slice(0, 2)));
  await page.mouse.move(box.x + ((first[0] + 1) / 2) * box.width, box.y + ((1 - first[1]) / 2) * box.height);
  await page.waitForSelector('#point-tip:not([hidden])');
  assert.match(await page.textContent('#point-tip'), /bill_length_mm \d+(\.\d)?, bill_depth_mm \d+(\.\d)? → species (Adelie|Chinstrap|Gentoo)/);
  await page.waitForFunction(() => Number(document.getElementById('accuracy').dataset.value) >= 95, null, { timeout: 60000 });
  await context.close();
  assert.deepEqual(errors, []);
});

test('TSV without a header, semicolons with decimal commas, quotes, blank lines and a BOM', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '');
  await page.selectOption('#dataset', 'own');
  const tsv = write('blobs.tsv', Array.from({ length: 60 }, (_, i) => `${(i % 10) / 10}\t${i % 2 ? 1 : -1}\t${i % 2}`).join('\n') + '\n\n');
  assert.match(await open(page, tsv), /60 rows and 3 columns, tab-separated, no header row/);
  await page.click('#data-use');
  let config = (await scene(page)).config;
  assert.deepEqual([config.problem, config.dataset], ['classification', 'own']);
  assert.equal(await page.evaluate(() => window.scratchnet.pg.pointCount()), 60);
  const semi = write('maße.csv', '\uFEFFLänge;Breite;"Art; Sorte"\r\n1,5;2,25;"a"\r\n\r\n-3,5;4;"b ""x"""\r\n7;1e-1;a\r\n2;3;"b ""x"""\r\n');
  assert.match(await open(page, semi), /4 rows and 3 columns, semicolon-separated with decimal commas, the first row read as the header/);
  await page.click('#data-use');
  const meta = await page.evaluate(() => window.scratchnet.pg.tableInfo());
  assert.deepEqual(meta.inputs, ['Länge', 'Breite']);
  assert.equal(meta.target, 'Art; Sorte');
  assert.deepEqual(meta.classes, ['a', 'b "x"']);
  assert.deepEqual(meta.ranges, [[-3.5, 7], [0.1, 4]]);
  // Pasted: a regression table (a label of many numbers).
  const rows = Array.from({ length: 40 }, (_, i) => `${i},${(i * 7) % 11},${100 + 2 * i}`);
  await page.fill('#data-paste', ['size,age,price', ...rows].join('\n'));
  await page.click('#data-paste-apply');
  await page.waitForFunction(() => /40 rows/.test(document.getElementById('data-status').textContent));
  await page.click('#data-use');
  config = (await scene(page)).config;
  assert.equal(config.problem, 'regression');
  assert.equal(await page.isVisible('#legend-values'), true);
  assert.match(await page.textContent('#legend-values .value-ticks'), /^\d+.*\d+$/, 'the scale in the label\'s units');
  // Dropped on the plot: read like an opened file.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['u,v,w\n1,2,p\n2,1,q\n3,3,p\n4,0,q\n'], 'dropped.csv', { type: 'text/csv' }));
    const plot = document.getElementById('plot');
    plot.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    plot.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => /dropped\.csv: 4 rows and 3 columns/.test(document.getElementById('data-status').textContent));
  await page.click('#data-use');
  assert.deepEqual(await page.evaluate(() => window.scratchnet.pg.tableInfo().classes), ['p', 'q']);
  await context.close();
  assert.deepEqual(errors, []);
});

test('a link to a table this browser does not hold says so, and opens the default data set', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#problem=multi-class&dataset=own&slice=0.5');
  assert.match(await page.textContent('#message'), /dataset: "own" is a table of your own, and this browser does not hold it/);
  assert.equal(await page.evaluate(() => window.scratchnet.pg.config().dataset), 'gaussians');
  await context.close();
});

test('bad tables get a message naming the problem, and the scene stays as it was', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#dataset=circle');
  await page.selectOption('#dataset', 'own');
  const before = await scene(page);
  const bad = [
    ['letter.txt', 'Dear learner, this is a letter\nand not a table at all.\n', /two columns of numbers/],
    ['one.csv', 'x,y,kind\n1,2,cat\n3,4,cat\n', /one value only \("cat"\)/],
    ['hole.csv', 'x,y,z,k\n1,,1,a\n2,,2,b\n', /column "y" is empty/, ['0', '2', '1']],
    ['five.csv', 'x,y,k\n1,1,a\n2,2,b\n3,3,c\n4,4,d\n5,5,e\n', /more than 4 different values \(a, b, c, d, …\)/],
    ['header.csv', 'x,y,label\n', /a header \(x, y, label\) and no rows/],
    ['image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /binary data \(a zero byte at byte 9\)/],
  ];
  for (const [name, content, want, columns] of bad) {
    const status = await open(page, write(name, content));
    if (!/not read/.test(status)) {
      // Read, but the chosen columns cannot make a data set: said when they are used.
      if (columns) {
        await page.evaluate(([x, y, l]) => {
          const s = (id, v) => { document.getElementById(id).value = v; };
          s('col-x', x); s('col-y', y); s('col-label', l);
        }, columns);
      }
      await page.click('#data-use');
    }
    assert.match(await page.textContent('#data-status'), want, name);
    assert.match(await page.textContent('#data-status'), /Nothing changed/, name);
    assert.deepEqual(await scene(page), before, `${name} changed nothing`);
  }
  // Too big: refused by its size before a byte is read.
  const big = write('big.csv', Buffer.alloc(10 * 1024 * 1024 + 1, 0x31));
  assert.match(await open(page, big), /big\.csv is 10\.5 MB: Scratchnet reads tables up to 10 MB \(10485760 bytes\)/);
  assert.deepEqual(await scene(page), before);
  await context.close();
  assert.deepEqual(errors, []);
});

test('100 000 rows read without a long stall, kept over a reload, saved, loaded and saved as CSV', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#speed=0');
  const lines = ['a,b,c,d,label'];
  for (let i = 0; i < 100000; i += 1) {
    const [a, b] = [Math.sin(i) * 10, Math.cos(i * 1.3) * 5];
    lines.push(`${a.toFixed(3)},${b.toFixed(3)},${(i % 97) / 10},${i % 13},${a + b > 0 ? 'up' : 'down'}`);
  }
  const file = write('big-table.csv', lines.join('\n'));
  // The page gets turns while it reads: the longest task stays short of the whole read.
  await page.evaluate(() => {
    window.longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longest = Math.max(window.longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  await page.selectOption('#dataset', 'own');
  const t0 = Date.now();
  assert.match(await open(page, file), /100000 rows and 5 columns/);
  const readMs = Date.now() - t0;
  const longest = await page.evaluate(() => window.longest);
  await page.check('#col-more');
  assert.match(await page.textContent('#col-more-text'), /c, d$/);
  const t1 = Date.now();
  await page.click('#data-use');
  console.log(`# used 100 000 rows with 4 inputs in ${Date.now() - t1} ms`);
  const meta = await page.evaluate(() => window.scratchnet.pg.tableInfo());
  assert.deepEqual(meta.inputs, ['a', 'b', 'c', 'd']);
  assert.equal(await page.evaluate(() => window.scratchnet.pg.pointCount()), 100000);
  console.log(`# read 100 000 rows (${(fs.statSync(file).size / 1e6).toFixed(1)} MB) in ${readMs} ms; longest task ${Math.round(longest)} ms`);
  // Two sliders hold c and d; the caption says so; moving one moves the boundary.
  assert.equal(await page.locator('#slice-sliders input').count(), 2);
  assert.match(await page.textContent('#slice-caption'), /slice of 4 inputs.*hold c at [\d.]+, d at [\d.]+/);
  const sliceBefore = await page.evaluate(() => window.scratchnet.pg.config().slice);
  await page.locator('#slice-0').fill('0.8');
  const sliceAfter = await page.evaluate(() => window.scratchnet.pg.config().slice);
  assert.notDeepEqual(sliceAfter, sliceBefore);
  assert.equal(sliceAfter[0], 0.8);
  // Saved as CSV: every row in its own units, with the set and the prediction.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csv = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.equal(csv[0], 'a,b,c,d,label,set,prediction,probability down,probability up');
  assert.equal(csv.length, 100001);
  assert.match(csv[1], /^-?\d+(\.\d+)?,-?\d+(\.\d+)?,\d+(\.\d+)?,\d+,(up|down),(train|test),(up|down),0?\.\d+|1|0,/);
  // Reloaded without its link's table: this browser kept it.
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /dataset=own/);
  assert.doesNotMatch(hash, /pts=/);
  await page.waitForFunction(() => window.scratchnet.tableSaves > 0);
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  assert.equal(await page.evaluate(() => window.scratchnet.pg.pointCount()), 100000);
  assert.deepEqual(await page.evaluate(() => window.scratchnet.pg.config().slice), sliceAfter);
  await context.close();
  assert.deepEqual(errors, []);
});

test('irises with all four measurements; Save points keeps the table, Load points brings it back', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#problem=multi-class&dataset=iris&speed=2000');
  await page.click('#use-all-measurements');
  await page.waitForFunction(() => window.scratchnet.pg.config().dataset === 'own');
  const meta = await page.evaluate(() => window.scratchnet.pg.tableInfo());
  assert.deepEqual(meta.inputs, ['petal length (cm)', 'petal width (cm)', 'sepal length (cm)', 'sepal width (cm)']);
  assert.deepEqual(meta.classes, ['setosa', 'versicolor', 'virginica']);
  assert.match(meta.source, /Fisher's irises/);
  assert.deepEqual(await page.evaluate(() => Array.from(window.scratchnet.pg.layerSizes())), [4, 4, 3]);
  await page.waitForFunction(() => Number(document.getElementById('accuracy').dataset.value) >= 90, null, { timeout: 60000 });
  const saved = await page.evaluate(() => window.scratchnet.pg.exportPoints());
  assert.match(saved, /"table":\{"source":"Fisher's irises/);
  const file = write('iris-points.json', saved);
  await page.selectOption('#problem', 'regression');
  assert.equal(await page.evaluate(() => window.scratchnet.pg.config().problem), 'regression');
  await page.evaluate(() => { document.getElementById('import-points').click(); });
  await page.setInputFiles('#file-input', file);
  await page.waitForFunction(() => window.scratchnet.pg.config().dataset === 'own');
  const after = await page.evaluate(() => ({ c: window.scratchnet.pg.config(), p: window.scratchnet.pg.exportPoints() }));
  assert.equal(after.c.problem, 'multi-class');
  assert.equal(after.p, saved);
  assert.equal(await page.locator('#slice-sliders input').count(), 2, 'sepal length and width held');
  // A link to the kept table with a slice value written with an exponent (a median 0 after rounding).
  await page.waitForFunction(() => window.scratchnet.tableSaves > 0);
  const link = (await page.evaluate(() => location.hash)).replace(/slice=[^&]*/, 'slice=-5.551115123125783e-17%2C0.5');
  const other = await context.newPage(); // the same browser's storage
  await other.goto(`${env.server.url}${link}`);
  await other.waitForFunction(() => document.body.dataset.ready === 'true');
  assert.deepEqual(await other.evaluate(() => window.scratchnet.pg.config().slice), [-5.551115123125783e-17, 0.5]);
  assert.doesNotMatch(await other.textContent('#message'), /not valid|could not be read/);
  // Columns of huge values a few units apart: the axes are ticked, the page goes on.
  await page.selectOption('#dataset', 'own');
  await page.fill('#data-paste', 'a,b,k\n1000000000000000000,1,x\n1000000000000000100,2,y\n1000000000000000200,3,x\n');
  await page.click('#data-paste-apply');
  await page.waitForFunction(() => /3 rows/.test(document.getElementById('data-status').textContent));
  await page.click('#data-use');
  // The next frame draws the new axes.
  await page.waitForFunction(() => /^x:1000000000000000000;y:/.test(document.getElementById('plot').dataset.ticks));
  await context.close();
  assert.deepEqual(errors, []);
});
