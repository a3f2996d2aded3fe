// Burst: 100,000 websocket messages over 10 connected sessions, mixed with foreign contacts,
// bad JSON, non-string content, other topics and connection events. Every message must reach
// exactly the sessions it belongs to, in order, with the right events; nothing may throw into
// Streams (its other listeners on the same provider must see every message).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './support.mjs';

const pages = usePages();
before(pages.before);
after(pages.after);

const SEED = Number(process.env.STRESS_SEED || 20240501);

function burstInPage({ seed, total, sessions }) {
  let state = seed >>> 0;
  const rand = () => { // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const CT = KIT.CT;
  const SPECIFIC = { [CT.transferInitiated]: 'TRANSFER_INITIATED', [CT.transferSucceeded]: 'TRANSFER_SUCCEEDED',
    [CT.transferFailed]: 'TRANSFER_FAILED', [CT.taskExpiring]: 'TASK_EXPIRING', [CT.taskExpired]: 'TASK_EXPIRED' };
  const contentTypes = [...Object.keys(SPECIFIC), 'application/vnd.amazonaws.connect.event.participant.joined',
    undefined, '__proto__', 'constructor', 'toString'];

  const p = KIT.provider();
  const got = [];
  const expected = [];
  const list = [];
  for (let k = 0; k < sessions; k++) {
    const r = KIT.recordingSession(p, `contact-${k}`, `initial-${k}`);
    r.session.connect();
    list.push(r.session);
    got.push(r.got);
    expected.push([]);
  }
  // Streams' own listeners on the same provider, registered after ours.
  let streamsAll = 0;
  let streamsTask = 0;
  p.ws.onAllMessage(() => { streamsAll++; });
  p.ws.onMessage('aws/task', () => { streamsTask++; });

  const stats = { routed: 0, twoSessions: 0, foreign: 0, badJson: 0, nonObjectJson: 0, nonString: 0,
    otherTopic: 0, connectionEvents: 0, emitThrew: 0, emitErrors: [] };
  let taskTopic = 0;
  const send = (content, ...topic) => {
    if (!topic.length || topic[0] === 'aws/task') taskTopic++;
    try {
      p.send(content, ...topic);
    } catch (e) {
      stats.emitThrew++;
      if (stats.emitErrors.length < 5) stats.emitErrors.push(`${e && e.name}: ${e && e.message}`);
    }
  };
  const expect = (k, n, ct) => {
    if (Object.hasOwn(SPECIFIC, ct)) expected[k].push(`${SPECIFIC[ct]}#${n}`);
    expected[k].push(`INCOMING_MESSAGE#${n}`);
  };

  // Let connect()'s CONNECTION_ESTABLISHED land first, then burst synchronously.
  return Promise.resolve().then(() => new Promise((r) => setTimeout(r, 0))).then(() => {
    for (let k = 0; k < sessions; k++) expected[k].push('CONNECTION_ESTABLISHED#-');
    for (let n = 0; n < total; n++) {
      if (n > 0 && n % 10000 === 0) {
        stats.connectionEvents++;
        p.lost();
        p.gain();
        for (let k = 0; k < sessions; k++) expected[k].push('CONNECTION_ESTABLISHED#-');
      }
      const ct = pick(contentTypes);
      const base = { AbsoluteTime: '2024-05-01T00:00:00Z', Id: `m-${n}`, n };
      if (ct !== undefined) base.ContentType = ct;
      const roll = rand();
      if (roll < 0.55) { // one session: by both ids, by the initial id after a transfer, or by the contact id
        const k = Math.floor(rand() * sessions);
        const how = Math.floor(rand() * 3);
        const msg = { ...base,
          ContactId: how === 1 ? `transferred-${k}-${n}` : `contact-${k}`,
          InitialContactId: how === 2 ? `foreign-initial-${n}` : `initial-${k}` };
        send(JSON.stringify(msg));
        expect(k, n, ct);
        stats.routed++;
      } else if (roll < 0.60) { // two sessions: the initial id of one, the contact id of another
        const a = Math.floor(rand() * sessions);
        const b = (a + 1 + Math.floor(rand() * (sessions - 1))) % sessions;
        send(JSON.stringify({ ...base, InitialContactId: `initial-${a}`, ContactId: `contact-${b}` }));
        // Delivery order between the two follows connection order (session index here).
        for (const k of [a, b].sort((x, y) => x - y)) expect(k, n, ct);
        stats.twoSessions++;
      } else if (roll < 0.75) { // foreign or near-miss ids
        const k = Math.floor(rand() * sessions);
        const ids = [`foreign-${n}`, `contact-${k} `, `CONTACT-${k}`, `initial-${k}`, k, null, undefined, '',
          `contact-${k}\u0000`, { id: `contact-${k}` }, [`contact-${k}`]];
        const msg = { ...base, ContactId: pick(ids), InitialContactId: pick([`contact-${k}`, `foreign-${n}`, null, k]) };
        send(JSON.stringify(msg));
        stats.foreign++;
      } else if (roll < 0.85) { // not JSON
        const k = Math.floor(rand() * sessions);
        const good = JSON.stringify({ ...base, ContactId: `contact-${k}`, InitialContactId: `initial-${k}` });
        send(pick([good.slice(0, -1), good.slice(1), `${good}x`, '', '{', 'undefined', 'NaN', "{'a':1}",
          good.replace(/"/g, "'")]));
        stats.badJson++;
      } else if (roll < 0.90) { // JSON that is not an object
        send(pick(['42', 'null', 'true', '"contact-0"', '[]', `[${JSON.stringify({ ContactId: 'contact-0' })}]`]));
        stats.nonObjectJson++;
      } else if (roll < 0.95) { // content that is not a string
        const k = Math.floor(rand() * sessions);
        send(pick([null, undefined, 42, true, { ContactId: `contact-${k}`, InitialContactId: `initial-${k}` },
          [`{"ContactId":"contact-${k}"}`], new String(`{"ContactId":"contact-${k}"}`)]));
        stats.nonString++;
      } else { // a message for a session, on another topic
        const k = Math.floor(rand() * sessions);
        send(JSON.stringify({ ...base, ContactId: `contact-${k}`, InitialContactId: `initial-${k}` }),
          pick(['aws/chat', 'aws/task ', 'AWS/TASK', 'aws/tasks', '', undefined]));
        stats.otherTopic++;
      }
    }

    // Compare what each session got with what it should have got.
    const report = { lost: 0, wrong: 0, outOfOrder: 0, examples: [] };
    for (let k = 0; k < sessions; k++) {
      const actual = got[k].map(([ev, d]) => `${ev}#${d && d.n !== undefined ? d.n : '-'}`);
      const want = expected[k];
      const wantSet = new Map();
      want.forEach((x) => wantSet.set(x, (wantSet.get(x) || 0) + 1));
      const gotSet = new Map();
      actual.forEach((x) => gotSet.set(x, (gotSet.get(x) || 0) + 1));
      for (const [x, c] of wantSet) {
        const missing = c - (gotSet.get(x) || 0);
        if (missing > 0) { report.lost += missing; if (report.examples.length < 5) report.examples.push(`session ${k} lost ${x}`); }
      }
      for (const [x, c] of gotSet) {
        const extra = c - (wantSet.get(x) || 0);
        if (extra > 0) { report.wrong += extra; if (report.examples.length < 5) report.examples.push(`session ${k} got ${x}`); }
      }
      if (report.lost === 0 && report.wrong === 0 && actual.join() !== want.join()) {
        report.outOfOrder++;
        const i = actual.findIndex((x, j) => x !== want[j]);
        report.examples.push(`session ${k} order differs at ${i}: got ${actual[i]}, wanted ${want[i]}`);
      }
    }
    list.forEach((s) => s.cleanUp());
    return { stats, report, streamsAll, streamsTask, taskTopic, delivered: got.reduce((a, g) => a + g.length, 0),
      expectedDeliveries: expected.reduce((a, e) => a + e.length, 0), live: p.live(), logs: KIT.logCounts };
  });
}

test('100,000 messages over 10 sessions: none lost, none misdelivered, nothing thrown into Streams', async (t) => {
  const total = 100000;
  const { result: r, uncaught, pageErrors, health } = await pages.run(burstInPage, { seed: SEED, total, sessions: 10 });
  t.diagnostic(`seed ${SEED}: ${JSON.stringify(r.stats)}; ${r.delivered} callbacks ` +
    `(expected ${r.expectedDeliveries}); Streams logged ${JSON.stringify(r.logs)}`);
  assert.equal(r.stats.emitThrew, 0, `Streams saw exceptions: ${r.stats.emitErrors.join(' | ')}`);
  assert.deepEqual(uncaught, []);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(r.report, { lost: 0, wrong: 0, outOfOrder: 0, examples: [] });
  assert.equal(r.delivered, r.expectedDeliveries);
  // Streams' own listeners after ours saw every message: our listener never broke its loop.
  assert.equal(r.streamsAll, total);
  assert.equal(r.streamsTask, r.taskTopic);
  // All sessions cleaned up: only the test's two listeners are left on the provider.
  assert.equal(r.live.total, 2, `live callbacks on the provider: ${JSON.stringify(r.live)}`);
  assert.equal(health, 'ok');
});
