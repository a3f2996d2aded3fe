// Agent APIs (createTask, updateContact, listTaskTemplates, getTaskTemplate) on Streams' own
// connect.Agent, with Streams' real UpstreamConduitClient talking to a fake CCP over a real Conduit.
// Differential on valid input and on missing fields; B4-B8 shown to hold on ours and not on the reference.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { useHarness, REF, OURS, STREAMS, FIXTURE } from './harness.mjs';
import { UUID_V4, INSTANCE, QUICK_CONNECT, ARN, endpoint, TEMPLATE, CONTACT, PREVIOUS, refs, x, VALID, MISSING, comparable } from './agent-cases.mjs';

const h = useHarness();
const REFERENCE_ONLY = process.env.PAGE_TESTS_REFERENCE_ONLY === '1';
// Agent calls keep no state between them, so they share one page per bundle (see harness).
const call = (bundle, a) => h.runShared(bundle, (a) => TJS.agentCall(a), a);

async function differential(a, expectRef) {
  const reference = comparable(await call(REF, a));
  expectRef(reference);
  if (REFERENCE_ONLY) return;
  assert.deepStrictEqual(comparable(await call(OURS, a)), reference);
}

describe('drop-in fidelity: requests and callbacks as amazon-connect-taskjs@2.0.0', () => {
  for (const [name, [method, input]] of Object.entries(VALID)) {
    test(`${name}: request and success`, () => differential({ method, input }, (r) => {
      assert.equal(r.requests.length, 1);
      assert.deepEqual(r.events.map((e) => Object.keys(e)[0]), ['success']);
      assert.equal(r.events[0].sameObjectAsReply, true);
      assert.deepEqual(r.uncaught, []);
    }));
  }

  for (const method of ['createTask', 'updateContact', 'listTaskTemplates', 'getTaskTemplate']) {
    const [, input] = Object.values(VALID).find(([m]) => m === method);
    test(`${method}: failure receives the service's error and data unchanged`, () =>
      differential({ method, input, mode: 'failure' }, (r) => {
        assert.equal(r.requests.length, 1);
        assert.deepEqual(r.events.map((e) => [Object.keys(e)[0], e.sameObjectAsError]), [['failure', true]]);
        assert.deepEqual(r.events[0].data, { statusCode: 400 });
      }));
  }

  for (const [name, [method, input]] of Object.entries(MISSING)) {
    for (const callbacks of [true, false]) {
      test(`${name} throws the same error (${callbacks ? 'with' : 'without'} callbacks)`, () =>
        differential({ method, input, callbacks }, (r) => {
          assert.equal(r.threw.isValueError, true, JSON.stringify(r.threw));
          assert.deepEqual([r.requests, r.events], [[], []]);
        }));
    }
  }

  test('createTask: the exact request for the reference README example shapes', async () => {
    // Pins the normalisation itself, not only equality with the reference.
    const plain = comparable(await call(REF, { method: 'createTask', input: VALID['createTask, plain, every field'][1] }));
    assert.deepEqual(plain.requests, [{ method: 'createTaskContact', params: { name: 'Call back', description: 'About the claim',
      endpoint: { endpointARN: ARN, type: 'queue', name: 'Support queue' }, references: refs(), scheduledTime: 1714550400,
      previousContactId: PREVIOUS, idempotencyToken: '<uuid v4>' } }]);
    const templated = comparable(await call(REF, { method: 'createTask', input: VALID['createTask, templated, with endpoint'][1] }));
    const upper = Object.fromEntries(Object.entries(refs()).map(([k, v]) => [k, { Type: v.type, Value: v.value }]));
    assert.deepEqual(templated.requests, [{ method: 'createTemplatedTask', params: { Name: 'From template',
      TaskTemplateId: TEMPLATE, References: upper, QuickConnectId: QUICK_CONNECT } }]);
    const list = comparable(await call(REF, { method: 'listTaskTemplates', input: { status: 'ACTIVE', maxResults: 50 } }));
    assert.deepEqual(list.requests, [{ method: 'listTaskTemplates',
      params: { instanceId: INSTANCE, queryParams: { status: 'ACTIVE', maxResults: 50 } } }]);
  });

  test('createTask: a fresh idempotencyToken per call', async () => {
    const twice = async (bundle) => h.run(bundle, async (input) => {
      const ccp = TJS.agentBoot('success');
      const agent = new connect.Agent();
      agent.createTask(JSON.parse(JSON.stringify(input)), {});
      agent.createTask(JSON.parse(JSON.stringify(input)), {});
      return ccp.apiRequests().map((r) => r.params.idempotencyToken);
    }, VALID['createTask, plain, minimal'][1]);
    for (const bundle of REFERENCE_ONLY ? [REF] : [REF, OURS]) {
      const [a, b] = await twice(bundle);
      assert.match(a, UUID_V4);
      assert.match(b, UUID_V4);
      assert.notEqual(a, b);
    }
  });
});

describe('what loading the bundle installs', () => {
  const installed = () => ({
    referenceType: connect.ReferenceType,
    taskSessionCreate: typeof connect.TaskSession.create,
    agentMethods: ['createTask', 'updateContact', 'listTaskTemplates', 'getTaskTemplate']
      .map((m) => [m, typeof connect.Agent.prototype[m], Object.prototype.hasOwnProperty.call(connect.Agent.prototype, m)]),
  });

  test('connect.ReferenceType, connect.TaskSession and the Agent methods', async () => {
    const reference = await h.run(REF, installed);
    assert.deepEqual(reference.referenceType, { URL: 'URL', EMAIL: 'EMAIL', NUMBER: 'NUMBER', STRING: 'STRING', DATE: 'DATE' });
    if (REFERENCE_ONLY) return;
    assert.deepStrictEqual(await h.run(OURS, installed), reference);
  });

  test('Agent methods that Streams already defines are left alone', async () => {
    const predefine = { inline: ['createTask', 'updateContact', 'listTaskTemplates', 'getTaskTemplate']
      .map((m) => `connect.Agent.prototype.${m} = function streams_${m}() { return 'streams'; };`).join('\n') };
    const check = async (bundle) => {
      const { page } = await h.open([STREAMS, predefine, bundle, FIXTURE]);
      try {
        return await page.evaluate(() => ['createTask', 'updateContact', 'listTaskTemplates', 'getTaskTemplate']
          .map((m) => connect.Agent.prototype[m].name));
      } finally { await page.close(); }
    };
    const expected = ['streams_createTask', 'streams_updateContact', 'streams_listTaskTemplates', 'streams_getTaskTemplate'];
    assert.deepEqual(await check(REF), expected);
    if (!REFERENCE_ONLY) assert.deepEqual(await check(OURS), expected);
  });
});

// `holds(result)` must pass on ours and fail on the reference.
async function better(a, holds) {
  const reference = await call(REF, a);
  assert.throws(() => holds(reference), 'the reference was expected not to have this property');
  if (REFERENCE_ONLY) return;
  holds(await call(OURS, a));
}

describe('improvements over the reference', () => {
  const MUTATING = ['createTask, plain, every field', 'createTask, templated, no endpoint',
    'createTask, templated, with endpoint', 'updateContact, every field'];
  for (const name of MUTATING) {
    const [method, input] = VALID[name];
    test(`B4: ${name} leaves the caller's object as it was`, () => better({ method, input }, (r) => {
      assert.deepEqual(r.input.after, r.input.before);
      assert.equal(r.requests.length, 1);
      assert.equal(r.events[0].success !== undefined, true);
    }));
  }

  // [label, method, input, regexes the error message must match]
  const INVALID = [
    ['name longer than 512 (plain)', 'createTask', { name: x(513), endpoint: endpoint() }, [/\bname\b/, /512/]],
    ['name longer than 512 (templated)', 'createTask', { name: x(513), taskTemplateId: TEMPLATE }, [/\bname\b/, /512/]],
    ['name longer than 512 (updateContact)', 'updateContact', { contactId: CONTACT, name: x(513) }, [/\bname\b/, /512/]],
    ['description longer than 4096', 'createTask', { name: 'n', description: x(4097), endpoint: endpoint() }, [/description/, /4096/]],
    ['description longer than 4096 (templated)', 'createTask',
      { name: 'n', description: x(4097), taskTemplateId: TEMPLATE }, [/description/, /4096/]],
    ['reference name longer than 4096', 'createTask',
      { name: 'n', endpoint: endpoint(), references: { [x(4097)]: { type: 'STRING', value: 'v' } } }, [/references/, /4096/]],
    ['reference STRING value longer than 4096', 'createTask',
      { name: 'n', endpoint: endpoint(), references: { Note: { type: 'STRING', value: x(4097) } } }, [/references\.Note\.value/, /4096/]],
    ['reference STRING value longer than 4096 (updateContact)', 'updateContact',
      { contactId: CONTACT, references: { Note: { type: 'STRING', value: x(4097) } } }, [/references\.Note\.value/, /4096/]],
    ['reference type not in connect.ReferenceType', 'createTask',
      { name: 'n', endpoint: endpoint(), references: { Bad: { type: 'PHONE', value: '1' } } },
      [/references\.Bad\.type/, /URL/, /EMAIL/, /NUMBER/, /STRING/, /DATE/]],
    ['reference type not in connect.ReferenceType (templated)', 'createTask',
      { name: 'n', taskTemplateId: TEMPLATE, references: { Bad: { type: 'PHONE', value: '1' } } }, [/references\.Bad\.type/, /URL/]],
    ['NUMBER reference value not numeric', 'createTask',
      { name: 'n', endpoint: endpoint(), references: { Amount: { type: 'NUMBER', value: 'a lot' } } }, [/references\.Amount\.value/]],
    ['DATE reference value not numeric', 'createTask',
      { name: 'n', endpoint: endpoint(), references: { Due: { type: 'DATE', value: 'tomorrow' } } }, [/references\.Due\.value/]],
    ['scheduledTime not a number', 'createTask',
      { name: 'n', endpoint: endpoint(), scheduledTime: '2024-05-01T10:00:00Z' }, [/scheduledTime/]],
    ['maxResults 0', 'listTaskTemplates', { maxResults: 0 }, [/queryParams\.maxResults/, /\b1\b/, /\b100\b/]],
    ['maxResults 101', 'listTaskTemplates', { maxResults: 101 }, [/queryParams\.maxResults/, /\b1\b/, /\b100\b/]],
    ["status 'bogus'", 'listTaskTemplates', { status: 'bogus' }, [/queryParams\.status/, /ACTIVE/, /INACTIVE/]],
  ];
  const rejected = (regexes) => (r) => {
    assert.equal(r.threw, undefined, `threw ${JSON.stringify(r.threw)}`);
    assert.deepEqual(r.requests, [], 'nothing is sent');
    assert.equal(r.events.length, 1, JSON.stringify(r.events));
    const err = r.events[0].failure ?? r.events[0].rejected;
    assert.ok(err && typeof err.message === 'string', JSON.stringify(r.events));
    for (const re of regexes) assert.match(err.message, re);
    assert.deepEqual(r.uncaught, []);
  };
  for (const [label, method, input, regexes] of INVALID) {
    test(`B5: ${method}, ${label}: failure names the field and the limit, nothing is sent`, () =>
      better({ method, input }, rejected(regexes)));
  }
  test('B5 + B7: without callbacks, a validation error rejects the Promise', () =>
    better({ method: 'createTask', input: { name: x(513), endpoint: endpoint() }, callbacks: false }, (r) => {
      assert.equal(r.returned, 'a Promise');
      rejected([/\bname\b/, /512/])(r);
      assert.ok('rejected' in r.events[0]);
    }));
  for (const [given, sent] of [['active', 'ACTIVE'], ['inactive', 'INACTIVE']]) {
    test(`B5: listTaskTemplates status '${given}' is sent as '${sent}'`, () =>
      better({ method: 'listTaskTemplates', input: { status: given, maxResults: 10 } }, (r) => {
        assert.deepEqual(r.requests, [{ method: 'listTaskTemplates',
          params: { instanceId: INSTANCE, queryParams: { status: sent, maxResults: 10 } } }]);
        assert.deepEqual(r.input.after, { status: given, maxResults: 10 }, 'the caller keeps its own value');
        assert.ok('success' in r.events[0]);
      }));
  }

  for (const [method, input] of [VALID['createTask, plain, minimal'], VALID['createTask, templated, no endpoint'],
    VALID['updateContact, contactId only'], VALID['listTaskTemplates, ACTIVE, 50'], VALID['getTaskTemplate, id']]) {
    test(`B6: ${method}${input.taskTemplateId ? ' (templated)' : ''}: a client that throws reaches failure exactly once`, () =>
      better({ method, input, mode: 'throw' }, (r) => {
        assert.equal(r.threw, undefined, `threw ${JSON.stringify(r.threw)}`);
        assert.deepEqual(r.events.map((e) => [Object.keys(e)[0], e.sameObjectAsError]), [['failure', true]]);
        assert.equal(r.events[0].failure.message, `the conduit could not send ${r.requests[0].method}`);
        assert.deepEqual(r.uncaught, []);
      }));
  }
  test('B6: a client that answers and then throws: exactly one success, no failure', () =>
    better({ method: 'getTaskTemplate', input: { id: TEMPLATE }, mode: 'success-then-throw' }, (r) => {
      assert.equal(r.threw, undefined);
      assert.deepEqual(r.events.map((e) => Object.keys(e)[0]), ['success']);
    }));
  test('B6: a client that fails and then throws: exactly one failure', () =>
    better({ method: 'getTaskTemplate', input: { id: TEMPLATE }, mode: 'failure-then-throw' }, (r) => {
      assert.equal(r.threw, undefined);
      assert.deepEqual(r.events.map((e) => Object.keys(e)[0]), ['failure']);
    }));

  for (const [method, input] of [VALID['createTask, plain, minimal'], VALID['createTask, templated, with endpoint'],
    VALID['updateContact, contactId only'], VALID['listTaskTemplates, ACTIVE, 50'], VALID['getTaskTemplate, id']]) {
    test(`B7: ${method} without callbacks returns a Promise of the client's data`, () =>
      better({ method, input, callbacks: false }, (r) => {
        assert.equal(r.returned, 'a Promise');
        assert.equal(r.requests.length, 1);
        assert.deepEqual(r.events.map((e) => [Object.keys(e)[0], e.sameObjectAsReply]), [['resolved', true]]);
      }));
    test(`B7: ${method} without callbacks rejects with a TaskServiceError holding the service's refusal`, () =>
      better({ method, input, callbacks: false, mode: 'failure' }, (r) => {
        assert.equal(r.returned, 'a Promise');
        assert.deepEqual(r.events.map((e) => [Object.keys(e)[0], e.causeIsError]), [['rejected', true]]);
        const [{ rejected, service }] = r.events;
        assert.equal(rejected.name, 'TaskServiceError');
        assert.match(rejected.message, /^rejected by the service: /);
        assert.deepEqual(service, { type: 'InvalidParameterException', status: 400, isError: true, isClass: true });
      }));
  }
  test('B7: without callbacks, a client that throws rejects the Promise', () =>
    better({ method: 'getTaskTemplate', input: { id: TEMPLATE }, callbacks: false, mode: 'throw' }, (r) => {
      assert.equal(r.threw, undefined);
      assert.deepEqual(r.events.map((e) => [Object.keys(e)[0], e.sameObjectAsError]), [['rejected', true]]);
    }));

  test('B8: loaded before Streams it does not throw, and installs itself once Streams is there', async () => {
    const use = async () => {
      const out = {
        installed: ['createTask', 'updateContact', 'listTaskTemplates', 'getTaskTemplate']
          .map((m) => typeof (window.connect && connect.Agent && connect.Agent.prototype[m])),
        taskSession: typeof (window.connect && connect.TaskSession && connect.TaskSession.create),
        referenceType: window.connect && connect.ReferenceType,
      };
      if (out.installed.includes('undefined') || out.taskSession !== 'function') return out;
      out.createTask = await TJS.agentCall({ method: 'createTask', input: { name: 'n', endpoint: { endpointARN: 'a/b/qc', type: 'queue' } } });
      const ccp = TJS.ccps[0];
      const s = connect.TaskSession.create({ contactId: 'c1', initialContactId: 'i1', websocketManager: ccp.ws });
      TJS.watch('A', s, ['onMessage']);
      await s.connect();
      ccp.task({ Id: 'm1', InitialContactId: 'i1' });
      out.delivered = TJS.trace.map((r) => r.data.Id);
      return out;
    };
    const check = async (bundle) => {
      const { page, loadErrors } = await h.open([bundle, STREAMS, FIXTURE], { allowLoadErrors: true });
      try { return { loadErrors, ...(await page.evaluate(use)) }; } finally { await page.close(); }
    };
    const holds = (r) => {
      assert.deepEqual(r.loadErrors, []);
      assert.deepEqual(r.installed, ['function', 'function', 'function', 'function']);
      assert.equal(r.taskSession, 'function');
      assert.deepEqual(r.referenceType, { URL: 'URL', EMAIL: 'EMAIL', NUMBER: 'NUMBER', STRING: 'STRING', DATE: 'DATE' });
      assert.deepEqual(r.createTask.requests.map((q) => q.method), ['createTaskContact']);
      assert.ok('success' in r.createTask.events[0]);
      assert.deepEqual(r.delivered, ['m1']);
    };
    const reference = await check(REF);
    assert.throws(() => holds(reference));
    assert.notDeepEqual(reference.loadErrors, [], 'the reference throws when loaded before Streams');
    if (!REFERENCE_ONLY) holds(await check(OURS));
  });

  test('B8: Streams injected after the load event: methods installed as soon as it has run', async () => {
    // Only ours is checked: the reference cannot even load without Streams (test above).
    if (REFERENCE_ONLY) return;
    const { page, loadErrors } = await h.open([OURS], { allowLoadErrors: true });
    try {
      assert.deepEqual(loadErrors, []);
      const before = await page.evaluate(() => ({
        agent: typeof connect.Agent, taskSession: typeof connect.TaskSession.create,
      }));
      assert.deepEqual(before, { agent: 'undefined', taskSession: 'function' });
      await page.evaluate(() => new Promise((resolve) => {
        if (document.readyState === 'complete') resolve(); else addEventListener('load', resolve);
      }));
      await page.addScriptTag({ url: '/' + STREAMS });
      const after = await page.evaluate(() => ({
        installed: ['createTask', 'updateContact', 'listTaskTemplates', 'getTaskTemplate']
          .map((m) => typeof connect.Agent.prototype[m]),
        agentIsStreams: typeof connect.Agent === 'function' && typeof connect.Agent.prototype.getState === 'function',
        agentDescriptor: Object.keys(Object.getOwnPropertyDescriptor(connect, 'Agent')).sort(),
      }));
      assert.deepEqual(after.installed, ['function', 'function', 'function', 'function']);
      assert.equal(after.agentIsStreams, true);
      // connect.Agent is a plain data property again once Streams has assigned it.
      assert.deepEqual(after.agentDescriptor, ['configurable', 'enumerable', 'value', 'writable']);
    } finally {
      await page.close();
    }
  });
});

// createTask with the endpoint objects Streams itself hands out (issue 10): connect.Endpoint
// instances from agent.getEndpoints (answered by the fake CCP), new connect.Endpoint and
// connect.Endpoint.byPhoneNumber, for a plain and a templated task.
describe('endpoints made by Streams', () => {
  // In the page: the endpoint of `kind` (the first getEndpoints returns), then createTask.
  const withEndpoint = async ({ kind, templated, index }) => {
    const ccp = TJS.agentBoot('success');
    const agent = new connect.Agent();
    const endpoints = await TJS.endpointOf(kind, agent);
    const endpoint = endpoints[index || 0];
    const task = templated ? { name: 'From template', taskTemplateId: 'tpl-1', endpoint } : { name: 'Call back', endpoint };
    const out = { endpointClass: endpoint instanceof connect.Endpoint ? 'connect.Endpoint' : typeof endpoint, events: [] };
    try {
      agent.createTask(task, {
        success: (d) => out.events.push({ success: TJS.snap(d) }),
        failure: (e) => out.events.push({ failure: TJS.err(e), field: e && e.field }),
      });
    } catch (e) {
      out.threw = TJS.err(e);
    }
    await TJS.settle();
    out.requests = ccp.apiRequests().filter((r) => r.method !== 'getEndpoints').map((r) => {
      if (r.params && 'idempotencyToken' in r.params) {
        if (!UUID.test(r.params.idempotencyToken)) return { badToken: r.params.idempotencyToken };
        r.params.idempotencyToken = '<uuid v4>';
      }
      return r;
    });
    return out;
  };
  const run = (bundle, a) => h.run(bundle, (a) => {
    window.UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
    return (0, eval)(`(${a.f})`)(a);
  }, { ...a, f: withEndpoint.toString() });

  const STREAMS_KINDS = ['agent.getEndpoints', 'new connect.Endpoint', 'connect.Endpoint.byPhoneNumber'];
  for (const kind of STREAMS_KINDS) {
    test(`plain task with an endpoint from ${kind}: the request the reference sends`, async (t) => {
      const reference = await run(REF, { kind });
      t.diagnostic(`reference sends: ${JSON.stringify(reference.requests)}`);
      assert.equal(reference.endpointClass, 'connect.Endpoint');
      assert.equal(reference.requests.length, 1);
      assert.equal(reference.requests[0].method, 'createTaskContact');
      assert.equal('endpointId' in reference.requests[0].params.endpoint, false);
      if (REFERENCE_ONLY) return;
      assert.deepStrictEqual(await run(OURS, { kind }), reference);
    });
  }
  for (const kind of ['agent.getEndpoints', 'new connect.Endpoint']) {
    test(`templated task with an endpoint from ${kind}: createTemplatedTask with its QuickConnectId`, async (t) => {
      const reference = await run(REF, { kind, templated: true });
      t.diagnostic(`reference sends: ${JSON.stringify(reference.requests)}`);
      assert.deepEqual(reference.requests.map((r) => [r.method, r.params.QuickConnectId]),
        [['createTemplatedTask', 'a6a2c310-b91a-4926-8d36-dbc7b758a11d']]);
      if (REFERENCE_ONLY) return;
      assert.deepStrictEqual(await run(OURS, { kind, templated: true }), reference);
    });
  }
  test('templated task with the agent endpoint getEndpoints lists second', async () => {
    const reference = await run(REF, { kind: 'agent.getEndpoints', templated: true, index: 1 });
    assert.equal(reference.requests[0].params.QuickConnectId, '0d6f0e0b-5c7e-4f2a-9d61-2b8f1c3e4a55');
    if (REFERENCE_ONLY) return;
    assert.deepStrictEqual(await run(OURS, { kind: 'agent.getEndpoints', templated: true, index: 1 }), reference);
  });
  test('templated task with a phone-number endpoint (no ARN): a TaskValidationError, where the reference throws a TypeError', async () => {
    const reference = await run(REF, { kind: 'connect.Endpoint.byPhoneNumber', templated: true });
    assert.equal(reference.threw.name, 'TypeError');
    if (REFERENCE_ONLY) return;
    const ours = await run(OURS, { kind: 'connect.Endpoint.byPhoneNumber', templated: true });
    assert.equal(ours.threw, undefined);
    assert.deepEqual(ours.requests, []);
    assert.deepEqual(ours.events.map((e) => [e.failure.name, e.field]), [['TaskValidationError', 'endpoint.endpointARN']]);
  });
  test('an endpoint that inherits its fields (Object.create) sends what an endpoint literal does', async () => {
    if (REFERENCE_ONLY) return;
    for (const templated of [false, true]) {
      const inherited = await run(OURS, { kind: 'inherits its fields', templated });
      const literal = await run(OURS, { kind: 'new connect.Endpoint', templated });
      assert.deepEqual(inherited.requests, literal.requests.map((r) => {
        if (templated) return r;
        // new connect.Endpoint also has phoneNumber, agentLogin and queue (null).
        const { phoneNumber, agentLogin, queue, ...endpoint } = r.params.endpoint;
        return { ...r, params: { ...r.params, endpoint } };
      }));
      assert.equal(inherited.requests.length, 1);
    }
  });
});
