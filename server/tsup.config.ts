import { defineConfig } from 'tsup';

/**
 * The production server: plain ESM for `node`, no tsx at run time. Entries sit side by side in
 * dist/ so that paths.ts resolves the repository root the same way from src/ and dist/.
 * Workspace packages (TypeScript sources) and the generated Prisma client are bundled; npm
 * dependencies stay external (PGlite finds its wasm and data files next to its own module).
 */
export default defineConfig({
  entry: {
    main: 'src/main.ts',
    worker: 'src/worker.ts',
    migrate: 'src/cli/migrate.ts',
    seed: 'src/cli/seed.ts',
    'pglite-template': 'src/cli/pglite-template.ts',
  },
  outDir: 'dist',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  splitting: true,
  sourcemap: true,
  clean: true,
  dts: false,
  noExternal: [/^@slotwise\//],
  // Bundled CommonJS (none today) would call require(); give ESM output one.
  banner: {
    js: "import { createRequire as __slotwiseCreateRequire } from 'node:module'; const require = __slotwiseCreateRequire(import.meta.url);",
  },
});
