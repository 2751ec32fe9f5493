import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';

// A second language: Perl's OpenAPI::Client (Debian package libopenapi-client-perl) builds its
// client from the served /openapi.json at run time and runs the main flow (perl/main-flow.pl):
// sign up, set up a service, read availability, book, manage, download the invite, cancel, list.
// Every response it gets is also checked against the document by the test app.

const script = fileURLToPath(new URL('./perl/main-flow.pl', import.meta.url));
const hasPerlClient = spawnSync('perl', ['-MOpenAPI::Client', '-e', '1']).status === 0;
if (!hasPerlClient)
  console.warn('perl-client.test.ts skipped: install libopenapi-client-perl (apt) to run it');

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe.skipIf(!hasPerlClient)('a Perl client generated from the spec', () => {
  it('runs the main booking flow', async () => {
    const child = spawn('perl', [script, `${app.baseUrl}/openapi.json`, app.baseUrl], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code, `${out}\n${err}`).toBe(0);
    expect(out).toMatch(/^ok publicBookingsCreate 201 \S+$/m);
    expect(out).toMatch(/^ok publicManageCancel 200/m);
    expect(out).toMatch(/^ok flow booking=[0-9a-f-]{36}/m);
  }, 120_000);
});
