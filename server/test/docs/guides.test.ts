import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES } from '@slotwise/contracts';
import { describe, expect, it } from 'vitest';
import { STATUS_BY_CODE } from '../../src/http/error-mapper';

// The guides promise to be complete; these keep the promise as codes and settings are added.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const guides = join(root, 'docs/guides');
const read = (file: string) => readFileSync(join(guides, file), 'utf8');

/** Rows of the markdown tables whose first cell is a `code`: first cell → the other cells. */
function tableRows(md: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of md.split('\n')) {
    const m = /^\|\s*`([^`]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (m)
      rows.set(
        m[1]!,
        m[2]!.split('|').map((c) => c.trim()),
      );
  }
  return rows;
}

describe('docs/guides/errors.md', () => {
  const rows = tableRows(read('errors.md'));

  it('documents every error code with the status the server gives it', () => {
    for (const code of ERROR_CODES) {
      expect(rows.has(code), `${code} is missing from docs/guides/errors.md`).toBe(true);
      expect(rows.get(code)![0], `status of ${code}`).toBe(String(STATUS_BY_CODE[code]));
      expect(rows.get(code)![1]!.length, `meaning of ${code}`).toBeGreaterThan(10);
    }
  });

  it('documents no code the API does not have', () => {
    expect([...rows.keys()].filter((c) => !(ERROR_CODES as readonly string[]).includes(c))).toEqual(
      [],
    );
  });
});

describe('docs/guides/configuration.md', () => {
  it('documents every environment variable of server/src/config.ts', () => {
    const source = readFileSync(join(root, 'server/src/config.ts'), 'utf8');
    const schema = source.slice(
      source.indexOf('const envSchema'),
      source.indexOf('});', source.indexOf('const envSchema')),
    );
    const vars = [...schema.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
    expect(vars.length).toBeGreaterThan(20);
    const rows = tableRows(read('configuration.md'));
    const missing = vars.filter((v) => !rows.has(v));
    expect(missing, 'add these to docs/guides/configuration.md').toEqual([]);
  });
});

describe('docs/guides links', () => {
  it('point to files that exist', () => {
    const broken: string[] = [];
    for (const file of readdirSync(guides).filter((f) => f.endsWith('.md'))) {
      for (const [, target] of read(file).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue; // http(s), mailto
        if (!existsSync(resolve(dirname(join(guides, file)), target!)))
          broken.push(`${file} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
