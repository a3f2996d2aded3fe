// Scripted answers: what the next calls of a method get instead of the simulated answer —
// a service error, a late answer, or none at all.
import { SimulatorError, checkKeys } from './errors.js';

// A name that stands for several methods: TaskJS's createTask sends one or the other.
const ALIASES = Object.freeze({ createTask: ['createTaskContact', 'createTemplatedTask'] });

export const methodsOf = (name) => ALIASES[name] || [name];

export class Answers {
  // known: the method names the simulator answers (a script for another name is a typo).
  constructor(known) {
    this.known = known;
    this.queue = []; // {methods, answer}, in the order they were scripted
  }

  // answer: {fail: {type, message, status}} | {delay: ms} | {fail, delay} | {never: true}; times: how many calls.
  add(method, answer = {}, { times = 1 } = {}) {
    const methods = methodsOf(method);
    const unknown = methods.filter((m) => !this.known.includes(m));
    if (unknown.length) throw new SimulatorError(`answerNext: unknown method '${method}'; methods: ${[...Object.keys(ALIASES), ...this.known].join(', ')}`);
    checkKeys('answerNext answer', answer, ['fail', 'delay', 'never']);
    if (answer.fail) checkKeys('answerNext answer.fail', answer.fail, ['type', 'message', 'status']);
    if (answer.delay != null && !(Number.isFinite(answer.delay) && answer.delay >= 0)) throw new SimulatorError(`answerNext: delay must be a number of milliseconds >= 0, got ${answer.delay}`);
    if (answer.never && (answer.fail || answer.delay != null)) throw new SimulatorError('answerNext: never cannot be combined with fail or delay');
    if (!answer.never && !answer.fail && answer.delay == null) throw new SimulatorError('answerNext: give fail, delay or never');
    if (!Number.isInteger(times) || times < 1) throw new SimulatorError(`answerNext: times must be a whole number >= 1, got ${times}`);
    for (let i = 0; i < times; i++) this.queue.push({ methods, answer });
  }

  // The scripted answer for this call of `method`, or null; it is used up.
  take(method) {
    const i = this.queue.findIndex((s) => s.methods.includes(method));
    return i < 0 ? null : this.queue.splice(i, 1)[0].answer;
  }

  clear() {
    this.queue = [];
  }
}
