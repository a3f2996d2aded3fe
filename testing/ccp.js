// What a test holds: every control of the simulator as an async method, the CCP URL to give
// connect.core.initCCP, and close(). The same class whether the simulator runs in this process
// (simulateCcp, startCcpServer) or in another one (connectCcp).
import { CONTROL_NAMES } from '../www/sim/controls.js';

export class Ccp {
  #call;
  #close;

  // call(name, args) -> Promise of the control's result; close() -> Promise.
  constructor({ ccpUrl, call, close }) {
    this.ccpUrl = ccpUrl;
    this.#call = call;
    this.#close = close;
  }

  // Ends the simulator: pending waits fail, its pages are no longer answered.
  async close() {
    await this.#close();
  }

  static {
    for (const name of CONTROL_NAMES) {
      Object.defineProperty(this.prototype, name, {
        value: function control(...args) { return this.#call(name, args); },
        writable: true,
        configurable: true,
      });
    }
  }
}
