// Imported only for its effect on the global `connect`.
import 'taskjs-rs';

window.consumerApp = { TaskSession: connect.TaskSession, ReferenceType: connect.ReferenceType, version: connect.TaskJS.version };
