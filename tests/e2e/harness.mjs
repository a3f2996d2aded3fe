// Shared set-up for the end-to-end tests: the local server, Chromium through playwright-core,
// and the demo page opened with one TaskJS bundle.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUTPUT = path.join(ROOT, 'test-output', 'e2e');
export const OURS_BUNDLE = path.join(ROOT, 'dist', 'amazon-connect-task.js');

const require = createRequire(path.join(ROOT, 'package.json'));
const { chromium } = require('playwright-core');
const { startServer } = require(path.join(ROOT, 'scripts', 'serve.js'));

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

// `browser`: one already running (its owner closes it), e.g. the Streams matrix's.
export async function startHarness({ browser: shared } = {}) {
  if (!shared && !fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  fs.mkdirSync(OUTPUT, { recursive: true });
  const { server, url } = await startServer({ port: 0 });
  const browser = shared || await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  return {
    url,
    browser,
    async close() {
      if (!shared) await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

// Console errors the flow causes on purpose (Streams logs a broken task session as an error).
const EXPECTED_ERRORS = [/Task Session connection broken/];

// Opens the demo with ?taskjs=<which> and waits for both starting task sessions. `streams`: the
// path of another Streams release to serve in place of the newest (the Streams matrix).
// Page errors and unexpected console errors are collected in page.problems.
export async function openDemo(harness, which, { width = 1360, height = 1000, streams } = {}) {
  const page = await harness.browser.newPage({ viewport: { width, height } });
  if (streams) await page.route('**/node_modules/amazon-connect-streams/release/connect-streams.js', (route) => route.fulfill({ path: streams }));
  page.setDefaultTimeout(15000);
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !EXPECTED_ERRORS.some((re) => re.test(m.text()))) page.problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${harness.url}www/?taskjs=${which}`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => document.querySelectorAll('.contact-card[data-session="connected"]').length >= 2);
  await page.waitForSelector('#create-task[data-templates][data-endpoints]');
  return page;
}

export const simFrame = (page) => page.frames().find((f) => /ccp-sim\.html/.test(f.url()));

export function card(page, contactId) {
  return page.locator(`.contact-card[data-contact-id="${contactId}"]`);
}

// Number of log entries of one hook in one card.
export function countEvents(page, contactId, hook) {
  return card(page, contactId).locator(`.event[data-event="${hook}"]`).count();
}

// Waits until a card shows at least `n` entries of `hook`.
export async function waitForEvent(page, contactId, hook, n = 1) {
  await page.waitForFunction(
    ({ contactId, hook, n }) => {
      const c = document.querySelector(`.contact-card[data-contact-id="${contactId}"]`);
      return c && c.querySelectorAll(`.event[data-event="${hook}"]`).length >= n;
    },
    { contactId, hook, n },
  );
}

// Every card's log as comparable data: ids replaced by id1, id2… in order of appearance,
// timestamps dropped.
export async function normalizedLogs(page) {
  const cards = await page.locator('.contact-card').evaluateAll((nodes) => nodes.map((n) => ({
    contactId: n.dataset.contactId,
    initialContactId: n.dataset.initialContactId,
    state: n.dataset.state,
    events: [...n.querySelectorAll('.event')].map((e) => ({
      event: e.dataset.event,
      eventArg: e.dataset.eventArg,
      data: JSON.parse(e.dataset.json),
    })),
  })));
  const ids = new Map();
  const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
  const mapId = (s) => s.replace(UUID, (m) => {
    if (!ids.has(m)) ids.set(m, `id${ids.size + 1}`);
    return ids.get(m);
  });
  return JSON.parse(mapId(JSON.stringify(cards, (k, v) => (k === 'AbsoluteTime' ? undefined : v))));
}
