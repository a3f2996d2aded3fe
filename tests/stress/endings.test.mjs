// Every accepted request ends exactly once (issue 22): each agent method, called from every depth
// near the end of the JavaScript stack, with each way a client can behave, in each form a caller
// can use. A call either throws at once, having sent nothing, or is accepted; an accepted call
// ends in exactly one success or failure (one settlement of its promise), and in the one the
// client's behaviour calls for; an answer nobody can hear (a success with only a failure to
// call) ends nothing twice and is never turned into a timeout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './support.mjs';

const pages = usePages();
before(pages.before);
after(pages.after);

// How the client answers, and which end that calls for.
const CLIENTS = {
  'answers at once': { outcome: 'success' },
  'refuses at once': { outcome: 'failure' },
  'answers later': { outcome: 'success' },
  'answers twice': { outcome: 'success' },
  'answers, then throws': { outcome: 'success' },
  'never answers': { outcome: 'failure' },
  throws: { outcome: 'failure' },
};
// What the caller passes as callbacks, and which ends it can hear.
const FORMS = {
  'success and failure': ['success', 'failure'],
  'success only': ['success'],
  'failure only': ['failure'],
  promise: ['success', 'failure'],
  'a function': [],
};

async function atTheEdge({ method, client, forms, rounds }) {
  const TIMEOUT_MS = 40;
  connect.TaskSession.setGlobalConfig({ requestTimeoutMs: TIMEOUT_MS });
  connect.core.getAgentDataProvider = () => ({ getInstanceId: () => 'instance-1' });
  const called = new Set(); // ids the client was given
  const idOf = (params) => params.name ?? params.Name ?? params.queryParams?.nextToken ?? params.templateParams?.id;
  const refusal = JSON.stringify({ type: 'InvalidParameterException', message: 'bad input', statusCode: 400 });
  const behaviours = {
    'answers at once': (cb) => cb.success({ ok: true }),
    'refuses at once': (cb) => cb.failure(refusal),
    'answers later': (cb) => setTimeout(() => cb.success({ ok: true }), 0),
    'answers twice': (cb) => { cb.success({ ok: true }); cb.failure(refusal); },
    'answers, then throws': (cb) => { cb.success({ ok: true }); throw new Error('client broke after answering'); },
    'never answers': () => {},
    throws: () => { throw new Error('client down'); },
  };
  // Ids whose answer threw back into the client: the module could not even take it (the very
  // end of the stack), so the client's own call threw with it, which ends the request instead.
  const bounced = new Set();
  const watched = (id, cb) => ({
    success: (...a) => { try { return cb.success(...a); } catch (e) { bounced.add(id); throw e; } },
    failure: (...a) => { try { return cb.failure(...a); } catch (e) { bounced.add(id); throw e; } },
  });
  const thrownByClient = new Map(); // what the client threw, by id (deep in the stack, even
  // making its Error can run out of stack: then it throws the RangeError)
  connect.core.getClient = () => ({
    call(m, params, cb) {
      const id = idOf(params);
      called.add(id);
      try { behaviours[client](watched(id, cb)); } catch (e) { thrownByClient.set(id, e); throw e; }
    },
  });
  const input = {
    createTask: (id) => ({ name: id, endpoint: { endpointARN: 'arn/qc', type: 'queue' } }),
    updateContact: (id) => ({ contactId: 'c', name: id }),
    listTaskTemplates: (id) => ({ status: 'ACTIVE', nextToken: id }),
    getTaskTemplate: (id) => ({ id }),
  }[method];
  const agent = Object.create(connect.Agent.prototype);
  const results = {};
  for (const form of forms) {
    const calls = []; // {id, threw, ends: [...]}
    let n = 0;
    const call = () => {
      const record = { id: `${form}-${n++}`, ends: [], threw: null, promise: null };
      const end = (kind) => () => record.ends.push(kind);
      let callbacks;
      if (form === 'success and failure') callbacks = { success: end('success'), failure: end('failure') };
      if (form === 'success only') callbacks = { success: end('success') };
      if (form === 'failure only') callbacks = { failure: end('failure') };
      if (form === 'a function') callbacks = function () {};
      try {
        const returned = agent[method](input(record.id), callbacks);
        if (form === 'promise') record.promise = returned;
      } catch (e) {
        record.threw = e;
        record.recovering = String(e && e.message).indexOf('recovering') >= 0; // (no regular expression this deep)
      }
      calls.push(record);
      return record.threw === null;
    };
    // Recurse until the stack runs out; on the way back, call at every level until three calls
    // are accepted: from where the module cannot take them to where it has room enough. That
    // boundary is a couple of thousand small frames from the end, and moves as the engine
    // optimises: the first round looks for it every 50 levels, and each round then starts 50
    // levels nearer the end than the last one's first accepted call (or 100 nearer still when
    // its very first call was accepted).
    // One call first, at the top of the stack: the engine compiles each function at its first
    // call, which takes stack of its own (the rounds are about the steady state).
    call();
    await null;
    // A round ends early when the module renews itself (the engine compiling a path at its first
    // use deep in the stack can cut a call short): rounds go on until enough calls are accepted.
    let boundary = null;
    const enough = () => {
      const accepted = calls.filter((c) => !c.threw).length;
      return accepted >= rounds * 2 || (accepted <= 1 && calls.length > 1 && n > rounds * 100); // none can be: the client throws
    };
    for (let round = 0; round < rounds * 8 && !enough(); round++) {
      const first = boundary === null ? 0 : Math.max(0, boundary - 50);
      const step = boundary === null ? 50 : 1;
      let accepted = 0;
      let fromTheEnd = 0;
      let firstAccepted = null;
      const before = calls.length;
      const dive = () => {
        try { dive(); } catch (e) { if (!(e instanceof RangeError)) throw e; }
        fromTheEnd++;
        if (accepted < 3 && fromTheEnd >= first && (fromTheEnd - first) % step === 0 && call()) {
          if (accepted++ === 0) firstAccepted = fromTheEnd;
        }
        // Renewing the module (after many calls cut short) waits for a microtask: until then
        // every call fails the same way, and the round is over.
        if (calls.length > before && calls[calls.length - 1].recovering) accepted = 3;
      };
      dive();
      if (firstAccepted !== null) boundary = firstAccepted === first ? Math.max(0, first - 100) : firstAccepted;
      await null; // a task of its own: an instance broken here is renewed a microtask later
    }
    for (const record of calls) {
      if (record.promise) record.promise.then(() => record.ends.push('success'), () => record.ends.push('failure'));
    }
    results[form] = calls;
  }
  await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 4));
  const summary = {};
  for (const [form, calls] of Object.entries(results)) {
    summary[form] = calls.map((c) => ({
      accepted: c.threw === null,
      threw: c.threw && `${c.threw.name}: ${c.threw.message}`,
      sent: called.has(c.id),
      clientsError: c.threw !== null && c.threw === thrownByClient.get(c.id),
      bounced: bounced.has(c.id),
      ends: c.ends,
    }));
  }
  return summary;
}

for (const method of ['createTask', 'updateContact', 'listTaskTemplates', 'getTaskTemplate']) {
  for (const [client, { outcome }] of Object.entries(CLIENTS)) {
    test(`${method}, a client that ${client}: every accepted call ends once, at every depth, in every form`, async () => {
      const { result, uncaught, pageErrors } = await pages.run(atTheEdge, { method, client, forms: Object.keys(FORMS), rounds: 12 });
      assert.deepEqual(pageErrors, []);
      for (const [form, calls] of Object.entries(result)) {
        const hears = FORMS[form].includes(outcome);
        const canThrow = client === 'throws' && !FORMS[form].includes('failure') && form !== 'promise';
        const accepted = calls.filter((c) => c.accepted);
        const threw = calls.filter((c) => !c.accepted);
        for (const c of accepted) {
          if (c.bounced) {
            // The client's call threw with the answer it could not give: it ends once, as the
            // answer or as the client's failure.
            assert.ok(c.ends.length <= 1 && c.ends.every((e) => e === outcome || e === 'failure'), `${form}: ${JSON.stringify(c.ends)}`);
          } else {
            assert.deepEqual(c.ends, hears ? [outcome] : [], `${form}: an accepted call ended with ${JSON.stringify(c.ends)}`);
          }
        }
        for (const c of threw) {
          assert.deepEqual(c.ends, [], `${form}: a call that threw (${c.threw}) also ended`);
          // A call that throws has sent nothing, unless what it throws is what the client threw
          // (its own RangeError, when even the client's bookkeeping runs out of stack).
          if (!canThrow || !(c.clientsError || /^RangeError/.test(c.threw))) assert.equal(c.sent, false, `${form}: ${c.threw}, yet sent`);
        }
        if (canThrow) {
          assert.equal(accepted.length, 0, `${form}: the client's error is thrown to a caller with no failure to call`);
          assert.ok(threw.some((c) => /client down/.test(c.threw)), `${form}: the client's error is thrown`);
        } else {
          assert.ok(accepted.length >= 20, `${form}: only ${accepted.length} calls accepted`);
        }
      }
      assert.deepEqual(uncaught.filter((u) => !/client/.test(u)), []);
    });
  }
}
