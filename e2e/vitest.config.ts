import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  // The server under test imports workspace packages from source (see server/vitest.config.ts).
  resolve: {
    alias: {
      '@slotwise/mcp': here('../packages/mcp/src/index.ts'),
      '@slotwise/sdk': here('../packages/sdk/src/index.ts'),
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['support/global-setup.ts'],
    // One Chromium at a time keeps the run predictable on small CI machines.
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
