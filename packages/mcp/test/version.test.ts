import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { MCP_VERSION } from '../src/version';

it('reports the package version to MCP clients', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  expect(MCP_VERSION).toBe(pkg.version);
});
