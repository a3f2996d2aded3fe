// testing/index.d.ts: usage.mts uses every public item and compiles with `tsc --strict` (no DOM
// library, as in a Node-only Playwright project); misuse.mts fails on exactly its marked lines;
// the declarations name exactly what testing/index.js exports, and every control.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import * as kit from '../../testing/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const DTS = fs.readFileSync(path.join(ROOT, 'testing/index.d.ts'), 'utf8');

// tsc on one file, resolving taskjs-rs/testing through this package's own exports.
function tsc(file) {
  const args = [TSC, '--noEmit', '--strict', '--skipLibCheck', 'false', '--pretty', 'false', '--target', 'es2022',
    '--lib', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', path.join(ROOT, 'tests/kit/types', file)];
  return new Promise((resolve) => execFile(process.execPath, args, { cwd: ROOT }, (err, stdout) => resolve({
    code: err ? err.code : 0,
    errors: stdout.split('\n').filter((l) => / error TS\d+/.test(l)),
  })));
}

test('usage.mts compiles under tsc --strict', async () => {
  assert.deepEqual(await tsc('usage.mts'), { code: 0, errors: [] });
});

test('misuse.mts fails on exactly the marked lines', async () => {
  const lines = fs.readFileSync(path.join(ROOT, 'tests/kit/types/misuse.mts'), 'utf8').split('\n');
  const marked = lines.flatMap((l, i) => (/^[^/].*\/\/ error:/.test(l) ? [i + 1] : []));
  const { errors } = await tsc('misuse.mts');
  const failed = [...new Set(errors.map((e) => Number(/\((\d+),\d+\)/.exec(e)[1])))];
  assert.deepEqual(failed, marked, errors.join('\n'));
});

test('the declarations name every export and every control', () => {
  const declared = [...DTS.matchAll(/^export declare (?:function|const|class) (\w+)/gm)].map((m) => m[1]).sort();
  assert.deepEqual(declared, Object.keys(kit).sort());
  const ccp = DTS.slice(DTS.indexOf('export declare class Ccp'), DTS.indexOf('export interface CcpServer'));
  const methods = [...new Set([...ccp.matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1]))].filter((m) => m !== 'close').sort();
  assert.deepEqual(methods, [...kit.CONTROL_NAMES].sort());
});
