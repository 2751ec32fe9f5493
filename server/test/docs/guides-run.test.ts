import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo';
import { startTestApp, type TestApp } from '../support/test-app';

// The guides, followed literally: every ```sh block of a guide runs in one bash session (in
// order, sharing variables, as in one terminal) and every ```js block runs as its own ES module
// (through tsx with server/tsconfig.json, so `@slotwise/sdk` is the SDK's source: no build, no race
// with test/sdk/example.test.ts, which covers the packed artefact), against a live server seeded
// with the demo business. The reader's
// http://localhost:3000 is this server. A block preceded by `<!-- guide-test: skip (why) -->` is
// not run (cloning the repository, building the SDK); output samples (```json, plain ```) never are.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const GUIDES = ['quickstart.md', 'sdk.md', 'api-versioning.md'];
const runs = join(root, 'server/test/docs/.guide-runs');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const tsconfig = join(root, 'server/tsconfig.json');

interface Block {
  lang: string;
  code: string;
  line: number;
}

export function codeBlocks(md: string): Block[] {
  const blocks: Block[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    let prev = start - 1;
    while (prev >= 0 && lines[prev]!.trim() === '') prev--;
    if (/<!-- guide-test: skip/.test(lines[prev] ?? '')) continue;
    blocks.push({ lang: open[1]!, code: body.join('\n'), line: start + 1 });
  }
  return blocks;
}

function run(cmd: string, args: string[], cwd: string, env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')),
  );
  return new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...clean, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

let app: TestApp;
let apiKey: string;
let work: string;
beforeAll(async () => {
  app = await startTestApp();
  await seedDemo(app.system);
  const login = await app.http
    .post('/v1/auth/login')
    .send({ email: 'owner@demo.slotwise.dev', password: 'demo-password-123' });
  const key = await app.http
    .post('/v1/admin/api-keys')
    .set('Authorization', `Bearer ${login.body.tokens.accessToken}`)
    .send({ name: 'guides', scopes: ['read', 'write'] });
  apiKey = key.body.secret as string;
  mkdirSync(runs, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'slotwise-guides-'));
}, 300_000);
afterAll(async () => {
  rmSync(runs, { recursive: true, force: true });
  if (work) rmSync(work, { recursive: true, force: true });
  await app?.close();
});

const live = (code: string) => code.replaceAll('http://localhost:3000', app.baseUrl);

describe('the guides, run against a live server', () => {
  for (const guide of GUIDES) {
    it(`docs/guides/${guide}`, async () => {
      const blocks = codeBlocks(readFileSync(join(root, 'docs/guides', guide), 'utf8'));
      const sh = blocks.filter((b) => b.lang === 'sh' || b.lang === 'bash');
      const js = blocks.filter((b) => b.lang === 'js' || b.lang === 'mjs');
      expect(sh.length + js.length, `${guide} has no runnable block`).toBeGreaterThan(0);
      const env = { SLOTWISE_URL: app.baseUrl, SLOTWISE_API_KEY: apiKey };
      if (sh.length) {
        const script = [
          'set -euo pipefail',
          ...sh.map((b) => `# ${guide}:${b.line}\n${live(b.code)}`),
        ].join('\n');
        const file = join(work, `${guide}.sh`);
        writeFileSync(file, script);
        const r = await run('bash', [file], work, env);
        expect(r.code, `${guide} shell blocks failed:\n${r.out}`).toBe(0);
      }
      for (const b of js) {
        const file = join(runs, `${guide.replace('.md', '')}-${b.line}.mjs`);
        writeFileSync(file, live(b.code));
        const r = await run(process.execPath, [tsx, '--tsconfig', tsconfig, file], runs, env);
        expect(r.code, `${guide}:${b.line} failed:\n${r.out}`).toBe(0);
      }
    }, 120_000);
  }
});
