import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, expectError, ownerQuery } from '../foundation/helpers';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { tenantData } from './fixtures';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

type Owner = Awaited<ReturnType<typeof signupOwner>>;

async function create(owner: Owner, body: Record<string, unknown>) {
  const res = await app.http.post('/v1/admin/customers').set(owner.auth).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string; email: string | null; phone: string | null };
}

async function searchAll(owner: Owner, search: string, limit = 50): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const res = await app.http
      .get('/v1/admin/customers')
      .query({ search, limit, ...(cursor ? { cursor } : {}) })
      .set(owner.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    names.push(...res.body.items.map((c: { name: string }) => c.name));
    cursor = res.body.nextCursor ?? undefined;
    if (!cursor) return names;
  }
  throw new Error('pagination did not end');
}

describe('creating customers', () => {
  it('normalises email and phone and refuses a second customer with the same contact (409)', async () => {
    const owner = await signupOwner(app);
    const ada = await create(owner, {
      name: 'Ada Lovelace',
      email: '  Ada@Example.COM ',
      phone: '+44 (20) 7946-0958',
      notes: 'VIP',
    });
    expect(ada).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+442079460958',
    });

    const sameEmail = await app.http
      .post('/v1/admin/customers')
      .set(owner.auth)
      .send({ name: 'Other', email: 'ADA@example.com' });
    expectError(sameEmail, 409, 'conflict');
    expect(sameEmail.body.error.details).toMatchObject({ field: 'email', customerId: ada.id });

    const samePhone = await app.http
      .post('/v1/admin/customers')
      .set(owner.auth)
      .send({ name: 'Other', phone: '+44 2079 460958' });
    expectError(samePhone, 409, 'conflict');
    expect(samePhone.body.error.details).toMatchObject({ field: 'phone' });

    const [row] = await ownerQuery<{ n: string }>(
      app,
      'SELECT count(*)::text AS n FROM customers WHERE tenant_id = $1',
      [owner.tenantId],
    );
    expect(row?.n).toBe('1');
  });

  it('rejects bad input with 422 and field paths', async () => {
    const owner = await signupOwner(app);
    const bad = await app.http
      .post('/v1/admin/customers')
      .set(owner.auth)
      .send({ name: '', email: 'not-an-email', phone: 'call me' });
    expectError(bad, 422, 'validation_failed');
    const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.email', 'body.phone']));
    expectError(
      await app.http.post('/v1/admin/customers').set(owner.auth).send({ name: 'X', phone: '12' }),
      422,
      'validation_failed',
    );
    expectError(
      await app.http
        .post('/v1/admin/customers')
        .set(owner.auth)
        .send({ name: 'X', tenantId: owner.tenantId }),
      422,
      'validation_failed',
    );
  });
});

describe('searching customers', () => {
  // oldest first; stored as the API would store them
  const people = [
    { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+442079460958' },
    { name: 'Grace Hopper', email: 'grace@navy.example', phone: '+15550100100' },
    { name: 'Alan Turing', email: 'alan@bletchley.example' },
    { name: 'Lovelace Trust', email: 'office_1@trust.example' },
    { name: "Seán O'Brien-Smith", phone: '+35312345678' },
    { name: 'Percent Man', email: 'percent@example.com' },
  ];
  let owner: Owner;
  beforeAll(async () => {
    owner = await signupOwner(app);
    const d = tenantData(app, owner.tenantId);
    for (const [i, p] of people.entries())
      await d.customer({ ...p, createdAt: new Date(Date.UTC(2025, 0, 1, 12, i)) });
  });

  it('matches a prefix of any word of the name, case-insensitively', async () => {
    expect((await searchAll(owner, 'lov')).sort()).toEqual(['Ada Lovelace', 'Lovelace Trust']);
    expect((await searchAll(owner, 'LOVE')).sort()).toEqual(['Ada Lovelace', 'Lovelace Trust']);
    expect(await searchAll(owner, 'hop')).toEqual(['Grace Hopper']);
    expect(await searchAll(owner, 'smith')).toEqual(["Seán O'Brien-Smith"]);
    expect(await searchAll(owner, 'seán')).toEqual(["Seán O'Brien-Smith"]);
    // every word typed must start some word of the name
    expect(await searchAll(owner, 'ada lov')).toEqual(['Ada Lovelace']);
    expect(await searchAll(owner, 'ada hop')).toEqual([]);
    // a prefix, not a substring
    expect(await searchAll(owner, 'ovelace')).toEqual([]);
  });

  it('matches a prefix of the email and of the phone digits', async () => {
    expect(await searchAll(owner, 'grace@nav')).toEqual(['Grace Hopper']);
    expect(await searchAll(owner, 'Alan@Bletchley')).toEqual(['Alan Turing']);
    // the domain alone is not a prefix of the email, nor a name word
    expect(await searchAll(owner, 'bletchley')).toEqual([]);
    expect(await searchAll(owner, '+44 20 79')).toEqual(['Ada Lovelace']);
    expect(await searchAll(owner, '1-555')).toEqual(['Grace Hopper']);
    expect(await searchAll(owner, '353')).toEqual(["Seán O'Brien-Smith"]);
    expect(await searchAll(owner, '7946')).toEqual([]);
  });

  it('treats LIKE wildcards in the term literally', async () => {
    expect(await searchAll(owner, '%')).toEqual([]);
    expect(await searchAll(owner, '_')).toEqual([]);
    expect(await searchAll(owner, 'office_')).toEqual(['Lovelace Trust']);
    expect(await searchAll(owner, 'office%')).toEqual([]);
  });

  it('pages through matches newest first without repeats', async () => {
    // "a": the words Ada and Alan, and the emails ada@ and alan@
    expect(await searchAll(owner, 'a', 1)).toEqual(['Alan Turing', 'Ada Lovelace']);
    expect(await searchAll(owner, '', 2)).toEqual(people.map((p) => p.name).reverse());
    expect(await searchAll(owner, '   ', 4)).toEqual(people.map((p) => p.name).reverse());
    expectError(
      await app.http.get('/v1/admin/customers').query({ cursor: 'garbage' }).set(owner.auth),
      400,
      'bad_request',
    );
    expectError(
      await app.http
        .get('/v1/admin/customers')
        .query({ search: 'ada', cursor: 'garbage' })
        .set(owner.auth),
      400,
      'bad_request',
    );
    expectError(
      await app.http.get('/v1/admin/customers').query({ limit: 201 }).set(owner.auth),
      422,
      'validation_failed',
    );
  });
});

describe('name words', () => {
  it('stores and matches each word of a name once, however often it is written', async () => {
    // The words of the name are rows keyed by word, and the search counts the distinct words
    // typed: a repeated word on either side must still be one word.
    const owner = await signupOwner(app);
    await create(owner, { name: 'Bo bo BO Quark-Quark', email: 'bo@quark.example' });
    expect(await searchAll(owner, 'quark-q')).toEqual(['Bo bo BO Quark-Quark']);
    expect(await searchAll(owner, 'bo bo')).toEqual(['Bo bo BO Quark-Quark']);
    expect(await searchAll(owner, 'quark QUARK bo')).toEqual(['Bo bo BO Quark-Quark']);
    const rows = await ownerQuery<{ word: string }>(
      app,
      `SELECT w.word FROM customer_name_words w JOIN customers c ON c.id = w.customer_id
        WHERE c.email = 'bo@quark.example' ORDER BY w.word`,
    );
    expect(rows.map((r) => r.word)).toEqual(['bo', 'quark', 'quark-quark']);
  });
});

describe('customer profile', () => {
  it('shows stats and the last 20 bookings, newest first, with service and provider names', async () => {
    const owner = await signupOwner(app);
    const d = tenantData(app, owner.tenantId);
    const service = await d.service({ name: 'Deep tissue', priceCents: 5000, currency: 'USD' });
    const provider = await d.provider({ name: 'Noor', serviceIds: [service.id] });
    const ada = await d.customer({ name: 'Ada', email: 'ada@example.com' });
    const other = await d.customer({ name: 'Other', email: 'other@example.com' });
    const base = {
      serviceId: service.id,
      providerId: provider.id,
      customerId: ada.id,
      currency: 'USD',
    };
    await d.booking({
      ...base,
      start: '2025-01-10T10:00:00Z',
      status: 'completed',
      priceCents: 5000,
    });
    await d.booking({
      ...base,
      start: '2025-01-11T10:00:00Z',
      status: 'completed',
      priceCents: 3000,
    });
    await d.booking({ ...base, start: '2025-01-12T10:00:00Z', status: 'no_show' });
    await d.booking({ ...base, start: '2025-01-13T10:00:00Z', status: 'cancelled' });
    await d.booking({ ...base, start: '2025-01-14T10:00:00Z', status: 'confirmed' }); // past: not upcoming
    await d.booking({ ...base, start: '2099-01-01T10:00:00Z', status: 'confirmed' });
    await d.booking({ ...base, start: '2099-01-02T10:00:00Z', status: 'pending' });
    await d.booking({ ...base, start: '2099-01-03T10:00:00Z', status: 'cancelled' });
    // someone else's booking never counts
    await d.booking({
      ...base,
      customerId: other.id,
      start: '2025-01-15T10:00:00Z',
      status: 'completed',
      priceCents: 99_999,
    });
    // 14 more completed visits in 2024, older than everything above
    for (let i = 0; i < 14; i++) {
      await d.booking({
        ...base,
        start: `2024-06-${String(i + 1).padStart(2, '0')}T09:00:00Z`,
        status: 'completed',
        priceCents: 1000,
      });
    }

    const res = await app.http.get(`/v1/admin/customers/${ada.id}`).set(owner.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.customer).toMatchObject({
      id: ada.id,
      name: 'Ada',
      email: 'ada@example.com',
      erasedAt: null,
    });
    expect(res.body.stats).toEqual({
      visits: 16,
      noShows: 1,
      cancellations: 2,
      upcoming: 2,
      totalSpentCents: 8000 + 14 * 1000,
      currency: 'USD',
    });
    const recent = res.body.recentBookings as {
      startAt: string;
      status: string;
      service: { name: string };
      provider: { name: string };
    }[];
    expect(recent).toHaveLength(20);
    expect(recent[0]).toMatchObject({
      startAt: '2099-01-03T10:00:00.000Z',
      status: 'cancelled',
      service: { id: service.id, name: 'Deep tissue' },
      provider: { id: provider.id, name: 'Noor' },
    });
    const starts = recent.map((b) => b.startAt);
    expect(starts).toEqual([...starts].sort().reverse());
    // 8 of Ada's bookings are from 2025/2099, so the 20 shown reach 12 of the 14 from 2024
    expect(starts.at(-1)).toBe('2024-06-03T09:00:00.000Z');
  });

  it('counts what the payments ledger captured (less refunds) once there are captures', async () => {
    const owner = await signupOwner(app);
    const d = tenantData(app, owner.tenantId);
    const service = await d.service({ currency: 'USD' });
    const provider = await d.provider({ serviceIds: [service.id] });
    const ada = await d.customer({ name: 'Ada', email: 'ada@example.com' });
    const done = await d.booking({
      serviceId: service.id,
      providerId: provider.id,
      customerId: ada.id,
      start: '2025-02-01T10:00:00Z',
      status: 'completed',
      priceCents: 5000,
      currency: 'USD',
    });
    await d.run((tx) =>
      tx.payment.createMany({
        data: [
          {
            tenantId: owner.tenantId,
            bookingId: done.id,
            kind: 'capture',
            status: 'succeeded',
            amountCents: 2000,
            currency: 'USD',
            gateway: 'local',
          },
          {
            tenantId: owner.tenantId,
            bookingId: done.id,
            kind: 'refund',
            status: 'succeeded',
            amountCents: 500,
            currency: 'USD',
            gateway: 'local',
          },
          {
            tenantId: owner.tenantId,
            bookingId: done.id,
            kind: 'capture',
            status: 'failed',
            amountCents: 999,
            currency: 'USD',
            gateway: 'local',
          },
        ],
      }),
    );
    const res = await app.http.get(`/v1/admin/customers/${ada.id}`).set(owner.auth);
    expect(res.status).toBe(200);
    expect(res.body.stats.totalSpentCents).toBe(1500);
    expect(res.body.stats.visits).toBe(1);
  });
});

describe('editing customers', () => {
  it('updates name, contact and notes, normalised; a taken email is 409', async () => {
    const owner = await signupOwner(app);
    const ada = await create(owner, { name: 'Ada', email: 'ada@example.com' });
    await create(owner, { name: 'Grace', email: 'grace@example.com' });
    const res = await app.http
      .patch(`/v1/admin/customers/${ada.id}`)
      .set(owner.auth)
      .send({ name: 'Ada L.', phone: '020 7946 0958', notes: 'Prefers mornings' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Ada L.',
      email: 'ada@example.com',
      phone: '+02079460958',
      notes: 'Prefers mornings',
    });
    expectError(
      await app.http
        .patch(`/v1/admin/customers/${ada.id}`)
        .set(owner.auth)
        .send({ email: 'GRACE@example.com' }),
      409,
      'conflict',
    );
    // keeping one's own email is not a conflict; clearing it is allowed
    expect(
      (
        await app.http
          .patch(`/v1/admin/customers/${ada.id}`)
          .set(owner.auth)
          .send({ email: 'ada@example.com' })
      ).status,
    ).toBe(200);
    const cleared = await app.http
      .patch(`/v1/admin/customers/${ada.id}`)
      .set(owner.auth)
      .send({ email: null });
    expect(cleared.body.email).toBeNull();
    expectError(
      await app.http.patch(`/v1/admin/customers/${ada.id}`).set(owner.auth).send({ name: '' }),
      422,
      'validation_failed',
    );
  });
});

describe('GDPR export and erasure', () => {
  async function richCustomer(owner: Owner) {
    const d = tenantData(app, owner.tenantId);
    const service = await d.service({ name: 'Consultation', priceCents: 12_000, currency: 'GBP' });
    const provider = await d.provider({ name: 'Dr Who', serviceIds: [service.id] });
    const ada = await d.customer({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+442079460958',
      notes: 'Allergic to nuts',
    });
    const b1 = await d.booking({
      serviceId: service.id,
      providerId: provider.id,
      customerId: ada.id,
      start: '2025-03-01T10:00:00Z',
      status: 'completed',
      priceCents: 12_000,
      currency: 'GBP',
      customerNotes: 'My knee hurts',
    });
    const b2 = await d.booking({
      serviceId: service.id,
      providerId: provider.id,
      customerId: ada.id,
      start: '2099-03-01T10:00:00Z',
      status: 'confirmed',
      priceCents: 12_000,
      currency: 'GBP',
    });
    await d.run(async (tx) => {
      await tx.intakeAnswer.create({
        data: {
          tenantId: owner.tenantId,
          bookingId: b1.id,
          key: 'dob',
          label: 'Date of birth',
          value: '1815-12-10',
        },
      });
      await tx.bookingEvent.create({
        data: {
          tenantId: owner.tenantId,
          bookingId: b1.id,
          action: 'created',
          toStatus: 'confirmed',
          actorType: 'customer',
        },
      });
      await tx.bookingEvent.create({
        data: {
          tenantId: owner.tenantId,
          bookingId: b1.id,
          action: 'complete',
          fromStatus: 'confirmed',
          toStatus: 'completed',
          actorType: 'user',
        },
      });
      await tx.payment.create({
        data: {
          tenantId: owner.tenantId,
          bookingId: b1.id,
          kind: 'capture',
          status: 'succeeded',
          amountCents: 12_000,
          currency: 'GBP',
          gateway: 'local',
        },
      });
      await tx.waitlistEntry.create({
        data: {
          tenantId: owner.tenantId,
          serviceId: service.id,
          customerId: ada.id,
          fromDate: new Date('2099-04-01'),
          toDate: new Date('2099-04-10'),
        },
      });
      await tx.emailMessage.create({
        data: {
          tenantId: owner.tenantId,
          to: 'ada@example.com',
          subject: 'Booked: Consultation',
          textBody: 'Hi Ada Lovelace, ...',
          template: 'booking.created',
          transport: 'local',
        },
      });
    });
    return { d, ada, b1, b2, service, provider };
  }

  it('exports everything stored about the customer as JSON', async () => {
    const owner = await signupOwner(app);
    const { ada, b1, b2, service } = await richCustomer(owner);
    const res = await app.http.get(`/v1/admin/customers/${ada.id}/export`).set(owner.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers['content-disposition']).toContain(`customer-${ada.id}.json`);
    expect(res.body.customer).toMatchObject({
      id: ada.id,
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+442079460958',
      notes: 'Allergic to nuts',
    });
    expect(res.body.bookings.map((b: { id: string }) => b.id)).toEqual([b1.id, b2.id]);
    const first = res.body.bookings[0];
    expect(first).toMatchObject({
      status: 'completed',
      priceCents: 12_000,
      currency: 'GBP',
      customerNotes: 'My knee hurts',
      service: { name: 'Consultation' },
    });
    expect(first.intakeAnswers).toEqual([
      { key: 'dob', label: 'Date of birth', value: '1815-12-10' },
    ]);
    expect(first.history.map((h: { action: string }) => h.action)).toEqual(['created', 'complete']);
    expect(res.body.payments).toEqual([
      expect.objectContaining({ bookingId: b1.id, kind: 'capture', amountCents: 12_000 }),
    ]);
    expect(res.body.waitlist).toEqual([
      expect.objectContaining({
        service: { id: service.id, name: 'Consultation' },
        fromDate: '2099-04-01',
        toDate: '2099-04-10',
        status: 'waiting',
      }),
    ]);
    expect(Date.parse(res.body.exportedAt)).not.toBeNaN();
  });

  it('erases personal data, keeps the money, is idempotent, and hides the customer from search', async () => {
    const owner = await signupOwner(app, { currency: 'GBP' });
    const { ada, b1, b2 } = await richCustomer(owner);
    const staff = await addMember(app, owner, 'staff');
    expectError(
      await app.http.post(`/v1/admin/customers/${ada.id}/erase`).set(staff.auth),
      403,
      'forbidden',
    );
    expect(await searchAll(owner, 'ada')).toEqual(['Ada Lovelace']);

    const res = await app.http.post(`/v1/admin/customers/${ada.id}/erase`).set(owner.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      id: ada.id,
      name: 'Erased customer',
      email: null,
      phone: null,
      notes: '',
    });
    expect(res.body.erasedAt).not.toBeNull();

    const [c] = await ownerQuery(
      app,
      'SELECT name, email, phone, notes, erased_at FROM customers WHERE id = $1',
      [ada.id],
    );
    expect(c).toMatchObject({ name: 'Erased customer', email: null, phone: null, notes: '' });
    const bookings = await ownerQuery(
      app,
      'SELECT id, status, price_cents, customer_notes FROM bookings WHERE customer_id = $1 ORDER BY start_at',
      [ada.id],
    );
    expect(bookings).toEqual([
      { id: b1.id, status: 'completed', price_cents: 12_000, customer_notes: '' },
      { id: b2.id, status: 'confirmed', price_cents: 12_000, customer_notes: '' },
    ]);
    const answers = await ownerQuery(
      app,
      'SELECT key, label, value FROM intake_answers WHERE booking_id = $1',
      [b1.id],
    );
    expect(answers).toEqual([{ key: 'dob', label: 'Date of birth', value: '' }]);
    const payments = await ownerQuery(
      app,
      'SELECT kind, status, amount_cents FROM payments WHERE booking_id = $1',
      [b1.id],
    );
    expect(payments).toEqual([{ kind: 'capture', status: 'succeeded', amount_cents: 12_000 }]);
    const erasedEvents = await ownerQuery(
      app,
      "SELECT booking_id FROM booking_events WHERE action = 'customer_erased' AND tenant_id = $1 ORDER BY booking_id",
      [owner.tenantId],
    );
    expect(erasedEvents.map((e) => e.booking_id).sort()).toEqual([b1.id, b2.id].sort());
    const waitlist = await ownerQuery(
      app,
      'SELECT status FROM waitlist_entries WHERE customer_id = $1',
      [ada.id],
    );
    expect(waitlist).toEqual([{ status: 'cancelled' }]);
    const mails = await ownerQuery(
      app,
      'SELECT "to", text_body FROM email_messages WHERE tenant_id = $1',
      [owner.tenantId],
    );
    expect(mails).toEqual([{ to: 'erased', text_body: '' }]);

    // again: same result, no second round of events
    const again = await app.http.post(`/v1/admin/customers/${ada.id}/erase`).set(owner.auth);
    expect(again.status).toBe(200);
    expect(again.body.erasedAt).toBe(res.body.erasedAt);
    const eventsAfter = await ownerQuery(
      app,
      "SELECT count(*)::int AS n FROM booking_events WHERE action = 'customer_erased' AND tenant_id = $1",
      [owner.tenantId],
    );
    expect(eventsAfter[0]?.n).toBe(2);

    expect(await searchAll(owner, 'ada')).toEqual([]);
    expect(await searchAll(owner, 'erased')).toEqual([]);
    expect(await searchAll(owner, '')).toEqual([]);
    expectError(
      await app.http.patch(`/v1/admin/customers/${ada.id}`).set(owner.auth).send({ name: 'Back' }),
      409,
      'conflict',
    );
    // the email is free again: the same person can come back as a new customer
    expect((await create(owner, { name: 'Ada again', email: 'ada@example.com' })).id).not.toBe(
      ada.id,
    );
    // the profile still shows the anonymised customer and the bookings' figures
    const profile = await app.http.get(`/v1/admin/customers/${ada.id}`).set(owner.auth);
    expect(profile.body.stats).toMatchObject({ visits: 1, totalSpentCents: 12_000 });
  });
  it('scrubs the reasons the customer typed, and keeps those staff gave', async () => {
    const owner = await signupOwner(app);
    const d = tenantData(app, owner.tenantId);
    const service = await d.service();
    const provider = await d.provider({ serviceIds: [service.id] });
    const ada = await d.customer({ name: 'Ada', email: 'ada@example.com' });
    const base = { serviceId: service.id, providerId: provider.id, customerId: ada.id };
    const byCustomer = await d.booking({
      ...base,
      start: '2099-01-01T10:00:00Z',
      status: 'cancelled',
    });
    const byStaff = await d.booking({
      ...base,
      start: '2099-01-02T10:00:00Z',
      status: 'cancelled',
    });
    await d.run(async (tx) => {
      const t = owner.tenantId;
      await tx.booking.update({
        where: { id: byCustomer.id },
        data: { cancelReason: 'My knee hurts' },
      });
      await tx.booking.update({
        where: { id: byStaff.id },
        data: { cancelReason: 'Provider ill' },
      });
      await tx.bookingEvent.create({
        data: {
          tenantId: t,
          bookingId: byCustomer.id,
          action: 'cancel',
          fromStatus: 'confirmed',
          toStatus: 'cancelled',
          actorType: 'customer',
          actorId: ada.id,
          reason: 'My knee hurts',
        },
      });
      await tx.bookingEvent.create({
        data: {
          tenantId: t,
          bookingId: byStaff.id,
          action: 'cancel',
          fromStatus: 'confirmed',
          toStatus: 'cancelled',
          actorType: 'user',
          reason: 'Provider ill',
        },
      });
    });
    expect(
      (await app.http.post(`/v1/admin/customers/${ada.id}/erase`).set(owner.auth)).status,
    ).toBe(200);
    const bookings = await ownerQuery(
      app,
      'SELECT id, cancel_reason FROM bookings WHERE customer_id = $1 ORDER BY start_at',
      [ada.id],
    );
    expect(bookings).toEqual([
      { id: byCustomer.id, cancel_reason: null },
      { id: byStaff.id, cancel_reason: 'Provider ill' },
    ]);
    const events = await ownerQuery(
      app,
      "SELECT booking_id, actor_type, reason FROM booking_events WHERE action = 'cancel' AND tenant_id = $1 ORDER BY actor_type",
      [owner.tenantId],
    );
    expect(events).toEqual([
      { booking_id: byCustomer.id, actor_type: 'customer', reason: null },
      { booking_id: byStaff.id, actor_type: 'user', reason: 'Provider ill' },
    ]);
  });
});

describe('roles and tenancy', () => {
  it('lets viewers read, staff write, and admins erase', async () => {
    const owner = await signupOwner(app);
    const viewer = await addMember(app, owner, 'viewer');
    const staff = await addMember(app, owner, 'staff');
    const admin = await addMember(app, owner, 'admin');
    expectError(
      await app.http.post('/v1/admin/customers').set(viewer.auth).send({ name: 'V' }),
      403,
      'forbidden',
    );
    const c = await create({ ...owner, auth: staff.auth }, { name: 'By staff' });
    expect((await app.http.get('/v1/admin/customers').set(viewer.auth)).status).toBe(200);
    expect((await app.http.get(`/v1/admin/customers/${c.id}`).set(viewer.auth)).status).toBe(200);
    expect((await app.http.get(`/v1/admin/customers/${c.id}/export`).set(viewer.auth)).status).toBe(
      200,
    );
    expectError(
      await app.http.patch(`/v1/admin/customers/${c.id}`).set(viewer.auth).send({ notes: 'x' }),
      403,
      'forbidden',
    );
    expect(
      (await app.http.patch(`/v1/admin/customers/${c.id}`).set(staff.auth).send({ notes: 'x' }))
        .status,
    ).toBe(200);
    expect((await app.http.post(`/v1/admin/customers/${c.id}/erase`).set(admin.auth)).status).toBe(
      200,
    );
    expectError(await app.http.get('/v1/admin/customers'), 401, 'unauthenticated');
  });

  it('answers 404 for another tenant\u2019s customer, on every route', async () => {
    const a = await signupOwner(app);
    const b = await signupOwner(app);
    const theirs = await create(b, { name: 'Theirs', email: 'theirs@example.com' });
    expectError(
      await app.http.get(`/v1/admin/customers/${theirs.id}`).set(a.auth),
      404,
      'not_found',
    );
    expectError(
      await app.http.get(`/v1/admin/customers/${theirs.id}/export`).set(a.auth),
      404,
      'not_found',
    );
    expectError(
      await app.http.patch(`/v1/admin/customers/${theirs.id}`).set(a.auth).send({ name: 'Mine' }),
      404,
      'not_found',
    );
    expectError(
      await app.http.post(`/v1/admin/customers/${theirs.id}/erase`).set(a.auth),
      404,
      'not_found',
    );
    expect(await searchAll(a, 'theirs')).toEqual([]);
    // the same email is free in another tenant
    await create(a, { name: 'Mine', email: 'theirs@example.com' });
    const [row] = await ownerQuery(app, 'SELECT name, erased_at FROM customers WHERE id = $1', [
      theirs.id,
    ]);
    expect(row).toEqual({ name: 'Theirs', erased_at: null });
  });
});
