// Real-time timers a simulator part starts (scripted answer delays, task delivery), all stopped
// at once when the simulator is reset or closed.

export class Timers {
  #pending = new Set();

  // Calls fn after ms, unless clear() comes first.
  later(fn, ms) {
    const t = setTimeout(() => { this.#pending.delete(t); fn(); }, ms);
    this.#pending.add(t);
  }

  clear() {
    this.#pending.forEach(clearTimeout);
    this.#pending.clear();
  }
}
