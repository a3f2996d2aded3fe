// Node side of tests/package/install-paths.test.mjs for the install under the name
// amazon-connect-taskjs: an app's existing import gives this package's objects.
import './mock-connect.mjs';
import { TaskSession, ReferenceType } from 'amazon-connect-taskjs';
import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('amazon-connect-taskjs/package.json');
console.log(JSON.stringify({
  name: pkg.name,
  installed: TaskSession === connect.TaskSession && ReferenceType === connect.ReferenceType,
  version: connect.TaskJS.version,
  referenceTypes: { ...ReferenceType },
  methods: Object.keys(TaskSession).sort(),
}));
