import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Slotwise } from '@slotwise/sdk';
import { startTestApp, type TestApp } from '@slotwise/server/test-support';

export type { TestApp };

/** The real API + static apps (client/dist) on a fresh database, listening on a random port. */
export function startApp(env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp(env);
}

export const sdkFor = (app: TestApp, accessToken?: string) =>
  new Slotwise({
    baseUrl: app.baseUrl,
    ...(accessToken ? { accessToken } : { anonymous: true }),
    maxRetries: 0,
  });

let seq = 0;
/** A business set up through the API: owner, one service, one provider with the given weekly hours. */
export async function seedBusiness(
  app: TestApp,
  opts: {
    timeZone?: string;
    service?: {
      name: string;
      durationMinutes: number;
      priceCents?: number;
      maxAdvanceDays?: number;
    };
    hours?: { weekday: number; startTime: string; endTime: string }[];
  } = {},
) {
  seq += 1;
  const tag = `${Date.now().toString(36)}${seq}`;
  const pub = sdkFor(app);
  const session = await pub.auth.signup({
    body: {
      email: `seed-${tag}@example.com`,
      password: 'correct horse battery',
      name: 'Sam Seed',
      businessName: `Seeded ${tag}`,
      timeZone: opts.timeZone ?? 'America/New_York',
      currency: 'USD',
    },
  });
  const sdk = sdkFor(app, session.tokens.accessToken);
  const service = await sdk.services.create({
    body: {
      name: opts.service?.name ?? 'Consultation',
      durationMinutes: opts.service?.durationMinutes ?? 60,
      priceCents: opts.service?.priceCents ?? 5000,
      maxAdvanceDays: opts.service?.maxAdvanceDays ?? 365,
    },
  });
  const provider = await sdk.providers.create({
    body: { name: 'Pat Provider', serviceIds: [service.id] },
  });
  const hours =
    opts.hours ??
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '09:00', endTime: '17:00' }));
  await sdk.schedules.putHours({ params: { id: provider.id }, body: { intervals: hours } });
  return { sdk, session, slug: session.tenant.slug, service, provider };
}

/** A plain page on another origin (another localhost port), e.g. a customer's site embedding the widget. */
export async function startHostSite(
  html: (origin: string) => string,
): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html(origin));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((r) => server.close(() => r())) };
}
