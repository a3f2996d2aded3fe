// Hostile sizes in agent input (issue 13, part 2): each input is answered within the documented
// rules — refused with a TaskValidationError that names the field and its limit, or sent — and
// afterwards the wasm memory and the allocator's bytes in use are back near where they started:
// nothing the request passes through unchanged is copied into wasm memory, and a refused call
// leaves nothing allocated behind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './support.mjs';

const pages = usePages();
before(pages.before);
after(pages.after);

// In the page: each case is [label, method, input]; returns per case what the caller saw
// (`sent <method>` or `<error name>: <message>`), and the memory figures before and after.
async function hostile() {
  const sent = [];
  connect.core.getClient = () => ({ call(method, params, cb) { sent.push({ method, params }); cb.success({}); } });
  connect.core.getAgentDataProvider = () => ({ getInstanceId: () => 'instance-1' });
  const agent = Object.create(connect.Agent.prototype);
  const endpoint = { endpointARN: 'arn:aws:connect:r:1:instance/i/transfer-destination/qc-1', type: 'queue' };

  const big = 'x'.repeat(3e8); // one 300-million-character string, used eight times
  const nested = (levels) => { let v = { type: 'STRING', value: 'leaf' }; for (let i = 0; i < levels; i++) v = { r: v }; return v; };
  const nestedReferences = (levels) => { let v = {}; for (let i = 0; i < levels; i++) v = { r: { type: 'STRING', value: 'v', references: v } }; return v; };
  const wide = {};
  for (let i = 0; i < 100000; i++) wide[`k${i}`] = { type: 'STRING', value: `v${i}` };
  const sparse = [];
  sparse.length = 2 ** 32 - 1;
  const proxyArray = new Proxy(sparse, {});
  const megaName = 'n'.repeat(1 << 20);

  const cases = [
    ['eight 300M strings in validated fields', 'createTask', { name: big, description: big, endpoint: { ...endpoint, endpointARN: big },
      references: { a: { type: 'STRING', value: big }, [big]: { type: 'URL', value: big } }, scheduledTime: big, taskTemplateId: big }],
    ['eight 300M strings passed through', 'createTask', { name: 'n', endpoint,
      p1: big, p2: big, p3: big, p4: big, p5: big, p6: big, p7: big, p8: big }],
    ['a 300M-character contactId', 'updateContact', { contactId: big, name: 'n' }],
    ['references nested 10,000 levels', 'createTask', { name: 'n', endpoint, references: nested(10000) }],
    ['nested 10,000 levels inside a reference (passed through)', 'updateContact', { contactId: 'c', references: { r: { type: 'STRING', value: 'v', more: nested(10000) } } }],
    ['references inside references, 10,000 levels', 'updateContact', { contactId: 'c', references: nestedReferences(10000) }],
    ['a 1 MB reference name', 'createTask', { name: 'n', endpoint, references: { [megaName]: { type: 'STRING', value: 'v' } } }],
    ['a sparse array of length 2^32-1 passed through', 'createTask', { name: 'n', endpoint, list: sparse }],
    ['a sparse array of length 2^32-1 as references', 'updateContact', { contactId: 'c', references: sparse }],
    ['a Proxy of that array passed through', 'listTaskTemplates', { status: 'active', extra: proxyArray }],
    ['a Proxy of that array as references', 'createTask', { name: 'n', endpoint, references: proxyArray }],
    // Last, twice: requests this large need memory in proportion (see the test's notes).
    ['100,000 references', 'createTask', { name: 'n', endpoint, references: wide }],
    ['100,000 keys at the top', 'updateContact', { contactId: 'c', ...wide }],
    ['100,000 references, again', 'createTask', { name: 'n', endpoint, references: wide }],
    ['100,000 keys at the top, again', 'updateContact', { contactId: 'c', ...wide }],
  ];

  const outcome = (method, input) => new Promise((resolve) => {
    const before = sent.length;
    try {
      agent[method](input, {
        success: () => resolve(sent.length > before ? `sent ${sent[sent.length - 1].method}` : 'success without a request'),
        failure: (e) => resolve(`${e && e.name}: ${e && e.message}`),
      });
    } catch (e) {
      resolve(`threw ${e && e.name}: ${e && e.message}`);
    }
  });

  const start = KIT.wasm();
  const answers = {};
  const sizes = {};
  for (const [label, method, input] of cases) {
    const t0 = performance.now();
    answers[label] = await outcome(method, input);
    const last = sent[sent.length - 1];
    sizes[label] = last && /^sent/.test(answers[label]) ? {
      references: Object.keys(last.params.references || last.params.References || {}).length,
      keys: Object.keys(last.params).length,
      passedThrough: ['p1', 'list', 'extra'].filter((k) => k in input)
        .map((k) => [last.params, ...Object.values(last.params)].some((o) => o && o[k] === input[k])),
      ms: Math.round(performance.now() - t0),
    } : { ms: Math.round(performance.now() - t0) };
    const w = KIT.wasm();
    Object.assign(sizes[label], { memory: w.memoryBytes, heap: w.heapBytes });
    sent.length = 0;
  }
  return { answers, sizes, start, end: KIT.wasm(), recoveries: connect.TaskJS.stats().recoveries };
}

test('hostile sizes: refused naming the field and the limit, or sent; memory back where it was', { timeout: 600000 }, async (t) => {
  const { result: r, uncaught, pageErrors, health } = await pages.run(hostile);
  for (const [label, answer] of Object.entries(r.answers)) t.diagnostic(`${label}: ${answer.slice(0, 160)} ${JSON.stringify(r.sizes[label])}`);
  t.diagnostic(`wasm memory ${r.start.memoryBytes} -> ${r.end.memoryBytes} bytes; heap in use ${r.start.heapBytes} -> ${r.end.heapBytes} bytes`);
  const a = r.answers;
  const refused = (field, limit) => new RegExp(`^TaskValidationError: ${field.replace(/[.*]/g, '\\$&')}.*${limit}`);
  assert.match(a['eight 300M strings in validated fields'], refused('name', '512'));
  assert.equal(a['eight 300M strings passed through'], 'sent createTaskContact');
  assert.deepEqual(r.sizes['eight 300M strings passed through'].passedThrough, [true], 'passed through as the same string');
  assert.match(a['a 300M-character contactId'], /^sent updateContact$|^TaskValidationError: contactId/);
  assert.match(a['references nested 10,000 levels'], refused('references.r.type', ''));
  assert.equal(a['nested 10,000 levels inside a reference (passed through)'], 'sent updateContact');
  assert.match(a['references inside references, 10,000 levels'], refused('references', '16 levels'));
  assert.equal(a['100,000 references'], 'sent createTaskContact');
  assert.equal(r.sizes['100,000 references'].references, 100000);
  assert.equal(a['100,000 keys at the top'], 'sent updateContact');
  assert.equal(r.sizes['100,000 keys at the top'].keys, 100001);
  assert.match(a['a 1 MB reference name'], refused(`references.${'n'.repeat(32)}…`, '4096'));
  assert.equal(a['a sparse array of length 2^32-1 passed through'], 'sent createTaskContact');
  assert.deepEqual(r.sizes['a sparse array of length 2^32-1 passed through'].passedThrough, [true]);
  assert.match(a['a sparse array of length 2^32-1 as references'], /^sent updateContact$|^TaskValidationError: references/);
  assert.equal(a['a Proxy of that array passed through'], 'sent listTaskTemplates');
  assert.deepEqual(r.sizes['a Proxy of that array passed through'].passedThrough, [true]);
  assert.match(a['a Proxy of that array as references'], /^sent createTaskContact$|^TaskValidationError: references/);
  // Memory. Every case before the 100,000-entry ones leaves the linear memory where it was and
  // the heap within 1 KiB (the first call's one-off allocations): refused input is refused before it is copied, and what passes
  // through is never copied. The 100,000-entry requests are sent, and building them takes
  // memory in proportion to their size (the linear memory grows once and never shrinks;
  // wasm-bindgen keeps the capacity of its table of live JavaScript handles); the second time
  // nothing more is taken: nothing is kept per call.
  const at = (label) => r.sizes[label];
  const bounded = at('a Proxy of that array as references');
  assert.equal(bounded.memory, r.start.memoryBytes, 'bounded cases: the memory grew');
  assert.ok(bounded.heap - r.start.heapBytes <= 1024, `bounded cases: heap ${r.start.heapBytes} -> ${bounded.heap}`);
  for (const label of ['100,000 references', '100,000 keys at the top']) {
    const [first, again] = [at(label), at(`${label}, again`)];
    assert.equal(again.memory, first.memory, `${label}: the memory grew on the second call`);
    assert.ok(Math.abs(again.heap - first.heap) <= 16 << 10, `${label}: heap ${first.heap} -> ${again.heap}`);
  }
  assert.equal(r.recoveries, 0);
  assert.equal(health, 'ok');
  assert.deepEqual(uncaught, []);
  assert.deepEqual(pageErrors, []);
});
