// testing/README.md stays true: its recipes are exactly the example's files (which the consumer
// stage runs), its other JavaScript is made of lines of those files, it documents every export,
// control, option, task field, event kind and contact state, and its command-line example works.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import * as kit from '../../testing/index.js';
import { OPTIONS, TASK_SPEC } from '../../www/sim/simulator.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const README = fs.readFileSync(path.join(ROOT, 'testing/README.md'), 'utf8');
const EXAMPLE = path.join(ROOT, 'examples/agent-desktop');
const exampleFiles = ['jest.config.js', 'jest.commonjs.config.cjs', 'babel.config.cjs', 'vitest.config.js', 'playwright.config.js', 'test/desktop.test.js', 'e2e/desktop.spec.js', 'src/desktop.js'];

// [{marker, lang, code}] for every fenced block.
const blocks = [...README.matchAll(/(?:<!-- file: (\S+) -->\n[^\n]*\n\n)?```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ file: m[1], lang: m[2], code: m[3] }));

test('the recipes are exactly the example files', () => {
  const files = blocks.filter((b) => b.file).map((b) => b.file);
  assert.deepEqual(files.sort(), exampleFiles.filter((f) => !f.startsWith('src/')).map((f) => `examples/agent-desktop/${f}`).sort());
  for (const b of blocks.filter((x) => x.file)) {
    assert.equal(b.code, fs.readFileSync(path.join(ROOT, b.file), 'utf8'), `${b.file} differs from its README copy`);
  }
});

test('every other JavaScript line in the README is a line of the example (so it runs there)', () => {
  const lines = new Set(exampleFiles.flatMap((f) => fs.readFileSync(path.join(EXAMPLE, f), 'utf8').split('\n').map((l) => l.trim())));
  for (const b of blocks.filter((x) => !x.file && x.lang === 'js')) {
    for (const raw of b.code.split('\n')) {
      const line = raw.replace(/\s+\/\/ .*$/, '').trim();
      if (!line || line.startsWith('//')) continue;
      if (line.startsWith('import ')) {
        assert.ok(/^import \{ [\w, ]+ \} from 'taskjs-rs\/testing';$/.test(line) && line.slice(9, line.indexOf('}')).split(',').every((n) => n.trim() in kit), line);
        continue;
      }
      assert.ok(lines.has(line), `README line not in the example: ${line}`);
    }
  }
});

test('every export, control, option, task field, event kind and contact state is documented', () => {
  for (const name of Object.keys(kit)) assert.ok(README.includes(`\`${name}`), `export ${name}`);
  for (const name of kit.CONTROL_NAMES) assert.ok(README.includes(`- \`${name}(`) || README.includes(`, \`${name}(`), `control ${name}`);
  for (const name of OPTIONS.filter((o) => o !== 'post')) assert.ok(README.includes(`| \`${name}\` |`), `option ${name}`);
  for (const name of TASK_SPEC) assert.ok(README.includes(`\`${name}\``), `task field ${name}`);
  for (const kind of kit.TASK_EVENT_KINDS) assert.ok(README.includes(`| \`${kind}\` |`), `event kind ${kind}`);
  for (const state of kit.CONTACT_STATES) assert.ok(new RegExp(`\\| [^|]*\\b${state}\\b[^|]* \\|`).test(README.slice(README.indexOf('## Task contacts: states'))), `state ${state}`);
});

test('the command-line example: the printed lines and the curl control', async (t) => {
  const port = await new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });
  const child = spawn(process.execPath, [path.join(ROOT, 'testing/bin.js'), '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => child.kill('SIGTERM'));
  const printed = await new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (d) => { out += d; if (out.includes('Controls:')) resolve(out); });
  });
  const documented = blocks.find((b) => b.lang === 'text' && b.code.startsWith('CCP URL:')).code;
  assert.equal(printed, documented.replaceAll('8123', String(port)));
  const curl = blocks.find((b) => b.lang === 'sh' && b.code.startsWith('curl')).code.trim().replaceAll('8123', String(port));
  const answer = await new Promise((resolve, reject) => execFile('sh', ['-c', curl], (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout)))));
  assert.match(answer.result.contactId, /^[0-9a-f-]{36}$/);
});
