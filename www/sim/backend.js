// In-memory back end answering the API requests the Streams page sends through the CCP.
// It checks requests the way the service does and answers with the service's kind of errors.
import { AGENT, QUEUES } from './agent-state.js';
import { INSTANCE_ARN, INSTANCE_ID, uuid } from './ids.js';
import { REFERENCE_TYPE_OF_FIELD, TEMPLATES } from './templates.js';

// Methods served by the task-templates endpoint; their errors carry `status`, the others `statusCode`.
const TEMPLATE_METHODS = new Set(['listTaskTemplates', 'getTaskTemplate', 'createTemplatedTask', 'updateContact']);
const REFERENCE_TYPES = ['URL', 'EMAIL', 'NUMBER', 'STRING', 'DATE'];
const MAX_SCHEDULE_SECONDS = 6 * 24 * 3600;

export class ApiError extends Error {
  constructor(type, message, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

const invalid = (message) => new ApiError('InvalidParameterException', message, 400);
const notFound = (message) => new ApiError('ResourceNotFoundException', message, 404);
const tooLong = (at, max) => invalid(`1 validation error detected: Value at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);

// Quick connects / endpoints offered to the agent (getEndpoints).
export const ENDPOINTS = Object.freeze([
  { endpointARN: AGENT.arn, type: 'agent', name: `${AGENT.name} (me)`, agentLogin: AGENT.username, phoneNumber: null, queue: null },
  ...QUEUES.filter((q) => q.name).map((q) => ({
    endpointARN: `${INSTANCE_ARN}/transfer-destination/${q.queueARN.split('/').pop()}`,
    type: 'queue', name: q.name, phoneNumber: null, agentLogin: null, queue: q.queueARN,
  })),
  {
    endpointARN: `${INSTANCE_ARN}/transfer-destination/5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b`,
    type: 'phone_number', name: 'Escalations desk', phoneNumber: '+15555550100', agentLogin: null, queue: null,
  },
].map((e) => ({ ...e, endpointId: e.endpointARN })));

function isNumber(v) {
  return typeof v === 'number' && Number.isFinite(v);
}

// Checks a references map; `k` spells a key as the caller's API spells it (plain or capitalised).
function checkReferences(refs, k) {
  if (refs == null) return;
  if (typeof refs !== 'object' || Array.isArray(refs)) throw invalid(`Value at '${k('references')}' must be a map`);
  for (const [name, ref] of Object.entries(refs)) {
    const at = `${k('references')}.${name}`;
    if (name.length > 4096) throw tooLong(`${k('references')} name`, 4096);
    if (!ref || typeof ref !== 'object') throw invalid(`Value at '${at}' must be an object with ${k('type')} and ${k('value')}`);
    const type = ref[k('type')];
    const value = ref[k('value')];
    if (!REFERENCE_TYPES.includes(type)) {
      throw invalid(`Value '${type}' at '${at}.${k('type')}' failed to satisfy constraint: Member must satisfy enum value set: [${REFERENCE_TYPES.join(', ')}]`);
    }
    if (type === 'NUMBER' || type === 'DATE') {
      if (!isNumber(value)) throw invalid(`Value at '${at}.${k('value')}' must be a number for a ${type} reference`);
    } else {
      if (typeof value !== 'string') throw invalid(`Value at '${at}.${k('value')}' must be a string for a ${type} reference`);
      if (value.length > 4096) throw tooLong(`${at}.${k('value')}`, 4096);
      if (type === 'EMAIL' && value && !/^[^@\s]+@[^@\s]+$/.test(value)) throw invalid(`Value at '${at}.${k('value')}' is not a valid email address`);
      if (type === 'URL' && value && !/^https?:\/\//.test(value)) throw invalid(`Value at '${at}.${k('value')}' is not a valid URL`);
    }
  }
}

function checkCommon(p, k) {
  const name = p[k('name')];
  if (name == null || name === '') throw invalid(`Value at '${k('name')}' failed to satisfy constraint: Member must not be null`);
  if (typeof name !== 'string') throw invalid(`Value at '${k('name')}' must be a string`);
  if (name.length > 512) throw tooLong(k('name'), 512);
  const description = p[k('description')];
  if (description != null && typeof description !== 'string') throw invalid(`Value at '${k('description')}' must be a string`);
  if (description && description.length > 4096) throw tooLong(k('description'), 4096);
  const scheduled = p[k('scheduledTime')];
  if (scheduled != null) {
    if (!isNumber(scheduled)) throw invalid(`Value at '${k('scheduledTime')}' must be a number of seconds since the epoch`);
    const now = Date.now() / 1000;
    if (scheduled < now - 60 || scheduled > now + MAX_SCHEDULE_SECONDS) {
      throw invalid(`Value at '${k('scheduledTime')}' must be between now and 6 days from now`);
    }
  }
  checkReferences(p[k('references')], k);
}

const plainKey = (s) => s;
const capitalKey = (s) => s.charAt(0).toUpperCase() + s.slice(1);

function checkInstance(instanceId) {
  if (instanceId !== INSTANCE_ID) throw notFound(`Instance '${instanceId}' not found`);
}

function summary(t) {
  const { Id, Arn, Name, Description, Status, CreatedTime, LastModifiedTime } = t;
  return { Id, Arn, Name, Description, Status, CreatedTime, LastModifiedTime };
}

export class Backend {
  // onTaskCreated({contactId, name, description, references, scheduledTime}) delivers a task;
  // onContactsChanged() is called after a request changed the agent's contacts.
  constructor({ agentState, onTaskCreated, onContactsChanged }) {
    this.agentState = agentState;
    this.onTaskCreated = onTaskCreated;
    this.onContactsChanged = onContactsChanged;
    this.reset();
  }

  reset() {
    this.failures = new Map(); // method -> queued {type, message, status}
    this.tokens = new Map(); // idempotencyToken -> contactId
    this.tasks = new Map(); // contactId -> created task
    this.calls = [];
  }

  // Makes the next call of `method` fail with the given error.
  failNext(method, { type = 'InternalServiceException', message = 'Simulated failure', status = 500 } = {}) {
    if (!this.failures.has(method)) this.failures.set(method, []);
    this.failures.get(method).push({ type, message, status });
  }

  // Answers one request: resolves to {data} or {err} (the error object before Streams stringifies it).
  handle(method, params) {
    this.calls.push({ method, params });
    const queued = this.failures.get(method);
    try {
      if (queued && queued.length) {
        const f = queued.shift();
        throw new ApiError(f.type, f.message, f.status);
      }
      const fn = this.methods[method];
      if (!fn) throw new ApiError('UnsupportedOperation', `The CCP simulator does not implement '${method}'`, 400);
      return { data: fn.call(this, params || {}) };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return { err: this.errorBody(method, e) };
    }
  }

  errorBody(method, e) {
    if (TEMPLATE_METHODS.has(method)) return { type: e.type, message: e.message, status: e.status };
    return { type: e.type, message: e.message, stack: [], retryStatus: 'NONE', statusCode: e.status };
  }

  get methods() {
    return {
      getEndpoints() {
        return { endpoints: ENDPOINTS.map((e) => ({ ...e })), nextToken: null };
      },

      createTaskContact(p) {
        checkCommon(p, plainKey);
        if (!p.endpoint) throw invalid("Value at 'endpoint' failed to satisfy constraint: Member must not be null");
        const endpoint = ENDPOINTS.find((e) => e.endpointARN === p.endpoint.endpointARN);
        if (!endpoint) throw notFound(`Value at 'endpoint': endpoint '${p.endpoint.endpointARN}' not found`);
        if (endpoint.type === 'phone_number') throw invalid(`Value at 'endpoint': a task cannot be sent to the phone number endpoint '${endpoint.name}'`);
        if (p.idempotencyToken && this.tokens.has(p.idempotencyToken)) {
          return { contactId: this.tokens.get(p.idempotencyToken) };
        }
        const contactId = this.create(p, plainKey);
        if (p.idempotencyToken) this.tokens.set(p.idempotencyToken, contactId);
        return { contactId };
      },

      createTemplatedTask(p) {
        const id = p.TaskTemplateId;
        const t = TEMPLATES.find((x) => x.Id === id);
        if (!t) throw notFound(`Task template '${id}' not found`);
        if (t.Status !== 'ACTIVE') throw invalid(`Task template '${t.Name}' is ${t.Status} and cannot be used to create tasks`);
        checkCommon(p, capitalKey);
        this.checkTemplateFields(t, p);
        if (p.QuickConnectId && !ENDPOINTS.some((e) => e.endpointARN.endsWith(`/${p.QuickConnectId}`))) {
          throw notFound(`Quick connect '${p.QuickConnectId}' not found`);
        }
        return { ContactId: this.create(p, capitalKey) };
      },

      updateContact(p) {
        const id = p.ContactId;
        const task = this.tasks.get(id);
        const contact = this.agentState.find(id);
        if (!task && !contact) throw notFound(`Contact '${id}' not found`);
        if (p.Name != null && p.Name.length > 512) throw tooLong('Name', 512);
        if (p.Description != null && p.Description.length > 4096) throw tooLong('Description', 4096);
        checkReferences(p.References, capitalKey);
        for (const target of [task, contact]) {
          if (!target) continue;
          if (p.Name != null) target.name = p.Name;
          if (p.Description != null) target.description = p.Description;
          if (p.References) target.references = { ...(target.references || {}), ...p.References };
        }
        if (contact) this.onContactsChanged();
        return {};
      },

      // Hanging up the agent connection ends the contact (it stays in the snapshot, as in ACW).
      destroyConnection({ contactId, connectionId }) {
        const contact = this.agentState.find(contactId);
        if (!contact) throw notFound(`Contact '${contactId}' not found`);
        if (!contact.connections.some((c) => c.connectionId === connectionId)) throw notFound(`Connection '${connectionId}' not found`);
        this.agentState.end(contactId);
        this.onContactsChanged();
        return {};
      },

      clearContact({ contactId }) {
        if (!this.agentState.remove(contactId)) throw notFound(`Contact '${contactId}' not found`);
        this.onContactsChanged();
        return {};
      },

      listTaskTemplates({ instanceId, queryParams = {} }) {
        checkInstance(instanceId);
        const { status, maxResults = 50, nextToken } = queryParams;
        if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
          throw invalid(`1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`);
        }
        // The service compares status as given: lower-case values match nothing (taskjs issue #34).
        const all = TEMPLATES.filter((t) => status == null || t.Status === status);
        const start = nextToken ? Number(nextToken) : 0;
        const page = all.slice(start, start + maxResults).map(summary);
        const next = start + maxResults < all.length ? String(start + maxResults) : null;
        return { TaskTemplates: page, NextToken: next };
      },

      getTaskTemplate({ instanceId, templateParams = {} }) {
        checkInstance(instanceId);
        const t = TEMPLATES.find((x) => x.Id === templateParams.id);
        if (!t) throw notFound(`Task template '${templateParams.id}' not found`);
        if (templateParams.version != null && String(templateParams.version) !== t.Version) {
          throw notFound(`Version '${templateParams.version}' of task template '${t.Name}' not found`);
        }
        return JSON.parse(JSON.stringify(t));
      },
    };
  }

  checkTemplateFields(t, p) {
    const refs = p.References || {};
    const fields = new Map(t.Fields.map((f) => [f.Id.Name, f]));
    for (const [name, ref] of Object.entries(refs)) {
      const f = fields.get(name);
      if (!f || REFERENCE_TYPE_OF_FIELD[f.Type] == null) throw invalid(`Field '${name}' is not part of task template '${t.Name}'`);
      const want = REFERENCE_TYPE_OF_FIELD[f.Type];
      if (ref.Type !== want) throw invalid(`Field '${name}' needs a ${want} reference, got ${ref.Type}`);
      if (f.SingleSelectOptions && !f.SingleSelectOptions.includes(ref.Value)) {
        throw invalid(`Field '${name}': '${ref.Value}' is not one of ${f.SingleSelectOptions.join(', ')}`);
      }
    }
    for (const { Id: { Name: name } } of t.Constraints.RequiredFields) {
      const f = fields.get(name);
      const top = f && f.Type === 'NAME' ? p.Name : f && f.Type === 'DESCRIPTION' ? p.Description : undefined;
      const given = REFERENCE_TYPE_OF_FIELD[f.Type] == null ? top : refs[name] && refs[name].Value;
      if (given == null || given === '') throw invalid(`Field '${name}' is required by task template '${t.Name}'`);
    }
  }

  create(p, k) {
    const contactId = uuid();
    const task = {
      contactId,
      name: p[k('name')],
      description: p[k('description')] || '',
      references: p[k('references')] || {},
      scheduledTime: p[k('scheduledTime')],
      templateId: p.TaskTemplateId || null,
    };
    this.tasks.set(contactId, task);
    this.onTaskCreated(task);
    return contactId;
  }
}
