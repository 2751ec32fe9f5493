import { resolve, sep } from 'node:path';
import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * The contracts' index also exports the OpenAPI generator (server-only, pulls @ts-rest/open-api).
 * Declaring that module free of side effects lets the bundler drop it, since the SDK never uses it.
 */
const dropOpenApiGenerator: EsbuildPlugin = {
  name: 'drop-openapi-generator',
  setup(build) {
    build.onResolve({ filter: /^\.\/openapi$/ }, (args) =>
      args.importer.endsWith(`contracts${sep}src${sep}index.ts`)
        ? { path: resolve(args.resolveDir, 'openapi.ts'), sideEffects: false }
        : undefined,
    );
  },
};

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // @slotwise/contracts is private (never published), so its code and types ship inside the SDK;
  // zod and @ts-rest/core stay real dependencies.
  noExternal: ['@slotwise/contracts'],
  external: ['zod', '@ts-rest/core'],
  esbuildPlugins: [dropOpenApiGenerator],
  dts: {
    // Declarations of the contracts, written by scripts/build.mjs (see why there); the
    // mapping makes the declaration bundler inline them instead of importing a private package.
    compilerOptions: {
      baseUrl: '.',
      paths: { '@slotwise/contracts': ['dist/.contracts-dts/index.d.ts'] },
    },
  },
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
  clean: false, // scripts/build.mjs cleans dist before writing the contracts' declarations there
});
