// The create-task form: lists the instance's task templates, shows a template's fields and
// creates a plain or templated task with agent.createTask (callbacks form, which both bundles
// accept). Failures are shown next to the field their message names.
import { el } from '../shared/dom.js';
import { errorMessage, fieldForMessage } from './errors.js';

// Template field type -> [reference type, input]. NAME/DESCRIPTION/... are the form's own fields.
const FIELD_INPUTS = {
  URL: ['URL', 'url'],
  EMAIL: ['EMAIL', 'email'],
  NUMBER: ['NUMBER', 'number'],
  DATE_TIME: ['DATE', 'datetime-local'],
  TEXT: ['STRING', 'text'],
  TEXT_AREA: ['STRING', 'textarea'],
  SINGLE_SELECT: ['STRING', 'select'],
  BOOLEAN: ['STRING', 'checkbox'],
};
const OWN_FIELDS = new Set(['NAME', 'DESCRIPTION', 'SCHEDULED_TIME', 'QUICK_CONNECT']);

const GENERIC_FIELDS = [
  { key: 'template', aliases: ['taskTemplateId', 'template'] },
  { key: 'name', aliases: ['name'] },
  { key: 'description', aliases: ['description'] },
  { key: 'endpoint', aliases: ['endpoint', 'quickConnectId'] },
  { key: 'scheduledTime', aliases: ['scheduledTime', 'scheduled time'] },
  { key: 'previousContactId', aliases: ['previousContactId', 'previous contact'] },
  { key: 'link', aliases: ['references', 'reference'] },
];

const toEpochSeconds = (v) => Math.floor(new Date(v).getTime() / 1000);

// The form field of a TaskValidationError's `field` (`references.Amount.value` -> `ref:Amount`).
const FORM_KEYS = { taskTemplateId: 'template', name: 'name', description: 'description', endpoint: 'endpoint',
  scheduledTime: 'scheduledTime', previousContactId: 'previousContactId' };
function formKey(field) {
  const reference = /^references\.(.+?)(\.type|\.value)?$/.exec(field);
  return reference ? `ref:${reference[1]}` : FORM_KEYS[field] || null;
}

function row(key, label, control, hint) {
  return el('div', { class: 'field', 'data-field': key },
    el('label', {}, el('span', { class: 'label', text: label }), control),
    hint ? el('p', { class: 'hint', text: hint }) : null,
    el('p', { class: 'field-error', 'data-error-for': key, role: 'alert' }));
}

export class TaskForm {
  constructor(root) {
    this.root = root;
    this.endpoints = [];
    this.template = null; // the chosen template (GetTaskTemplate answer)
    this.build();
  }

  build() {
    const f = (this.form = el('form', { class: 'task-form', novalidate: true }));
    this.templateSelect = el('select', { name: 'template' }, el('option', { value: '', text: 'No template (plain task)' }));
    this.endpointSelect = el('select', { name: 'endpoint' }, el('option', { value: '', text: '(none)' }));
    this.previousSelect = el('select', { name: 'previousContactId' }, el('option', { value: '', text: '(none)' }));
    this.templateFields = el('div', { class: 'template-fields' });
    this.linkRow = row('link', 'Link (URL reference)', el('input', { name: 'link', type: 'url', placeholder: 'https://…' }));
    this.result = el('p', { class: 'form-result', role: 'status' });
    f.append(
      row('template', 'Template', this.templateSelect),
      row('name', 'Name *', el('input', { name: 'name', autocomplete: 'off', placeholder: 'What needs doing' }), 'Up to 512 characters'),
      row('description', 'Description', el('textarea', { name: 'description', rows: 2 })),
      row('endpoint', 'Endpoint / quick connect', this.endpointSelect),
      this.linkRow,
      this.templateFields,
      el('details', { class: 'more' }, el('summary', { text: 'More options' }),
        row('scheduledTime', 'Scheduled time', el('input', { name: 'scheduledTime', type: 'datetime-local' })),
        row('previousContactId', 'Previous contact', this.previousSelect)),
      el('div', { class: 'form-actions' }, el('button', { type: 'submit', class: 'btn btn-primary', text: 'Create task' })),
      this.result);
    this.root.append(f);
    this.templateSelect.addEventListener('change', () => this.chooseTemplate(this.templateSelect.value));
    f.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
  }

  // Loads templates and endpoints once the agent is there.
  load(agent) {
    this.agent = agent;
    try {
      agent.listTaskTemplates({ status: 'ACTIVE', maxResults: 50 }, {
        success: (data) => {
          const list = (data && data.TaskTemplates) || [];
          this.templateSelect.append(...list.map((t) => el('option', { value: t.Id, text: t.Name })));
          this.root.dataset.templates = String(list.length);
        },
        failure: (err) => this.showError('template', errorMessage(err)),
      });
    } catch (err) {
      this.showError('template', errorMessage(err));
    }
    agent.getEndpoints(agent.getAllQueueARNs(), {
      success: ({ endpoints }) => {
        this.endpoints = endpoints;
        this.endpointSelect.append(...endpoints.map((e, i) => el('option', { value: String(i), text: `${e.name} (${e.type})` })));
        const self = endpoints.findIndex((e) => e.type === 'agent');
        if (self >= 0) this.endpointSelect.value = String(self);
        this.root.dataset.endpoints = String(endpoints.length);
      },
      failure: (err) => this.showError('endpoint', errorMessage(err)),
    });
  }

  // Keeps the previous-contact choices in line with the agent's contacts.
  setContacts(contacts) {
    const keep = this.previousSelect.value;
    this.previousSelect.replaceChildren(el('option', { value: '', text: '(none)' }),
      ...contacts.map((c) => el('option', { value: c.getContactId(), text: `${c.getName() || 'task'} · ${c.getContactId().slice(0, 8)}` })));
    this.previousSelect.value = contacts.some((c) => c.getContactId() === keep) ? keep : '';
  }

  chooseTemplate(id) {
    this.template = null;
    this.templateFields.replaceChildren();
    this.clearErrors();
    this.linkRow.hidden = Boolean(id);
    this.root.dataset.template = id ? 'loading' : '';
    if (!id) return;
    try {
      this.agent.getTaskTemplate({ id }, {
        success: (t) => {
          if (this.templateSelect.value !== id) return;
          this.template = t;
          this.drawTemplate(t);
          this.root.dataset.template = id;
        },
        failure: (err) => {
          this.root.dataset.template = 'error';
          this.showError('template', errorMessage(err));
        },
      });
    } catch (err) {
      this.showError('template', errorMessage(err));
    }
  }

  drawTemplate(t) {
    const required = new Set(((t.Constraints && t.Constraints.RequiredFields) || []).map((r) => r.Id.Name));
    const defaults = new Map(((t.Defaults && t.Defaults.DefaultFieldValues) || []).map((d) => [d.Id.Name, d.DefaultValue]));
    const rows = [];
    for (const field of t.Fields || []) {
      const name = field.Id.Name;
      if (OWN_FIELDS.has(field.Type) || !FIELD_INPUTS[field.Type]) continue;
      const [, input] = FIELD_INPUTS[field.Type];
      const attrs = { name: `ref:${name}`, 'data-ref': name, 'data-type': field.Type };
      let control;
      if (input === 'textarea') control = el('textarea', { ...attrs, rows: 2 });
      else if (input === 'select') {
        control = el('select', attrs, el('option', { value: '', text: '(choose)' }),
          ...(field.SingleSelectOptions || []).map((o) => el('option', { value: o, text: o })));
      } else control = el('input', { ...attrs, type: input });
      if (defaults.has(name)) {
        if (input === 'checkbox') control.checked = defaults.get(name) === 'true';
        else control.value = defaults.get(name);
      }
      rows.push(row(`ref:${name}`, `${name}${required.has(name) ? ' *' : ''}`, control, field.Description));
    }
    this.templateFields.replaceChildren(el('h3', { text: t.Name }), ...rows);
  }

  // The task object handed to agent.createTask (a fresh one each time: the reference rewrites it).
  buildTask() {
    const v = (n) => this.form.elements[n].value.trim();
    const task = { name: this.form.elements.name.value };
    if (v('description')) task.description = v('description');
    const ep = this.endpoints[Number(v('endpoint'))];
    // The connect.Endpoint exactly as agent.getEndpoints returned it.
    if (v('endpoint') !== '' && ep) task.endpoint = ep;
    if (v('scheduledTime')) task.scheduledTime = toEpochSeconds(v('scheduledTime'));
    if (v('previousContactId')) task.previousContactId = v('previousContactId');
    if (this.template) {
      task.taskTemplateId = this.template.Id;
      const refs = {};
      for (const control of this.templateFields.querySelectorAll('[data-ref]')) {
        const [type] = FIELD_INPUTS[control.dataset.type];
        const raw = control.type === 'checkbox' ? String(control.checked) : control.value.trim();
        if (raw === '') continue;
        let value = raw;
        if (type === 'NUMBER') value = Number(raw);
        if (type === 'DATE') value = toEpochSeconds(raw);
        refs[control.dataset.ref] = { type, value };
      }
      if (Object.keys(refs).length) task.references = refs;
    } else if (v('link')) {
      task.references = { Link: { type: 'URL', value: v('link') } };
    }
    return task;
  }

  submit() {
    this.clearErrors();
    this.result.textContent = 'Creating…';
    this.result.className = 'form-result pending';
    const done = (cls, text, contactId) => {
      this.result.textContent = text;
      this.result.className = `form-result ${cls}`;
      this.result.dataset.contactId = contactId || '';
      this.root.dataset.submits = String(Number(this.root.dataset.submits || 0) + 1);
    };
    const fail = (err) => {
      const message = errorMessage(err);
      const key = this.showError(null, message);
      done('error', key ? 'Not created: see the field marked above.' : `Not created: ${message}`);
    };
    const task = this.buildTask();
    // taskjs-rs checks the template's rules before anything is sent (the reference has no
    // validateTask: there the service's answer says what is wrong).
    const validate = this.template && connect.TaskJS && connect.TaskJS.validateTask;
    const problems = validate ? validate(task, this.template) : [];
    if (problems.length) {
      for (const p of problems) this.showError(formKey(p.field), p.message) || this.showError(null, p.message);
      this.root.dataset.checked = String(problems.length);
      done('error', `Not sent: ${problems.length} ${problems.length === 1 ? 'field does' : 'fields do'} not meet the template (see above).`);
      return;
    }
    try {
      this.agent.createTask(task, {
        success: (data) => {
          const id = data && (data.contactId || data.ContactId);
          done('ok', `Task created · contactId ${id}`, id);
        },
        failure: fail,
      });
    } catch (err) {
      fail(err);
    }
  }

  // Shows a message next to the field it names (or `key`); returns the field key used.
  showError(key, message) {
    const fields = [...GENERIC_FIELDS];
    for (const control of this.templateFields.querySelectorAll('[data-ref]')) {
      fields.push({ key: `ref:${control.dataset.ref}`, aliases: [control.dataset.ref], specific: true });
    }
    const visible = fields.filter((f) => {
      const r = this.form.querySelector(`[data-field="${CSS.escape(f.key)}"]`);
      return r && !r.hidden;
    });
    const target = key || fieldForMessage(message, visible);
    const slot = target && this.form.querySelector(`[data-error-for="${CSS.escape(target)}"]`);
    if (!slot) return null;
    slot.textContent = slot.textContent ? `${slot.textContent} · ${message}` : message;
    slot.closest('.field').classList.add('has-error');
    const details = slot.closest('details');
    if (details) details.open = true;
    return target;
  }

  clearErrors() {
    this.form.querySelectorAll('.field-error').forEach((s) => { s.textContent = ''; });
    this.form.querySelectorAll('.has-error').forEach((r) => r.classList.remove('has-error'));
  }
}
