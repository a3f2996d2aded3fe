// ES module named imports (the package's `exports.import` entry).
import { TaskSession, ReferenceType, version } from 'taskjs-rs';

window.consumerApp = { TaskSession, ReferenceType, version };
