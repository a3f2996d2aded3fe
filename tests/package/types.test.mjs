// dist/index.d.ts, as installed from the packed package: tests/package/types/usage.ts uses every
// public item and must compile with `tsc --noEmit --strict`; misuse.ts must fail on exactly the
// lines it marks; standalone.ts compiles without Streams' declarations; media-controller.ts gets
// a TaskSession from Streams' TaskConnection.getMediaController() without a cast; taskjs-2.1.ts and
// taskjs-2.1-global.ts, written against amazon-connect-taskjs 2.1.0's declarations, compile with
// this package installed in their place.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { ROOT, projectWithPackage } from './helpers.mjs';

const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const COMMON = ['--noEmit', '--strict', '--skipLibCheck', 'false', '--pretty', 'false', '--target', 'es2020', '--lib', 'es2020,dom'];
const BUNDLER = ['--module', 'esnext', '--moduleResolution', 'bundler'];
const NODE16 = ['--module', 'node16'];
let project;
const runs = {};

// The compilations run side by side; each test awaits its own.
before(() => {
  project = projectWithPackage(['amazon-connect-streams']);
  cpSync(path.join(ROOT, 'tests/package/types'), project, { recursive: true });
  // This package where amazon-connect-taskjs would be.
  symlinkSync(path.join(project, 'node_modules', 'taskjs-rs'), path.join(project, 'node_modules', 'amazon-connect-taskjs'), 'dir');
  runs.bundler = tsc('usage.ts', BUNDLER);
  runs.node16 = tsc('usage.ts', NODE16);
  runs.standalone = tsc('standalone.ts', BUNDLER);
  runs.misuse = tsc('misuse.ts', BUNDLER);
  runs.mediaController = tsc('media-controller.ts', BUNDLER);
  runs.mediaControllerNode16 = tsc('media-controller.ts', NODE16);
  runs.taskjsModule = tsc('taskjs-2.1.ts', BUNDLER);
  runs.taskjsModuleNode16 = tsc('taskjs-2.1.ts', NODE16);
  runs.taskjsGlobal = tsc('taskjs-2.1-global.ts', BUNDLER);
});

after(() => { if (project) rmSync(project, { recursive: true, force: true }); });

// Runs tsc on one file; resolves to {code, errors: ['file(line,col): error TS...']}.
function tsc(file, options) {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSC, ...COMMON, ...options, file], { cwd: project }, (err, stdout, stderr) => {
      resolve({ code: err ? err.code : 0, errors: (stdout + stderr).split('\n').filter((l) => / error TS\d+/.test(l)) });
    });
  });
}

test('usage.ts compiles (bundler resolution, beside Streams\' declarations)', async () => {
  assert.deepEqual(await runs.bundler, { code: 0, errors: [] });
});

test('usage.ts compiles (node16 resolution)', async () => {
  assert.deepEqual(await runs.node16, { code: 0, errors: [] });
});

test('standalone.ts compiles without Streams\' declarations', async () => {
  assert.deepEqual(await runs.standalone, { code: 0, errors: [] });
});

test('media-controller.ts: Streams\' TaskConnection.getMediaController() resolves to a TaskSession, no cast', async () => {
  assert.deepEqual(await runs.mediaController, { code: 0, errors: [] });
  assert.deepEqual(await runs.mediaControllerNode16, { code: 0, errors: [] });
});

test('misuse.ts fails to compile, on exactly the marked lines', async () => {
  const lines = readFileSync(path.join(project, 'misuse.ts'), 'utf8').split('\n');
  const marked = lines.flatMap((l, i) => (/^[^/].*\/\/ error:/.test(l) ? [i + 1] : []));
  assert.ok(marked.length >= 20, `only ${marked.length} marked lines`);
  const { code, errors } = await runs.misuse;
  assert.notEqual(code, 0);
  const reported = [...new Set(errors.map((e) => {
    const m = /^misuse\.ts\((\d+),\d+\)/.exec(e);
    assert.ok(m, `an error outside misuse.ts: ${e}`);
    return Number(m[1]);
  }))];
  assert.deepEqual(reported, marked, errors.join('\n'));
});

test('code written against amazon-connect-taskjs 2.1.0\'s declarations compiles with ours in their place (module import)', async () => {
  assert.deepEqual(await runs.taskjsModule, { code: 0, errors: [] });
  assert.deepEqual(await runs.taskjsModuleNode16, { code: 0, errors: [] });
});

test('... and through their script-tag global, AmazonConnectTaskJS', async () => {
  assert.deepEqual(await runs.taskjsGlobal, { code: 0, errors: [] });
});
