import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionError,
  Slotwise,
  ValidationError,
} from '../../../packages/sdk/src';
import { startTestApp, type TestApp } from '../support/test-app';

// The SDK from source against the real HTTP app and database: what integrators get, minus the bundling
// (server/test/sdk/example.test.ts covers the packed tarball).

let app: TestApp;
let owner: Slotwise;
let slug: string;
const email = `sdk-owner-${Date.now().toString(36)}@example.com`;
const password = 'correct horse battery';

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

async function rejection(p: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(p).then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
}

/** A date a few days ahead, as YYYY-MM-DD. */
function daysAhead(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

describe('auth', () => {
  it('signs up, logs in with a session token, and reports who is calling', async () => {
    const anon = new Slotwise({ baseUrl: app.baseUrl, anonymous: true });
    const session = await anon.auth.signup({
      body: {
        email,
        password,
        name: 'Sdk Owner',
        businessName: 'SDK Studio',
        timeZone: 'Europe/London',
      },
    });
    expect(session.role).toBe('owner');
    expect(session.tokens.tokenType).toBe('Bearer');
    slug = session.tenant.slug;

    const login = await anon.auth.login({ body: { email, password } });
    owner = new Slotwise({ baseUrl: app.baseUrl, accessToken: login.tokens.accessToken });
    const me = await owner.auth.me();
    expect(me.user?.email).toBe(email);
    expect(me.tenant.slug).toBe(slug);
    expect(me.apiKey).toBeNull();

    // A login of its own: presenting a spent refresh token ends that whole session.
    const other = await anon.auth.login({ body: { email, password } });
    const refreshed = await anon.auth.refresh({
      body: { refreshToken: other.tokens.refreshToken },
    });
    expect(refreshed.accessToken).toEqual(expect.any(String));
    // Refresh tokens rotate: the old one is spent, and reusing it ends the session.
    const reused = await rejection(
      anon.auth.refresh({ body: { refreshToken: other.tokens.refreshToken } }),
    );
    expect(reused).toBeInstanceOf(AuthenticationError);
    expect(reused).toMatchObject({ code: 'refresh_token_reused' });
    expect(await rejection(anon.auth.refresh({ body: { refreshToken: refreshed.refreshToken } }))).toMatchObject({ code: 'unauthenticated' });
  });

  it('maps bad credentials, a missing token and invalid input to typed errors', async () => {
    const anon = new Slotwise({ baseUrl: app.baseUrl, anonymous: true });
    const bad = await rejection(anon.auth.login({ body: { email, password: 'wrong password!' } }));
    expect(bad).toBeInstanceOf(AuthenticationError);
    expect(bad).toMatchObject({
      status: 401,
      code: 'invalid_credentials',
      requestId: expect.any(String),
    });

    expect(await rejection(anon.auth.me())).toMatchObject({
      name: 'AuthenticationError',
      code: 'unauthenticated',
    });

    const invalid = await rejection(
      anon.auth.signup({
        body: {
          email: 'not-an-email',
          password: 'short',
          name: 'X',
          businessName: 'Y',
          timeZone: 'Mars/Base',
        },
      }),
    );
    expect(invalid).toBeInstanceOf(ValidationError);
    const paths = (invalid as ValidationError).issues.map((i) => i.path).sort();
    expect(paths).toEqual(['body.email', 'body.password', 'body.timeZone']);
  });

  it('setAccessToken switches credentials; logout ends the session behind the token', async () => {
    const client = new Slotwise({ baseUrl: app.baseUrl, anonymous: true });
    const s = await client.auth.login({ body: { email, password } });
    client.setAccessToken(s.tokens.accessToken);
    expect((await client.auth.me()).role).toBe('owner');
    await expect(client.auth.logout()).resolves.toBeUndefined();
    expect(await rejection(client.auth.me())).toMatchObject({
      name: 'AuthenticationError',
      code: 'unauthenticated',
    });
    client.setAccessToken(null);
    expect(await rejection(client.auth.me())).toMatchObject({
      message: expect.stringMatching(/Authentication required/),
    });
  });
});

describe('tenant and members', () => {
  it('reads and updates the business through the top-level alias', async () => {
    expect(owner.tenant).toBe(owner.admin.tenant);
    const updated = await owner.tenant.update({
      body: { description: 'Cuts and colour', brandColor: '#112233' },
    });
    expect(updated).toMatchObject({ description: 'Cuts and colour', brandColor: '#112233' });
    expect((await owner.admin.tenant.get()).description).toBe('Cuts and colour');
  });

  it('adds, pages through, changes and removes members', async () => {
    const added = [];
    for (const n of [1, 2, 3]) {
      added.push(
        await owner.members.add({
          body: { email: `m${n}-${email}`, name: `Member ${n}`, role: 'staff', password },
        }),
      );
    }
    // limit 2 over 4 members: the iterator follows nextCursor across pages.
    const first = await owner.members.list({ query: { limit: 2 } });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const everyone: string[] = [];
    for await (const m of owner.members.list({ query: { limit: 2 } })) everyone.push(m.email);
    expect(everyone.sort()).toEqual([email, ...added.map((m) => m.email)].sort());
    let pages = 0;
    for await (const page of owner.members.list({ query: { limit: 2 } }).pages())
      pages += page.items.length > 0 ? 1 : 0;
    expect(pages).toBe(2);

    const promoted = await owner.members.update({
      params: { id: added[0]!.id },
      body: { role: 'admin' },
    });
    expect(promoted.role).toBe('admin');
    await expect(owner.members.remove({ params: { id: added[1]!.id } })).resolves.toBeUndefined();

    const missing = await rejection(
      owner.members.update({
        params: { id: '00000000-0000-4000-8000-000000000000' },
        body: { role: 'viewer' },
      }),
    );
    expect(missing).toBeInstanceOf(NotFoundError);
  });

  it('replays a POST sent again with the same Idempotency-Key; a new key is a new request', async () => {
    const body = { email: `idem-${email}`, name: 'Idem', role: 'viewer' as const, password };
    const key = `add-member-${Date.now()}`;
    const first = await owner.members.add({ body, idempotencyKey: key });
    const replay = await owner.members.add({ body, idempotencyKey: key });
    expect(replay).toEqual(first);
    const again = await rejection(owner.members.add({ body, idempotencyKey: `${key}-2` }));
    expect(again).toBeInstanceOf(ConflictError);
    const reused = await rejection(
      owner.members.add({ body: { ...body, name: 'Other' }, idempotencyKey: key }),
    );
    expect(reused).toMatchObject({
      name: 'InvalidRequestError',
      status: 422,
      code: 'idempotency_key_reused',
    });
  });
});

describe('API keys', () => {
  it('creates keys, calls with them within their scope, and revokes them', async () => {
    const created = await owner.apiKeys.create({
      body: { name: 'Integration', scopes: ['read', 'write'] },
    });
    expect(created.secret).toMatch(/^sk_test_/);
    const readOnly = await owner.apiKeys.create({ body: { name: 'Reporting', scopes: ['read'] } });

    const listed: string[] = [];
    for await (const k of owner.apiKeys.list()) listed.push(k.name);
    expect(listed).toEqual(expect.arrayContaining(['Integration', 'Reporting']));

    const integ = new Slotwise({ baseUrl: app.baseUrl, apiKey: created.secret });
    const me = await integ.auth.me();
    expect(me.apiKey?.name).toBe('Integration');
    expect(me.user).toBeNull();
    expect((await integ.members.list()).items.length).toBeGreaterThan(0);

    // Team and key management are session-only.
    const denied = await rejection(
      integ.members.add({ body: { email: `k-${email}`, name: 'K', role: 'staff' } }),
    );
    expect(denied).toBeInstanceOf(PermissionError);
    expect(denied).toMatchObject({ status: 403, code: 'forbidden' });

    const reader = new Slotwise({ baseUrl: app.baseUrl, apiKey: readOnly.secret });
    expect((await reader.tenant.get()).slug).toBe(slug);
    expect(await rejection(reader.tenant.update({ body: { description: 'nope' } }))).toMatchObject({
      name: 'PermissionError',
      code: 'insufficient_scope',
    });

    const revoked = await owner.apiKeys.revoke({ params: { id: created.apiKey.id } });
    expect(revoked.revokedAt).toEqual(expect.any(String));
    expect(await rejection(integ.members.list())).toBeInstanceOf(AuthenticationError);
  });
});

describe('public tenant', () => {
  it('reads a business by slug with no credentials, 404 for an unknown one', async () => {
    const anon = new Slotwise({ baseUrl: app.baseUrl, anonymous: true });
    const t = await anon.public.tenants.get({ params: { slug } });
    expect(t).toMatchObject({ slug, name: 'SDK Studio', timeZone: 'Europe/London' });
    expect(
      await rejection(anon.public.tenants.get({ params: { slug: 'no-such-business-here' } })),
    ).toBeInstanceOf(NotFoundError);
  });
});

describe('catalogue, availability and booking', () => {
  it('sets up a service with an API key, books a public slot, manages it, and lists it', async () => {
    const { secret } = await owner.apiKeys.create({
      body: { name: 'Catalogue', scopes: ['read', 'write'] },
    });
    const sdk = new Slotwise({ baseUrl: app.baseUrl, apiKey: secret });
    const anon = new Slotwise({ baseUrl: app.baseUrl, anonymous: true });

    const provider = await sdk.providers.create({ body: { name: 'Alex' } });
    const service = await sdk.services.create({
      body: { name: 'Haircut', durationMinutes: 30, priceCents: 2500, providerIds: [provider.id] },
    });
    await sdk.schedules.putHours({
      params: { id: provider.id },
      body: {
        intervals: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          weekday,
          startTime: '09:00',
          endTime: '17:00',
        })),
      },
    });

    const catalogue = await anon.public.services.list({ params: { slug } });
    expect(catalogue.items.map((s) => s.id)).toContain(service.id);

    const day = daysAhead(3);
    const availability = await anon.public.availability.get({
      params: { slug },
      query: { serviceId: service.id, from: day, to: day },
    });
    const slot = availability.days[0]!.slots[0]!;
    expect(slot.localTime).toBe('09:00');

    const booking = await anon.public.bookings.create({
      params: { slug },
      body: {
        serviceId: service.id,
        start: slot.start,
        customer: { name: 'Casey', email: 'casey@example.com' },
        timeZone: 'Europe/Paris',
      },
    });
    expect(booking).toMatchObject({
      status: 'confirmed',
      start: slot.start,
      service: { id: service.id },
    });

    const taken = await rejection(
      anon.public.bookings.create({
        params: { slug },
        body: {
          serviceId: service.id,
          start: slot.start,
          customer: { name: 'Dana', email: 'dana@example.com' },
          timeZone: 'Europe/Paris',
        },
      }),
    );
    expect(taken).toBeInstanceOf(ConflictError);
    expect(taken).toMatchObject({ code: 'slot_unavailable' });

    const managed = await anon.public.manage.get({ params: { token: booking.manageToken } });
    expect(managed.booking.id).toBe(booking.id);
    const ics = await anon.public.manage.calendar({ params: { token: booking.manageToken } });
    expect(ics).toContain('BEGIN:VCALENDAR');

    const listed = [];
    for await (const b of sdk.bookings.list({ query: { serviceId: service.id } })) listed.push(b);
    expect(listed.map((b) => b.id)).toEqual([booking.id]);
    expect(listed[0]!.allowedActions).toContain('cancel');

    const cancelled = await anon.public.manage.cancel({
      params: { token: booking.manageToken },
      body: { reason: 'Plans changed' },
    });
    expect(cancelled.booking.status).toBe('cancelled');
    expect((await sdk.bookings.get({ params: { id: booking.id } })).status).toBe('cancelled');
  });
});
