// The agent desktop: loads the CCP with Amazon Connect Streams and shows the agent, the
// websocket's state, the task contacts and the new-task form. Expects Streams and taskjs-rs
// to be loaded (the global `connect`).
import { CreateTaskForm } from './create-task.js';
import { h } from './dom.js';
import { TaskList } from './task-list.js';

export function startDesktop({ root, ccpContainer, ccpUrl }) {
  const agentName = h('span', { class: 'agent' }, 'Connecting to Amazon Connect…');
  const websocket = h('span', { class: 'websocket', role: 'status' });
  const list = h('ul', { class: 'tasks', 'aria-label': 'Tasks' });
  const formBox = h('section', { class: 'new-task' });
  root.replaceChildren(h('header', {}, agentName, ' ', websocket), h('section', {}, h('h2', {}, 'Tasks'), list), formBox);

  const tasks = new TaskList(list);
  const form = new CreateTaskForm(formBox);
  connect.core.initCCP(ccpContainer, { ccpUrl, loginPopup: false, softphone: { allowFramedSoftphone: false } });

  connect.contact((contact) => tasks.add(contact));
  connect.agent(async (agent) => {
    agentName.textContent = agent.getName();
    agent.onWebSocketConnectionLost(() => { websocket.textContent = 'Offline: reconnecting…'; });
    agent.onWebSocketConnectionGained(() => { websocket.textContent = ''; });
    connect.onWebsocketInitFailure(() => { websocket.textContent = 'Could not connect to Amazon Connect.'; });
    agent.getEndpoints(agent.getAllQueueARNs(), { success: ({ endpoints }) => tasks.setQuickConnects(endpoints) });
    await form.load(agent);
  });
}
