// Start-up off the page's critical path (issue 23): loading the script makes the API exist and
// compiles nothing; a first call right away instantiates the module synchronously; left alone,
// the browser compiles it in the background when idle and instantiates it, so that a first call a
// second later finds it ready. (Before Streams, after a recovery, under a CSP, in Node and jsdom:
// agent.test.mjs B8, tests/stress/recovery.test.mjs, tests/package/csp.test.mjs, tests/node.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useHarness, STREAMS, OURS } from './harness.mjs';

const h = useHarness();

// Before the bundle: counts what the page compiles and instantiates, by kind.
const WATCH = {
  inline: `window.wasm = { compiled: 0, compiledAsync: 0, instantiated: 0 };
    const Module = WebAssembly.Module, Instance = WebAssembly.Instance, compile = WebAssembly.compile;
    const big = (bytes) => bytes && bytes.byteLength > 10000; // not the 150-byte text decoder
    WebAssembly.Module = function (bytes) { if (big(bytes)) wasm.compiled++; return new Module(bytes); };
    WebAssembly.Instance = function (m, i) { if (WebAssembly.Module.imports(m).length > 10) wasm.instantiated++; return new Instance(m, i); };
    Object.assign(WebAssembly.Module, { prototype: Module.prototype, imports: Module.imports, exports: Module.exports });
    WebAssembly.Instance.prototype = Instance.prototype;
    WebAssembly.compile = (bytes) => { if (big(bytes)) wasm.compiledAsync++; return compile(bytes); };`,
};
const AFTER = { inline: 'window.afterScript = { ...wasm, api: typeof connect.TaskSession.create === "function" && typeof connect.Agent.prototype.createTask === "function" };' };

async function open(scripts) {
  const { page } = await h.open(scripts);
  return page;
}

test('loading the script installs the API and compiles nothing', async () => {
  const page = await open([STREAMS, WATCH, OURS, AFTER]);
  try {
    assert.deepEqual(await page.evaluate(() => window.afterScript), { compiled: 0, compiledAsync: 0, instantiated: 0, api: true });
  } finally { await page.close(); }
});

test('a session right after the script tag: the module is compiled and instantiated then, synchronously', async () => {
  const page = await open([STREAMS, WATCH, OURS]);
  try {
    const r = await page.evaluate(() => {
      const before = { ...wasm };
      const s = connect.TaskSession.create({ contactId: 'c', initialContactId: 'i', websocketManager: {} });
      s.onMessage(() => {});
      return { before, after: { ...wasm } };
    });
    assert.equal(r.after.compiled + r.after.compiledAsync >= 1, true, JSON.stringify(r));
    assert.equal(r.after.instantiated, 1);
  } finally { await page.close(); }
});

test('left alone, the module is compiled in the background and instantiated at idle time: a session a second later finds it ready', async () => {
  const page = await open([STREAMS, WATCH, OURS]);
  try {
    const r = await page.evaluate(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const idle = { ...wasm };
      const s = connect.TaskSession.create({ contactId: 'c', initialContactId: 'i', websocketManager: {} });
      s.onMessage(() => {});
      return { idle, after: { ...wasm } };
    });
    assert.deepEqual(r.idle, { compiled: 0, compiledAsync: 1, instantiated: 1 }, 'compiled without blocking, instantiated before the first call');
    assert.deepEqual(r.after, r.idle, 'the first call compiled and instantiated nothing more');
  } finally { await page.close(); }
});
