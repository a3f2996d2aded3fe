// Answers the API requests a page sends through the CCP: records each call, applies a scripted
// answer when the test set one, and otherwise answers from the task and contact APIs.
import { Answers } from './answers.js';
import { CONTACT_API } from './contact-api.js';
import { ApiError } from './errors.js';
import { TASK_API } from './task-api.js';
import { Timers } from './timers.js';
import { clone } from './wire.js';

const API = Object.freeze({ ...TASK_API, ...CONTACT_API });
export const API_METHODS = Object.freeze(Object.keys(API));

export class Backend {
  constructor(sim) {
    this.sim = sim;
    this.answers = new Answers(API_METHODS);
    this.calls = [];
    this.timers = new Timers();
  }

  // Handles one request; reply({data} | {err}) sends the answer (never, for a scripted `never`).
  handle(method, params, reply) {
    const call = { method, params: clone(params) ?? null, at: this.sim.clock.now(), status: 'pending' };
    this.calls.push(call);
    const scripted = this.answers.take(method);
    const answer = () => {
      const result = this.answer(method, params, scripted);
      if (result.err) Object.assign(call, { status: 'failed', error: result.err });
      else Object.assign(call, { status: 'answered', data: clone(result.data) ?? null });
      reply(result);
      this.sim.changed();
    };
    if (scripted && scripted.never) call.status = 'unanswered';
    else if (scripted && scripted.delay != null) this.timers.later(answer, scripted.delay);
    else answer();
    this.sim.changed();
    return call;
  }

  answer(method, params, scripted) {
    try {
      if (scripted && scripted.fail) {
        const { type = 'InternalServiceException', message = 'Simulated failure', status = 500 } = scripted.fail;
        throw new ApiError(type, message, status);
      }
      const fn = API[method];
      if (!fn) throw new ApiError('UnsupportedOperation', `The CCP simulator does not implement '${method}'`, 400);
      return { data: fn(this.sim, params || {}) };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return { err: e.body(method) };
    }
  }

  stop() {
    this.timers.clear();
  }
}
