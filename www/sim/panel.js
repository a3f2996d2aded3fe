// The simulator's own screen: agent, websocket state, task contacts with buttons that fire
// events, and a log of the conduit traffic.
import { el, short, timeText } from '../shared/dom.js';
import { TASK_EVENTS } from './protocol.js';

function button(label, action, args = {}, extraClass = '') {
  return el('button', { type: 'button', class: `sim-btn ${extraClass}`, 'data-action': action, 'data-args': JSON.stringify(args), text: label });
}

function contactItem(c) {
  const connected = c.state === 'connected';
  const buttons = connected
    ? [
      ...TASK_EVENTS.map(({ kind, label }) => button(label, 'taskEvent', { contactId: c.contactId, kind })),
      button('Transfer → new contactId', 'transferToNewContact', { contactId: c.contactId }),
      button('End', 'endContact', { contactId: c.contactId }, 'sim-btn-quiet'),
    ]
    : c.state === 'connecting' ? [] : [button('Clear', 'removeContact', { contactId: c.contactId }, 'sim-btn-quiet')];
  return el('li', { class: `sim-contact sim-contact-${c.state}`, 'data-contact-id': c.contactId },
    el('div', { class: 'sim-contact-head' },
      el('span', { class: 'sim-contact-name', text: c.name }),
      el('span', { class: `sim-badge sim-badge-${c.state}`, text: c.state })),
    el('div', { class: 'sim-ids', text: `contact ${short(c.contactId)} · initial ${short(c.initialContactId)}` }),
    el('div', { class: 'sim-actions' }, buttons));
}

export function renderPanel(root, sim, { standalone = false } = {}) {
  let queued = false;
  let logLength = -1;

  root.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-action]');
    if (!b) return;
    try {
      sim.run(b.dataset.action, JSON.parse(b.dataset.args || '{}'));
    } catch (err) {
      sim.note(`error: ${err.message}`);
    }
  });

  function draw() {
    queued = false;
    const s = sim.state();
    const ws = s.websocket;
    const wsText = ws.initFailed && !ws.online ? 'init failed' : ws.online ? 'connected' : 'disconnected';
    const logBox = el('ol', { class: 'sim-log' },
      sim.log.slice(-60).map((entry) => el('li', {}, el('time', { text: timeText(entry.time) }), ` ${entry.text}`)));
    root.replaceChildren(
      el('header', { class: 'sim-header' },
        el('span', { class: 'sim-title', text: 'CCP simulator' }),
        el('span', { class: `sim-dot sim-dot-${ws.online ? 'on' : 'off'}`, title: `websocket ${wsText}` })),
      standalone
        ? el('p', { class: 'sim-note', text: 'Not embedded: open the demo page, or pass this page as ccpUrl to connect.core.initCCP.' })
        : '',
      el('section', { class: 'sim-agent' },
        el('div', { text: s.agent.name }),
        el('div', { class: 'sim-muted', text: `websocket ${wsText} · topics: ${ws.topics.join(', ') || 'none'}` })),
      el('section', { class: 'sim-controls' },
        ws.online ? button('Lose connection', 'connectionLost') : button('Regain connection', 'connectionGained'),
        button('Init failure', 'initFailure', {}, 'sim-btn-quiet'),
        button('+ Task contact', 'addTaskContact', { name: `Task ${s.contacts.length + 1}` })),
      el('h2', { text: `Task contacts (${s.contacts.length})` }),
      el('ul', { class: 'sim-contacts' }, s.contacts.map(contactItem)),
      el('h2', { text: 'Conduit log' }),
      logBox,
    );
    if (sim.log.length !== logLength) {
      logLength = sim.log.length;
      logBox.scrollTop = logBox.scrollHeight;
    }
  }

  sim.onChange(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(draw);
  });
  draw();
}
