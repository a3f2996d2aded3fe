#!/usr/bin/env node
// `npm run bench`: taskjs-rs against amazon-connect-taskjs@2.0.0 and against a minimal plain-JS
// TaskSession (bench/floor.js), in headless Chromium beside the real Streams release.
//
//   dispatch  20,000 aws/task messages through Streams' WebSocketProvider, 1/10/50 sessions open,
//             two subscribers each (onMessage, onTransferSucceeded)
//   churn     5,000 x (create, subscribe, connect, cleanUp)
//   start-up, three ways:
//     blocking at load       the bundle's script, from its start to its end (nothing created)
//     first create later     blocking at load, plus the first create + subscribe a second later
//                            (a task contact arrives long after the page loaded)
//     create right away      from the bundle's script start to a session created and subscribed
//                            to, right after the script tag
//
// Every measurement runs in a fresh browser context; the three implementations are interleaved
// (their order rotates every round). Prints a markdown table of medians and ratios and writes it
// to bench/results.md. Not part of `npm test`: timings depend on the machine.
//
// Options: --rounds N (default 7), --messages N, --cycles N, --out FILE, --json FILE
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowser, ROOT, STREAMS, REFERENCE, OURS, KIT } from '../tests/stress/support.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ROUNDS = Number(arg('rounds', 7));
const MESSAGES = Number(arg('messages', 20000));
const CYCLES = Number(arg('cycles', 5000));
const OUT = path.resolve(ROOT, arg('out', 'bench/results.md'));
const JSON_OUT = arg('json', null);
const SESSION_COUNTS = [1, 10, 50];

const IMPLS = {
  ours: OURS,
  reference: REFERENCE,
  floor: 'bench/floor.js',
};

// ---- page-side workloads (run with page.evaluate; only KIT and the bundle are in scope) ----

async function dispatchInPage({ sessions, messages, warmup }) {
  const CT = KIT.CT;
  const kinds = [CT.transferSucceeded, CT.transferInitiated, CT.transferFailed, CT.taskExpiring,
    CT.taskExpired, 'application/vnd.amazonaws.connect.event.other'];
  const p = KIT.provider({ track: false });
  const deliveries = new Array(sessions).fill(0);
  for (let i = 0; i < sessions; i++) {
    const s = connect.TaskSession.create({ contactId: `contact-${i}`, initialContactId: `initial-${i}`,
      websocketManager: p.ws });
    s.onMessage(() => { deliveries[i]++; });
    s.onTransferSucceeded(() => { deliveries[i]++; });
    await s.connect();
  }
  const make = (n, offset) => Array.from({ length: n }, (_, k) => {
    const i = (k + offset) % sessions;
    return {
      topic: 'aws/task',
      content: JSON.stringify({
        AbsoluteTime: '2024-05-01T12:00:00.000Z', ContentType: kinds[k % kinds.length],
        Id: `message-${k + offset}`, Type: 'EVENT', ContactId: `contact-${i}`,
        InitialContactId: `initial-${i}`, Data: { k: k + offset },
      }),
    };
  });
  const handlers = p.upstream.listeners[connect.WebSocketEvents.ALL_MESSAGE];
  const emit = (list) => { for (const m of list) for (const h of handlers) h(m); };
  emit(make(warmup, 0));
  const batch = make(messages, warmup);
  deliveries.fill(0);
  const t0 = performance.now();
  emit(batch);
  const ms = performance.now() - t0;
  return { ms, delivered: deliveries.reduce((a, b) => a + b, 0) };
}

async function churnInPage({ cycles, warmup }) {
  const p = KIT.provider({ track: false });
  let n = 0;
  const run = async (count, base) => {
    for (let i = 0; i < count; i++) {
      const s = connect.TaskSession.create({ contactId: `c-${base + i}`, initialContactId: `i-${base + i}`,
        websocketManager: p.ws });
      s.onMessage(() => { n++; });
      await s.connect();
      s.cleanUp();
    }
  };
  await run(warmup, 0);
  const t0 = performance.now();
  await run(cycles, warmup);
  return { ms: performance.now() - t0 };
}

async function laterInPage(bundleUrl) {
  const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith(bundleUrl));
  const start = Math.max(window.__benchStart, entry ? entry.responseEnd : 0);
  const blocking = window.__benchLoaded - start;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const t0 = performance.now();
  const s = connect.TaskSession.create({ contactId: 'c', initialContactId: 'i', websocketManager: {} });
  s.onMessage(() => {});
  const first = performance.now() - t0;
  return { blocking, first, waitedForNetwork: !!entry && entry.responseEnd > window.__benchStart };
}

function startupInPage(bundleUrl) {
  const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith(bundleUrl));
  const start = Math.max(window.__benchStart, entry ? entry.responseEnd : 0);
  return { ms: window.__benchReady - start, waitedForNetwork: !!entry && entry.responseEnd > window.__benchStart };
}

// ---- driver ----

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function measure(b, impl, figure) {
  const bundle = IMPLS[impl];
  if (figure === 'load' || figure === 'later') {
    const { page, errors, close } = await b.open([STREAMS, 'bench/start-mark.js', bundle, 'bench/loaded-mark.js']);
    try {
      if (errors.length) throw new Error(`${impl}: ${errors.join('; ')}`);
      const r = await page.evaluate(laterInPage, `/${bundle}`);
      return { ...r, ms: figure === 'load' ? r.blocking : r.blocking + r.first };
    } finally { await close(); }
  }
  if (figure === 'startup') {
    const { page, errors, close } = await b.open([STREAMS, 'bench/start-mark.js', bundle, 'bench/ready-mark.js']);
    try {
      if (errors.length) throw new Error(`${impl}: ${errors.join('; ')}`);
      return await page.evaluate(startupInPage, `/${bundle}`);
    } finally { await close(); }
  }
  const { page, errors, close } = await b.open([STREAMS, bundle, KIT]);
  try {
    if (errors.length) throw new Error(`${impl}: ${errors.join('; ')}`);
    await page.evaluate(() => connect.getLog().setEchoLevel('WARN'));
    if (figure === 'churn') return await page.evaluate(churnInPage, { cycles: CYCLES, warmup: 200 });
    const sessions = Number(figure.split(':')[1]);
    return await page.evaluate(dispatchInPage, { sessions, messages: MESSAGES, warmup: 1000 });
  } finally { await close(); }
}

const FIGURES = [...SESSION_COUNTS.map((n) => `dispatch:${n}`), 'churn', 'load', 'later', 'startup'];
const LABEL = {
  'dispatch:1': `dispatch, 1 session (${MESSAGES.toLocaleString('en')} messages)`,
  'dispatch:10': `dispatch, 10 sessions (${MESSAGES.toLocaleString('en')} messages)`,
  'dispatch:50': `dispatch, 50 sessions (${MESSAGES.toLocaleString('en')} messages)`,
  churn: `churn (${CYCLES.toLocaleString('en')} create/subscribe/connect/cleanUp)`,
  load: 'start-up: blocking at load (the script, nothing created)',
  later: 'start-up: blocking at load + first create a second later',
  startup: 'start-up: create right away (script start to a session subscribed to)',
};

function fmt(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

// Each figure's aims (issue 23): ratios to the reference and the floor, or milliseconds.
const AIMS = {
  'dispatch:1': { reference: 0.2, floor: 1.5 },
  'dispatch:10': { reference: 0.2, floor: 1.5 },
  'dispatch:50': { reference: 0.2, floor: 1.5 },
  churn: { reference: 0.3 },
  load: { ms: 2 },
  later: { reference: 1.0 },
  startup: { reference: 1.5 },
};

function table(results) {
  const rows = ['| figure | ours (ms) | reference (ms) | floor (ms) | ours/reference | ours/floor | aim |',
    '|---|---:|---:|---:|---:|---:|---|'];
  for (const f of FIGURES) {
    const m = Object.fromEntries(Object.keys(IMPLS).map((i) => [i, median(results[f][i].map((r) => r.ms))]));
    const ratio = { reference: m.ours / m.reference, floor: m.ours / m.floor, ms: m.ours };
    const aims = Object.entries(AIMS[f]).map(([k, v]) => `${k === 'ms' ? `≤ ${v} ms` : `≤ ${v}× ${k}`}${ratio[k] <= v ? '' : ' ✗'}`);
    rows.push(`| ${LABEL[f]} | ${fmt(m.ours)} | ${fmt(m.reference)} | ${fmt(m.floor)} | ` +
      `${ratio.reference.toFixed(2)} | ${ratio.floor.toFixed(2)} | ${aims.join(', ')} |`);
  }
  return rows.join('\n');
}

async function main() {
  const b = await startBrowser();
  const version = b.browser.version();
  const results = Object.fromEntries(FIGURES.map((f) => [f, { ours: [], reference: [], floor: [] }]));
  const names = Object.keys(IMPLS);
  const started = Date.now();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const f of FIGURES) {
        for (const impl of order) results[f][impl].push(await measure(b, impl, f));
      }
      process.stderr.write(`round ${round + 1}/${ROUNDS} done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    }
  } finally {
    await b.close();
  }

  // Every implementation must have delivered the same number of callbacks.
  for (const n of SESSION_COUNTS) {
    const counts = new Set(names.flatMap((i) => results[`dispatch:${n}`][i].map((r) => r.delivered)));
    if (counts.size !== 1) throw new Error(`dispatch:${n}: implementations delivered different counts ${[...counts]}`);
  }
  const waited = names.filter((i) => results.startup[i].some((r) => r.waitedForNetwork));

  const cpu = os.cpus()[0]?.model?.trim() || 'unknown CPU';
  const streams = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/amazon-connect-streams/package.json'), 'utf8')).version;
  const md = [
    '# Benchmark results',
    '',
    `Medians of ${ROUNDS} rounds; each measurement in a fresh headless Chromium context ` +
      `(${version}), Streams ${streams} release build, on ${os.cpus().length} × ${cpu}, ` +
      `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
    '`ours` is dist/amazon-connect-task.js, `reference` amazon-connect-taskjs@2.0.0, `floor` the',
    'minimal plain-JS TaskSession in bench/floor.js. The last column gives each figure\'s aim',
    '(✗ marks a miss). Lower is better. Regenerate with `npm run bench`.',
    '',
    table(results),
    '',
    'Dispatch: two subscribers per session (onMessage and onTransferSucceeded); the messages cycle',
    'through the five known ContentTypes and one unknown one, round-robin over the sessions, after',
    '1,000 warm-up messages. Churn awaits each connect() and follows 200 warm-up cycles. Streams\'',
    'console echo is set to WARN in every page (its log still records everything).',
    waited.length ? `\nNote: start-up of ${waited.join(', ')} included waiting for the download in some rounds.` : '',
    '',
    '<details><summary>All samples (ms)</summary>',
    '',
    '| figure | implementation | samples |',
    '|---|---|---|',
    ...FIGURES.flatMap((f) => names.map((i) =>
      `| ${f} | ${i} | ${results[f][i].map((r) => fmt(r.ms)).join(', ')} |`)),
    '',
    '</details>',
    '',
  ].join('\n');
  writeFileSync(OUT, md);
  if (JSON_OUT) writeFileSync(path.resolve(ROOT, JSON_OUT), JSON.stringify(results, null, 1));
  console.log(md);
}

main().catch((e) => { console.error(e); process.exit(1); });
