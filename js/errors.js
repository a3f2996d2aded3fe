// What every copy of the bundle on a page shares (a micro-frontend's and its host's, or the npm
// module beside a script tag): the error classes, so that `instanceof` holds whichever copy
// made an error, and the configuration setGlobalConfig sets, so that one call governs every
// request.
const KEY = Symbol.for('taskjs-rs.shared');
const NAMES = ['TaskValidationError', 'TaskTimeoutError', 'TaskServiceError'];

// An Error subclass named `name`: new X(message, fields) keeps each of `fields` (and `cause`,
// as Error does).
function errorClass(name) {
  const Class = { [name]: class extends Error { constructor(message, fields) { super(message, fields); Object.assign(this, fields); } } }[name];
  Object.defineProperty(Class.prototype, 'name', { value: name, writable: true, configurable: true });
  return Class;
}

function find() {
  let shared = globalThis[KEY];
  if (!shared) {
    shared = { config: {}, errors: {} };
    // Not enumerable, and there for the page's life. A global that cannot take it (frozen)
    // leaves this copy with its own.
    try { Object.defineProperty(globalThis, KEY, { value: shared }); } catch { /* this copy's own */ }
  }
  for (const name of NAMES) shared.errors[name] ||= errorClass(name);
  return shared;
}

export const shared = find();
