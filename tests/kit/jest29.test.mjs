// The example's Jest suite on Jest 29 (jest-environment-jsdom 29, jsdom 20), still the most
// common Jest in consumers' projects, installed like consumer.test.mjs's.
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { jestSuite, makeConsumer } from './consumer-project.mjs';

let project;

before(async () => {
  project = await makeConsumer({ devDependencies: { jest: '^29.7.0', 'jest-environment-jsdom': '^29.7.0' } });
});

after(() => project && fs.rmSync(project.work, { recursive: true, force: true }));

test('the Jest suite passes on Jest 29', (t) => jestSuite(t, project, 'test', 'jest 29'));
