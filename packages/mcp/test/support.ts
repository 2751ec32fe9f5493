import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createSlotwiseMcpServer, type McpMode } from '@slotwise/mcp';
import { Slotwise } from '@slotwise/sdk';
import { startTestApp, type TestApp } from '@slotwise/server/test-support';

/** Monday 2030-01-07 08:00 UTC: the server's "now" in the deterministic tests. */
export const NOW = '2030-01-07T08:00:00.000Z';

export function fixedClock(iso: string) {
  const at = Date.parse(iso);
  return { now: () => new Date(at) };
}

export interface Business {
  slug: string;
  owner: Slotwise;
  serviceId: string;
  providerIds: string[];
  /** read + write */
  writeKey: string;
  readKey: string;
}

/** A real server on a fresh database; `clock` fixes its "now". */
export async function startServer(
  env: Record<string, string> = {},
  clock?: { now(): Date },
): Promise<TestApp> {
  return startTestApp({ PUBLIC_URL: 'https://book.example.com', ...env }, clock ? { clock } : {});
}

/**
 * A business set up through the API like its owner would: two stylists working every day
 * 09:00–17:00 Europe/London, a 60-minute haircut with an intake question, and two API keys.
 */
export async function seedBusiness(app: TestApp, slug = 'harbour-cuts'): Promise<Business> {
  const anon = new Slotwise({ baseUrl: app.baseUrl, anonymous: true, maxRetries: 0 });
  const session = await anon.auth.signup({
    body: {
      email: `owner@${slug}.example`,
      password: 'correct horse battery',
      name: 'Olive Owner',
      businessName: 'Harbour Cuts',
      slug,
      timeZone: 'Europe/London',
      currency: 'GBP',
    },
  });
  const owner = new Slotwise({
    baseUrl: app.baseUrl,
    accessToken: session.tokens.accessToken,
    maxRetries: 0,
  });
  await owner.tenant.update({
    body: {
      settings: {
        cancellationPolicy: { freeCancellationHours: 24, lateCancellationFeePercent: 50 },
      },
    },
  });
  const providerIds: string[] = [];
  for (const [sortOrder, name] of ['Sam', 'Alex'].entries()) {
    const p = await owner.providers.create({
      body: { name, timeZone: 'Europe/London', sortOrder },
    });
    await owner.schedules.putHours({
      params: { id: p.id },
      body: {
        intervals: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          weekday,
          startTime: '09:00',
          endTime: '17:00',
        })),
      },
    });
    providerIds.push(p.id);
  }
  const service = await owner.services.create({
    body: { name: 'Haircut', durationMinutes: 60, priceCents: 4000, currency: 'GBP', providerIds },
  });
  await owner.intakeFields.create({
    body: {
      serviceId: service.id,
      key: 'hair_length',
      label: 'Hair length',
      type: 'select',
      required: true,
      options: ['short', 'medium', 'long'],
    },
  });
  const write = await owner.apiKeys.create({
    body: { name: 'assistant', scopes: ['read', 'write'] },
  });
  const read = await owner.apiKeys.create({ body: { name: 'read only', scopes: ['read'] } });
  return {
    slug,
    owner,
    serviceId: service.id,
    providerIds,
    writeKey: write.secret,
    readKey: read.secret,
  };
}

/** An MCP client linked in memory to a Slotwise MCP server that calls the real API. */
export async function connectInMemory(
  app: TestApp,
  opts: { apiKey?: string; accessToken?: string; mode: McpMode; now?: () => Date; name?: string },
): Promise<Client> {
  const server = createSlotwiseMcpServer({
    sdk: new Slotwise({
      baseUrl: app.baseUrl,
      maxRetries: 0,
      anonymous: true,
      ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
      ...(opts.accessToken ? { accessToken: opts.accessToken } : {}),
    }),
    mode: opts.mode,
    sessionScope: `test:${opts.name ?? 'client'}:${Math.random()}`,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: opts.name ?? 'test-assistant', version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}

/** Calls a tool and returns its result with the parsed JSON body. */
export async function call(client: Client, name: string, args: Record<string, unknown> = {}) {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = r.content.find((c) => c.type === 'text');
  // Tool answers are JSON the tests read freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let json: Record<string, any> = {};
  try {
    json = JSON.parse(text && 'text' in text ? text.text : '{}');
  } catch {
    json = { text: text && 'text' in text ? text.text : '' };
  }
  return {
    isError: r.isError === true,
    json,
    text: text && 'text' in text ? text.text : '',
    raw: r,
  };
}
