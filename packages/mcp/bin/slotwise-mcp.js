#!/usr/bin/env node
// `npx @slotwise/mcp`. The published package runs its build (dist/cli.js). A checkout of the
// Slotwise repository has no build until `npm run build`, so there the same entry point runs from
// source through tsx (a dev dependency of the repository), with this package's tsconfig mapping
// @slotwise/sdk to its source.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport('../src/cli.ts', {
    parentURL: import.meta.url,
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
  });
}
