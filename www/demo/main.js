// Demo page: loads the chosen TaskJS bundle after Streams, embeds the CCP simulator with
// connect.core.initCCP, and wires the contact list and the create-task form to the agent.
import { chosenBundle, loadBundle } from './bundle.js';
import { ContactList } from './contacts.js';
import { simControl } from './sim-control.js';
import { TaskForm } from './task-form.js';

const $ = (sel) => document.querySelector(sel);
const status = (key, text) => {
  const node = $(`[data-status="${key}"]`);
  node.textContent = text;
  node.dataset.value = text;
};

function fail(message) {
  const box = $('#page-error');
  box.textContent = message;
  box.hidden = false;
  document.body.dataset.ready = 'error';
}

async function main() {
  const bundle = chosenBundle();
  $('#bundle-label').textContent = bundle.label;
  document.querySelectorAll('[data-bundle-link]').forEach((a) => {
    a.classList.toggle('current', a.dataset.bundleLink === bundle.which);
  });
  document.body.dataset.bundle = bundle.which;
  status('streams', connect.version || '?');

  let loaded;
  try {
    loaded = await loadBundle(bundle);
  } catch (err) {
    const hint = bundle.which === 'ours' ? ' Run `npm run release` to build it, or open this page with ?taskjs=reference.' : '';
    fail(`${err.message}.${hint}`);
    return;
  }
  status('taskjs', loaded.version);

  connect.core.initCCP($('#ccp'), {
    ccpUrl: new URL('ccp-sim.html', location.href).href,
    loginPopup: false,
    softphone: { allowFramedSoftphone: false, disableRingtone: true },
    storageAccess: { canRequest: false },
  });
  connect.core.onInitialized(() => status('ccp', 'acknowledged'));

  const contacts = new ContactList($('#contacts'));
  const form = new TaskForm($('#create-task'));

  connect.agent((agent) => {
    status('agent', agent.getName());
    status('websocket', 'connected');
    agent.onWebSocketConnectionLost(() => status('websocket', 'lost'));
    agent.onWebSocketConnectionGained(() => status('websocket', 'connected'));
    connect.onWebsocketInitFailure(() => status('websocket', 'init failed'));
    const refresh = () => {
      contacts.sync(agent);
      form.setContacts(agent.getContacts(connect.ContactType.TASK).filter((c) => c.getState().type === 'connected'));
    };
    agent.onRefresh(refresh);
    refresh();
    form.load(agent);
    document.body.dataset.ready = 'true';
  });

  document.querySelectorAll('[data-sim]').forEach((b) => {
    b.addEventListener('click', () => simControl(b.dataset.sim).catch((err) => fail(err.message)));
  });
}

main().catch((err) => fail(err && err.message ? err.message : String(err)));
