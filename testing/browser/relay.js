// The page at a CCP URL of the kit's server, inside initCCP's iframe: a relay between Streams in
// the parent page and the simulator in the test's process. What the page posts goes up by POST,
// in order, in batches; what the simulator sends comes down a Server-Sent-Events stream.
import { decode, encode } from './wire.js';

const base = /^\/ccp\/[^/]+\//.exec(location.pathname)[0];
const page = window.parent !== window ? window.parent : null;
let port = null;
let queue = [];
let sending = false;

async function flush() {
  if (sending || !port || !queue.length) return;
  sending = true;
  const batch = queue;
  queue = [];
  try {
    await fetch(`${base}_messages?port=${port}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `[${batch.join(',')}]` });
  } catch (err) {
    console.error('CCP simulator relay: could not reach the test server', err);
  }
  sending = false;
  flush();
}

if (page) {
  const events = new EventSource(`${base}_events`);
  events.addEventListener('hello', (e) => {
    port = JSON.parse(e.data).port;
    flush();
  });
  events.onmessage = (e) => page.postMessage(decode(e.data), '*');
  window.addEventListener('message', (e) => {
    if (e.source !== page) return;
    queue.push(encode(e.data));
    flush();
  });
  document.getElementById('status').textContent = 'Connected to the test. The agent, its tasks and the websocket are controlled by the test.';
}
