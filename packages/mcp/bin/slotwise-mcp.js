#!/usr/bin/env node
/* global URL */
// `npx @slotwise/mcp`. The published package runs its build (dist/cli.js). A checkout of the
// Slotwise repository may have no build (or no build of the SDK it imports), so there the same
// entry point runs from source through tsx (a dev dependency of the repository), with this
// package's tsconfig mapping @slotwise/sdk to its source.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../src/cli.ts', import.meta.url);
try {
  // A missing module fails while linking, before any of the build runs.
  await import(new URL('../dist/cli.js', import.meta.url).href);
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !existsSync(source)) throw err;
  const { tsImport } = await import('tsx/esm/api');
  await tsImport(source.href, {
    parentURL: import.meta.url,
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
  });
}
