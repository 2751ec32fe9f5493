import { defineConfig } from 'tsup';

/**
 * The production server: plain ESM for `node`, no tsx at run time. Entries sit side by side in
 * dist/ so that paths.ts resolves the repository root the same way from src/ and dist/.
 * Bundled: the workspace packages (TypeScript sources), the generated Prisma client and Prisma's
 * runtime (@prisma/client is a build-time dependency, so a pruned production install carries
 * neither it nor the Prisma CLI and TypeScript that npm installs as its peers). Every other npm
 * dependency stays external (PGlite finds its wasm and data files next to its own module).
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
  noExternal: [/^@slotwise\//, /^@prisma\/client(\/|$)/],
  // Bundled CommonJS (none today) would call require(); give ESM output one.
  banner: {
    js: "import { createRequire as __slotwiseCreateRequire } from 'node:module'; const require = __slotwiseCreateRequire(import.meta.url);",
  },
});
