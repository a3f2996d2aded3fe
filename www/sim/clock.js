// The simulator's clock: real time plus an offset that a test moves forward, and alarms set on
// that time (scheduled tasks, expiry). Alarms fire when advance() or check() finds them due.

export class Clock {
  constructor({ realNow = () => Date.now() } = {}) {
    this.realNow = realNow;
    this.offset = 0;
    this.alarms = [];
  }

  now() {
    return this.realNow() + this.offset;
  }

  date() {
    return new Date(this.now());
  }

  // Calls fn() once the clock reaches `time` (ms since the epoch). Returns a function that cancels it.
  at(time, fn) {
    const alarm = { time, fn };
    this.alarms.push(alarm);
    return () => { this.alarms = this.alarms.filter((a) => a !== alarm); };
  }

  // Moves the clock forward by ms and fires every alarm that is due, earliest first.
  advance(ms) {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`advanceClock needs a number of milliseconds >= 0, got ${ms}`);
    this.offset += ms;
    this.check();
    return this.now();
  }

  check() {
    for (;;) {
      const now = this.now();
      const due = this.alarms.filter((a) => a.time <= now).sort((a, b) => a.time - b.time)[0];
      if (!due) return;
      this.alarms = this.alarms.filter((a) => a !== due);
      due.fn();
    }
  }

  clear() {
    this.alarms = [];
  }
}
