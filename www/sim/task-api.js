// The task and template requests a page sends through the CCP (TaskJS's agent methods and
// getEndpoints), answered from the simulator's state with the service's checks and errors.
// Each method is (sim, params) -> answer data, or throws an ApiError.
import { INSTANCE_ID, uuid } from './ids.js';
import { invalidParameter, resourceNotFound } from './errors.js';
import { REFERENCE_TYPE_OF_FIELD } from './templates.js';

const REFERENCE_TYPES = ['URL', 'EMAIL', 'NUMBER', 'STRING', 'DATE'];
const MAX_SCHEDULE_SECONDS = 6 * 24 * 3600;

const tooLong = (at, max) => invalidParameter(`1 validation error detected: Value at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
const plainKey = (s) => s;
const capitalKey = (s) => s.charAt(0).toUpperCase() + s.slice(1);

// Checks a references map; `k` spells a key as the caller's API spells it (plain or capitalised).
function checkReferences(refs, k) {
  if (refs == null) return;
  if (typeof refs !== 'object' || Array.isArray(refs)) throw invalidParameter(`Value at '${k('references')}' must be a map`);
  for (const [name, ref] of Object.entries(refs)) {
    const at = `${k('references')}.${name}`;
    if (name.length > 4096) throw tooLong(`${k('references')} name`, 4096);
    if (!ref || typeof ref !== 'object') throw invalidParameter(`Value at '${at}' must be an object with ${k('type')} and ${k('value')}`);
    const type = ref[k('type')];
    const value = ref[k('value')];
    if (!REFERENCE_TYPES.includes(type)) {
      throw invalidParameter(`Value '${type}' at '${at}.${k('type')}' failed to satisfy constraint: Member must satisfy enum value set: [${REFERENCE_TYPES.join(', ')}]`);
    }
    if (type === 'NUMBER' || type === 'DATE') {
      if (!isNumber(value)) throw invalidParameter(`Value at '${at}.${k('value')}' must be a number for a ${type} reference`);
    } else {
      if (typeof value !== 'string') throw invalidParameter(`Value at '${at}.${k('value')}' must be a string for a ${type} reference`);
      if (value.length > 4096) throw tooLong(`${at}.${k('value')}`, 4096);
      if (type === 'EMAIL' && value && !/^[^@\s]+@[^@\s]+$/.test(value)) throw invalidParameter(`Value at '${at}.${k('value')}' is not a valid email address`);
      if (type === 'URL' && value && !/^https?:\/\//.test(value)) throw invalidParameter(`Value at '${at}.${k('value')}' is not a valid URL`);
    }
  }
}

function checkCommon(sim, p, k) {
  const name = p[k('name')];
  if (name == null || name === '') throw invalidParameter(`Value at '${k('name')}' failed to satisfy constraint: Member must not be null`);
  if (typeof name !== 'string') throw invalidParameter(`Value at '${k('name')}' must be a string`);
  if (name.length > 512) throw tooLong(k('name'), 512);
  const description = p[k('description')];
  if (description != null && typeof description !== 'string') throw invalidParameter(`Value at '${k('description')}' must be a string`);
  if (description && description.length > 4096) throw tooLong(k('description'), 4096);
  const scheduled = p[k('scheduledTime')];
  if (scheduled != null) {
    if (!isNumber(scheduled)) throw invalidParameter(`Value at '${k('scheduledTime')}' must be a number of seconds since the epoch`);
    const now = sim.clock.now() / 1000;
    if (scheduled < now - 60 || scheduled > now + MAX_SCHEDULE_SECONDS) {
      throw invalidParameter(`Value at '${k('scheduledTime')}' must be between now and 6 days from now`);
    }
  }
  checkReferences(p[k('references')], k);
}

function checkInstance(instanceId) {
  if (instanceId !== INSTANCE_ID) throw resourceNotFound(`Instance '${instanceId}' not found`);
}

function summary(t) {
  const { Id, Arn, Name, Description, Status, CreatedTime, LastModifiedTime } = t;
  return { Id, Arn, Name, Description, Status, CreatedTime, LastModifiedTime };
}

function checkTemplateFields(t, p) {
  const refs = p.References || {};
  const fields = new Map(t.Fields.map((f) => [f.Id.Name, f]));
  for (const [name, ref] of Object.entries(refs)) {
    const f = fields.get(name);
    if (!f || REFERENCE_TYPE_OF_FIELD[f.Type] == null) throw invalidParameter(`Field '${name}' is not part of task template '${t.Name}'`);
    const want = REFERENCE_TYPE_OF_FIELD[f.Type];
    if (ref.Type !== want) throw invalidParameter(`Field '${name}' needs a ${want} reference, got ${ref.Type}`);
    if (f.SingleSelectOptions && !f.SingleSelectOptions.includes(ref.Value)) {
      throw invalidParameter(`Field '${name}': '${ref.Value}' is not one of ${f.SingleSelectOptions.join(', ')}`);
    }
  }
  for (const { Id: { Name: name } } of t.Constraints.RequiredFields) {
    const f = fields.get(name);
    const top = f && f.Type === 'NAME' ? p.Name : f && f.Type === 'DESCRIPTION' ? p.Description : undefined;
    const given = REFERENCE_TYPE_OF_FIELD[f.Type] == null ? top : refs[name] && refs[name].Value;
    if (given == null || given === '') throw invalidParameter(`Field '${name}' is required by task template '${t.Name}'`);
  }
}

// Records a created task and hands it to the simulator, which routes it to the agent.
function create(sim, p, k) {
  const contactId = uuid();
  const task = {
    contactId,
    name: p[k('name')],
    description: p[k('description')] || '',
    references: p[k('references')] || {},
    attributes: p[k('attributes')] || {},
    scheduledTime: p[k('scheduledTime')],
    previousContactId: p[k('previousContactId')],
    relatedContactId: p[k('relatedContactId')],
    templateId: p.TaskTemplateId || null,
  };
  sim.createdTasks.set(contactId, task);
  sim.routeCreatedTask(task);
  return contactId;
}

export const TASK_API = Object.freeze({
  getEndpoints(sim) {
    return { endpoints: sim.profile.endpoints.map((e) => ({ ...e })), nextToken: null };
  },

  createTaskContact(sim, p) {
    checkCommon(sim, p, plainKey);
    if (!p.endpoint) throw invalidParameter("Value at 'endpoint' failed to satisfy constraint: Member must not be null");
    const endpoint = sim.profile.endpoints.find((e) => e.endpointARN === p.endpoint.endpointARN);
    if (!endpoint) throw resourceNotFound(`Value at 'endpoint': endpoint '${p.endpoint.endpointARN}' not found`);
    if (endpoint.type === 'phone_number') throw invalidParameter(`Value at 'endpoint': a task cannot be sent to the phone number endpoint '${endpoint.name}'`);
    if (p.idempotencyToken && sim.tokens.has(p.idempotencyToken)) return { contactId: sim.tokens.get(p.idempotencyToken) };
    const contactId = create(sim, p, plainKey);
    if (p.idempotencyToken) sim.tokens.set(p.idempotencyToken, contactId);
    return { contactId };
  },

  createTemplatedTask(sim, p) {
    const id = p.TaskTemplateId;
    const t = sim.templates.find((x) => x.Id === id);
    if (!t) throw resourceNotFound(`Task template '${id}' not found`);
    if (t.Status !== 'ACTIVE') throw invalidParameter(`Task template '${t.Name}' is ${t.Status} and cannot be used to create tasks`);
    checkCommon(sim, p, capitalKey);
    checkTemplateFields(t, p);
    if (p.QuickConnectId && !sim.profile.endpoints.some((e) => e.endpointARN.endsWith(`/${p.QuickConnectId}`))) {
      throw resourceNotFound(`Quick connect '${p.QuickConnectId}' not found`);
    }
    return { ContactId: create(sim, p, capitalKey) };
  },

  updateContact(sim, p) {
    const id = p.ContactId;
    const task = sim.createdTasks.get(id);
    const contact = sim.agent.find(id);
    if (!task && !contact) throw resourceNotFound(`Contact '${id}' not found`);
    if (p.Name != null && p.Name.length > 512) throw tooLong('Name', 512);
    if (p.Description != null && p.Description.length > 4096) throw tooLong('Description', 4096);
    checkReferences(p.References, capitalKey);
    for (const target of [task, contact]) {
      if (!target) continue;
      if (p.Name != null) target.name = p.Name;
      if (p.Description != null) target.description = p.Description;
      if (p.References) target.references = { ...(target.references || {}), ...p.References };
    }
    if (contact) sim.pushAgent();
    return {};
  },

  listTaskTemplates(sim, { instanceId, queryParams = {} }) {
    checkInstance(instanceId);
    const { status, maxResults = 50, nextToken } = queryParams;
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
      throw invalidParameter(`1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`);
    }
    // The service compares status as given: lower-case values match nothing (taskjs issue #34).
    const all = sim.templates.filter((t) => status == null || t.Status === status);
    const start = nextToken ? Number(nextToken) : 0;
    const page = all.slice(start, start + maxResults).map(summary);
    const next = start + maxResults < all.length ? String(start + maxResults) : null;
    return { TaskTemplates: page, NextToken: next };
  },

  getTaskTemplate(sim, { instanceId, templateParams = {} }) {
    checkInstance(instanceId);
    const t = sim.templates.find((x) => x.Id === templateParams.id);
    if (!t) throw resourceNotFound(`Task template '${templateParams.id}' not found`);
    if (templateParams.version != null && String(templateParams.version) !== t.Version) {
      throw resourceNotFound(`Version '${templateParams.version}' of task template '${t.Name}' not found`);
    }
    return JSON.parse(JSON.stringify(t));
  },
});

