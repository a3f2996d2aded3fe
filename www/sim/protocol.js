// Names of the messages the hosted CCP and the Streams page exchange, as Streams 2.28.2 spells them.
// Each message is posted as {event, data}; the page posts to the iframe, the CCP to window.parent.

// connect.EventType (makeEnum: values are the lower-case names).
export const EventType = Object.freeze({
  ACKNOWLEDGE: 'acknowledge',
  SYNCHRONIZE: 'synchronize',
  CONFIGURE: 'configure',
  REQUEST_CONFIGURE: 'request_configure',
  OUTER_CONTEXT_INFO: 'outer_context_info',
  API_REQUEST: 'api_request',
  API_RESPONSE: 'api_response',
  MASTER_REQUEST: 'master_request',
  MASTER_RESPONSE: 'master_response',
  BROADCAST: 'broadcast',
  IFRAME_STYLE: 'iframe_style',
  UPDATE_CONNECTED_CCPS: 'update_connected_ccps',
  LOG: 'log',
  SERVER_BOUND_INTERNAL_LOG: 'server_bound_internal_log',
  TERMINATE: 'terminate',
  TERMINATED: 'terminated',
});

// connect.AgentEvents (namespaced "agent::").
export const AgentEvents = Object.freeze({
  UPDATE: 'agent::update',
  WEBSOCKET_CONNECTION_LOST: 'agent::websocket_connection_lost',
  WEBSOCKET_CONNECTION_GAINED: 'agent::websocket_connection_gained',
});

// connect.WebSocketEvents (namespaced "webSocket::").
export const WebSocketEvents = Object.freeze({
  INIT_FAILURE: 'webSocket::init_failure',
  CONNECTION_OPEN: 'webSocket::connection_open',
  CONNECTION_CLOSE: 'webSocket::connection_close',
  CONNECTION_GAIN: 'webSocket::connection_gain',
  CONNECTION_LOST: 'webSocket::connection_lost',
  SUBSCRIPTION_UPDATE: 'webSocket::subscription_update',
  SUBSCRIPTION_FAILURE: 'webSocket::subscription_failure',
  ALL_MESSAGE: 'webSocket::all_message',
  SEND: 'webSocket::send',
  SUBSCRIBE: 'webSocket::subscribe',
});

// connect.storageAccess.storageAccessEvents (Streams 2.13 and later).
export const StorageAccessEvents = Object.freeze({
  REQUEST: 'storageAccess::request',
  INIT: 'storageAccess::init',
  GRANTED: 'storageAccess::granted',
  DENIED: 'storageAccess::denied',
});

// connect.MasterMethods.
export const MasterMethods = Object.freeze({
  BECOME_MASTER: 'becomeMaster',
  CHECK_MASTER: 'checkMaster',
});

// Messages outside Streams' protocol: the demo (or a test) drives the simulator with these.
export const SIM_CONTROL = 'ccpSimulator::control';
export const SIM_CONTROL_RESULT = 'ccpSimulator::controlResult';

// Websocket topic and ContentTypes of task events.
export const TASK_TOPIC = 'aws/task';
export const TaskContentType = Object.freeze({
  TRANSFER_INITIATED: 'application/vnd.amazonaws.connect.event.transfer.initiated',
  TRANSFER_SUCCEEDED: 'application/vnd.amazonaws.connect.event.transfer.succeeded',
  TRANSFER_FAILED: 'application/vnd.amazonaws.connect.event.transfer.failed',
  EXPIRE_WARNING: 'application/vnd.amazonaws.connect.event.expire.warning',
  EXPIRE_COMPLETE: 'application/vnd.amazonaws.connect.event.expire.complete',
});

// The task events the simulator can send: action kind, button label, ContentType.
export const TASK_EVENTS = Object.freeze([
  { kind: 'transferInitiated', label: 'Transfer initiated', contentType: TaskContentType.TRANSFER_INITIATED },
  { kind: 'transferSucceeded', label: 'Transfer succeeded', contentType: TaskContentType.TRANSFER_SUCCEEDED },
  { kind: 'transferFailed', label: 'Transfer failed', contentType: TaskContentType.TRANSFER_FAILED },
  { kind: 'expireWarning', label: 'Expire warning', contentType: TaskContentType.EXPIRE_WARNING },
  { kind: 'expireComplete', label: 'Expired', contentType: TaskContentType.EXPIRE_COMPLETE },
]);
