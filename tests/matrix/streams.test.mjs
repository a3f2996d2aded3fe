// The Streams matrix: TaskJS v2.0 promises "Streams v2.2 or later", and pages run many of those
// releases. Each release below is installed side by side as an npm alias (package.json); for each,
// the session and agent differential scenarios and the end-to-end demo flow run with both
// bundles, which must give equal traces. One browser and one process serve every version.
//
// Before 2.18 Streams exports no connect.WebSocketProvider: there the page tests take the
// websocket manager a page takes, connect.core.getWebSocketManager() after connect.core.initCCP
// (tests/page/fixture.js, IframeCcp), and the demo calls initCCP against the CCP simulator.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useHarness, REF, OURS, ROOT } from '../page/harness.mjs';
import { scenarios } from '../page/scenarios.mjs';
import { VALID, MISSING, comparable } from '../page/agent-cases.mjs';
import { runFlow, compareFlows } from '../e2e/flow.mjs';
import { startHarness } from '../e2e/harness.mjs';

export const VERSIONS = [
  { version: '2.2.0', path: 'node_modules/streams-2.2/release/connect-streams.js' },
  { version: '2.13.1', path: 'node_modules/streams-2.13/release/connect-streams.js' },
  { version: '2.18.0', path: 'node_modules/streams-2.18/release/connect-streams.js' },
  // 2.28.2 on npm reports itself as 2.28.1 (connect.version).
  { version: '2.28.2', reports: '2.28.1', path: 'node_modules/amazon-connect-streams/release/connect-streams.js' },
];

const h = useHarness();
let demo;
after(async () => demo && demo.close());

for (const { version, reports, path: streams } of VERSIONS) {
  const modern = !/^2\.(2|13)\./.test(version);
  describe(`Streams ${version}`, () => {
    test('the page has this Streams', async () => {
      const r = await h.run(REF, () => ({ version: connect.version, provider: TJS.hasWebSocketProvider }), undefined, { streams });
      assert.equal(r.version, reports || version);
      assert.equal(r.provider, modern);
    });

    for (const [name, s] of Object.entries(scenarios)) {
      test(`session: ${name}`, async () => {
        const { reference, ours } = await h.both(s.run, undefined, { streams });
        // Beside a Streams with connect.WebSocketProvider the reference does what the page tests
        // pin; before 2.18 Streams itself differs (its media controllers do not clean up), so
        // there the two bundles are compared only with each other.
        if (modern) s.expect(reference);
        else assert.deepEqual(reference.uncaught, []);
        assert.deepStrictEqual(ours, reference);
      });
    }

    test('agent: valid input sends the same requests, and missing fields throw the same errors', async () => {
      const cases = [...Object.entries(VALID).map(([n, [method, input]]) => [n, { method, input }]),
        ...Object.entries(MISSING).map(([n, [method, input]]) => [n, { method, input }])];
      for (const [name, a] of cases) {
        const reference = comparable(await h.runShared(REF, (a) => TJS.agentCall(a), a, { streams }));
        const ours = comparable(await h.runShared(OURS, (a) => TJS.agentCall(a), a, { streams }));
        assert.deepStrictEqual(ours, reference, name);
      }
    });

    test('end to end: initCCP against the CCP simulator, getMediaController(), task events, createTask', async () => {
      demo ??= await startHarness({ browser: h.browser });
      const reference = await runFlow(demo, 'reference', { streams: path.join(ROOT, streams) });
      const ours = await runFlow(demo, 'ours', { streams: path.join(ROOT, streams) });
      compareFlows(ours, reference);
    });
  });
}
