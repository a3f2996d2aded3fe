// The agent API cases shared by the page tests and the Streams matrix (tests/matrix).
import assert from 'node:assert/strict';

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export const INSTANCE = 'baf4b555-fa63-445f-8359-5866f35ab09b';
export const QUICK_CONNECT = 'a6a2c310-b91a-4926-8d36-dbc7b758a11d';
export const ARN = `arn:aws:connect:us-west-2:123456789012:instance/${INSTANCE}/transfer-destination/${QUICK_CONNECT}`;
export const endpoint = () => ({ endpointARN: ARN, endpointId: ARN, type: 'queue', name: 'Support queue' });
export const TEMPLATE = '61c100a4-1cd4-49fe-9237-6b771e2f0df1';
export const CONTACT = '2a75a6b8-323d-4f8d-9f73-b15509d98b88';
export const PREVIOUS = '8d1e2a64-6f5e-4a4b-9c55-3f2b7e1c0a11';
export const refs = () => ({
  'Ticket URL': { type: 'URL', value: 'https://example.com/tickets/1' },
  'Customer email': { type: 'EMAIL', value: 'customer@example.com' },
  'Claim amount': { type: 'NUMBER', value: '1000' },
  'Items': { type: 'NUMBER', value: 3 },
  'Phone number': { type: 'STRING', value: '+1 234 567 8900' },
  'Due date': { type: 'DATE', value: 1714550400 },
});
export const x = (n) => 'x'.repeat(n);

// Valid input: the request sent and what the callbacks see must equal the reference's.
export const VALID = {
  'createTask, plain, minimal': ['createTask', { name: 'Call back', endpoint: endpoint() }],
  'createTask, plain, every field': ['createTask', { name: 'Call back', description: 'About the claim',
    endpoint: endpoint(), references: refs(), scheduledTime: 1714550400, previousContactId: PREVIOUS }],
  'createTask, plain, endpoint without endpointId': ['createTask',
    { name: 'Call back', endpoint: { endpointARN: ARN, type: 'agent', name: 'Jane' } }],
  'createTask, plain, linked via previousContactId': ['createTask',
    { name: 'Linked', endpoint: endpoint(), previousContactId: PREVIOUS }],
  'createTask, templated, no endpoint': ['createTask', { name: 'From template', taskTemplateId: TEMPLATE,
    description: 'd', references: refs(), scheduledTime: 1714550400, attributes: { customerId: '42', nestedKey: 'kept' } }],
  'createTask, templated, with endpoint': ['createTask',
    { name: 'From template', taskTemplateId: TEMPLATE, endpoint: endpoint(), references: refs() }],
  'createTask, templated, linked via previousContactId': ['createTask',
    { name: 'Linked from template', taskTemplateId: TEMPLATE, previousContactId: PREVIOUS }],
  'createTask, plain, values exactly at the limits': ['createTask', { name: x(512), description: x(4096),
    endpoint: endpoint(), references: { [x(4096)]: { type: 'STRING', value: x(4096) }, Zero: { type: 'NUMBER', value: 0 },
      Epoch: { type: 'DATE', value: '0' } }, scheduledTime: 0 }],
  'createTask, templated, values exactly at the limits': ['createTask', { name: x(512), description: x(4096),
    taskTemplateId: TEMPLATE, references: { Note: { type: 'STRING', value: x(4096) } } }],
  'updateContact, every field': ['updateContact', { contactId: CONTACT, name: 'Updated', description: 'd',
    references: refs() }],
  'updateContact, contactId only': ['updateContact', { contactId: CONTACT }],
  'updateContact, values exactly at the limits': ['updateContact', { contactId: CONTACT, name: x(512),
    references: { Note: { type: 'STRING', value: x(4096) } } }],
  'listTaskTemplates, ACTIVE, 50': ['listTaskTemplates', { status: 'ACTIVE', maxResults: 50 }],
  'listTaskTemplates, empty query': ['listTaskTemplates', {}],
  'listTaskTemplates, INACTIVE, 100, nextToken': ['listTaskTemplates', { status: 'INACTIVE', maxResults: 100, nextToken: 'tok' }],
  'listTaskTemplates, maxResults 1': ['listTaskTemplates', { maxResults: 1 }],
  'getTaskTemplate, id': ['getTaskTemplate', { id: TEMPLATE }],
  'getTaskTemplate, id and version': ['getTaskTemplate', { id: TEMPLATE, version: 5 }],
};

// Missing required fields: the same error is thrown, with and without callbacks.
export const MISSING = {
  'createTask()': ['createTask', undefined],
  'createTask(null)': ['createTask', null],
  'createTask({})': ['createTask', {}],
  'createTask without name': ['createTask', { name: null, endpoint: endpoint() }],
  'createTask, plain, without endpoint': ['createTask', { name: 'x' }],
  'createTask, plain, endpoint null': ['createTask', { name: 'x', endpoint: null }],
  'updateContact()': ['updateContact', undefined],
  'updateContact without contactId': ['updateContact', { name: 'x' }],
  'listTaskTemplates()': ['listTaskTemplates', undefined],
  'listTaskTemplates(null)': ['listTaskTemplates', null],
  'getTaskTemplate()': ['getTaskTemplate', undefined],
  'getTaskTemplate without id': ['getTaskTemplate', { version: 1 }],
};

// idempotencyToken: a fresh UUID v4, then left out of the comparison.
export function comparable(out) {
  const requests = out.requests.map((r) => {
    if (!r.params || !('idempotencyToken' in r.params)) return r;
    assert.match(r.params.idempotencyToken, UUID_V4);
    const { idempotencyToken, ...params } = r.params;
    return { ...r, params: { ...params, idempotencyToken: '<uuid v4>' } };
  });
  const { input, ...rest } = out; // whether input is mutated differs on purpose (B4)
  return { ...rest, requests };
}

