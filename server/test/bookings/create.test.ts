import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../support/test-app';
import {
  addIntakeField,
  assertNoOverlaps,
  at,
  book,
  bookingBody,
  catalogue,
  orphanCustomers,
  ownerQuery,
  signupOwner,
  startBookingApp,
  type Owner,
} from './fixtures';

// Hundreds of real HTTP requests and transactions per file: slower than unit tests on a busy machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

let app: TestApp;
let owner: Owner;

beforeAll(async () => {
  ({ app } = await startBookingApp());
  owner = await signupOwner(app);
});
afterAll(async () => app?.close());

const publicCreate = (slug: string, body: unknown, headers: Record<string, string> = {}) =>
  app.http
    .post(`/v1/public/tenants/${slug}/bookings`)
    .set(headers)
    .send(body as object);

describe('public booking', () => {
  it('books a free slot: 201 with the booking, a manage link, history and outbox events in one go', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, {
      bufferAfterMinutes: 15,
      priceCents: 4500,
    });
    const res = await publicCreate(owner.slug, {
      serviceId,
      providerId: providerIds[0],
      start: '2030-01-08T10:00:00+01:00',
      customer: { name: 'Ada Lovelace', email: 'Ada@Example.com', phone: '+44 (20) 7946-0958' },
      timeZone: 'Europe/Paris',
      notes: 'Window seat please',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const b = res.body;
    expect(b).toMatchObject({
      status: 'confirmed',
      service: { id: serviceId, name: 'Haircut', durationMinutes: 60 },
      provider: { id: providerIds[0], name: 'Provider 1' },
      customer: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+442079460958' },
      start: '2030-01-08T09:00:00.000Z',
      end: '2030-01-08T10:00:00.000Z',
      timeZone: 'Europe/Paris',
      seats: 1,
      priceCents: 4500,
      depositCents: 0,
      currency: 'USD',
      notes: 'Window seat please',
      cancelReason: null,
    });
    expect(b.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(b.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b.manageUrl).toBe(`https://book.example.com/manage/${b.manageToken}`);
    expect(b).not.toHaveProperty('staffNotes');

    const [row] = await ownerQuery<{
      manage_token_hash: string;
      occupied_end: Date;
      session_key: string;
    }>(app, 'SELECT manage_token_hash, occupied_end, session_key FROM bookings WHERE id = $1', [
      b.id,
    ]);
    expect(row!.manage_token_hash).not.toContain(b.manageToken);
    expect(row!.occupied_end.toISOString()).toBe('2030-01-08T10:15:00.000Z');
    expect(row!.session_key).toBe(b.id);

    const events = await ownerQuery<{ topic: string; payload: Record<string, unknown> }>(
      app,
      `SELECT topic, payload FROM outbox_events WHERE payload->>'bookingId' = $1 ORDER BY id`,
      [b.id],
    );
    expect(events.map((e) => e.topic)).toEqual(['booking.created', 'booking.confirmed']);
    expect(events[0]!.payload).toMatchObject({
      bookingId: b.id,
      code: b.code,
      status: 'confirmed',
      // Where the link points, never its secret (ADR 0008): the email sender derives the token.
      manageLinkBase: 'https://book.example.com',
      actor: { type: 'customer' },
    });
    expect(JSON.stringify(events)).not.toContain(b.manageToken);

    const detail = await app.http.get(`/v1/admin/bookings/${b.id}`).set(owner.auth);
    expect(detail.status).toBe(200);
    expect(detail.body.history).toEqual([
      expect.objectContaining({
        action: 'create',
        fromStatus: null,
        toStatus: 'confirmed',
        actor: { type: 'customer', id: b.customer.id },
        data: { source: 'public' },
      }),
    ]);
    expect(detail.body).toMatchObject({
      source: 'public',
      outsideAvailability: false,
      staffNotes: '',
      // Days ahead: check-in opens an hour before, complete and no-show from the start
      // (lifecycle-guards.test.ts).
      allowedActions: ['cancel', 'reschedule'],
    });
  });

  it('starts as pending when the service needs approval, with only booking.created in the outbox', async () => {
    const { serviceId } = await catalogue(app, owner, {
      requiresApproval: true,
      name: 'Consultation',
    });
    const b = await book(app, owner, serviceId, at(1, '11:00'));
    expect(b.status).toBe('pending');
    const topics = await ownerQuery<{ topic: string }>(
      app,
      `SELECT topic FROM outbox_events WHERE payload->>'bookingId' = $1`,
      [b.id],
    );
    expect(topics.map((t) => t.topic)).toEqual(['booking.created']);
  });

  it('re-validates the slot: outside working hours, off the grid, in the past or already taken → 409 slot_unavailable', async () => {
    const { serviceId } = await catalogue(app, owner);
    for (const start of [at(1, '07:00'), at(1, '10:30'), at(-1, '10:00'), at(1, '16:30')]) {
      const r = await publicCreate(owner.slug, bookingBody(serviceId, start));
      expect(r.status, start).toBe(409);
      expect(r.body.error.code).toBe('slot_unavailable');
    }
    await book(app, owner, serviceId, at(1, '12:00'));
    const again = await publicCreate(owner.slug, bookingBody(serviceId, at(1, '12:00')));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('slot_unavailable');
    expect(await orphanCustomers(app, owner.tenantId)).toBe(0);
  });

  it('dedups customers per tenant by email, then by phone', async () => {
    const { serviceId } = await catalogue(app, owner, { providers: 1 });
    const a = await book(app, owner, serviceId, at(2, '09:00'), {
      customer: { name: 'Grace', email: 'grace@example.com', phone: '555 0101 22' },
    });
    const b = await book(app, owner, serviceId, at(2, '10:00'), {
      customer: { name: 'Grace H.', email: 'GRACE@example.com' },
    });
    const c = await book(app, owner, serviceId, at(2, '11:00'), {
      customer: { name: 'G', phone: '+5550-10122' },
    });
    const [ga, gb, gc] = await Promise.all(
      [a, b, c].map((x) =>
        app.http
          .get(`/v1/admin/bookings/${x.id}`)
          .set(owner.auth)
          .then((r) => r.body.customer.id as string),
      ),
    );
    expect(new Set([ga, gb, gc]).size).toBe(1);
    const other = await signupOwner(app);
    const o = await catalogue(app, other);
    const d = await book(app, other, o.serviceId, at(2, '09:00'), {
      customer: { name: 'Grace', email: 'grace@example.com' },
    });
    const dd = await app.http.get(`/v1/admin/bookings/${d.id}`).set(other.auth);
    expect(dd.body.customer.id).not.toBe(ga);
  });

  it('validates the body and the intake answers against the service\u2019s fields (422 with field paths)', async () => {
    // Its own business: the tenant-wide field below would apply to every other test's services.
    const own = await signupOwner(app);
    const { serviceId } = await catalogue(app, own, { name: 'Massage' });
    await addIntakeField(app, own, {
      serviceId,
      key: 'pressure',
      label: 'Pressure',
      type: 'select',
      required: true,
      options: ['soft', 'firm'],
    });
    await addIntakeField(app, own, {
      serviceId,
      key: 'age',
      label: 'Age',
      type: 'number',
    });
    await addIntakeField(app, own, {
      serviceId: null,
      key: 'consent',
      label: 'I accept the terms',
      type: 'checkbox',
      required: true,
    });

    const fields = await app.http.get(
      `/v1/public/tenants/${own.slug}/services/${serviceId}/intake-fields`,
    );
    expect(fields.status).toBe(200);
    expect(fields.body.items.map((f: { key: string }) => f.key).sort()).toEqual([
      'age',
      'consent',
      'pressure',
    ]);

    const noContact = await publicCreate(own.slug, {
      ...bookingBody(serviceId, at(3, '10:00')),
      customer: { name: 'X' },
    });
    expect(noContact.status).toBe(422);
    expect(noContact.body.error.code).toBe('validation_failed');
    expect(noContact.body.error.details.issues).toEqual([
      expect.objectContaining({ path: 'body.customer.email' }),
    ]);

    const badZone = await publicCreate(own.slug, {
      ...bookingBody(serviceId, at(3, '10:00')),
      timeZone: 'Mars/Olympus',
    });
    expect(badZone.status).toBe(422);

    const bad = await publicCreate(
      own.slug,
      bookingBody(serviceId, at(3, '10:00'), {
        answers: { pressure: 'medium', age: 'old', extra: 'x' },
      }),
    );
    expect(bad.status).toBe(422);
    const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual([
      'body.answers.age',
      'body.answers.consent',
      'body.answers.extra',
      'body.answers.pressure',
    ]);

    const ok = await publicCreate(
      own.slug,
      bookingBody(serviceId, at(3, '10:00'), {
        answers: { pressure: 'firm', age: 41, consent: true },
      }),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const detail = await app.http.get(`/v1/admin/bookings/${ok.body.id}`).set(own.auth);
    expect(detail.body.answers).toEqual(
      expect.arrayContaining([
        { key: 'pressure', label: 'Pressure', value: 'firm' },
        { key: 'age', label: 'Age', value: 41 },
        { key: 'consent', label: 'I accept the terms', value: true },
      ]),
    );
    expect(await orphanCustomers(app, own.tenantId)).toBe(0);
  });

  it('404s an unknown business or service and a service of another business', async () => {
    const { serviceId } = await catalogue(app, owner);
    expect(
      (await publicCreate('no-such-business', bookingBody(serviceId, at(1, '10:00')))).status,
    ).toBe(404);
    const other = await signupOwner(app);
    const r = await publicCreate(other.slug, bookingBody(serviceId, at(1, '10:00')));
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });

  it('replays an Idempotency-Key: same body, one booking', async () => {
    const { serviceId } = await catalogue(app, owner);
    const body = bookingBody(serviceId, at(4, '10:00'));
    const first = await publicCreate(owner.slug, body, { 'Idempotency-Key': 'book-once-1' });
    const second = await publicCreate(owner.slug, body, { 'Idempotency-Key': 'book-once-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    const [n] = await ownerQuery<{ n: number }>(
      app,
      'SELECT count(*)::int AS n FROM bookings WHERE service_id = $1',
      [serviceId],
    );
    expect(n!.n).toBe(1);
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () =>
        publicCreate(
          owner.slug,
          bookingBody(serviceId, at(4, '12:00'), {
            customer: { name: 'Same', email: 'same@example.com' },
          }),
          { 'Idempotency-Key': 'book-once-2' },
        ),
      ),
    );
    const created = concurrent.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const r of concurrent) expect([201, 409]).toContain(r.status);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
  });
});

describe('any provider', () => {
  it('picks the free provider with the fewest bookings that day, then by provider order', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { providers: 3 });
    const first = await book(app, owner, serviceId, at(5, '09:00'), { providerId: 'any' });
    expect(first.provider.id).toBe(providerIds[0]);
    const second = await book(app, owner, serviceId, at(5, '10:00'), { providerId: null });
    expect(second.provider.id).toBe(providerIds[1]);
    const third = await book(app, owner, serviceId, at(5, '10:00'));
    expect(third.provider.id).toBe(providerIds[2]);
    const fourth = await book(app, owner, serviceId, at(5, '10:00'));
    expect(fourth.provider.id).toBe(providerIds[0]);
    const full = await publicCreate(owner.slug, bookingBody(serviceId, at(5, '10:00')));
    expect(full.status).toBe(409);
    await assertNoOverlaps(app);
  });
});

describe('admin booking', () => {
  it('books for a customer, with staff notes and the staff member as actor', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner);
    const r = await app.http
      .post('/v1/admin/bookings')
      .set(owner.auth)
      .send({
        ...bookingBody(serviceId, at(6, '10:00'), {
          providerId: providerIds[0],
          staffNotes: 'VIP',
        }),
        timeZone: undefined,
      });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      source: 'admin',
      staffNotes: 'VIP',
      outsideAvailability: false,
      timeZone: 'Europe/London',
    });
    expect(r.body.manageUrl).toContain('/manage/');
    const d = await app.http.get(`/v1/admin/bookings/${r.body.id}`).set(owner.auth);
    expect(d.body.history[0]).toMatchObject({
      action: 'create',
      actor: { type: 'user', id: owner.userId },
      data: { source: 'admin' },
    });
  });

  it('overrideAvailability books outside working hours but never over another booking', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { bufferAfterMinutes: 30 });
    const closed = bookingBody(serviceId, at(6, '20:00'), { providerId: providerIds[0] });
    const refused = await app.http.post('/v1/admin/bookings').set(owner.auth).send(closed);
    expect(refused.status).toBe(409);

    const forced = await app.http
      .post('/v1/admin/bookings')
      .set(owner.auth)
      .send({ ...closed, overrideAvailability: true });
    expect(forced.status, JSON.stringify(forced.body)).toBe(201);
    expect(forced.body.outsideAvailability).toBe(true);
    const d = await app.http.get(`/v1/admin/bookings/${forced.body.id}`).set(owner.auth);
    expect(d.body.history[0]).toMatchObject({
      actor: { type: 'user', id: owner.userId },
      data: { overrideAvailability: true, outsideAvailability: true },
    });

    // 20:00–21:00 plus a 30-minute buffer: 21:00 overlaps it; the override does not help.
    const over = await app.http
      .post('/v1/admin/bookings')
      .set(owner.auth)
      .send({
        ...bookingBody(serviceId, at(6, '20:30'), { providerId: providerIds[0] }),
        overrideAvailability: true,
      });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('slot_unavailable');
    await assertNoOverlaps(app);
  });

  it('needs staff or higher and the write scope', async () => {
    const { serviceId } = await catalogue(app, owner);
    const key = await app.http
      .post('/v1/admin/api-keys')
      .set(owner.auth)
      .send({ name: 'ro', mode: 'test', scopes: ['read'] });
    expect(key.status).toBe(201);
    const r = await app.http
      .post('/v1/admin/bookings')
      .set({ Authorization: `Bearer ${key.body.secret}` })
      .send(bookingBody(serviceId, at(6, '11:00')));
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('insufficient_scope');
    const list = await app.http
      .get('/v1/admin/bookings')
      .set({ Authorization: `Bearer ${key.body.secret}` });
    expect(list.status).toBe(200);
  });
});
