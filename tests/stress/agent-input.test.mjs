// Hostile input to the agent APIs (createTask, updateContact, listTaskTemplates,
// getTaskTemplate): huge strings, many keys, deep and cyclic nesting, __proto__/constructor keys,
// getters and proxies that throw, non-plain objects, and callbacks that call the API again.
// Streams' client is replaced by one that records the call and answers synchronously.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './support.mjs';

const pages = usePages();
before(pages.before);
after(pages.after);

// In the page: installs the recording client, then runs `scenario` (source of an async function
// (agent, sent, client) => extra). client.mode: 'success' | 'failure' | 'silent'.
async function inPage(scenario) {
  const sent = [];
  const client = { mode: 'success' };
  connect.core.getClient = () => ({
    call(method, params, callbacks) {
      sent.push({ method, params });
      if (client.mode === 'success') callbacks.success({ ok: true });
      else if (client.mode === 'failure') callbacks.failure({ message: 'service error' });
    },
  });
  connect.core.getAgentDataProvider = () => ({ getInstanceId: () => 'instance-1' });
  const agent = Object.create(connect.Agent.prototype);
  const extra = await (0, eval)(`(${scenario})`)(agent, sent, client);
  return { extra: extra ?? null, sentCount: sent.length, pollution: KIT.pollution() };
}

async function check(scenario) {
  const r = await pages.run(inPage, scenario.toString());
  assert.deepEqual(r.result.pollution, [], 'a prototype was polluted');
  assert.deepEqual(r.uncaught, []);
  assert.deepEqual(r.pageErrors, []);
  assert.equal(r.health, 'ok', 'the bundle still works afterwards');
  return r.result;
}

const endpoint = { endpointARN: 'arn:aws:connect:us-west-2:1:instance/i/transfer-destination/qc-1', endpointId: 'e', type: 'queue' };

test('huge strings fail validation naming the field, and nothing is sent', async (t) => {
  const r = await check(async (agent, sent) => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const ep = { endpointARN: 'arn:x/qc', type: 'queue' };
    const out = [];
    const call = (task) => new Promise((resolve) => {
      agent.createTask(task, { success: () => resolve('success'), failure: (e) => resolve(`${e.name}:${e.field}`) });
    });
    out.push(await call({ name: huge, endpoint: ep }));
    out.push(await call({ name: 'n', description: huge, endpoint: ep }));
    out.push(await call({ name: 'n', endpoint: ep, references: { r: { type: 'STRING', value: huge } } }));
    out.push(await call({ name: 'n', endpoint: ep, references: { [huge]: { type: 'URL', value: 'v' } } }));
    out.push(await call({ name: 'n', endpoint: ep, references: { r: { type: huge, value: 'v' } } }));
    out.push(await call({ name: 'n', endpoint: ep, references: { r: { type: 'NUMBER', value: `1${'0'.repeat(400)}` } } }));
    return { out, sent: sent.length, memory: KIT.wasm()?.memoryBytes };
  });
  t.diagnostic(`wasm memory afterwards: ${r.extra.memory} bytes`);
  assert.deepEqual(r.extra.out, ['TaskValidationError:name', 'TaskValidationError:description',
    'TaskValidationError:references.r.value', `TaskValidationError:references.${'x'.repeat(32)}…`,
    'TaskValidationError:references.r.type', 'TaskValidationError:references.r.value']);
  assert.equal(r.extra.sent, 0);
});

test('20,000 top-level keys and 20,000 references are all sent, normalised', async () => {
  const r = await check(async (agent, sent) => {
    const n = 20000;
    const task = { name: 'many', taskTemplateId: 'tpl', references: {} };
    for (let i = 0; i < n; i++) {
      task[`key${i}`] = i;
      task.references[`ref ${i}`] = { type: 'STRING', value: `v${i}` };
    }
    await agent.createTask(task);
    const p = sent[0].params;
    const keys = Object.keys(p);
    const refs = Object.keys(p.References);
    return {
      keys: keys.length,
      allCapitalised: keys.every((k) => k[0] === k[0].toUpperCase()),
      values: keys.filter((k) => k.startsWith('Key')).every((k) => p[k] === Number(k.slice(3))),
      refs: refs.length,
      refsNormalised: refs.every((k, i) => k === `ref ${i}` && p.References[k].Type === 'STRING' && p.References[k].Value === `v${i}`),
      inputUntouched: Object.keys(task).length === n + 3 && task.references['ref 0'].type === 'STRING',
    };
  });
  assert.deepEqual(r.extra, { keys: 20003, allCapitalised: true, values: true, refs: 20000, refsNormalised: true, inputUntouched: true });
});

test('deep and cyclic nesting passes through without overflowing the stack', async () => {
  const r = await check(async (agent, sent) => {
    let deep = { leaf: true };
    for (let i = 0; i < 100000; i++) deep = { references: deep, value: i };
    let deepArray = [];
    for (let i = 0; i < 100000; i++) deepArray = [deepArray];
    const cyclic = { name: 'cycle', type: 'STRING', value: 'v' };
    cyclic.self = cyclic;
    cyclic.references = { again: cyclic };
    const results = [];
    for (const task of [
      { name: 'n', taskTemplateId: 't', references: { r: { type: 'STRING', value: 'v', nested: deep } }, extra: deepArray },
      { name: 'n', taskTemplateId: 't', references: deep },
      { name: 'n', endpoint: { endpointARN: 'a/b', type: 'queue' }, data: deep, list: deepArray },
      { name: 'n', taskTemplateId: 't', references: { c: cyclic }, cyclic },
      { contactId: 'c', references: { c: cyclic } },
    ]) {
      await new Promise((resolve) => {
        const cb = { success: () => resolve(results.push('success')), failure: (e) => resolve(results.push(`failure:${e.field || e.message}`)) };
        if (task.contactId) agent.updateContact(task, cb); else agent.createTask(task, cb);
      });
    }
    // What was sent holds the whole depth (copied near the top, the same objects further down).
    const first = sent[0] && sent[0].params;
    let o = first && first.References.r.Nested;
    let levels = 0;
    while (o && o.references) { o = o.references; levels++; }
    let a = first && first.Extra;
    let arrayLevels = 0;
    while (Array.isArray(a) && a.length) { a = a[0]; arrayLevels++; }
    return { results, levels, leaf: !!o && o.leaf === true, arrayLevels };
  });
  assert.equal(r.extra.results.length, 5);
  assert.deepEqual([r.extra.levels, r.extra.leaf, r.extra.arrayLevels], [100000, true, 100000]);
});

test('__proto__, constructor and prototype keys neither pollute nor get lost', async () => {
  const r = await check(async (agent, sent) => {
    const input = JSON.parse('{"name":"n","taskTemplateId":"t","__proto__":{"polluted":"top"},' +
      '"constructor":{"prototype":{"polluted":"ctor"}},"prototype":{"polluted":1},' +
      '"references":{"__proto__":{"type":"STRING","value":"v","__proto__":{"polluted":"ref"}},' +
      '"constructor":{"type":"URL","value":"u"}}}');
    const before = JSON.stringify(input);
    await agent.createTask(input);
    await agent.updateContact(JSON.parse('{"contactId":"c","__proto__":{"hacked":1},"references":{"__proto__":{"type":"STRING","value":"v"}}}'));
    await agent.listTaskTemplates(JSON.parse('{"status":"active","__proto__":{"hacked":1}}'));
    await agent.getTaskTemplate(JSON.parse('{"id":"t","__proto__":{"hacked":1}}'));
    const p = sent[0].params;
    const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
    return {
      unchanged: JSON.stringify(input) === before,
      topProto: own(p, '__proto__') && p.__proto__.polluted === 'top' && Object.getPrototypeOf(p) === Object.prototype,
      ctor: own(p, 'Constructor') && p.Constructor.prototype.polluted === 'ctor',
      refProto: own(p.References, '__proto__') && p.References.__proto__.Type === 'STRING' &&
        own(p.References.__proto__, '__proto__'),
      refCtor: own(p.References, 'constructor') && p.References.constructor.Type === 'URL',
      others: sent.slice(1).map((s) => own(s.params, '__proto__') || own(s.params.queryParams || s.params.templateParams || {}, '__proto__')),
    };
  });
  assert.deepEqual(r.extra, { unchanged: true, topProto: true, ctor: true, refProto: true, refCtor: true, others: [true, true, true] });
});

test('getters and proxies that throw, 5,000 times each, do not wear the bundle out', async () => {
  const r = await check(async (agent) => {
    const outcomes = new Set();
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const makers = {
      'throwing getter': () => ({ get name() { throw new Error('getter'); }, endpoint: {} }),
      'throwing getter in references': () => ({ contactId: 'c', references: { get r() { throw new Error('getter'); } } }),
      'revoked proxy': () => ({ name: 'n', endpoint: revoked }),
      'proxy with throwing traps': () => ({ contactId: 'c', references: new Proxy({}, {
        ownKeys() { throw new Error('ownKeys'); }, getPrototypeOf() { throw new Error('getPrototypeOf'); } }) }),
      'array with a throwing element': () => {
        const a = [1];
        Object.defineProperty(a, 0, { get() { throw new Error('element'); }, enumerable: true });
        return { name: 'n', taskTemplateId: 't', list: a };
      },
      'array proxy with throwing length': () => ({ name: 'n', taskTemplateId: 't', list: new Proxy([], { get() { throw new Error('length'); } }) }),
    };
    for (const [label, make] of Object.entries(makers)) {
      for (let i = 0; i < 5000; i++) {
        let outcome;
        try {
          const task = make();
          const method = task.contactId ? 'updateContact' : 'createTask';
          agent[method](task, { success: () => { outcome = 'success'; }, failure: (e) => { outcome = `failure ${e && e.message}`; } });
        } catch (e) {
          outcome = `threw ${e && e.name}: ${e && e.message}`;
        }
        outcomes.add(`${label}: ${outcome}`);
      }
    }
    return [...outcomes];
  });
  const broken = r.extra.filter((o) => /RuntimeError|undefined$/.test(o));
  assert.deepEqual(broken, [], `outcomes: ${r.extra.join(' | ')}`);
});

test('the argument is read before the callbacks; a throwing argument stops the call before them', async () => {
  const r = await check(async (agent, sent) => {
    const log = [];
    const task = (fail) => ({
      get name() {
        log.push('argument');
        if (fail) throw new Error('argument getter');
        return 'n';
      },
      endpoint: { endpointARN: 'arn:x/qc' },
    });
    const callbacks = {
      get success() {
        log.push('callbacks');
        return () => log.push('success');
      },
    };
    agent.createTask(task(false), callbacks);
    const first = log.splice(0);
    let thrown = null;
    try {
      agent.createTask(task(true), callbacks);
    } catch (e) {
      thrown = e.message;
    }
    return { first, second: log, thrown, sent: sent.length };
  });
  assert.deepEqual(r.extra.first.slice(0, 2), ['argument', 'callbacks']);
  assert.equal(r.extra.first.at(-1), 'success');
  assert.deepEqual(r.extra.second, ['argument'], 'the callbacks were read although the argument threw');
  assert.equal(r.extra.thrown, 'argument getter');
  assert.equal(r.extra.sent, 1);
});

test('callbacks that call the same API again (synchronously) get a working nested call', async () => {
  const r = await check(async (agent, sent, client) => {
    const log = [];
    const ep = { endpointARN: 'a/qc', type: 'queue' };
    // A validation failure reports synchronously; its callback retries with valid input.
    agent.listTaskTemplates({ maxResults: 1000 }, {
      success: () => log.push('outer success'),
      failure: (e) => {
        log.push(`outer failure ${e.field}`);
        try {
          agent.listTaskTemplates({ maxResults: 10 }, { success: () => log.push('retry success'), failure: (e2) => log.push(`retry failure ${e2.message}`) });
        } catch (e2) { log.push(`retry threw ${e2.message}`); }
      },
    });
    // A client that answers synchronously: the success callback creates the follow-up task.
    agent.createTask({ name: 'first', endpoint: ep }, {
      success: () => {
        log.push('first success');
        try {
          agent.createTask({ name: 'follow-up', endpoint: ep }, { success: () => log.push('follow-up success'), failure: (e) => log.push(`follow-up failure ${e.message}`) });
        } catch (e) { log.push(`follow-up threw ${e.message}`); }
      },
      failure: (e) => log.push(`first failure ${e.message}`),
    });
    return { log, sent: sent.map((s) => s.params.name || s.method) };
  });
  assert.deepEqual(r.extra.log, ['outer failure queryParams.maxResults', 'retry success', 'first success', 'follow-up success']);
  assert.deepEqual(r.extra.sent, ['listTaskTemplates', 'first', 'follow-up']);
});

test('non-plain objects as inputs: Date, Map, class instances, functions, typed arrays', async () => {
  const r = await check(async (agent, sent) => {
    class Task { constructor() { this.name = 'from a class'; this.endpoint = { endpointARN: 'a/b' }; } }
    const outcomes = [];
    const inputs = [new Date(0), new Map([['name', 'n']]), new Task(), () => 1, new Uint8Array(4), new String('n'),
      Object.create(null), Object.assign(Object.create(null), { name: 'null proto', endpoint: { endpointARN: 'a/b' } }),
      { name: 'n', endpoint: { endpointARN: 'a/b' }, references: new Map() }, { name: 'n', taskTemplateId: 't', references: [1, 2] }];
    for (const input of inputs) {
      for (const method of ['createTask', 'updateContact', 'listTaskTemplates', 'getTaskTemplate']) {
        try {
          await agent[method](input).then(() => outcomes.push('ok'), (e) => outcomes.push(`rejected ${e && e.name}`));
        } catch (e) {
          outcomes.push(`threw ${e && e.name}`);
        }
      }
    }
    return outcomes;
  });
  assert.ok(r.extra.every((o) => !/RuntimeError/.test(o)), r.extra.join(' | '));
});
