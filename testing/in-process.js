// simulateCcp: a simulated CCP in this process, under the page's real Streams in jsdom (Jest,
// Vitest). Streams' initCCP makes an iframe and an IFrameConduit that posts to
// iframe.contentWindow and reads 'message' events on window whose source is that contentWindow.
// jsdom gives the attached iframe a blank contentWindow, so the bridge reads what Streams posts
// there and hands it to the simulator, and delivers the simulator's messages to window as
// MessageEvents with that source and the CCP URL's origin, one task later, cloned — as
// postMessage between two browser windows would.
import { CcpSimulator, OPTIONS } from '../www/sim/simulator.js';
import { runControl } from '../www/sim/controls.js';
import { checkKeys } from '../www/sim/errors.js';
import { clone } from '../www/sim/wire.js';
import { Ccp } from './ccp.js';

export const DEFAULT_CCP_URL = 'https://simulator.my.connect.aws/ccp-v2/';
const CCP_IFRAME_NAME = 'Amazon Connect CCP'; // what Streams names the iframe initCCP makes

export function simulateCcp(options = {}) {
  checkKeys('simulateCcp options', options, [...OPTIONS.filter((k) => k !== 'post'), 'ccpUrl', 'window']);
  const { window: win = globalThis, ccpUrl, ...simOptions } = options;
  if (!win || !win.document || !win.MutationObserver) {
    throw new Error('simulateCcp needs a DOM: run it in a jsdom test environment (Jest: testEnvironment "jsdom"; Vitest: environment "jsdom"), or pass {window}');
  }
  const url = ccpUrl || DEFAULT_CCP_URL;
  const sim = new CcpSimulator(simOptions);
  sim.readyHint = `no CCP iframe yet: call connect.core.initCCP(container, {ccpUrl: ${JSON.stringify(url)}}) with a container in the document`;
  const bridges = new Map(); // iframe -> detach()

  // Streams' iframe, or any iframe loading ccpUrl (for apps that name their own).
  const isCcp = (node) => node.tagName === 'IFRAME' && (node.name === CCP_IFRAME_NAME || (ccpUrl && String(node.src).startsWith(ccpUrl)));

  function attach(iframe) {
    const frame = iframe.contentWindow;
    if (!frame || bridges.has(iframe)) return;
    const origin = new URL(iframe.src || url, win.location.href).origin;
    const port = sim.connect((message) => {
      const data = clone(message);
      // The iframe's own timers: a test's fake timers (on the page's window) do not hold them.
      frame.setTimeout(() => win.dispatchEvent(new win.MessageEvent('message', { data, origin, source: frame })), 0);
    });
    const onMessage = (e) => port.receive(clone(e.data));
    frame.addEventListener('message', onMessage);
    // The CCP page has loaded, as far as the page can tell: Streams 2.13, which asks the CCP
    // for storage access by default, waits for this before asking.
    frame.setTimeout(() => iframe.dispatchEvent(new win.Event('load')), 0);
    bridges.set(iframe, () => {
      frame.removeEventListener('message', onMessage);
      port.close();
    });
  }

  function scan(root) {
    if (root.nodeType !== 1) return;
    if (isCcp(root)) attach(root);
    root.querySelectorAll('iframe').forEach((f) => isCcp(f) && attach(f));
  }

  const observer = new win.MutationObserver((records) => {
    for (const r of records) {
      r.addedNodes.forEach(scan);
      for (const [iframe, detach] of bridges) {
        if (!iframe.isConnected) {
          detach();
          bridges.delete(iframe);
        }
      }
    }
  });
  observer.observe(win.document, { childList: true, subtree: true });
  scan(win.document.documentElement);

  return new Ccp({
    ccpUrl: url,
    call: async (name, args) => clone(await runControl(sim, name, clone(args))),
    close: async () => {
      observer.disconnect();
      bridges.forEach((detach) => detach());
      bridges.clear();
      sim.close();
    },
  });
}
