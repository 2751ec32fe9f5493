import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Each case spawns the linter (TypeScript included): seconds each on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

// The layer lint (`npm run lint:layers`, part of `npm test`) run on real trees: the repository
// must pass, and a scratch tree with the repository's layout and one wrong import must fail
// with the rule that import breaks.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const config = join(root, '.dependency-cruiser.cjs');
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

function lint(cwd: string, ...dirs: string[]): Promise<{ code: number; out: string }> {
  return new Promise((done) =>
    execFile(
      process.execPath,
      [depcruise, '--config', config, '--output-type', 'err', ...dirs],
      { cwd },
      (err, stdout, stderr) =>
        done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    ),
  );
}

const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A scratch tree: an adapter, a port, and `files` (path → source) on top. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'slotwise-layers-'));
  scratch.push(dir);
  const all: Record<string, string> = {
    'server/src/adapters/prisma/store.ts':
      "import type { Store } from '../../ports/store';\nexport const prismaStore = (): Store => ({ get: () => 1 });\n",
    'server/src/ports/store.ts': 'export interface Store { get(): number }\n',
    'server/src/domain/rule.ts': 'export const rule = (n: number) => n > 0;\n',
    'server/src/compose.ts':
      "import { prismaStore } from './adapters/prisma/store';\nexport const store = prismaStore();\n",
    ...files,
  };
  for (const [path, source] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  return dir;
}

describe('layer lint', () => {
  it('passes on the repository', async () => {
    const r = await lint(root, 'server/src', 'packages/contracts/src', 'client/src');
    expect(r.out).not.toMatch(/error/);
    expect(r.code).toBe(0);
  });

  it('passes on a scratch tree that respects the layers', async () => {
    const r = await lint(
      tree({
        'server/src/app/use-case.ts':
          "import type { Store } from '../ports/store';\nimport { rule } from '../domain/rule';\nexport const run = (s: Store) => rule(s.get());\n",
      }),
      'server/src',
    );
    expect(r.code).toBe(0);
  });

  // One scratch tree holding every wrong import (one lint run); each must be reported under its rule.
  const WRONG: [what: string, path: string, source: string, rule: string][] = [
    [
      'domain importing an adapter',
      'server/src/domain/bad.ts',
      "import { prismaStore } from '../adapters/prisma/store';\nexport const x = prismaStore;\n",
      'domain-is-pure',
    ],
    [
      'domain doing I/O',
      'server/src/domain/io.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'domain-no-io',
    ],
    [
      'a use case importing an adapter',
      'server/src/app/bad.ts',
      "import { prismaStore } from '../adapters/prisma/store';\nexport const x = prismaStore;\n",
      'app-not-outward',
    ],
    [
      'a use case importing http',
      'server/src/app/web.ts',
      "import { h } from '../http/handler';\nexport const x = h;\n",
      'app-not-outward',
    ],
    [
      'http constructing an adapter',
      'server/src/http/handler.ts',
      "import { prismaStore } from '../adapters/prisma/store';\nexport const h = prismaStore();\n",
      'only-compose-constructs-adapters',
    ],
    [
      'a CLI entry constructing an adapter',
      'server/src/cli/migrate.ts',
      "import { prismaStore } from '../adapters/prisma/store';\nprismaStore();\n",
      'only-compose-constructs-adapters',
    ],
    [
      'a port importing a use case',
      'server/src/ports/bad.ts',
      "import { run } from '../app/use-case';\nexport const x = run;\n",
      'ports-only-domain',
    ],
    [
      'an adapter importing http',
      'server/src/adapters/prisma/bad.ts',
      "import { h } from '../../http/handler';\nexport const x = h;\n",
      'adapters-not-outward',
    ],
  ];

  it('fails on wrong imports, each under its rule', async () => {
    const dir = tree({
      'server/src/app/use-case.ts': 'export const run = 1;\n',
      ...Object.fromEntries(WRONG.map(([, path, source]) => [path, source])),
    });
    const r = await lint(dir, 'server/src');
    expect(r.code).not.toBe(0);
    for (const [what, path, , rule] of WRONG) {
      expect(r.out, what).toMatch(new RegExp(`${rule}: ${path.replace(/[.]/g, '\\.')}`));
    }
  });

  it('fails on a single wrong import in an otherwise clean tree', async () => {
    const r = await lint(
      tree({
        'server/src/domain/bad.ts':
          "import { prismaStore } from '../adapters/prisma/store';\nexport const x = prismaStore;\n",
      }),
      'server/src',
    );
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('domain-is-pure: server/src/domain/bad.ts');
  });

  it('lets a type-only import of an adapter through (nothing is constructed)', async () => {
    const r = await lint(
      tree({
        'server/src/seed/demo.ts':
          "import type { prismaStore } from '../adapters/prisma/store';\nexport type S = ReturnType<typeof prismaStore>;\n",
      }),
      'server/src',
    );
    expect(r.code).toBe(0);
  });
});
