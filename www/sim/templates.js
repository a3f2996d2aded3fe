// Sample task templates of the simulated instance, in the shape GetTaskTemplate returns.
import { INSTANCE_ARN, INSTANCE_ID } from './ids.js';

const field = (Name, Type, Description, extra = {}) => ({ Id: { Name }, Type, Description, ...extra });
const created = Math.floor(Date.UTC(2024, 0, 15) / 1000);

function template({ Id, Name, Description, Status, Fields, Required, Defaults = {} }) {
  return {
    Id,
    Arn: `${INSTANCE_ARN}/task-template/${Id}`,
    InstanceId: INSTANCE_ID,
    Name,
    Description,
    ContactFlowId: '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a',
    Status,
    Fields,
    Constraints: {
      RequiredFields: Required.map((Name) => ({ Id: { Name } })),
      ReadOnlyFields: [],
      InvisibleFields: [],
    },
    Defaults: {
      DefaultFieldValues: Object.entries(Defaults).map(([Name, DefaultValue]) => ({ Id: { Name }, DefaultValue })),
    },
    Tags: {},
    CreatedTime: created,
    LastModifiedTime: created + 86400,
    Version: '1',
  };
}

export const TEMPLATES = Object.freeze([
  template({
    Id: 'a7c1e9f2-3b4d-4e5f-8a6b-7c8d9e0f1a2b',
    Name: 'Customer callback',
    Description: 'Call a customer back about an open case',
    Status: 'ACTIVE',
    Fields: [
      field('Name', 'NAME', 'Task name'),
      field('Description', 'DESCRIPTION', 'What the customer asked for'),
      field('Callback number', 'TEXT', 'Phone number to call'),
      field('Customer email', 'EMAIL', 'Where to send the summary'),
      field('Call back before', 'DATE_TIME', 'Latest time for the call'),
      field('Priority', 'SINGLE_SELECT', 'How urgent', { SingleSelectOptions: ['High', 'Normal', 'Low'] }),
      field('Case URL', 'URL', 'Link to the case'),
    ],
    Required: ['Name', 'Callback number'],
    Defaults: { Priority: 'Normal' },
  }),
  template({
    Id: 'b8d2f0a3-4c5e-4f6a-9b7c-8d9e0f1a2b3c',
    Name: 'Refund request',
    Description: 'Review and pay out a refund',
    Status: 'ACTIVE',
    Fields: [
      field('Name', 'NAME', 'Task name'),
      field('Description', 'DESCRIPTION', 'Details'),
      field('Order URL', 'URL', 'Link to the order'),
      field('Amount', 'NUMBER', 'Amount to refund'),
      field('Reason', 'SINGLE_SELECT', 'Why', { SingleSelectOptions: ['Damaged', 'Late delivery', 'Other'] }),
      field('Notes', 'TEXT_AREA', 'Notes for the reviewer'),
    ],
    Required: ['Name', 'Order URL', 'Amount'],
    Defaults: { Reason: 'Damaged' },
  }),
  template({
    Id: 'c9e3a1b4-5d6f-4a7b-8c8d-9e0f1a2b3c4d',
    Name: 'Legacy escalation',
    Description: 'Retired: use Customer callback',
    Status: 'INACTIVE',
    Fields: [field('Name', 'NAME', 'Task name'), field('Ticket number', 'NUMBER', 'Old ticket')],
    Required: ['Name'],
  }),
]);

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
