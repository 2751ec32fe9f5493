import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  // As in tsconfig.json: workspace packages from source.
  resolve: {
    alias: {
      '@slotwise/mcp': here('../packages/mcp/src/index.ts'),
      '@slotwise/sdk': here('../packages/sdk/src/index.ts'),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets its own database, so files may run in parallel safely.
    pool: 'forks',
    maxWorkers: 2,
  },
});
