// Task templates in the shape GetTaskTemplate returns: a builder (taskTemplate), the checks a
// test's own templates go through, and the sample templates of the simulated instance.
import { INSTANCE_ARN, INSTANCE_ID, uuid } from './ids.js';
import { SimulatorError, checkKeys } from './errors.js';

const created = Math.floor(Date.UTC(2024, 0, 15) / 1000);

// Template field type -> reference type a task sends for it (null: a top-level task field).
export const REFERENCE_TYPE_OF_FIELD = Object.freeze({
  NAME: null,
  DESCRIPTION: null,
  SCHEDULED_TIME: null,
  QUICK_CONNECT: null,
  URL: 'URL',
  EMAIL: 'EMAIL',
  NUMBER: 'NUMBER',
  DATE_TIME: 'DATE',
  TEXT: 'STRING',
  TEXT_AREA: 'STRING',
  SINGLE_SELECT: 'STRING',
  BOOLEAN: 'STRING',
});
const FIELD_TYPES = Object.keys(REFERENCE_TYPE_OF_FIELD);

// A GetTaskTemplate answer from a short description:
// {name, id?, description?, status?, fields: [{name, type, description?, options?}], required?, readOnly?, invisible?, defaults?}
export function taskTemplate(spec) {
  checkKeys('taskTemplate', spec, ['id', 'name', 'description', 'status', 'fields', 'required', 'readOnly', 'invisible', 'defaults', 'contactFlowId']);
  const names = (list = []) => list.map((Name) => ({ Id: { Name } }));
  return normalizeTemplate({
    Id: spec.id || uuid(),
    Name: spec.name,
    Description: spec.description || '',
    Status: spec.status || 'ACTIVE',
    ContactFlowId: spec.contactFlowId || '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a',
    Fields: (spec.fields || []).map((f) => {
      checkKeys(`taskTemplate '${spec.name}' field`, f, ['name', 'type', 'description', 'options']);
      return { Id: { Name: f.name }, Type: f.type, Description: f.description || '', ...(f.options ? { SingleSelectOptions: f.options } : {}) };
    }),
    Constraints: { RequiredFields: names(spec.required), ReadOnlyFields: names(spec.readOnly), InvisibleFields: names(spec.invisible) },
    Defaults: { DefaultFieldValues: Object.entries(spec.defaults || {}).map(([Name, DefaultValue]) => ({ Id: { Name }, DefaultValue })) },
  });
}

// Checks a GetTaskTemplate-shaped object and fills what the service always returns.
export function normalizeTemplate(t) {
  const what = `task template '${t && (t.Name || t.Id)}'`;
  if (!t || typeof t !== 'object') throw new SimulatorError(`A task template must be an object in the GetTaskTemplate shape, got ${JSON.stringify(t)}`);
  if (!t.Id || !t.Name) throw new SimulatorError(`${what}: Id and Name are required`);
  const status = t.Status || 'ACTIVE';
  if (!['ACTIVE', 'INACTIVE'].includes(status)) throw new SimulatorError(`${what}: Status must be ACTIVE or INACTIVE, got '${status}'`);
  const fields = t.Fields || [];
  for (const f of fields) {
    if (!f || !f.Id || !f.Id.Name) throw new SimulatorError(`${what}: every field needs Id.Name`);
    if (!FIELD_TYPES.includes(f.Type)) throw new SimulatorError(`${what}: field '${f.Id.Name}' has Type '${f.Type}'; allowed: ${FIELD_TYPES.join(', ')}`);
  }
  const constraints = { RequiredFields: [], ReadOnlyFields: [], InvisibleFields: [], ...(t.Constraints || {}) };
  const known = new Set(fields.map((f) => f.Id.Name));
  for (const [kind, list] of Object.entries(constraints)) {
    for (const c of list) {
      if (!known.has(c.Id.Name)) throw new SimulatorError(`${what}: Constraints.${kind} names '${c.Id.Name}', which is not one of its fields`);
    }
  }
  return {
    Arn: `${INSTANCE_ARN}/task-template/${t.Id}`,
    InstanceId: INSTANCE_ID,
    Description: '',
    ContactFlowId: '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a',
    Defaults: { DefaultFieldValues: [] },
    Tags: {},
    CreatedTime: created,
    LastModifiedTime: created + 86400,
    Version: '1',
    ...t,
    Status: status,
    Fields: fields,
    Constraints: constraints,
  };
}

export const SAMPLE_TEMPLATES = Object.freeze([
  taskTemplate({
    id: 'a7c1e9f2-3b4d-4e5f-8a6b-7c8d9e0f1a2b',
    name: 'Customer callback',
    description: 'Call a customer back about an open case',
    fields: [
      { name: 'Name', type: 'NAME', description: 'Task name' },
      { name: 'Description', type: 'DESCRIPTION', description: 'What the customer asked for' },
      { name: 'Callback number', type: 'TEXT', description: 'Phone number to call' },
      { name: 'Customer email', type: 'EMAIL', description: 'Where to send the summary' },
      { name: 'Call back before', type: 'DATE_TIME', description: 'Latest time for the call' },
      { name: 'Priority', type: 'SINGLE_SELECT', description: 'How urgent', options: ['High', 'Normal', 'Low'] },
      { name: 'Case URL', type: 'URL', description: 'Link to the case' },
    ],
    required: ['Name', 'Callback number'],
    defaults: { Priority: 'Normal' },
  }),
  taskTemplate({
    id: 'b8d2f0a3-4c5e-4f6a-9b7c-8d9e0f1a2b3c',
    name: 'Refund request',
    description: 'Review and pay out a refund',
    fields: [
      { name: 'Name', type: 'NAME', description: 'Task name' },
      { name: 'Description', type: 'DESCRIPTION', description: 'Details' },
      { name: 'Order URL', type: 'URL', description: 'Link to the order' },
      { name: 'Amount', type: 'NUMBER', description: 'Amount to refund' },
      { name: 'Reason', type: 'SINGLE_SELECT', description: 'Why', options: ['Damaged', 'Late delivery', 'Other'] },
      { name: 'Notes', type: 'TEXT_AREA', description: 'Notes for the reviewer' },
    ],
    required: ['Name', 'Order URL', 'Amount'],
    defaults: { Reason: 'Damaged' },
  }),
  taskTemplate({
    id: 'c9e3a1b4-5d6f-4a7b-8c8d-9e0f1a2b3c4d',
    name: 'Legacy escalation',
    description: 'Retired: use Customer callback',
    status: 'INACTIVE',
    fields: [{ name: 'Name', type: 'NAME', description: 'Task name' }, { name: 'Ticket number', type: 'NUMBER', description: 'Old ticket' }],
    required: ['Name'],
  }),
]);
