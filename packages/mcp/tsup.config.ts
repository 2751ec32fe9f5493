import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  // Real dependencies, installed next to the package.
  external: ['@slotwise/sdk', '@modelcontextprotocol/sdk', 'zod'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  dts: { entry: 'src/index.ts' },
  clean: true,
});
