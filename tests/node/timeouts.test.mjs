// Request timeouts in Node, on a mocked connect (as consumers' Jest suites load TaskJS): a request
// with no answer ends in a TaskTimeoutError, its timer does not keep the process alive (`unref`),
// and no timer outlives its request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUNDLE = path.join(ROOT, process.env.TASKJS_BUNDLE || 'dist/amazon-connect-task.js');
if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: build it first (npm run release)`);

// A connect whose client answers as `client.answer` says: 'never', 'now' or 'later' (a macrotask on).
const client = {
  answer: 'never',
  call(method, params, callbacks) {
    if (this.answer === 'now') callbacks.success({ contactId: 'c' });
    if (this.answer === 'later') setImmediate(() => callbacks.success({ contactId: 'c' }));
  },
};
const warned = [];
globalThis.connect = {
  Agent: function Agent() {},
  core: { getClient: () => client, getAgentDataProvider: () => ({ getInstanceId: () => 'i' }) },
  assertNotNull(value, name) { if (value == null) throw new Error(`${name} must be provided`); return value; },
  getLog: () => ({ error: () => ({ withException: () => {} }), warn: (...args) => warned.push(args) }),
};
const api = createRequire(import.meta.url)(BUNDLE);
const agent = new connect.Agent();
const TASK = { name: 'n', taskTemplateId: 'tpl-1' };

test('no answer: the request ends in a TaskTimeoutError, and a later answer is logged, not delivered', async () => {
  // The request's timer is unref'd: something else must keep this process alive meanwhile.
  const keepAlive = setInterval(() => {}, 1000);
  api.TaskSession.setGlobalConfig({ requestTimeoutMs: 30 });
  client.answer = 'never';
  let callbacks;
  const realCall = client.call;
  client.call = (method, params, cb) => { callbacks = cb; };
  try {
    const error = await agent.createTask(TASK).then(() => null, (e) => e);
    assert.equal(error.name, 'TaskTimeoutError');
    assert.equal(error.method, 'createTemplatedTask');
    assert.equal(error.timeoutMs, 30);
    assert.ok(error instanceof Error);
    callbacks.success({ ContactId: 'too late' });
    assert.equal(warned.length, 1);
    assert.deepEqual(warned[0].slice(0, 1), ['task']);
    assert.match(warned[0][1], /came %s ms after its %s ms timeout/);
    assert.deepEqual([warned[0][2], warned[0][4]], ['createTemplatedTask', 30]);
  } finally {
    client.call = realCall;
    clearInterval(keepAlive);
  }
});

test('no timer outlives its request: each one started is stopped by the answer', async () => {
  api.TaskSession.setGlobalConfig({ requestTimeoutMs: 60000 });
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  const live = new Set();
  let started = 0;
  globalThis.setTimeout = function (...args) { const t = realSet(...args); live.add(t); started++; return t; };
  globalThis.clearTimeout = function (t) { live.delete(t); return realClear(t); };
  try {
    for (const answer of ['now', 'later']) {
      client.answer = answer;
      const done = [];
      for (let i = 0; i < 500; i++) done.push(agent.createTask(TASK));
      await Promise.all(done);
    }
  } finally {
    globalThis.setTimeout = realSet;
    globalThis.clearTimeout = realClear;
  }
  // Each request starts its timer before it is sent (once sent, nothing is left that can fail).
  assert.equal(started, 1000, 'a timer for each request');
  assert.equal(live.size, 0, 'every timer was stopped');
});

test('a request with no answer does not keep a Node process alive (the timer is unref\'d)', async () => {
  // A child process waits for a request that never ends, under the default 60 s timeout: it must
  // exit at once, as it would without TaskJS.
  const script = `
    globalThis.connect = { Agent: function () {}, core: { getClient: () => ({ call() {} }),
      getAgentDataProvider: () => ({ getInstanceId: () => 'i' }) }, assertNotNull: (v) => v,
      getLog: () => ({ error: () => ({ withException() {} }), warn() {} }) };
    require(${JSON.stringify(BUNDLE)});
    new connect.Agent().createTask({ name: 'n', taskTemplateId: 't' }).catch(() => {});
  `;
  const started = Date.now();
  await new Promise((resolve, reject) => execFile(process.execPath, ['-e', script], { timeout: 30000 }, (err) => (err ? reject(err) : resolve())));
  assert.ok(Date.now() - started < 10000, `the process took ${Date.now() - started} ms to exit`);
});
