// The two kinds of error in the simulator: ApiError is an answer of the simulated service to
// the page (it reaches the app's failure callback); SimulatorError is a test's misuse of a
// control (it is thrown to the test).

// Methods served by the task-templates endpoint: their errors carry `status`. The agent API's
// errors carry `statusCode`, `retryStatus` and a `stack` of lines, as the CCP's worker passes them on.
const TEMPLATE_METHODS = new Set(['listTaskTemplates', 'getTaskTemplate', 'createTemplatedTask', 'updateContact']);

export class ApiError extends Error {
  constructor(type, message, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }

  // The error object as the CCP sends it for `method` (the page receives it JSON-encoded).
  body(method) {
    if (TEMPLATE_METHODS.has(method)) return { type: this.type, message: this.message, status: this.status };
    return { type: this.type, message: this.message, stack: [`${this.type}: ${this.message}`], retryStatus: 'NONE', statusCode: this.status };
  }
}

export const invalidParameter = (message) => new ApiError('InvalidParameterException', message, 400);
export const resourceNotFound = (message) => new ApiError('ResourceNotFoundException', message, 404);

export class SimulatorError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SimulatorError';
  }
}

// Throws when `given` has a key outside `allowed`: a misspelt option should fail, not be ignored.
export function checkKeys(what, given, allowed) {
  if (given == null) return;
  if (typeof given !== 'object' || Array.isArray(given)) throw new SimulatorError(`${what} takes an object, got ${JSON.stringify(given)}`);
  const unknown = Object.keys(given).filter((k) => !allowed.includes(k));
  if (unknown.length) throw new SimulatorError(`${what}: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}; allowed: ${allowed.join(', ')}`);
}
