// No silent requests (B12): an agent request the CCP never answers ends in `failure` (or a rejected
// Promise) with a TaskTimeoutError, on Streams' own connect.Agent and UpstreamConduitClient, over a
// real Conduit to a fake CCP that stays silent, as taskjs #38 and #15 describe for a templated
// createTask; an answer after the timeout is logged, not delivered; and a caller's own
// idempotencyToken is sent as given, so a retry cannot create a second task.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { useHarness, REF, OURS } from './harness.mjs';
import { TEMPLATE, endpoint } from './agent-cases.mjs';

const h = useHarness();

// In the page: a request in `mode` with the given config, callbacks or a Promise; what ends it, and
// Streams' log lines of component `task`, after `waitMs`.
async function request({ mode, delayMs, config, input, promise, waitMs }) {
  const ccp = TJS.agentBoot(mode);
  ccp.api.delayMs = delayMs;
  const configured = [];
  for (const c of config || []) {
    try { connect.TaskSession.setGlobalConfig(c); configured.push('ok'); } catch (e) { configured.push(`${e.name}: ${e.message}`); }
  }
  const events = [];
  const started = Date.now();
  const record = (kind) => (data) => events.push({ kind, after: Date.now() - started, name: data && data.name,
    method: data && data.method, timeoutMs: data && data.timeoutMs, message: data && data.message, data: TJS.snap(data) });
  const agent = new connect.Agent();
  if (promise) agent.createTask(input).then(record('resolved'), record('rejected'));
  else agent.createTask(input, { success: record('success'), failure: record('failure') });
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  const log = connect.getLog()._logs.filter((e) => e.component === 'task').map((e) => `${e.level} ${e.text}`);
  return { configured, events, sent: ccp.apiRequests().map((r) => r.method), log, uncaught: TJS.uncaught };
}

const TEMPLATED = { name: 'Call back', taskTemplateId: TEMPLATE, endpoint: endpoint() };

describe('B12: no silent requests', () => {
  test('a templated createTask the CCP never answers: failure with a TaskTimeoutError (the reference never settles)', async () => {
    const ours = await h.run(OURS, request, { mode: 'silent', config: [{ requestTimeoutMs: 150 }], input: TEMPLATED, waitMs: 400 });
    assert.deepEqual(ours.configured, ['ok']);
    assert.deepEqual(ours.sent, ['createTemplatedTask']);
    assert.equal(ours.events.length, 1, JSON.stringify(ours.events));
    const [e] = ours.events;
    assert.equal(e.kind, 'failure');
    assert.equal(e.name, 'TaskTimeoutError');
    assert.equal(e.method, 'createTemplatedTask');
    assert.equal(e.timeoutMs, 150);
    assert.match(e.message, /createTemplatedTask got no answer within 150 ms: its outcome is unknown/);
    assert.ok(e.after >= 140, `ended after ${e.after} ms`);
    assert.deepEqual(ours.uncaught, []);
    const reference = await h.run(REF, request, { mode: 'silent', input: TEMPLATED, waitMs: 400 });
    assert.deepEqual(reference.sent, ['createTemplatedTask']);
    assert.deepEqual(reference.events, [], 'the reference calls neither success nor failure');
  });

  test('the Promise form rejects with the TaskTimeoutError', async () => {
    const r = await h.run(OURS, request, { mode: 'silent', config: [{ requestTimeoutMs: 100 }], input: TEMPLATED, promise: true, waitMs: 300 });
    assert.deepEqual(r.events.map((e) => [e.kind, e.name, e.timeoutMs]), [['rejected', 'TaskTimeoutError', 100]]);
  });

  test('an answer after the timeout is logged (the method and how late) and not delivered: one settlement', async () => {
    const r = await h.run(OURS, request, { mode: 'late', delayMs: 250, config: [{ requestTimeoutMs: 80 }], input: TEMPLATED, waitMs: 500 });
    assert.deepEqual(r.events.map((e) => [e.kind, e.name]), [['failure', 'TaskTimeoutError']]);
    const late = r.log.filter((l) => /The answer to createTemplatedTask came \d+ ms after its 80 ms timeout/.test(l));
    assert.equal(late.length, 1, r.log.join('\n'));
    assert.match(late[0], /^WARN /);
  });

  test('an answer in time is delivered once, and the timer ends with it', async () => {
    const r = await h.run(OURS, request, { mode: 'late', delayMs: 50, config: [{ requestTimeoutMs: 300 }], input: TEMPLATED, waitMs: 500 });
    assert.deepEqual(r.events.map((e) => e.kind), ['success']);
    assert.deepEqual(r.events[0].data, { ContactId: 'created-templated-task-id' });
    assert.deepEqual(r.log.filter((l) => /answer/.test(l)), []);
  });

  test('requestTimeoutMs 0 turns the timeout off', async () => {
    const r = await h.run(OURS, request, { mode: 'silent', config: [{ requestTimeoutMs: 0 }], input: TEMPLATED, waitMs: 300 });
    assert.deepEqual(r.events, []);
  });

  test('a bad config value is refused with a TypeError naming the key, and nothing changes', async () => {
    const bad = [{ requestTimeoutMs: -1 }, { requestTimeoutMs: '100' }, { requestTimeoutMs: 2 ** 31 }, null];
    const r = await h.run(OURS, request, { mode: 'silent', config: [{ requestTimeoutMs: 120 }, ...bad], input: TEMPLATED, waitMs: 400 });
    assert.equal(r.configured[0], 'ok');
    for (const refused of r.configured.slice(1, 4)) assert.match(refused, /^TypeError: requestTimeoutMs must be a number of milliseconds/);
    assert.match(r.configured[4], /^TypeError: setGlobalConfig needs an object/);
    assert.deepEqual(r.events.map((e) => [e.name, e.timeoutMs]), [['TaskTimeoutError', 120]], 'the last good value holds');
  });

  test('the default is 60 seconds', async () => {
    const r = await h.run(OURS, async () => {
      const ccp = TJS.agentBoot('silent');
      const agent = new connect.Agent();
      const ended = [];
      const realSetTimeout = window.setTimeout;
      const delays = [];
      window.setTimeout = function (f, ms) { delays.push(ms); return realSetTimeout.apply(this, arguments); };
      try { agent.createTask({ name: 'n', taskTemplateId: 't' }, { failure: (e) => ended.push(e.name) }); } finally { window.setTimeout = realSetTimeout; }
      return { delays, ended, sent: ccp.apiRequests().length };
    });
    assert.deepEqual(r, { delays: [60000], ended: [], sent: 1 });
  });
});

describe("a caller's own idempotencyToken", () => {
  const PLAIN = { name: 'Call back', endpoint: endpoint(), idempotencyToken: 'retry-safe-token-1' };
  const sentToken = (bundle) => h.run(bundle, async (input) => {
    const ccp = TJS.agentBoot('success');
    new connect.Agent().createTask(input, {});
    await TJS.settle();
    return ccp.apiRequests().map((r) => r.params.idempotencyToken);
  }, PLAIN);

  test('is sent as given (the reference always overwrites it with a fresh one)', async () => {
    assert.deepEqual(await sentToken(OURS), ['retry-safe-token-1']);
    const [reference] = await sentToken(REF);
    assert.notEqual(reference, 'retry-safe-token-1');
  });
});

// Issue 22: an answer nobody can hear is still an answer; one configuration per page; errors are
// classes; a task that is no object is refused.
describe('every request ends once, whatever callbacks it has', () => {
  test('a request with only a failure to call succeeds: no timeout, nothing called (the client still gets a success to call)', async () => {
    const r = await h.run(OURS, async () => {
      const ccp = TJS.agentBoot('success');
      connect.TaskSession.setGlobalConfig({ requestTimeoutMs: 100 });
      const failures = [];
      new connect.Agent().createTask({ name: 'n', taskTemplateId: 't' }, { failure: (e) => failures.push(e.name) });
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { failures, sent: ccp.apiRequests().map((q) => q.method), log: connect.getLog()._logs.filter((e) => e.component === 'task').map((e) => e.text) };
    });
    assert.deepEqual(r, { failures: [], sent: ['createTemplatedTask'], log: [] });
  });

  test('a request with only a success to call fails: not silent, the failure is logged', async () => {
    const r = await h.run(OURS, async () => {
      TJS.agentBoot('failure');
      const successes = [];
      new connect.Agent().updateContact({ contactId: 'c', name: 'n' }, { success: () => successes.push(1) });
      await TJS.settle();
      return { successes, log: connect.getLog()._logs.filter((e) => e.component === 'task').map((e) => `${e.level} ${e.text}`) };
    });
    assert.deepEqual(r.successes, []);
    assert.equal(r.log.length, 1, r.log.join('\n'));
    assert.match(r.log[0], /^ERROR A task request failed, and its callbacks have no failure to report it to/);
  });

  test('callbacks that are neither an object nor a function: a TypeError, nothing sent', async () => {
    const r = await h.run(OURS, async () => {
      const ccp = TJS.agentBoot('success');
      let thrown;
      try { new connect.Agent().createTask({ name: 'n', taskTemplateId: 't' }, 'not callbacks'); } catch (e) { thrown = `${e.name}: ${e.message}`; }
      return { thrown, sent: ccp.apiRequests().length };
    });
    assert.match(r.thrown, /^TypeError: createTask\(input, callbacks\): callbacks must be an object/);
    assert.equal(r.sent, 0);
  });
});

describe('setGlobalConfig', () => {
  test('a key it does not have is a TypeError naming the key, and the configuration holds', async () => {
    const r = await h.run(OURS, request, { mode: 'silent', config: [{ requestTimeoutMs: 120 }, { requestTimeoutMS: 10 }], input: TEMPLATED, waitMs: 400 });
    assert.deepEqual(r.configured, ['ok', 'TypeError: setGlobalConfig: unknown key "requestTimeoutMS" (the keys are requestTimeoutMs)']);
    assert.deepEqual(r.events.map((e) => [e.name, e.timeoutMs]), [['TaskTimeoutError', 120]]);
  });

  test('two copies of the bundle on a page share one configuration and one set of error classes', async () => {
    // The first copy installs the agent methods (Streams is there); the second finds them and
    // installs its own connect.TaskSession and connect.TaskJS over the first's.
    const r = await h.run([OURS, { inline: 'window.__first = { TaskSession: connect.TaskSession, TaskJS: connect.TaskJS };' }, OURS], async () => {
      TJS.agentBoot('silent');
      const first = window.__first;
      const second = { TaskSession: connect.TaskSession, TaskJS: connect.TaskJS };
      second.TaskSession.setGlobalConfig({ requestTimeoutMs: 50 });
      const started = Date.now();
      const error = await new connect.Agent().createTask({ name: 'n', taskTemplateId: 't' }).catch((e) => e);
      return {
        distinct: first.TaskSession !== second.TaskSession,
        name: error.name,
        after: Date.now() - started,
        timeoutMs: error.timeoutMs,
        classes: ['TaskValidationError', 'TaskTimeoutError', 'TaskServiceError'].map((n) => first.TaskJS[n] === second.TaskJS[n]),
        isFirsts: error instanceof first.TaskJS.TaskTimeoutError,
        isSeconds: error instanceof second.TaskJS.TaskTimeoutError,
      };
    });
    assert.equal(r.distinct, true, 'two copies');
    assert.equal(r.name, 'TaskTimeoutError');
    assert.equal(r.timeoutMs, 50, 'the second copy set the timeout the first copy\'s agent method used');
    assert.ok(r.after < 1000, `ended after ${r.after} ms`);
    assert.deepEqual(r.classes, [true, true, true]);
    assert.deepEqual([r.isFirsts, r.isSeconds], [true, true]);
  });
});

describe('errors are classes', () => {
  test('TaskValidationError, TaskTimeoutError and TaskServiceError: Error subclasses on connect.TaskJS, named, with their fields', async () => {
    const r = await h.run(OURS, async () => {
      const { TaskValidationError, TaskTimeoutError, TaskServiceError } = connect.TaskJS;
      const out = {};
      TJS.agentBoot('success');
      const agent = new connect.Agent();
      agent.createTask({ name: 'x'.repeat(600), taskTemplateId: 't' }, { failure: (e) => { out.validation = [e instanceof TaskValidationError, e instanceof Error, e.name, e.field, e.message]; } });
      connect.TaskSession.setGlobalConfig({ requestTimeoutMs: 30 });
      TJS.agentBoot('silent');
      const timeout = await agent.getTaskTemplate({ id: 't' }).catch((e) => e);
      out.timeout = [timeout instanceof TaskTimeoutError, timeout.name, timeout.method, timeout.timeoutMs];
      connect.TaskSession.setGlobalConfig({ requestTimeoutMs: 60000 });
      TJS.agentBoot('failure');
      const refused = await agent.createTask({ name: 'n', taskTemplateId: 't' }).catch((e) => e);
      out.service = [refused instanceof TaskServiceError, refused.name, refused.message, refused.type, refused.status, typeof refused.cause];
      const made = new TaskTimeoutError('made by a test', { method: 'createTaskContact', timeoutMs: 1 });
      out.made = [made.name, made.message, made.method, made instanceof Error, Object.prototype.toString.call(made)];
      return out;
    });
    assert.deepEqual(r.validation, [true, true, 'TaskValidationError', 'name', 'name must be at most 512 characters (got 600)']);
    assert.deepEqual(r.timeout, [true, 'TaskTimeoutError', 'getTaskTemplate', 30]);
    assert.deepEqual(r.service, [true, 'TaskServiceError', 'rejected by the service: createTemplatedTask', 'InvalidParameterException', 400, 'string']);
    assert.deepEqual(r.made, ['TaskTimeoutError', 'made by a test', 'createTaskContact', true, '[object Error]']);
  });
});

describe('input of the wrong shape', () => {
  test('a task that is an array is a TypeError; attributes that are a Map are refused by name', async () => {
    const r = await h.run(OURS, async () => {
      const ccp = TJS.agentBoot('success');
      const agent = new connect.Agent();
      const out = {};
      try { agent.createTask(['n'], {}); } catch (e) { out.array = `${e.name}: ${e.message}`; }
      agent.createTask({ name: 'n', endpoint: { endpointARN: 'a/qc' }, attributes: new Map([['k', 'v']]) }, { failure: (e) => { out.map = e.message; } });
      try { connect.TaskJS.validateTask([], { Id: 't' }); } catch (e) { out.validateArray = e.name; }
      return { ...out, sent: ccp.apiRequests().length };
    });
    assert.equal(r.array, 'TypeError: Task contact object must be an object, not an array');
    assert.equal(r.map, 'attributes must be a plain object of strings (got a Map)');
    assert.equal(r.validateArray, 'TypeError');
    assert.equal(r.sent, 0);
  });
});
