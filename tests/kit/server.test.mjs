// startCcpServer in Chromium: the app's initCCP loads the simulator's CCP URL; the test drives
// it in-process, over HTTP (connectCcp), and through the taskjs-ccp-simulator command.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { connectCcp, startCcpServer } from '../../testing/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(ROOT, 'package.json'));
const { chromium } = require('playwright-core');
const BUNDLE = fs.existsSync(path.join(ROOT, 'dist/amazon-connect-task.js'))
  ? path.join(ROOT, 'dist/amazon-connect-task.js')
  : path.join(ROOT, 'node_modules/amazon-connect-taskjs/dist/amazon-connect-task.js');

// The app under test: Streams (?streams=<package>) and TaskJS by script tag, initCCP on ?ccp=,
// and what its task sessions hear in window.heard.
const APP = `<!doctype html><div id="ccp" style="height:300px"></div>
<script src="/streams.js?v=STREAMS"></script><script src="/taskjs.js"></script>
<script>
  const q = new URLSearchParams(location.search);
  window.heard = [];
  connect.core.initCCP(document.getElementById('ccp'), { ccpUrl: q.get('ccp'), loginPopup: false });
  connect.contact((c) => c.onConnected(() => c.getAgentConnection().getMediaController().then((s) => {
    s.onTransferInitiated((d) => heard.push(['transfer.initiated', d.ContactId]));
    heard.push(['session', c.getContactId()]);
  })));
</script>`;

let app;
let browser;
let ccpServer;

before(async () => {
  app = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const streams = url.searchParams.get('v') || 'amazon-connect-streams';
    if (url.pathname === '/streams.js') return res.end(fs.readFileSync(path.join(ROOT, 'node_modules', streams, 'release/connect-streams.js')));
    if (url.pathname === '/taskjs.js') return res.end(fs.readFileSync(BUNDLE));
    res.setHeader('content-type', 'text/html');
    return res.end(APP.replace('STREAMS', url.searchParams.get('streams') || 'amazon-connect-streams'));
  }).listen(0, '127.0.0.1');
  await new Promise((r) => app.once('listening', r));
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
  ccpServer = await startCcpServer();
});

after(async () => {
  await browser?.close();
  await ccpServer?.close();
  app?.close();
});

async function openApp(ccpUrl, streams = 'amazon-connect-streams') {
  const page = await browser.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(e.message));
  await page.goto(`http://127.0.0.1:${app.address().port}/?streams=${streams}&ccp=${encodeURIComponent(ccpUrl)}`);
  return page;
}

test('a served CCP: Streams in Chromium loads it; in-process and HTTP controls drive the same simulator; a reload keeps its contacts', async () => {
  const ccp = ccpServer.simulator({ agent: { name: 'Pat' } });
  assert.match(ccp.ccpUrl, /^http:\/\/localhost:\d+\/ccp\/sim\d+\/ccp-v2\/$/);
  const remote = connectCcp(ccp.ccpUrl);
  const page = await openApp(ccp.ccpUrl);
  try {
    await ccp.ready();
    assert.equal(await page.evaluate(() => new Promise((r) => connect.agent((a) => r(a.getName())))), 'Pat');
    const { contactId } = await remote.addTask({ name: 'From HTTP' });
    await page.waitForFunction((id) => new connect.Agent().getContacts().some((c) => c.getContactId() === id), contactId);
    await page.evaluate((id) => new Promise((resolve, reject) => new connect.Agent().getContacts().find((c) => c.getContactId() === id).accept({ success: resolve, failure: reject })), contactId);
    assert.equal((await remote.waitForContact(contactId, 'connected')).state, 'connected');
    await page.waitForFunction(() => heard.length === 1);
    assert.equal((await ccp.transferInitiated(contactId)).delivered, true);
    await page.waitForFunction(() => heard.length === 2);
    assert.deepEqual(await page.evaluate(() => heard), [['session', contactId], ['transfer.initiated', contactId]]);

    await assert.rejects(remote.endTask('nope'), { name: 'SimulatorError', message: /^No contact nope in the agent's snapshot/ });
    await assert.rejects(remote.waitForContact(contactId, 'ended', { timeout: 50 }), { name: 'SimulatorError', message: `Timed out after 50 ms waiting for contact ${contactId} to be ended (it is connected)` });
    assert.deepEqual((await remote.calls()).map((c) => c.method), ['acceptContact']);

    await page.reload();
    await page.waitForFunction((id) => connect.agent.initialized && new connect.Agent().getContacts().some((c) => c.getContactId() === id), contactId);
    assert.equal((await ccp.state()).contacts.length, 1, 'the CCP kept the contact across the reload');
    assert.deepEqual(page.problems, []);
  } finally {
    await page.close();
    await ccp.close();
  }
});

test('Streams 2.13 with its default storage access: the served CCP grants it and loads', async () => {
  const ccp = ccpServer.simulator();
  const page = await openApp(ccp.ccpUrl, 'streams-2.13');
  try {
    assert.deepEqual(await ccp.ready(), { pages: 1, streamsVersion: '2.13.1' });
    await page.waitForFunction(() => connect.agent.initialized);
    assert.equal((await ccp.state()).counts['storageAccess::request'], 1);
  } finally {
    await page.close();
    await ccp.close();
  }
});

test('taskjs-ccp-simulator: serves one simulator with options from --config; controls over plain HTTP', async (t) => {
  const config = path.join(fs.mkdtempSync('/tmp/ccp-sim-'), 'options.json');
  fs.writeFileSync(config, JSON.stringify({ agent: { name: 'From config' } }));
  const child = spawn(process.execPath, [path.join(ROOT, 'testing/bin.js'), '--port', '0', '--config', config], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => child.kill('SIGTERM'));
  const ccpUrl = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /CCP URL: +(\S+)/.exec(out);
      if (m && out.includes('Controls:')) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const control = (name, args) => fetch(`${ccpUrl.replace(/ccp-v2\/$/, '')}_control/${name}`, { method: 'POST', body: JSON.stringify(args) });
  const added = await (await control('addTask', [{ name: 'Over HTTP', state: 'connected' }])).json();
  assert.match(added.result.contactId, /^[0-9a-f-]{36}$/);
  const state = await (await control('state', [])).json();
  assert.equal(state.result.agent.name, 'From config');
  assert.deepEqual(state.result.contacts.map((c) => [c.name, c.state]), [['Over HTTP', 'connected']]);
  const bad = await control('acceptTask', [added.result.contactId]);
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), { error: { name: 'SimulatorError', message: `acceptTask: contact ${added.result.contactId} is connected; acceptTask is allowed only when a contact is connecting` } });
  assert.equal((await control('nope', [])).status, 400);
});
