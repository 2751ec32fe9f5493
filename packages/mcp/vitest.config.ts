import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  // Workspace packages from source, as in tsconfig.json (the server under test imports this one).
  resolve: {
    alias: {
      '@slotwise/mcp': here('./src/index.ts'),
      '@slotwise/sdk': here('../sdk/src/index.ts'),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The server's test databases: a migrated template cloned per test file.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
