import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../support/test-app';
import { createProvider, createService, everyDay, putHours } from '../http/catalogue-fixtures';
import { at, bookingBody, catalogue, ownerQuery, signupOwner, startBookingApp } from './fixtures';

// Public bookings keep the business they resolved by slug (app/bookings/public-tenants.ts); what
// the booking decides must still come from the business as its own read sees it.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let app: TestApp;
beforeAll(async () => {
  ({ app } = await startBookingApp());
});
afterAll(async () => app?.close());

const publicCreate = (slug: string, body: object) =>
  app.http.post(`/v1/public/tenants/${slug}/bookings`).send(body);

/** `from`'s slug now names `to` (not something the API offers: the worst case for the cache). */
async function moveSlug(from: { tenantId: string; slug: string }, to: { tenantId: string }) {
  await ownerQuery(app, `UPDATE tenants SET slug = slug || '-old' WHERE id = $1`, [from.tenantId]);
  await ownerQuery(app, 'UPDATE tenants SET slug = $2 WHERE id = $1', [to.tenantId, from.slug]);
}

describe('a public booking after its business was looked up once', () => {
  it('takes the confirmation mode and the language the business has now', async () => {
    const owner = await signupOwner(app);
    const { serviceId } = await catalogue(app, owner);
    const first = await publicCreate(owner.slug, bookingBody(serviceId, at(1, '10:00')));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.status).toBe('confirmed');

    const patched = await app.http
      .patch('/v1/admin/tenant')
      .set(owner.auth)
      .send({ locale: 'fr', settings: { bookingConfirmationMode: 'manual' } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);

    const second = await publicCreate(owner.slug, bookingBody(serviceId, at(1, '12:00')));
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.status).toBe('pending');
    const rows = await ownerQuery<{ id: string; language: string }>(
      app,
      'SELECT id, language FROM bookings WHERE service_id = $1 ORDER BY start_at',
      [serviceId],
    );
    expect(rows.map((r) => r.language)).toEqual(['en', 'fr']);
  });

  it('books with the business the slug names now, never with the one it named before', async () => {
    const a = await signupOwner(app);
    const b = await signupOwner(app);
    const ofA = await catalogue(app, a);
    const ofB = await catalogue(app, b);
    expect((await publicCreate(a.slug, bookingBody(ofA.serviceId, at(2, '10:00')))).status).toBe(
      201,
    );

    await moveSlug(a, b);

    // A's service under that slug is another business's: 404, and A gets nothing.
    const wrong = await publicCreate(a.slug, bookingBody(ofA.serviceId, at(2, '12:00')));
    expect(wrong.status, JSON.stringify(wrong.body)).toBe(404);
    const right = await publicCreate(a.slug, bookingBody(ofB.serviceId, at(2, '12:00')));
    expect(right.status, JSON.stringify(right.body)).toBe(201);
    const counts = await ownerQuery<{ tenant_id: string; n: number }>(
      app,
      'SELECT tenant_id, count(*)::int AS n FROM bookings WHERE tenant_id = ANY($1) GROUP BY tenant_id',
      [[a.tenantId, b.tenantId]],
    );
    expect(Object.fromEntries(counts.map((c) => [c.tenant_id, c.n]))).toEqual({
      [a.tenantId]: 1,
      [b.tenantId]: 1,
    });
  });

  it('checks the slug before the location, so a location of the business the slug names now is found', async () => {
    const a = await signupOwner(app);
    const b = await signupOwner(app);
    const ofA = await catalogue(app, a);
    expect((await publicCreate(a.slug, bookingBody(ofA.serviceId, at(3, '10:00')))).status).toBe(
      201,
    );

    const location = await app.http
      .post('/v1/admin/locations')
      .set(b.auth)
      .send({
        name: 'Quay',
        address: {
          line1: '9 Quay',
          line2: '',
          city: 'Bath',
          region: '',
          postalCode: 'BA1 1AA',
          country: 'GB',
        },
      });
    expect(location.status, JSON.stringify(location.body)).toBe(201);
    const provider = await createProvider(app, b, { locationId: location.body.id });
    await putHours(app, b, provider.id, everyDay('00:00', '23:59'));
    const service = await createService(app, b, { providerIds: [provider.id] });

    await moveSlug(a, b);
    const booked = await publicCreate(
      a.slug,
      bookingBody(service.id, at(3, '12:00'), { locationId: location.body.id }),
    );
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.location).toMatchObject({ id: location.body.id, name: 'Quay' });
  });
});
