#!/usr/bin/env node
// `npm run size`: raw, gzip (-9) and brotli sizes of what we ship, and whether the script-tag
// bundle is within its budget. `--check` exits 1 when it is over; `--json` prints the numbers.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const root = path.resolve(__dirname, '..');
const BUNDLE = 'dist/amazon-connect-task.js';
const ARTIFACTS = [BUNDLE, 'dist/index.mjs', 'dist/index.d.ts', 'pkg/taskjs_bg.wasm'];
// The whole script-tag bundle (JS + embedded wasm), gzipped: a guard against growth, set to what
// the bundle measured when it last changed on purpose plus 1 KiB (docs/size.md says what the
// bytes are and what was tried).
const BUDGET_GZIP = 53835 + 1024;

function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

// Every artifact that exists, plus the bundle split into its embedded wasm and the rest.
function measure() {
  const rows = [];
  for (const rel of ARTIFACTS) {
    const file = path.join(root, rel);
    if (!fs.existsSync(file)) continue;
    const bytes = fs.readFileSync(file);
    rows.push({ name: rel, ...sizes(bytes) });
    if (rel === BUNDLE) {
      const text = bytes.toString('latin1');
      // The embedded wasm: the longest string of printable ASCII without " < \ (scripts/wasm-text.js).
      const wasm = (text.match(/"[^"<\\\n]{4096,}"/g) || []).reduce((a, b) => (b.length > a.length ? b : a), '');
      if (wasm) {
        rows.push({ name: '  of which the wasm, as text', ...sizes(Buffer.from(wasm.slice(1, -1), 'latin1')) });
        rows.push({ name: '  of which the JavaScript', ...sizes(Buffer.from(text.replace(wasm, '""'), 'latin1')) });
      }
    }
  }
  const bundle = rows.find((r) => r.name === BUNDLE);
  return { rows, budget: { file: BUNDLE, gzip: bundle ? bundle.gzip : null, limit: BUDGET_GZIP } };
}

function report({ rows, budget }) {
  const n = (v) => v.toLocaleString('en-US').padStart(9);
  const width = Math.max(...rows.map((r) => r.name.length), 8);
  console.log(`${'artifact'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip -9'.padStart(9)}  ${'brotli'.padStart(9)}   (bytes)`);
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${n(r.raw)}  ${n(r.gzip)}  ${n(r.brotli)}`);
  if (budget.gzip === null) {
    console.log(`\nBUDGET: ${budget.file} is missing; build it with npm run release`);
    return false;
  }
  const over = budget.gzip > budget.limit;
  const diff = Math.abs(budget.gzip - budget.limit).toLocaleString('en-US');
  console.log(`\nBUDGET: ${budget.file} gzipped is ${budget.gzip.toLocaleString('en-US')} bytes, limit ` +
    `${budget.limit.toLocaleString('en-US')} (${budget.limit / 1024} KiB): ${over ? `OVER budget by ${diff}` : `UNDER budget by ${diff}`} bytes`);
  return !over;
}

if (require.main === module) {
  const result = measure();
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    const ok = report(result);
    if (process.argv.includes('--check') && !ok) process.exit(1);
  }
}

module.exports = { measure, BUDGET_GZIP };
