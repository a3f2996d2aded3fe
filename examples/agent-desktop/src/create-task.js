// Creating a task from a template: the instance's active templates, the chosen template's fields,
// TaskJS's template check before sending, then agent.createTask.
import { errorText, h } from './dom.js';

// Template field type -> [reference type, input type]; the other types are not offered here.
const INPUTS = { TEXT: ['STRING', 'text'], TEXT_AREA: ['STRING', 'text'], URL: ['URL', 'url'], EMAIL: ['EMAIL', 'email'], NUMBER: ['NUMBER', 'number'] };

export class CreateTaskForm {
  constructor(root) {
    this.root = root;
    this.template = null;
    this.select = h('select', { name: 'template', 'aria-label': 'Template', onchange: () => this.choose(this.select.value) }, h('option', { value: '' }, 'Choose a template'));
    this.fields = h('div', { class: 'fields' });
    this.result = h('p', { class: 'result', role: 'status' });
    this.form = h('form', { onsubmit: (e) => { e.preventDefault(); this.submit(); } },
      h('label', {}, 'Template ', this.select),
      h('label', {}, 'Name ', h('input', { name: 'name', required: true })),
      this.fields,
      h('button', { type: 'submit' }, 'Create task'),
      this.result);
    root.append(h('h2', {}, 'New task'), this.form);
  }

  async load(agent) {
    this.agent = agent;
    try {
      const { TaskTemplates } = await agent.listTaskTemplates({ status: 'ACTIVE', maxResults: 50 });
      this.select.append(...TaskTemplates.map((t) => h('option', { value: t.Id }, t.Name)));
    } catch (err) {
      this.show(`Templates could not be loaded: ${errorText(err)}`);
    }
  }

  async choose(id) {
    this.template = null;
    this.fields.replaceChildren();
    if (!id) return;
    const template = await this.agent.getTaskTemplate({ id });
    const invisible = new Set(template.Constraints.InvisibleFields.map((f) => f.Id.Name));
    const required = new Set(template.Constraints.RequiredFields.map((f) => f.Id.Name));
    this.template = template;
    this.fields.replaceChildren(...template.Fields
      .filter((f) => INPUTS[f.Type] && !invisible.has(f.Id.Name))
      .map((f) => h('label', {}, `${f.Id.Name}${required.has(f.Id.Name) ? ' *' : ''} `,
        h('input', { 'data-field': f.Id.Name, 'data-type': f.Type, type: INPUTS[f.Type][1] }))));
  }

  task() {
    const references = {};
    for (const input of this.fields.querySelectorAll('input')) {
      if (input.value === '') continue;
      const [type] = INPUTS[input.dataset.type];
      references[input.dataset.field] = { type, value: type === 'NUMBER' ? Number(input.value) : input.value };
    }
    return { name: this.form.elements.name.value, taskTemplateId: this.template.Id, references };
  }

  async submit() {
    if (!this.template) return this.show('Choose a template first.');
    const task = this.task();
    const problems = connect.TaskJS.validateTask(task, this.template);
    if (problems.length) return this.show(problems.map((p) => p.message).join('; '));
    this.show('Creating…');
    try {
      const { ContactId } = await this.agent.createTask(task);
      this.show(`Task created (${ContactId}).`);
    } catch (err) {
      this.show(`Not created: ${errorText(err)}`);
    }
  }

  show(text) {
    this.result.textContent = text;
  }
}
