// Promises a test awaits until the simulator's state meets a condition, re-checked after every
// change; each has a timeout whose error names what was awaited and what was seen instead.
import { SimulatorError } from './errors.js';

export const DEFAULT_TIMEOUT = 2000;

export class Waiters {
  constructor() {
    this.pending = new Set();
  }

  // check() returns undefined while the condition is not met, else the value to resolve with.
  // what: "the next createTaskContact call"; seen(): what there is instead, for the timeout message.
  wait({ what, check, seen = () => '', timeout = DEFAULT_TIMEOUT }) {
    if (!(Number.isFinite(timeout) && timeout > 0)) throw new SimulatorError(`timeout must be a number of milliseconds > 0, got ${timeout}`);
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const waiter = { check, resolve, reject, what };
      waiter.timer = setTimeout(() => {
        this.pending.delete(waiter);
        const detail = seen();
        reject(new SimulatorError(`Timed out after ${timeout} ms waiting for ${what}${detail ? ` (${detail})` : ''}`));
      }, timeout);
      this.pending.add(waiter);
    });
  }

  notify() {
    for (const w of [...this.pending]) {
      const value = w.check();
      if (value === undefined) continue;
      clearTimeout(w.timer);
      this.pending.delete(w);
      w.resolve(value);
    }
  }

  cancelAll(reason) {
    for (const w of this.pending) {
      clearTimeout(w.timer);
      w.reject(new SimulatorError(`${reason} while waiting for ${w.what}`));
    }
    this.pending.clear();
  }
}
