import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifySlotFreed } from '../../src/app/waitlist/notify-slot-freed';
import { tenantData } from '../customers/fixtures';
import { addMember, expectError, ownerQuery } from '../foundation/helpers';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

type Owner = Awaited<ReturnType<typeof signupOwner>>;

async function setup(owner: Owner) {
  const d = tenantData(app, owner.tenantId);
  const service = await d.service({ name: 'Massage' });
  const other = await d.service({ name: 'Facial' });
  const provider = await d.provider({ name: 'Noor', serviceIds: [service.id, other.id] });
  const second = await d.provider({ name: 'Sam', serviceIds: [service.id] });
  const outsider = await d.provider({ name: 'Kim', serviceIds: [other.id] });
  return { d, service, other, provider, second, outsider };
}

const join = (slug: string, body: Record<string, unknown>) =>
  app.http.post(`/v1/public/tenants/${slug}/waitlist`).send(body);

/** The distinct field paths of a 422 (one field may break several rules). */
function issuePaths(res: {
  status: number;
  body: { error: { code: string; details?: { issues?: { path: string }[] } } };
}) {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error.code).toBe('validation_failed');
  return [...new Set((res.body.error.details?.issues ?? []).map((i) => i.path))];
}

describe('joining the waitlist (public)', () => {
  it('creates an entry and de-duplicates the customer by email or phone', async () => {
    const owner = await signupOwner(app);
    const { service, other, provider } = await setup(owner);
    const first = await join(owner.slug, {
      serviceId: service.id,
      fromDate: '2099-05-01',
      toDate: '2099-05-10',
      customer: { name: 'Ada', email: 'Ada@Example.com', phone: '+44 20 7946 0958' },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      serviceId: service.id,
      providerId: null,
      fromDate: '2099-05-01',
      toDate: '2099-05-10',
      status: 'waiting',
    });

    const byPhone = await join(owner.slug, {
      serviceId: other.id,
      providerId: provider.id,
      fromDate: '2099-06-01',
      toDate: '2099-06-01',
      customer: { name: 'A. L.', phone: '+44-20-7946-0958' },
    });
    expect(byPhone.status, JSON.stringify(byPhone.body)).toBe(201);
    expect(byPhone.body.providerId).toBe(provider.id);

    // the same request again is the same entry
    const again = await join(owner.slug, {
      serviceId: service.id,
      fromDate: '2099-05-01',
      toDate: '2099-05-10',
      customer: { name: 'Ada', email: 'ada@example.com' },
    });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);

    const customers = await ownerQuery(
      app,
      'SELECT name, email, phone FROM customers WHERE tenant_id = $1',
      [owner.tenantId],
    );
    expect(customers).toEqual([{ name: 'Ada', email: 'ada@example.com', phone: '+442079460958' }]);
    const entries = await ownerQuery(
      app,
      'SELECT count(*)::int AS n FROM waitlist_entries WHERE tenant_id = $1',
      [owner.tenantId],
    );
    expect(entries[0]?.n).toBe(2);
  });

  it('validates the request: 422 with field paths, 404 for what does not exist', async () => {
    const owner = await signupOwner(app);
    const { service, outsider, d } = await setup(owner);
    const base = {
      serviceId: service.id,
      fromDate: '2099-05-01',
      toDate: '2099-05-10',
      customer: { name: 'Ada', email: 'ada@example.com' },
    };

    const tooLong = await join(owner.slug, { ...base, toDate: '2099-07-31' });
    expectError(tooLong, 422, 'validation_failed');
    expect(issuePaths(tooLong)).toEqual(['body.toDate']);
    expect(
      (await join(owner.slug, { ...base, fromDate: '2099-05-01', toDate: '2099-07-30' })).status,
    ).toBe(201); // exactly 90 days
    expect(issuePaths(await join(owner.slug, { ...base, toDate: '2099-04-30' }))).toEqual([
      'body.toDate',
    ]);
    expect(issuePaths(await join(owner.slug, { ...base, customer: { name: 'Ada' } }))).toEqual([
      'body.customer.email',
    ]);
    expect(
      issuePaths(await join(owner.slug, { ...base, customer: { name: 'Ada', phone: 'abc' } })),
    ).toEqual(['body.customer.phone']);
    expect(issuePaths(await join(owner.slug, { ...base, fromDate: '2099-02-30' }))).toContain(
      'body.fromDate',
    );
    expect(
      issuePaths(await join(owner.slug, { ...base, fromDate: '2001-01-01', toDate: '2001-01-02' })),
    ).toEqual(['body.fromDate']);
    expect(issuePaths(await join(owner.slug, { ...base, providerId: outsider.id }))).toEqual([
      'body.providerId',
    ]);
    expect(issuePaths(await join(owner.slug, { ...base, extra: 1 }))).toHaveLength(1);

    expectError(
      await join(owner.slug, { ...base, serviceId: '00000000-0000-4000-8000-000000000000' }),
      404,
      'not_found',
    );
    expectError(await join('no-such-business', base), 404, 'not_found');
    const stopped = await d.service({ name: 'Retired' });
    await d.run((tx) => tx.service.update({ where: { id: stopped.id }, data: { active: false } }));
    expectError(await join(owner.slug, { ...base, serviceId: stopped.id }), 404, 'not_found');

    // another business's service is not found here
    const b = await signupOwner(app);
    const theirs = await setup(b);
    expectError(
      await join(owner.slug, { ...base, serviceId: theirs.service.id }),
      404,
      'not_found',
    );
    expect(issuePaths(await join(owner.slug, { ...base, providerId: theirs.provider.id }))).toEqual(
      ['body.providerId'],
    );
  });
});

describe('managing the waitlist (admin)', () => {
  it('lists oldest first with filters; staff take entries off, viewers cannot; other tenants get 404', async () => {
    const owner = await signupOwner(app);
    const { service, other } = await setup(owner);
    const customer = { name: 'Ada', email: 'ada@example.com' };
    const e1 = (
      await join(owner.slug, {
        serviceId: service.id,
        fromDate: '2099-05-01',
        toDate: '2099-05-02',
        customer,
      })
    ).body;
    const e2 = (
      await join(owner.slug, {
        serviceId: other.id,
        fromDate: '2099-05-01',
        toDate: '2099-05-02',
        customer,
      })
    ).body;
    const e3 = (
      await join(owner.slug, {
        serviceId: service.id,
        fromDate: '2099-05-03',
        toDate: '2099-05-04',
        customer: { name: 'Grace', email: 'grace@example.com' },
      })
    ).body;

    const viewer = await addMember(app, owner, 'viewer');
    const staff = await addMember(app, owner, 'staff');
    const all = await app.http.get('/v1/admin/waitlist').set(viewer.auth);
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.items.map((e: { id: string }) => e.id)).toEqual([e1.id, e2.id, e3.id]);
    expect(all.body.items[2]).toMatchObject({
      service: { id: service.id, name: 'Massage' },
      customer: { name: 'Grace', email: 'grace@example.com', phone: null },
      status: 'waiting',
      notifiedAt: null,
    });

    const forService = await app.http
      .get('/v1/admin/waitlist')
      .query({ serviceId: service.id, limit: 1 })
      .set(owner.auth);
    expect(forService.body.items.map((e: { id: string }) => e.id)).toEqual([e1.id]);
    const next = await app.http
      .get('/v1/admin/waitlist')
      .query({ serviceId: service.id, limit: 1, cursor: forService.body.nextCursor })
      .set(owner.auth);
    expect(next.body.items.map((e: { id: string }) => e.id)).toEqual([e3.id]);
    expect(next.body.nextCursor).toBeNull();

    expectError(
      await app.http.delete(`/v1/admin/waitlist/${e1.id}`).set(viewer.auth),
      403,
      'forbidden',
    );
    expect((await app.http.delete(`/v1/admin/waitlist/${e1.id}`).set(staff.auth)).status).toBe(204);
    const cancelled = await app.http
      .get('/v1/admin/waitlist')
      .query({ status: 'cancelled' })
      .set(owner.auth);
    expect(cancelled.body.items.map((e: { id: string }) => e.id)).toEqual([e1.id]);
    const waiting = await app.http
      .get('/v1/admin/waitlist')
      .query({ status: 'waiting' })
      .set(owner.auth);
    expect(waiting.body.items.map((e: { id: string }) => e.id)).toEqual([e2.id, e3.id]);
    expectError(
      await app.http.get('/v1/admin/waitlist').query({ status: 'gone' }).set(owner.auth),
      422,
      'validation_failed',
    );

    const b = await signupOwner(app);
    expectError(await app.http.delete(`/v1/admin/waitlist/${e2.id}`).set(b.auth), 404, 'not_found');
    expect((await app.http.get('/v1/admin/waitlist').set(b.auth)).body.items).toEqual([]);
    expectError(
      await app.http
        .delete('/v1/admin/waitlist/00000000-0000-4000-8000-000000000000')
        .set(owner.auth),
      404,
      'not_found',
    );
  });
});

describe('notifySlotFreed', () => {
  it('notifies matching waiting entries once, by the slot\u2019s date in the business zone, in the caller\u2019s transaction', async () => {
    const owner = await signupOwner(app); // Europe/London
    const { d, service, other, provider, second } = await setup(owner);
    const ada = await d.customer({ name: 'Ada', email: 'ada@example.com' });
    const entry = (o: {
      serviceId?: string;
      providerId?: string | null;
      from: string;
      to: string;
      status?: 'waiting' | 'cancelled';
    }) =>
      d.run((tx) =>
        tx.waitlistEntry.create({
          data: {
            tenantId: owner.tenantId,
            serviceId: o.serviceId ?? service.id,
            providerId: o.providerId ?? null,
            customerId: ada.id,
            fromDate: new Date(o.from),
            toDate: new Date(o.to),
            status: o.status ?? 'waiting',
          },
        }),
      );
    const anyProvider = await entry({ from: '2099-05-01', to: '2099-05-11' });
    const sameProvider = await entry({
      providerId: provider.id,
      from: '2099-05-11',
      to: '2099-05-11',
    });
    const otherProvider = await entry({
      providerId: second.id,
      from: '2099-05-01',
      to: '2099-05-31',
    });
    const otherService = await entry({ serviceId: other.id, from: '2099-05-01', to: '2099-05-31' });
    const endsTheDayBefore = await entry({ from: '2099-05-01', to: '2099-05-10' });
    const cancelled = await entry({ from: '2099-05-01', to: '2099-05-31', status: 'cancelled' });

    // 23:30 UTC on 10 May is 00:30 on 11 May in London (BST)
    const slot = {
      serviceId: service.id,
      providerId: provider.id,
      startAt: new Date('2099-05-10T23:30:00Z'),
      endAt: new Date('2099-05-11T00:30:00Z'),
    };

    // rolled back with the caller: nothing happens
    await expect(
      app.system.uow.run(owner.tenantId, async (repos) => {
        expect(await notifySlotFreed(repos, slot)).toHaveLength(2);
        throw new Error('cancellation failed');
      }),
    ).rejects.toThrow('cancellation failed');
    expect(
      await ownerQuery(
        app,
        'SELECT id FROM waitlist_entries WHERE status = $1 AND tenant_id = $2',
        ['notified', owner.tenantId],
      ),
    ).toEqual([]);

    const notified = await app.system.uow.run(owner.tenantId, (repos) =>
      notifySlotFreed(repos, slot),
    );
    expect(notified.map((n) => n.id).sort()).toEqual([anyProvider.id, sameProvider.id].sort());

    const rows = await ownerQuery<{ id: string; status: string; notified_at: Date | null }>(
      app,
      'SELECT id, status, notified_at FROM waitlist_entries WHERE tenant_id = $1',
      [owner.tenantId],
    );
    const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    expect(status).toEqual({
      [anyProvider.id]: 'notified',
      [sameProvider.id]: 'notified',
      [otherProvider.id]: 'waiting',
      [otherService.id]: 'waiting',
      [endsTheDayBefore.id]: 'waiting',
      [cancelled.id]: 'cancelled',
    });
    expect(rows.find((r) => r.id === anyProvider.id)?.notified_at).toBeInstanceOf(Date);

    const events = await ownerQuery<{ payload: Record<string, unknown> }>(
      app,
      "SELECT payload FROM outbox_events WHERE tenant_id = $1 AND topic = 'waitlist.slot_available' ORDER BY id",
      [owner.tenantId],
    );
    expect(
      events
        .map((e) => e.payload)
        .sort((a, b) => String(a.waitlistEntryId).localeCompare(String(b.waitlistEntryId))),
    ).toEqual(
      [anyProvider.id, sameProvider.id].sort().map((id) => ({
        waitlistEntryId: id,
        customerId: ada.id,
        serviceId: service.id,
        providerId: provider.id,
        start: '2099-05-10T23:30:00.000Z',
        end: '2099-05-11T00:30:00.000Z',
      })),
    );

    // a second freed slot the same day tells nobody twice
    expect(
      await app.system.uow.run(owner.tenantId, (repos) =>
        notifySlotFreed(repos, {
          ...slot,
          startAt: new Date('2099-05-11T10:00:00Z'),
          endAt: new Date('2099-05-11T11:00:00Z'),
        }),
      ),
    ).toEqual([]);
    // a slot in the past frees nothing
    expect(
      await app.system.uow.run(owner.tenantId, (repos) =>
        notifySlotFreed(repos, {
          ...slot,
          providerId: second.id,
          startAt: new Date('2001-05-11T10:00:00Z'),
          endAt: new Date('2001-05-11T11:00:00Z'),
        }),
      ),
    ).toEqual([]);
    const after = await ownerQuery(
      app,
      "SELECT count(*)::int AS n FROM outbox_events WHERE tenant_id = $1 AND topic = 'waitlist.slot_available'",
      [owner.tenantId],
    );
    expect(after[0]?.n).toBe(2);
  });
});

describe('cancelling a booking frees its slot for the waitlist', () => {
  it('notifies the matching entry through the admin cancel route', async () => {
    const owner = await signupOwner(app);
    const { d, service, provider } = await setup(owner);
    const ada = await d.customer({ name: 'Ada', email: 'ada@example.com' });
    const booking = await d.booking({
      serviceId: service.id,
      providerId: provider.id,
      customerId: ada.id,
      start: '2099-05-11T09:00:00Z',
      status: 'confirmed',
    });
    const entry = await join(owner.slug, {
      serviceId: service.id,
      fromDate: '2099-05-10',
      toDate: '2099-05-12',
      customer: { name: 'Grace', email: 'grace@example.com' },
    });
    expect(entry.status).toBe(201);

    const cancelled = await app.http
      .post(`/v1/admin/bookings/${booking.id}/cancel`)
      .set(owner.auth)
      .send({ reason: 'Provider ill' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);

    const listed = await app.http.get('/v1/admin/waitlist').set(owner.auth);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: entry.body.id, status: 'notified' }),
    ]);
    expect(listed.body.items[0].notifiedAt).not.toBeNull();
    const events = await ownerQuery<{ payload: Record<string, unknown> }>(
      app,
      "SELECT payload FROM outbox_events WHERE tenant_id = $1 AND topic = 'waitlist.slot_available'",
      [owner.tenantId],
    );
    expect(events.map((e) => e.payload)).toEqual([
      {
        waitlistEntryId: entry.body.id,
        customerId: expect.any(String),
        serviceId: service.id,
        providerId: provider.id,
        start: '2099-05-11T09:00:00.000Z',
        end: '2099-05-11T10:00:00.000Z',
      },
    ]);
  });
});
