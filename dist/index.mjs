// The package's ES module entry (copied to dist/index.mjs by scripts/build.js). Importing it runs
// the bundle next to it, which installs connect.TaskSession & co., and re-exports its exports.
import api from './amazon-connect-task.js';

export const TaskSession = api.TaskSession;
export const ReferenceType = api.ReferenceType;
export const version = api.version;
export const validateTask = api.validateTask;
export const TaskValidationError = api.TaskValidationError;
export const TaskTimeoutError = api.TaskTimeoutError;
export const TaskServiceError = api.TaskServiceError;
export default api;
