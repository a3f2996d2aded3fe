// The npm package in a webpack 5 project: tests/package/consumer/ is built against exactly what
// `npm pack` ships, with a config that knows nothing about WebAssembly, and each output is run
// after the Streams release in Chromium: a task session and createTask work through it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FIXTURE, PKG, ROOT, SCENARIO, STREAMS, projectWithPackage, useBrowser } from './helpers.mjs';

const webpack = createRequire(path.join(ROOT, 'package.json'))('webpack');
const h = useBrowser();
let project;
let stats;

before(async () => {
  project = projectWithPackage();
  cpSync(path.join(ROOT, 'tests/package/consumer'), project, { recursive: true });
  const config = createRequire(path.join(project, 'package.json'))('./webpack.config.js');
  stats = await new Promise((resolve, reject) => {
    webpack({ ...config, context: project }, (err, s) => (err ? reject(err) : resolve(s)));
  });
});

after(() => { if (project) rmSync(project, { recursive: true, force: true }); });

test('webpack builds the consumer without errors or warnings, and emits nothing but its entries', () => {
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  assert.deepEqual(info.errors.map((e) => e.message), []);
  assert.deepEqual(info.warnings.map((w) => w.message), []);
  assert.deepEqual(readdirSync(path.join(project, 'dist')).sort(), ['commonjs.js', 'named.js', 'side-effect.js']);
});

for (const entry of ['named', 'side-effect', 'commonjs']) {
  test(`${entry}: a task session and createTask work after Streams`, async () => {
    const out = h.mount(path.join(project, 'dist'));
    const { page, problems } = await h.open([STREAMS, `${out}/${entry}.js`, FIXTURE, SCENARIO]);
    try {
      const result = await page.evaluate(() => window.taskScenarioNormalised(window.consumerApp));
      const expected = await page.evaluate((v) => window.taskScenarioExpected(v), PKG.version);
      assert.deepEqual(result, expected);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}
