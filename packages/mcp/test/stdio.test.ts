import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { TestApp } from '@slotwise/server/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, fixedClock, NOW, seedBusiness, startServer, type Business } from './support';

// The package's bin as a child process speaking MCP on stdio (what a desktop assistant launches
// with `npx @slotwise/mcp`), against a real server started here. Unbuilt, as in CI, the bin runs
// the TypeScript entry point through tsx.

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/slotwise-mcp.js', import.meta.url));
const node = () => ({ command: process.execPath, args: [bin] });

let app: TestApp;
let biz: Business;

beforeAll(async () => {
  app = await startServer({}, fixedClock(NOW));
  biz = await seedBusiness(app);
});
afterAll(async () => app?.close());

async function launch(env: Record<string, string>): Promise<Client> {
  const transport = new StdioClientTransport({
    ...node(),
    cwd: pkgDir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'desktop-assistant', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

describe('stdio', () => {
  it('with SLOTWISE_API_KEY: finds a slot and books it; the business sees the booking', async () => {
    const c = await launch({ SLOTWISE_BASE_URL: app.baseUrl, SLOTWISE_API_KEY: biz.writeKey });
    try {
      expect((await c.listTools()).tools.length).toBe(9);
      const found = await call(c, 'search_availability', {
        serviceId: biz.serviceId,
        from: '2030-01-08',
        to: '2030-01-08',
        limit: 2,
      });
      expect(found.isError, found.text).toBe(false);
      expect(found.json.options[0].when).toBe('Tuesday 2030-01-08 09:00 (Europe/London)');
      const booked = await call(c, 'book_appointment', {
        serviceId: biz.serviceId,
        start: found.json.options[0].start,
        customer: { name: 'Stella Stdio', phone: '+44 20 7946 0958' },
        answers: { hair_length: 'long' },
      });
      expect(booked.isError, booked.text).toBe(false);
      const seen = await biz.owner.bookings.list({ query: { code: booked.json.booking.code } });
      expect(seen.items[0]).toMatchObject({
        customer: { name: 'Stella Stdio', phone: '+442079460958' },
        status: 'confirmed',
      });
    } finally {
      await c.close();
    }
  });

  it('with only SLOTWISE_TENANT: the public tools', async () => {
    const c = await launch({ SLOTWISE_BASE_URL: app.baseUrl, SLOTWISE_TENANT: biz.slug });
    try {
      const names = (await c.listTools()).tools.map((t) => t.name);
      expect(names).toContain('book_appointment');
      expect(names).not.toContain('todays_schedule');
      const services = await call(c, 'list_services');
      expect(services.json.services[0].id).toBe(biz.serviceId);
    } finally {
      await c.close();
    }
  });

  it('refuses to start without its configuration, saying what is missing', async () => {
    const { command, args } = node();
    const child = spawn(command, args, {
      cwd: pkgDir,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/SLOTWISE_BASE_URL is required/);
  });
});
