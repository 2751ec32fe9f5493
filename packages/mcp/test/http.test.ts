import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { TestApp } from '@slotwise/server/test-support';
import { Slotwise } from '@slotwise/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, fixedClock, NOW, seedBusiness, startServer, type Business } from './support';

// The server's own /mcp mount, over real HTTP, with the streamable HTTP client of the MCP SDK.

let app: TestApp;
let biz: Business;
const clients: Client[] = [];

beforeAll(async () => {
  app = await startServer({}, fixedClock(NOW));
  biz = await seedBusiness(app);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await app?.close();
});

async function connectHttp(path: string, bearer?: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(path, app.baseUrl), {
    requestInit: bearer ? { headers: { Authorization: `Bearer ${bearer}` } } : {},
  });
  const client = new Client({ name: 'http-assistant', version: '1.0.0' });
  await client.connect(transport);
  clients.push(client);
  return client;
}

const customer = (name: string) => ({
  name,
  email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`,
});
const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'curl', version: '1' },
  },
};
const post = (path: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, app.baseUrl), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify(initialize),
  });

describe('authentication', () => {
  it('answers 401 with the protected-resource metadata when the key is missing or wrong', async () => {
    const missing = await post('/mcp');
    expect(missing.status).toBe(401);
    expect((await missing.json()).error.code).toBe('unauthenticated');
    const header = missing.headers.get('www-authenticate')!;
    const url = /resource_metadata="([^"]+)"/.exec(header)?.[1];
    expect(url).toBe(`${app.baseUrl}/.well-known/oauth-protected-resource/mcp`);
    const metadata = await (await fetch(url!)).json();
    expect(metadata).toMatchObject({
      resource: `${app.baseUrl}/mcp`,
      bearer_methods_supported: ['header'],
    });
    const root = await (await fetch(`${app.baseUrl}/.well-known/oauth-protected-resource`)).json();
    expect(root.resource).toBe(app.baseUrl);

    const wrong = await post('/mcp', {
      Authorization: 'Bearer sk_test_not_a_real_key_at_all_123456',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  it('lets browser-based MCP clients through CORS', async () => {
    const pre = await fetch(`${app.baseUrl}/mcp`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://inspector.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,mcp-protocol-version',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Mcp-Protocol-Version/);
    const missing = await post('/mcp', { Origin: 'https://inspector.example' });
    expect(missing.headers.get('access-control-expose-headers')).toMatch(/WWW-Authenticate/);
  });

  it('is stateless: GET and DELETE get 405', async () => {
    const r = await fetch(`${app.baseUrl}/mcp`, {
      headers: { Authorization: `Bearer ${biz.writeKey}` },
    });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
  });
});

describe('bad requests', () => {
  it('get a 4xx, never a 500', async () => {
    const auth = {
      Authorization: `Bearer ${biz.writeKey}`,
      Accept: 'application/json, text/event-stream',
    };
    const send = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${app.baseUrl}/mcp`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json', ...headers },
        body,
      });
    const notJson = await send('{"jsonrpc":');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe('invalid_json');
    expect((await send(JSON.stringify({ hello: 'world' }))).status).toBe(400);
    expect((await send(JSON.stringify(initialize), { Accept: 'text/html' })).status).toBe(406);
    const badSlug = await fetch(`${app.baseUrl}/mcp/public/NOT_A_SLUG`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify(initialize),
    });
    expect(badSlug.status).toBe(404);
  });
});

describe('over HTTP with an API key', () => {
  it('finds a slot and books it; the business sees it; then moves and cancels it', async () => {
    const c = await connectHttp('/mcp', biz.writeKey);
    expect((await c.listTools()).tools.map((t) => t.name)).toContain('todays_schedule');
    const found = await call(c, 'search_availability', {
      serviceId: biz.serviceId,
      from: '2030-01-08',
      to: '2030-01-08',
      timeZone: 'Europe/Paris',
    });
    expect(found.isError, found.text).toBe(false);
    expect(found.json.options[0]).toMatchObject({
      when: 'Tuesday 2030-01-08 10:00 (Europe/Paris)',
    });
    const [first, second] = found.json.options;
    const booked = await call(c, 'book_appointment', {
      serviceId: biz.serviceId,
      start: first.start,
      customer: customer('Harper Http'),
      timeZone: 'Europe/Paris',
      answers: { hair_length: 'medium' },
    });
    expect(booked.isError, booked.text).toBe(false);
    const code = booked.json.booking.code;
    const seen = await biz.owner.bookings.list({ query: { code } });
    expect(seen.items[0]).toMatchObject({
      status: 'confirmed',
      start: first.start,
      customer: { name: 'Harper Http' },
    });

    const moved = await call(c, 'reschedule_booking', { code, start: second.start });
    expect(moved.json.booking?.start).toBe(second.start);
    const cancelled = await call(c, 'cancel_booking', { code, confirm: true });
    expect(cancelled.json.booking?.status).toBe('cancelled');
  });

  it('refuses writes to a read-only key', async () => {
    const c = await connectHttp('/mcp', biz.readKey);
    const r = await call(c, 'book_appointment', {
      serviceId: biz.serviceId,
      start: '2030-01-09T10:00:00.000Z',
      customer: customer('Reed Only'),
      answers: { hair_length: 'short' },
    });
    expect(r.json.error).toEqual({
      code: 'insufficient_scope',
      message: 'This API key lacks the "write" scope',
    });
    expect((await biz.owner.customers.list({ query: { search: 'Reed' } })).items).toEqual([]);
  });

  it('two assistants race for one slot: one books, the other gets the 409 text with fresh alternatives', async () => {
    const second = await biz.owner.apiKeys.create({
      body: { name: 'second assistant', scopes: ['read', 'write'] },
    });
    const [a, b] = await Promise.all([
      connectHttp('/mcp', biz.writeKey),
      connectHttp('/mcp', second.secret),
    ]);
    const sam = biz.providerIds[0]!;
    const start = '2030-01-10T11:00:00.000Z';
    const args = (name: string) => ({
      serviceId: biz.serviceId,
      start,
      providerId: sam,
      customer: customer(name),
      answers: { hair_length: 'long' },
    });
    const results = await Promise.all([
      call(a, 'book_appointment', args('Racer One')),
      call(b, 'book_appointment', args('Racer Two')),
    ]);
    const winners = results.filter((r) => !r.isError);
    const losers = results.filter((r) => r.isError);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const loser = losers[0]!.json;
    expect(loser.error).toEqual({
      code: 'slot_unavailable',
      message: 'That time is no longer available; pick another slot',
    });
    expect(loser.alternatives.length).toBeGreaterThan(0);
    for (const alt of loser.alternatives) {
      expect(alt.start).not.toBe(start);
      expect(alt.providers.map((p: { id: string }) => p.id)).toContain(sam);
    }
    const atThatTime = (
      await biz.owner.bookings.list({
        query: { from: start, to: '2030-01-10T11:00:01.000Z', providerId: sam },
      })
    ).items;
    expect(atThatTime.filter((x) => x.status !== 'cancelled')).toHaveLength(1);
  });
});

describe('public-only mode (/mcp/public/:slug)', () => {
  it('books without a key, shows the late-cancellation fee before confirming, and keeps to its business', async () => {
    const c = await connectHttp(`/mcp/public/${biz.slug}`);
    const names = (await c.listTools()).tools.map((t) => t.name);
    expect(names).not.toContain('todays_schedule');
    // Today 15:00 London: inside the 24-hour window, so cancelling costs 50 % of 40.00 GBP.
    const booked = await call(c, 'book_appointment', {
      serviceId: biz.serviceId,
      start: '2030-01-07T15:00:00.000Z',
      customer: customer('Pat Public'),
      timeZone: 'Europe/London',
      answers: { hair_length: 'short' },
    });
    expect(booked.isError, booked.text).toBe(false);
    const manageLink = booked.json.manageUrl as string;
    expect(manageLink).toMatch(/^https:\/\/book\.example\.com\/manage\//);

    const got = await call(c, 'get_booking', { manageLink });
    expect(got.json).toMatchObject({
      booking: { code: booked.json.booking.code },
      canCancel: true,
    });
    const preview = await call(c, 'cancel_booking', { manageLink });
    expect(preview.json).toMatchObject({
      confirmed: false,
      late: true,
      fee: '20.00 GBP',
      note: 'Cancelling now costs a fee of 20.00 GBP.',
    });
    const done = await call(c, 'cancel_booking', { manageLink, confirm: true });
    expect(done.json).toMatchObject({
      cancelled: true,
      booking: { status: 'cancelled' },
      fee: '20.00 GBP',
    });

    // Another business's manage link is not this server's to show.
    const other = await seedBusiness(app, 'other-salon');
    const anon = new Slotwise({ baseUrl: app.baseUrl, anonymous: true, maxRetries: 0 });
    const foreign = await anon.public.bookings.create({
      params: { slug: other.slug },
      body: {
        serviceId: other.serviceId,
        start: '2030-01-09T12:00:00.000Z',
        customer: customer('Other Person'),
        timeZone: 'UTC',
        answers: { hair_length: 'long' },
      },
    });
    const leak = await call(c, 'get_booking', { manageLink: foreign.manageUrl });
    expect(leak.json.error).toEqual({
      code: 'not_found',
      message: 'That is not a manage link of this business',
    });
    expect(leak.text).not.toContain('Other Person');
  });

  it('an unknown business gets the API’s 404 text', async () => {
    const c = await connectHttp('/mcp/public/no-such-business');
    const r = await call(c, 'list_services');
    expect(r.json.error.code).toBe('not_found');
  });
});

describe('rate limits', () => {
  it('apply to /mcp messages and, per caller, to the API calls the tools make', async () => {
    const limited = await startServer({
      RATE_LIMITS_ENABLED: 'true',
      RATE_LIMIT_PUBLIC_PER_MINUTE: '6',
    });
    try {
      // Messages themselves: the seventh from one address within a minute is refused.
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await fetch(`${limited.baseUrl}/mcp/public/anyone`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json, text/event-stream',
            'X-Forwarded-For': '198.51.100.7',
          },
          body: JSON.stringify(initialize),
        });
        statuses.push(r.status);
        if (r.status === 429) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);

      // A tool call is one message plus its API calls (business profile, providers), all counted
      // for the caller's own address, which the mount forwards: caller A runs out, B does not.
      const shop = await seedBusiness(limited, 'limited-shop');
      const connectAs = async (ip: string) => {
        const client = new Client({ name: `caller ${ip}`, version: '1' });
        await client.connect(
          new StreamableHTTPClientTransport(new URL(`/mcp/public/${shop.slug}`, limited.baseUrl), {
            requestInit: { headers: { 'X-Forwarded-For': ip } },
          }),
        );
        clients.push(client);
        return client;
      };
      // Points for A: connecting is 2 messages; each list_providers call is 1 message + 2 API calls.
      const a = await connectAs('203.0.113.1');
      const first = await call(a, 'list_providers'); // 3, 4, 5 of 6
      expect(first.isError, first.text).toBe(false);
      const second = await call(a, 'list_providers'); // message 6 passes, its first API call is the 7th
      expect(second.json.error?.code).toBe('rate_limited');
      expect(second.json.retryAfterSeconds).toBeGreaterThan(0);
      const b = await connectAs('203.0.113.2');
      const other = await call(b, 'list_providers');
      expect(other.isError, other.text).toBe(false);
    } finally {
      await limited.close();
    }
  });
});
