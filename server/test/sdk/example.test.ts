import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';

// The published artefact end to end: build the SDK, `npm pack` it, install the tarball into a copy of
// examples/node-integration (outside the workspace, from the registry like a customer would), and
// run the example against a real server with a real API key.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const sdkDir = join(root, 'packages/sdk');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Async on purpose: the server under test lives in this process and must keep answering. */
function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<Result> {
  // The workspace's npm_* variables (prefix, workspace, …) would steer a nested npm to the monorepo.
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...clean, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function succeeded(r: Result, what: string): Result {
  expect(r.code, `${what} failed:\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r;
}

let app: TestApp;
let work: string;
let exampleDir: string;
let packedFiles: string[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'slotwise-sdk-example-'));
  app = await startTestApp();
  succeeded(
    await run('npm', ['run', 'build', '-w', '@slotwise/sdk'], root),
    'npm run build -w @slotwise/sdk',
  );
  const pack = succeeded(
    await run('npm', ['pack', '--json', '--pack-destination', work], sdkDir),
    'npm pack',
  );
  const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as {
    filename: string;
    files: { path: string }[];
  }[];
  packedFiles = info!.files.map((f) => f.path).sort();
  exampleDir = join(work, 'node-integration');
  cpSync(join(root, 'examples/node-integration'), exampleDir, { recursive: true });
  succeeded(
    await run(
      'npm',
      ['install', '--no-audit', '--no-fund', join(work, info!.filename)],
      exampleDir,
    ),
    'npm install <tarball>',
  );
}, 600_000);

afterAll(async () => {
  await app?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed @slotwise/sdk', () => {
  it('contains only the built bundles, their types and the docs', () => {
    expect(packedFiles).toEqual([
      'CHANGELOG.md',
      'README.md',
      'dist/index.cjs',
      'dist/index.cjs.map',
      'dist/index.d.cts',
      'dist/index.d.ts',
      'dist/index.js',
      'dist/index.js.map',
      'package.json',
    ]);
  });

  it('installs with no runtime dependency, and its types are plain (no zod, ts-rest or route metadata)', () => {
    const pkg = JSON.parse(
      readFileSync(join(exampleDir, 'node_modules/@slotwise/sdk/package.json'), 'utf8'),
    ) as Record<string, Record<string, string>>;
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
    expect(pkg.peerDependencies).toBeUndefined();
    const esm = readFileSync(join(exampleDir, 'node_modules/@slotwise/sdk/dist/index.js'), 'utf8');
    const imported = [...esm.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imported).toEqual([]);
    const dts = readFileSync(
      join(exampleDir, 'node_modules/@slotwise/sdk/dist/index.d.ts'),
      'utf8',
    );
    for (const leak of [
      '@slotwise/contracts',
      'zod',
      'ts-rest',
      'RouteMeta',
      'declare const contract',
    ])
      expect(dts, leak).not.toContain(leak);
    for (const named of [
      'Booking',
      'Service',
      'Provider',
      'Customer',
      'AvailabilityDay',
      'CreateBookingParams',
    ])
      expect(dts, named).toMatch(new RegExp(`(interface|type) ${named}\\b`));
    // Issue 17 measured 2.9 MB; plain interfaces are a small fraction of that.
    expect(dts.length).toBeLessThan(400_000);
  });

  it('loads from ESM and from CommonJS', async () => {
    const esm = succeeded(
      await run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "const m = await import('@slotwise/sdk'); console.log(typeof m.Slotwise, typeof m.verifyAndParse)",
        ],
        exampleDir,
      ),
      'ESM import',
    );
    expect(esm.stdout.trim()).toBe('function function');
    const cjs = succeeded(
      await run(
        process.execPath,
        [
          '-e',
          "const m = require('@slotwise/sdk'); console.log(typeof new m.Slotwise({ baseUrl: 'http://x', anonymous: true }).members.list)",
        ],
        exampleDir,
      ),
      'CJS require',
    );
    expect(cjs.stdout.trim()).toBe('function');
  });

  it('gives a TypeScript consumer typed methods, arguments and results', async () => {
    writeFileSync(
      join(exampleDir, 'consumer.ts'),
      `import { Slotwise, isValidationError } from '@slotwise/sdk';
const sdk = new Slotwise({ baseUrl: 'https://api.example.com', apiKey: 'sk_test_x' });
export async function demo(): Promise<string[]> {
  const page = await sdk.services.list({ query: { limit: 10 } });
  const name: string = page.items[0]!.name;
  const a = await sdk.public.availability.get({ params: { slug: 's' }, query: { serviceId: 'x', from: '2026-01-01', to: '2026-01-02' } });
  const start: string = a.days[0]!.slots[0]!.start;
  for await (const m of sdk.admin.members.list()) m.role satisfies 'owner' | 'admin' | 'staff' | 'viewer';
  try {
    // @ts-expect-error email must be a string
    await sdk.members.add({ body: { email: 1, name: 'x', role: 'staff' } });
  } catch (e) {
    if (isValidationError(e)) return e.issues.map((i) => i.path);
  }
  // @ts-expect-error no such route
  sdk.services.nope();
  return [name, start];
}
`,
    );
    writeFileSync(
      join(exampleDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          lib: ['es2022', 'dom'],
          types: [],
          // The published declarations must check on their own (issue 17: no leaked generics).
          skipLibCheck: false,
        },
        files: ['consumer.ts'],
      }),
    );
    succeeded(
      await run(process.execPath, [tsc, '-p', 'tsconfig.json'], exampleDir),
      'tsc on a consumer',
    );
  }, 300_000);
});

describe('examples/node-integration', () => {
  it('lists services, reads availability, books and lists bookings with an API key', async () => {
    const owner = await signupOwner(app, { businessName: 'Example Barbers' });
    const key = await app.http
      .post('/v1/admin/api-keys')
      .set(owner.auth)
      .send({ name: 'Example', scopes: ['read', 'write'] });
    expect(key.status).toBe(201);
    const provider = await app.http
      .post('/v1/admin/providers')
      .set(owner.auth)
      .send({ name: 'Sam' });
    expect(provider.status).toBe(201);
    const service = await app.http
      .post('/v1/admin/services')
      .set(owner.auth)
      .send({
        name: 'Beard trim',
        durationMinutes: 20,
        priceCents: 1500,
        currency: 'GBP',
        providerIds: [provider.body.id],
      });
    expect(service.status).toBe(201);
    const hours = await app.http
      .put(`/v1/admin/providers/${provider.body.id}/hours`)
      .set(owner.auth)
      .send({
        intervals: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          weekday,
          startTime: '09:00',
          endTime: '12:00',
        })),
      });
    expect(hours.status).toBe(200);

    const r = await run(process.execPath, ['index.mjs'], exampleDir, {
      SLOTWISE_URL: app.baseUrl,
      SLOTWISE_API_KEY: key.body.secret as string,
      CUSTOMER_NAME: 'Pat Example',
      CUSTOMER_EMAIL: 'pat@example.com',
    });
    succeeded(r, 'node index.mjs');
    const out = r.stdout;
    expect(out).toContain(`Business: Example Barbers (${owner.slug}, Europe/London)`);
    expect(out).toContain('Service: Beard trim (20 min, 15.00 GBP)');
    expect(out).toMatch(
      /Free slots for Beard trim: [1-9]\d* between \d{4}-\d{2}-\d{2} and \d{4}-\d{2}-\d{2}/,
    );
    const booked =
      /Booked (\w+) \(confirmed\): \d{4}-\d{2}-\d{2} \d{2}:\d{2} Europe\/London, Beard trim with Sam/.exec(
        out,
      );
    expect(booked, out).not.toBeNull();
    expect(out).toMatch(/Manage link for the customer: http\S+/);
    expect(out).toContain('Upcoming bookings: 1');
    expect(out).toContain(`- ${booked![1]} `);

    // The booking is really there, for the right customer.
    const list = await app.http.get('/v1/admin/bookings').set(owner.auth);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      code: booked![1],
      status: 'confirmed',
      customer: { name: 'Pat Example', email: 'pat@example.com' },
    });
  });

  it('explains a missing key and exits non-zero', async () => {
    const r = await run(process.execPath, ['index.mjs'], exampleDir, { SLOTWISE_URL: app.baseUrl });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Set SLOTWISE_API_KEY');
  });

  it('reports the API error code and request id for a revoked key', async () => {
    const owner = await signupOwner(app);
    const key = await app.http
      .post('/v1/admin/api-keys')
      .set(owner.auth)
      .send({ name: 'Soon revoked' });
    await app.http.delete(`/v1/admin/api-keys/${key.body.apiKey.id}`).set(owner.auth);
    const r = await run(process.execPath, ['index.mjs'], exampleDir, {
      SLOTWISE_URL: app.baseUrl,
      SLOTWISE_API_KEY: key.body.secret as string,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Slotwise error 401 \w+: .+ \(request [\w-]+\)$/m);
  });
});
