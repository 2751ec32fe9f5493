import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { TestApp } from '@slotwise/server/test-support';
import { Slotwise } from '@slotwise/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  connectInMemory,
  fixedClock,
  NOW,
  seedBusiness,
  startServer,
  type Business,
} from './support';
import { guideTranscript, Transcript, writeGuideTranscript } from './transcript';

// The tools end to end over the in-memory transport: a real MCP client, the real MCP server, the
// SDK, and a real API server on a fresh database whose clock stands still at NOW.

const clock = fixedClock(NOW);
let app: TestApp;
let biz: Business;
let assistant: Client;

beforeAll(async () => {
  app = await startServer({}, clock);
  biz = await seedBusiness(app);
  assistant = await connectInMemory(app, {
    apiKey: biz.writeKey,
    mode: { kind: 'api' },
    now: clock.now,
  });
});
afterAll(async () => {
  await assistant?.close();
  await app?.close();
});

const NY = 'America/New_York';
const customer = { name: 'Dana Diaz', email: 'dana@example.com' };

describe('tools', () => {
  it('lists the task-level tools, each with an input schema', async () => {
    const { tools } = await assistant.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'book_appointment',
      'cancel_booking',
      'get_booking',
      'list_customer_bookings',
      'list_providers',
      'list_services',
      'reschedule_booking',
      'search_availability',
      'todays_schedule',
    ]);
    for (const t of tools) expect(t.inputSchema.type).toBe('object');
    const book = tools.find((t) => t.name === 'book_appointment')!;
    expect(book.inputSchema.required).toEqual(
      expect.arrayContaining(['serviceId', 'start', 'customer']),
    );
  });

  it('finds a slot, books it, shows it, moves it and cancels it (the guide’s transcript)', async () => {
    const t = new Transcript();
    const step = async (name: string, args: Record<string, unknown>) => {
      const r = await call(assistant, name, args);
      t.tool(name, args, r.text, r.isError);
      return r;
    };

    t.say('Customer', 'Hi! Can I get a haircut on Tuesday morning, around 10? I’m in New York.');
    const services = await step('list_services', {});
    expect(services.isError).toBe(false);
    expect(services.json.services[0]).toMatchObject({
      id: biz.serviceId,
      name: 'Haircut',
      price: '40.00 GBP',
    });
    expect(services.json.services[0].intakeQuestions[0]).toMatchObject({
      key: 'hair_length',
      required: true,
    });

    const found = await step('search_availability', {
      serviceId: biz.serviceId,
      from: '2030-01-08',
      to: '2030-01-10',
      timeZone: NY,
      preferredTime: '10:00',
      limit: 3,
    });
    expect(found.isError).toBe(false);
    expect(found.json.timeZone).toBe(NY);
    const options = found.json.options as {
      start: string;
      when: string;
      localTime: string;
      providers: { id: string; name: string }[];
    }[];
    expect(options.map((o) => o.when)).toEqual([
      'Tuesday 2030-01-08 10:00 (America/New_York)',
      'Wednesday 2030-01-09 10:00 (America/New_York)',
      'Thursday 2030-01-10 10:00 (America/New_York)',
    ]);
    expect(options[0]!.start).toBe('2030-01-08T15:00:00.000Z');
    expect(options[0]!.providers.map((p) => p.name).sort()).toEqual(['Alex', 'Sam']);

    t.say(
      'Assistant',
      'Tuesday 8 January at 10:00 your time is free with Sam or Alex. What is your hair length: short, medium or long?',
    );
    t.say('Customer', 'Short. With Sam, please: Dana Diaz, dana@example.com.');
    const sam = options[0]!.providers.find((p) => p.name === 'Sam')!.id;
    const booked = await step('book_appointment', {
      serviceId: biz.serviceId,
      start: options[0]!.start,
      providerId: sam,
      customer,
      timeZone: NY,
      answers: { hair_length: 'short' },
    });
    expect(booked.isError, booked.text).toBe(false);
    const code = booked.json.booking.code as string;
    t.code(code);
    expect(booked.json.booking).toMatchObject({
      status: 'confirmed',
      when: 'Tuesday 2030-01-08 10:00–11:00 (America/New_York)',
      timeZone: NY,
      customer: { name: 'Dana Diaz', email: 'dana@example.com' },
      provider: { id: sam, name: 'Sam' },
    });

    // What the admin app shows: the booking in the business's list, with the intake answer.
    const admin = await biz.owner.bookings.list({ query: { code } });
    expect(admin.items).toHaveLength(1);
    const detail = await biz.owner.bookings.get({ params: { id: admin.items[0]!.id } });
    expect(detail.answers).toEqual([{ key: 'hair_length', label: 'Hair length', value: 'short' }]);
    expect(detail.start).toBe('2030-01-08T15:00:00.000Z');

    const got = await step('get_booking', { code });
    expect(got.json.booking.code).toBe(code);
    expect(got.json.answers).toEqual([
      { key: 'hair_length', label: 'Hair length', value: 'short' },
    ]);

    const upcoming = await call(assistant, 'list_customer_bookings', { email: 'DANA@example.com' });
    expect(upcoming.json.upcoming.map((b: { code: string }) => b.code)).toEqual([code]);

    const today = await call(assistant, 'todays_schedule', { date: '2030-01-08' });
    expect(today.json.bookings).toEqual([
      expect.objectContaining({
        code,
        when: 'Tuesday 2030-01-08 15:00–16:00 (Europe/London)',
        service: 'Haircut',
      }),
    ]);

    t.say('Customer', 'Actually, can we make it Wednesday at the same time?');
    const moved = await step('reschedule_booking', { code, start: options[1]!.start });
    expect(moved.isError, moved.text).toBe(false);
    expect(moved.json.booking).toMatchObject({
      code,
      when: 'Wednesday 2030-01-09 10:00–11:00 (America/New_York)',
    });

    t.say('Customer', 'Sorry, something came up. What would it cost to cancel?');
    const preview = await step('cancel_booking', { code });
    expect(preview.json).toMatchObject({ confirmed: false, cancellable: true, fee: '0.00 GBP' });
    expect(preview.json.note).toMatch(/no fee applies/);
    expect((await biz.owner.bookings.get({ params: { id: detail.id } })).status).toBe('confirmed');

    t.say('Customer', 'OK, please cancel it.');
    const cancelled = await step('cancel_booking', {
      code,
      reason: 'Something came up',
      confirm: true,
    });
    expect(cancelled.json).toMatchObject({
      cancelled: true,
      booking: { status: 'cancelled', code },
    });
    expect((await biz.owner.bookings.get({ params: { id: detail.id } })).status).toBe('cancelled');

    const md = t.markdown();
    if (process.env.UPDATE_TRANSCRIPT) writeGuideTranscript(md);
    expect(
      guideTranscript(),
      'docs/guides/ai-tools.md is out of date: run UPDATE_TRANSCRIPT=1 npm test -w @slotwise/mcp',
    ).toBe(md);
  });

  it('answers today’s schedule in the business’s zone by default', async () => {
    const r = await call(assistant, 'todays_schedule', {});
    expect(r.isError, r.text).toBe(false);
    expect(r.json).toMatchObject({ date: '2030-01-07', timeZone: 'Europe/London' });
  });
});

describe('invalid arguments', () => {
  it('rejects malformed input before calling the API', async () => {
    const bad = [
      ['search_availability', { serviceId: 'nope', from: '2030-01-08' }],
      ['search_availability', { serviceId: biz.serviceId, from: '2030-13-40' }],
      [
        'search_availability',
        { serviceId: biz.serviceId, from: '2030-01-08', timeZone: 'Mars/Olympus' },
      ],
      ['book_appointment', { serviceId: biz.serviceId, start: 'tomorrow', customer }],
      [
        'book_appointment',
        {
          serviceId: biz.serviceId,
          start: '2030-01-08T15:00:00Z',
          customer: { name: 'No Contact' },
        },
      ],
      ['get_booking', {}],
      ['cancel_booking', { code: 'X'.repeat(40) }],
    ] as const;
    for (const [name, args] of bad) {
      const r = await call(assistant, name, args);
      expect(r.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
      expect(r.text).toMatch(/Invalid arguments/);
    }
    expect(
      (await biz.owner.bookings.list()).items.filter((b) => b.customer.name === 'No Contact'),
    ).toEqual([]);
  });

  it('relays the API’s own validation message (a required intake answer is missing)', async () => {
    const r = await call(assistant, 'book_appointment', {
      serviceId: biz.serviceId,
      start: '2030-01-11T15:00:00.000Z',
      customer,
    });
    expect(r.isError).toBe(true);
    expect(r.json.error.code).toBe('validation_failed');
    expect(r.json.error.message).toBeTruthy();
  });

  it('says plainly when a booking code is unknown or an availability window is too long', async () => {
    const r = await call(assistant, 'get_booking', { code: 'ZZZZZZZZ' });
    expect(r).toMatchObject({ isError: true, json: { error: { code: 'not_found' } } });
    const long = await call(assistant, 'search_availability', {
      serviceId: biz.serviceId,
      from: '2030-01-08',
      to: '2030-06-01',
    });
    expect(long).toMatchObject({ isError: true, json: { error: { code: 'validation_failed' } } });
  });
});

describe('scopes and roles', () => {
  it('a read-only key can search but not book, move or cancel', async () => {
    const reader = await connectInMemory(app, {
      apiKey: biz.readKey,
      mode: { kind: 'api' },
      now: clock.now,
      name: 'reader',
    });
    const before = (await biz.owner.bookings.list()).items.length;
    const search = await call(reader, 'search_availability', {
      serviceId: biz.serviceId,
      from: '2030-01-14',
      to: '2030-01-14',
    });
    expect(search.isError).toBe(false);
    const start = search.json.options[0].start;
    const r = await call(reader, 'book_appointment', {
      serviceId: biz.serviceId,
      start,
      customer,
      answers: { hair_length: 'long' },
    });
    expect(r).toMatchObject({
      isError: true,
      json: {
        error: { code: 'insufficient_scope', message: 'This API key lacks the "write" scope' },
      },
    });
    expect((await biz.owner.bookings.list()).items.length).toBe(before);

    const { code } = await biz.owner.bookings.create({
      body: { serviceId: biz.serviceId, start, customer, answers: { hair_length: 'long' } },
    });
    expect((await call(reader, 'get_booking', { code })).isError).toBe(false);
    const move = await call(reader, 'reschedule_booking', {
      code,
      start: search.json.options[1].start,
    });
    expect(move.json.error?.code).toBe('insufficient_scope');
    const cancel = await call(reader, 'cancel_booking', { code, confirm: true });
    expect(cancel.json.error?.code).toBe('insufficient_scope');
    expect((await biz.owner.bookings.list({ query: { code } })).items[0]!.status).toBe('confirmed');
    await reader.close();
  });

  it('today’s schedule is for staff and above: a viewer is refused', async () => {
    await biz.owner.members.add({
      body: {
        email: 'vic@harbour.example',
        name: 'Vic Viewer',
        role: 'viewer',
        password: 'correct horse battery',
      },
    });
    const anon = new Slotwise({ baseUrl: app.baseUrl, anonymous: true, maxRetries: 0 });
    const session = await anon.auth.login({
      body: {
        email: 'vic@harbour.example',
        password: 'correct horse battery',
        tenantSlug: biz.slug,
      },
    });
    const viewer = await connectInMemory(app, {
      accessToken: session.tokens.accessToken,
      mode: { kind: 'api' },
      now: clock.now,
      name: 'viewer',
    });
    const r = await call(viewer, 'todays_schedule', {});
    expect(r).toMatchObject({ isError: true, json: { error: { code: 'forbidden' } } });
    const book = await call(viewer, 'book_appointment', {
      serviceId: biz.serviceId,
      start: '2030-01-15T10:00:00.000Z',
      customer,
      answers: { hair_length: 'long' },
    });
    expect(book.json.error?.code).toBe('forbidden');
    await viewer.close();
  });

  it('public mode offers only what the public booking page can do', async () => {
    const pub = await connectInMemory(app, {
      mode: { kind: 'public', slug: biz.slug },
      now: clock.now,
      name: 'public',
    });
    const names = (await pub.listTools()).tools.map((t) => t.name);
    expect(names).not.toContain('todays_schedule');
    expect(names).not.toContain('list_customer_bookings');
    expect(names).toContain('book_appointment');
    await pub.close();
  });
});

describe('idempotency', () => {
  it('a retried tools/call (same session, same request id) returns the first booking instead of booking twice', async () => {
    const { createSlotwiseMcpServer } = await import('@slotwise/mcp');
    const { InMemoryTransport } = await import('@modelcontextprotocol/sdk/inMemory.js');
    const server = createSlotwiseMcpServer({
      sdk: new Slotwise({ baseUrl: app.baseUrl, apiKey: biz.writeKey, maxRetries: 0 }),
      mode: { kind: 'api' },
      sessionScope: 'test:retry',
    });
    const [client, serverSide] = InMemoryTransport.createLinkedPair();
    const answers = new Map<string | number, unknown>();
    client.onmessage = (m) => {
      if ('id' in m && m.id !== undefined) answers.set(m.id, m);
    };
    await server.connect(serverSide);
    await client.start();
    const until = async (id: string | number) => {
      await expect.poll(() => answers.has(id), { timeout: 20_000 }).toBe(true);
      const a = answers.get(id);
      answers.delete(id);
      return a as { result: { structuredContent: { booking: { code: string } } } };
    };
    await client.send({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      },
    });
    await until(0);
    await client.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    const callTool = {
      jsonrpc: '2.0' as const,
      id: 'call-7',
      method: 'tools/call',
      params: {
        name: 'book_appointment',
        arguments: {
          serviceId: biz.serviceId,
          start: '2030-01-16T12:00:00.000Z',
          customer: { name: 'Remy Retry', email: 'remy@example.com' },
          answers: { hair_length: 'short' },
        },
      },
    };
    await client.send(callTool);
    const first = await until('call-7');
    await client.send(callTool); // the client lost the answer and sends the same request again
    const second = await until('call-7');
    expect(second.result.structuredContent.booking.code).toBe(
      first.result.structuredContent.booking.code,
    );
    const remy = (
      await biz.owner.bookings.list({ query: { from: '2030-01-16', to: '2030-01-16' } })
    ).items.filter((b) => b.customer.name === 'Remy Retry');
    expect(remy).toHaveLength(1);
    await server.close();
  });
});
