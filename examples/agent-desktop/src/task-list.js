// The agent's task contacts: one card each, with what the task is, its state, the buttons its
// state allows (accept, reject, transfer, end, close) and what its TaskJS session reports.
import { errorText, h } from './dom.js';

const STATE_LABELS = {
  connecting: 'Incoming', connected: 'Active', paused: 'Paused', ended: 'After contact work',
  missed: 'Missed', rejected: 'Rejected', error: 'Error',
};

// Streams' callback-style calls as promises.
const call = (fn) => new Promise((resolve, reject) => fn({ success: resolve, failure: reject }));

export class TaskList {
  constructor(root) {
    this.root = root;
    this.cards = new Map(); // contactId -> card
    this.quickConnects = [];
  }

  // Transfers go to the agent's quick connects that are agents or queues (not phone numbers).
  setQuickConnects(endpoints) {
    this.quickConnects = endpoints.filter((e) => e.type !== 'phone_number');
    this.cards.forEach((card) => this.render(card));
  }

  add(contact) {
    if (contact.getType() !== connect.ContactType.TASK) return;
    const card = { contact, id: contact.getContactId(), note: '', error: '', session: null, node: h('li', { class: 'task', 'data-contact-id': contact.getContactId() }) };
    this.cards.set(card.id, card);
    this.root.append(card.node);
    contact.onRefresh(() => this.render(card));
    contact.onConnected(() => this.openSession(card));
    contact.onDestroy(() => {
      card.node.remove();
      this.cards.delete(card.id);
    });
    if (contact.getState().type === connect.ContactStateType.CONNECTED) this.openSession(card);
    this.render(card);
  }

  // The task's TaskJS session: transfer and expiry events about it.
  async openSession(card) {
    if (card.session) return;
    card.session = await card.contact.getAgentConnection().getMediaController();
    const show = (note) => { card.note = note; this.render(card); };
    card.session.onTransferInitiated(() => show('Transfer in progress…'));
    card.session.onTransferSucceeded(() => show('Transferred.'));
    card.session.onTransferFailed(() => show('Transfer failed: the task is still yours.'));
    card.session.onTaskExpiring(() => show('Expires soon: finish or transfer it.'));
    card.session.onTaskExpired(() => show('Expired.'));
    this.render(card);
  }

  async act(card, action) {
    card.error = '';
    try {
      await action();
    } catch (err) {
      card.error = errorText(err);
    }
    this.render(card);
  }

  render(card) {
    if (!this.cards.has(card.id)) return;
    const { contact } = card;
    let state;
    try {
      state = contact.getState().type;
    } catch {
      return; // gone from the snapshot; onDestroy removes the card
    }
    const act = (action) => () => this.act(card, action);
    const buttons = [];
    if (state === 'connecting') {
      buttons.push(h('button', { type: 'button', onclick: act(() => call((cb) => contact.accept(cb))) }, 'Accept'));
      buttons.push(h('button', { type: 'button', onclick: act(() => call((cb) => contact.reject(cb))) }, 'Reject'));
    } else if (state === 'connected') {
      const select = h('select', { 'aria-label': 'Transfer to' }, this.quickConnects.map((e, i) => h('option', { value: i }, e.name)));
      buttons.push(select, h('button', { type: 'button', onclick: act(() => call((cb) => contact.addConnection(this.quickConnects[select.value], cb))) }, 'Transfer'));
      buttons.push(h('button', { type: 'button', onclick: act(() => call((cb) => contact.getAgentConnection().destroy(cb))) }, 'End task'));
    } else {
      buttons.push(h('button', { type: 'button', onclick: act(() => call((cb) => contact.clear(cb))) }, 'Close'));
    }
    const references = Object.entries(contact.getReferences() || {});
    card.node.dataset.state = state;
    card.node.dataset.session = card.session ? 'open' : 'none';
    card.node.replaceChildren(
      h('strong', { class: 'task-name' }, contact.getName()),
      h('span', { class: 'task-state' }, STATE_LABELS[state] || state),
      h('p', { class: 'task-description' }, contact.getDescription() || ''),
      references.length ? h('ul', { class: 'task-references' }, references.map(([name, ref]) => h('li', {}, `${name}: ${ref.value}`))) : null,
      card.note ? h('p', { class: 'task-note', role: 'status' }, card.note) : null,
      card.error ? h('p', { class: 'task-error', role: 'alert' }, card.error) : null,
      h('div', { class: 'task-actions' }, buttons),
    );
  }
}
