import { resolve, sep } from 'node:path';
import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * The tools take their input schemas from @slotwise/contracts (private, so bundled in). Its index
 * also exports the OpenAPI generator (server-only, pulls @ts-rest/open-api); declaring that module
 * free of side effects lets the bundler drop it.
 */
const dropOpenApiGenerator: EsbuildPlugin = {
  name: 'drop-openapi-generator',
  setup(build) {
    build.onResolve({ filter: /^\.\/(openapi|schema-names)$/ }, (args) =>
      args.importer.endsWith(`contracts${sep}src${sep}index.ts`)
        ? { path: resolve(args.resolveDir, `${args.path.slice(2)}.ts`), sideEffects: false }
        : undefined,
    );
  },
};

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  // Real dependencies, installed next to the package; @slotwise/contracts is bundled.
  external: ['@slotwise/sdk', '@modelcontextprotocol/sdk', 'zod'],
  noExternal: ['@slotwise/contracts'],
  esbuildPlugins: [dropOpenApiGenerator],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  dts: { entry: 'src/index.ts' },
  clean: true,
});
