// CommonJS require (the package's `main`).
const { TaskSession, ReferenceType, version } = require('taskjs-rs');

window.consumerApp = { TaskSession, ReferenceType, version };
