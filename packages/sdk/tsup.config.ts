import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // No dependencies at all: the route table and the types are generated into src/generated.
  dts: true,
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
  clean: false, // scripts/build.mjs cleans dist
});
