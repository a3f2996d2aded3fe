// The same Jest-style suite under Vitest: the jsdom environment and Jest's globals.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { environment: 'jsdom', globals: true, include: ['test/**/*.test.js'] },
});
