// Task contact cards: one per task contact of the agent, each with its TaskJS session's
// events shown live and buttons that make the simulator send events about it.
import { el, short, timeText } from '../shared/dom.js';
import { TASK_EVENTS } from '../sim/protocol.js';
import { errorMessage } from './errors.js';
import { simControl } from './sim-control.js';

// Session hooks shown for every session; onConnectionLost only exists in taskjs-rs.
const HOOKS = [
  ['onTransferInitiated', 'TRANSFER_INITIATED'],
  ['onTransferSucceeded', 'TRANSFER_SUCCEEDED'],
  ['onTransferFailed', 'TRANSFER_FAILED'],
  ['onTaskExpiring', 'TASK_EXPIRING'],
  ['onTaskExpired', 'TASK_EXPIRED'],
  ['onMessage', 'INCOMING_MESSAGE'],
  ['onConnectionEstablished', 'CONNECTION_ESTABLISHED'],
  ['onConnectionBroken', 'CONNECTION_BROKEN'],
  ['onConnectionLost', 'CONNECTION_LOST'],
];

const CONTENT_PREFIX = 'application/vnd.amazonaws.connect.event.';

function describe(data) {
  if (data && typeof data === 'object' && data.ContentType) {
    let text = String(data.ContentType).replace(CONTENT_PREFIX, '');
    if (data.ContactId) text += ` · ${short(data.ContactId)}`;
    if (data.InitialContactId && data.InitialContactId !== data.ContactId) text += ` (initial ${short(data.InitialContactId)})`;
    return text;
  }
  return JSON.stringify(data);
}

export class ContactList {
  constructor(root, { onChange } = {}) {
    this.root = root;
    this.cards = new Map(); // contactId -> card
    this.onChange = onChange || (() => {});
    root.addEventListener('click', (e) => this.click(e));
  }

  // Brings the cards in line with agent.getContacts(); called on every agent refresh.
  sync(agent) {
    const contacts = agent.getContacts(connect.ContactType.TASK);
    const seen = new Set();
    for (const contact of contacts) {
      const id = contact.getContactId();
      seen.add(id);
      let card = this.cards.get(id);
      if (!card) {
        card = this.createCard(contact);
        this.cards.set(id, card);
        this.root.querySelector('.contact-cards').append(card.node);
      }
      this.update(card, contact);
    }
    for (const [id, card] of this.cards) {
      if (!seen.has(id)) {
        card.node.remove();
        this.cards.delete(id);
      }
    }
    this.root.querySelector('.contacts-empty').hidden = this.cards.size > 0;
    this.onChange();
  }

  createCard(contact) {
    const id = contact.getContactId();
    const initial = contact.getInitialContactId() || id;
    const log = el('ol', { class: 'event-log', 'aria-live': 'polite' });
    const node = el('article', { class: 'contact-card', 'data-contact-id': id, 'data-initial-contact-id': initial },
      el('header', { class: 'card-head' },
        el('h3', { class: 'card-title' }),
        el('span', { class: 'badge state-badge' })),
      el('dl', { class: 'ids' },
        el('dt', { text: 'contactId' }), el('dd', { text: id }),
        el('dt', { text: 'initialContactId' }), el('dd', { text: initial })),
      el('div', { class: 'session-line' }, 'session: ', el('span', { class: 'session-status', text: 'waiting' })),
      el('div', { class: 'card-actions' }),
      el('form', { class: 'rename', novalidate: '' },
        el('input', { name: 'name', 'aria-label': 'New task name', placeholder: 'New name (updateContact)' }),
        el('button', { type: 'submit', class: 'btn btn-small', text: 'Update' }),
        el('span', { class: 'rename-result' })),
      log);
    node.querySelector('.rename').addEventListener('submit', (e) => {
      e.preventDefault();
      this.rename(id, e.target);
    });
    return { id, node, log, session: null, requested: false, state: null };
  }

  update(card, contact) {
    const state = contact.getState().type;
    card.node.querySelector('.card-title').textContent = contact.getName() || '(no name)';
    const badge = card.node.querySelector('.state-badge');
    badge.textContent = state;
    badge.dataset.state = state;
    card.node.dataset.state = state;
    if (state !== card.state) {
      card.state = state;
      this.drawActions(card);
    }
    // Asking for the agent connection makes Streams create the media controller (the TaskJS
    // session) of an active contact, and clean it up once the contact has ended.
    const connection = contact.getAgentConnection();
    if (!connection) return;
    if (state === 'connected' && !card.requested) {
      card.requested = true;
      this.setStatus(card, 'connecting');
      connection.getMediaController().then(
        (session) => this.attach(card, session),
        (err) => this.setStatus(card, `failed: ${errorMessage(err && err._debug ? err._debug : err)}`),
      );
    } else if (state !== 'connected' && card.session) {
      card.session = null;
      this.setStatus(card, 'closed (contact ended)');
    }
  }

  drawActions(card) {
    const actions = card.node.querySelector('.card-actions');
    const b = (label, action, args, cls = '') =>
      el('button', { type: 'button', class: `btn btn-small ${cls}`, 'data-action': action, 'data-args': JSON.stringify(args), text: label });
    const id = card.id;
    if (card.state === 'connected') {
      actions.replaceChildren(
        ...TASK_EVENTS.map(({ kind, label }) => b(label, 'taskEvent', { contactId: id, kind })),
        b('Transfer → new contactId', 'transferToNewContact', { contactId: id }),
        b('End task', 'end', { contactId: id }, 'btn-quiet'));
    } else {
      actions.replaceChildren(b('Clear contact', 'clear', { contactId: id }, 'btn-quiet'));
    }
  }

  attach(card, session) {
    card.session = session;
    this.setStatus(card, 'connected');
    const hooks = [];
    for (const [method, name] of HOOKS) {
      if (typeof session[method] !== 'function') continue;
      session[method]((data, eventName) => this.record(card, name, data, eventName));
      hooks.push(method);
    }
    card.node.dataset.hooks = hooks.join(' ');
    this.onChange();
  }

  record(card, hook, data, eventName) {
    const entry = el('li', {
      class: `event event-${hook.toLowerCase()}`,
      'data-event': hook,
      'data-event-arg': eventName == null ? '' : String(eventName),
      'data-content-type': (data && data.ContentType) || '',
      'data-contact-id': (data && data.ContactId) || '',
      'data-initial-contact-id': (data && data.InitialContactId) || '',
      'data-json': JSON.stringify(data === undefined ? null : data),
    },
    el('time', { text: timeText() }),
    el('span', { class: 'event-name', text: hook }),
    el('span', { class: 'event-detail', text: describe(data) }));
    card.log.append(entry);
    card.log.scrollTop = card.log.scrollHeight;
    this.onChange();
  }

  setStatus(card, text) {
    const s = card.node.querySelector('.session-status');
    s.textContent = text;
    card.node.dataset.session = text.split(' ')[0].replace(':', '');
  }

  click(e) {
    const b = e.target.closest('button[data-action]');
    if (!b || !this.root.contains(b)) return;
    const { action } = b.dataset;
    const args = JSON.parse(b.dataset.args || '{}');
    if (action === 'end' || action === 'clear') {
      this.endOrClear(action, args.contactId);
      return;
    }
    simControl(action, args).catch((err) => this.flash(err.message));
  }

  // Ends (hangs up the agent connection) or clears a contact through Streams' own API.
  endOrClear(action, contactId) {
    const contact = new connect.Agent().getContacts().find((c) => c.getContactId() === contactId);
    if (!contact) return;
    const callbacks = { success: () => {}, failure: (err) => this.flash(errorMessage(err)) };
    if (action === 'end') contact.getAgentConnection().destroy(callbacks);
    else contact.clear(callbacks);
  }

  rename(contactId, form) {
    const out = form.querySelector('.rename-result');
    const name = form.elements.name.value;
    out.textContent = '…';
    try {
      new connect.Agent().updateContact({ contactId, name }, {
        success: () => { out.textContent = 'updated'; out.className = 'rename-result ok'; },
        failure: (err) => { out.textContent = errorMessage(err); out.className = 'rename-result error'; },
      });
    } catch (err) {
      out.textContent = errorMessage(err);
      out.className = 'rename-result error';
    }
  }

  flash(text) {
    const box = this.root.querySelector('.contacts-message');
    box.textContent = text;
    box.hidden = !text;
  }
}
