import { randomUUID } from 'node:crypto';
import { BOOKINGS_CSV_COLUMNS } from '@slotwise/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantData } from '../customers/fixtures';
import { addMember, expectError } from '../foundation/helpers';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

type Owner = Awaited<ReturnType<typeof signupOwner>>;

/** An RFC 4180 reader written for the test, independent of the server's writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
      } else {
        cell += ch;
        i += 1;
      }
    } else if (ch === '"') {
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
      i += 1;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
    } else {
      if (ch === '\n' || ch === '\r') throw new Error(`bare line break at ${i}`);
      cell += ch;
      i += 1;
    }
  }
  if (quoted) throw new Error('unterminated quote');
  if (cell !== '' || row.length) throw new Error('last line lacks CRLF');
  return rows;
}

/**
 * A hand-computed dataset around the UK clock change (Sun 29 March 2026, 01:00 UTC: GMT → BST).
 * Range 28–30 March in Europe/London; every figure below is worked out in the comments.
 */
async function dstDataset(owner: Owner) {
  const d = tenantData(app, owner.tenantId);
  const cut = await d.service({ name: 'Cut', currency: 'EUR' });
  const colour = await d.service({ name: 'Colour', currency: 'EUR' });
  const klass = await d.service({ name: 'Class', currency: 'EUR', capacity: 5 });
  const noor = await d.provider({ name: 'Noor', timeZone: 'Europe/London', sortOrder: 0 });
  const sam = await d.provider({ name: 'Sam', timeZone: 'Europe/London', sortOrder: 1 });
  const kim = await d.provider({ name: 'Kim', timeZone: 'America/New_York', sortOrder: 2 });
  const old = await d.provider({ name: 'Old', sortOrder: 3 });
  const gone = await d.provider({ name: 'Gone', sortOrder: 4 });
  for (let wd = 1; wd <= 7; wd++) await d.rule(noor.id, wd, '09:00', '17:00'); // 3 days × 480 = 1440 min
  await d.rule(sam.id, 7, '00:00', '04:00'); // Sun 29th: 00:00 GMT → 04:00 BST is 180 real minutes
  await d.rule(sam.id, 1, '22:00', '02:00'); // Mon 30th, overnight: 240 min
  await d.rule(gone.id, 1, '09:00', '17:00'); // deleted, no bookings: not reported
  const customer = await d.customer({ name: 'Ada', email: 'ada@example.com' });
  const b = (
    providerId: string,
    serviceId: string,
    status: 'pending' | 'confirmed' | 'completed' | 'cancelled' | 'no_show',
    start: string,
    minutes: number,
    priceCents: number,
    extra: { currency?: string; sessionKey?: string } = {},
  ) =>
    d.booking({
      providerId,
      serviceId,
      customerId: customer.id,
      status,
      start,
      minutes,
      priceCents,
      currency: extra.currency ?? 'EUR',
      ...(extra.sessionKey ? { sessionKey: extra.sessionKey } : {}),
    });

  await b(noor.id, cut.id, 'completed', '2026-03-28T09:00:00Z', 60, 4000); // Sat 09:00 GMT
  await b(noor.id, cut.id, 'completed', '2026-03-30T08:00:00Z', 60, 4000); // Mon 09:00 BST
  await b(noor.id, colour.id, 'no_show', '2026-03-29T10:00:00Z', 90, 6000); // Sun 11:00 BST
  await b(noor.id, colour.id, 'cancelled', '2026-03-29T12:00:00Z', 60, 6000); // Sun 13:00 BST
  await b(noor.id, cut.id, 'confirmed', '2026-03-28T00:30:00Z', 30, 2000); // Sat 00:30 GMT: first local day
  await b(noor.id, cut.id, 'confirmed', '2026-03-27T23:30:00Z', 30, 1111); // Fri 23:30: before the range
  await b(sam.id, cut.id, 'pending', '2026-03-30T22:30:00Z', 30, 2500, { currency: 'USD' }); // Mon 23:30 BST: last local day
  await b(sam.id, cut.id, 'confirmed', '2026-03-30T23:30:00Z', 30, 1111); // Tue 00:30 BST: after the range
  await b(sam.id, klass.id, 'confirmed', '2026-03-29T02:00:00Z', 60, 1500, {
    sessionKey: 'class-1',
  }); // Sun 03:00 BST, seat 1
  await b(sam.id, klass.id, 'confirmed', '2026-03-29T02:00:00Z', 60, 1500, {
    sessionKey: 'class-1',
  }); // same class, seat 2
  await b(kim.id, colour.id, 'completed', '2026-03-29T15:00:00Z', 30, 3000); // Sun 16:00 BST
  await b(old.id, cut.id, 'completed', '2026-03-28T14:00:00Z', 60, 4000); // Sat 14:00 GMT
  await d.run((tx) =>
    tx.provider.updateMany({
      where: { id: { in: [old.id, gone.id] } },
      data: { deletedAt: new Date() },
    }),
  );
  return { cut, colour, klass, noor, sam, kim, old, customer, d };
}

describe('reports summary', () => {
  it('computes the figures of a hand-checked dataset across a DST change', async () => {
    const owner = await signupOwner(app, { timeZone: 'Europe/London' });
    const { cut, colour, klass, noor, sam, kim, old } = await dstDataset(owner);
    const res = await app.http
      .get('/v1/admin/reports/summary')
      .query({ from: '2026-03-28', to: '2026-03-30' })
      .set(owner.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      from: '2026-03-28',
      to: '2026-03-30',
      timeZone: 'Europe/London',
      bookings: {
        total: 10,
        byStatus: {
          pending: 1,
          pending_payment: 0,
          confirmed: 3,
          checked_in: 0,
          completed: 4,
          cancelled: 1,
          no_show: 1,
        },
      },
      revenue: {
        // no payments taken through Slotwise: nothing collected, the booking values are the figures
        collected: { captured: [], fees: [], refunded: [], net: [] },
        paymentsInUse: false,
        // neither cancelled nor no-show: 4000 + 4000 + 2000 + 1500 + 1500 + 3000 + 4000 EUR, 2500 USD
        booked: [
          { amount: 20_000, currency: 'EUR' },
          { amount: 2500, currency: 'USD' },
        ],
        completed: [{ amount: 15_000, currency: 'EUR' }],
        // still to happen: confirmed 2000 + two class seats 1500 EUR; pending 2500 USD
        upcoming: [
          { amount: 5000, currency: 'EUR' },
          { amount: 2500, currency: 'USD' },
        ],
        upcomingDue: [
          { amount: 5000, currency: 'EUR' },
          { amount: 2500, currency: 'USD' },
        ],
        // shown apart, not in "booked"
        noShow: [{ amount: 6000, currency: 'EUR' }],
      },
      // neither cancelled nor no-shows, per local day
      daily: [
        { date: '2026-03-28', bookings: 3, collected: [] },
        { date: '2026-03-29', bookings: 3, collected: [] },
        { date: '2026-03-30', bookings: 2, collected: [] },
      ],
      noShowRate: 0.1,
      cancellationRate: 0.1,
      utilisation: [
        // 60 + 60 + 90 + 30 booked of 1440
        {
          providerId: noor.id,
          name: 'Noor',
          bookedMinutes: 240,
          availableMinutes: 1440,
          rate: 0.1667,
        },
        // 30 + one 60-minute class (two seats) of 180 + 240
        { providerId: sam.id, name: 'Sam', bookedMinutes: 90, availableMinutes: 420, rate: 0.2143 },
        { providerId: kim.id, name: 'Kim', bookedMinutes: 30, availableMinutes: 0, rate: null },
        { providerId: old.id, name: 'Old', bookedMinutes: 60, availableMinutes: 0, rate: null },
      ],
      busyHours: [
        { weekday: 1, hour: 9, bookings: 1 }, // 08:00Z on Monday is 09:00 BST
        { weekday: 1, hour: 23, bookings: 1 },
        { weekday: 6, hour: 0, bookings: 1 },
        { weekday: 6, hour: 9, bookings: 1 },
        { weekday: 6, hour: 14, bookings: 1 },
        { weekday: 7, hour: 3, bookings: 2 },
        { weekday: 7, hour: 11, bookings: 1 },
        { weekday: 7, hour: 16, bookings: 1 },
      ],
      topServices: [
        {
          serviceId: cut.id,
          name: 'Cut',
          bookings: 5,
          revenue: [
            { amount: 14_000, currency: 'EUR' },
            { amount: 2500, currency: 'USD' },
          ],
        },
        {
          serviceId: klass.id,
          name: 'Class',
          bookings: 2,
          revenue: [{ amount: 3000, currency: 'EUR' }],
        },
        // the no-show does not count: one completed Colour
        {
          serviceId: colour.id,
          name: 'Colour',
          bookings: 1,
          revenue: [{ amount: 3000, currency: 'EUR' }],
        },
      ],
    });
  });

  it('reads booked time of whole months from the monthly roll-up and the edge days from the daily one', async () => {
    const owner = await signupOwner(app, { timeZone: 'Europe/London' });
    const { noor, sam, kim, old } = await dstDataset(owner);
    const minutes = async (from: string, to: string) => {
      const res = await app.http
        .get('/v1/admin/reports/summary')
        .query({ from, to })
        .set(owner.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return Object.fromEntries(
        (res.body.utilisation as { providerId: string; bookedMinutes: number }[]).map((u) => [
          u.providerId,
          u.bookedMinutes,
        ]),
      );
    };
    // All of March plus edge days: the 28–30 figures plus Noor's Friday 27th (30) and Sam's
    // Tuesday 31st 00:30 BST (30); the class still counts once.
    const expected = { [noor.id]: 270, [sam.id]: 120, [kim.id]: 30, [old.id]: 60 };
    expect(await minutes('2026-02-27', '2026-04-02')).toMatchObject(expected);
    expect(await minutes('2026-03-01', '2026-03-31')).toMatchObject(expected);
    expect(await minutes('2026-03-27', '2026-03-31')).toMatchObject(expected);
  });

  it('defaults to the last 30 days and the coming 4 weeks, so upcoming bookings show', async () => {
    const owner = await signupOwner(app, { timeZone: 'Asia/Tokyo' });
    const d = tenantData(app, owner.tenantId);
    const svc = await d.service({ name: 'Cut', currency: 'EUR' });
    const pro = await d.provider({ name: 'Noor', timeZone: 'Asia/Tokyo', sortOrder: 0 });
    const customer = await d.customer({ name: 'Ada', email: 'ada@example.com' });
    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
    for (const [n, status] of [
      [-40, 'completed'], // before the range
      [-10, 'completed'],
      [14, 'confirmed'], // two weeks ahead: in
      [40, 'confirmed'], // after the range
    ] as const)
      await d.booking({
        providerId: pro.id,
        serviceId: svc.id,
        customerId: customer.id,
        status,
        start: inDays(n),
        minutes: 60,
        priceCents: 1000,
        currency: 'EUR',
      });
    const res = await app.http.get('/v1/admin/reports/summary').set(owner.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const tokyo = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10);
    expect(res.body.from).toBe(tokyo(Date.now() - 29 * 86_400_000));
    expect(res.body.to).toBe(tokyo(Date.now() + 28 * 86_400_000));
    expect(res.body.bookings.total).toBe(2);
    expect(res.body.revenue.booked).toEqual([{ amount: 2000, currency: 'EUR' }]);
  });

  it('reads dates in the business zone: the same data seen from New York', async () => {
    const owner = await signupOwner(app, { timeZone: 'America/New_York' });
    await dstDataset(owner);
    // 28 Mar 00:00 EDT = 04:00Z … 31 Mar 00:00 EDT = 04:00Z on the 31st: the Friday 23:30Z and
    // Saturday 00:30Z bookings fall on the 27th local and are out; both late Monday ones are in.
    const res = await app.http
      .get('/v1/admin/reports/summary')
      .query({ from: '2026-03-28', to: '2026-03-30' })
      .set(owner.auth);
    expect(res.status).toBe(200);
    expect(res.body.bookings.total).toBe(10);
    expect(res.body.busyHours).toContainEqual({ weekday: 1, hour: 4, bookings: 1 }); // 08:00Z Monday = 04:00 EDT
    expect(res.body.busyHours).toContainEqual({ weekday: 1, hour: 18, bookings: 1 }); // 22:30Z = 18:30 EDT
    expect(res.body.busyHours).toContainEqual({ weekday: 1, hour: 19, bookings: 1 }); // 23:30Z = 19:30 EDT
  });

  it('is all zeros for an empty range, and validates the range', async () => {
    const owner = await signupOwner(app);
    const res = await app.http
      .get('/v1/admin/reports/summary')
      .query({ from: '2026-01-01', to: '2027-01-01' })
      .set(owner.auth); // 366 days
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      bookings: { total: 0 },
      revenue: { booked: [], completed: [], noShow: [] },
      noShowRate: 0,
      cancellationRate: 0,
      utilisation: [],
      busyHours: [],
      topServices: [],
    });

    for (const query of [
      { from: '2026-01-01', to: '2027-01-02' },
      { from: '2026-03-10', to: '2026-03-09' },
      { from: '2026-02-30', to: '2026-03-09' },
      { from: '2020-03-01' }, // to defaults to four weeks ahead: over a year
      { from: 'yesterday', to: '2026-03-09' },
    ]) {
      const bad = await app.http.get('/v1/admin/reports/summary').query(query).set(owner.auth);
      expectError(bad, 422, 'validation_failed');
      expect(bad.body.error.details.issues.length).toBeGreaterThan(0);
    }
    expectError(
      await app.http
        .get('/v1/admin/reports/bookings.csv')
        .query({ from: '2026-01-01', to: '2027-01-02' })
        .set(owner.auth),
      422,
      'validation_failed',
    );
  });

  it('is viewer+ and sees only the caller\u2019s business', async () => {
    const owner = await signupOwner(app);
    await dstDataset(owner);
    const viewer = await addMember(app, owner, 'viewer');
    const range = { from: '2026-03-28', to: '2026-03-30' };
    expect(
      (await app.http.get('/v1/admin/reports/summary').query(range).set(viewer.auth)).body.bookings
        .total,
    ).toBe(10);
    expect(
      (await app.http.get('/v1/admin/reports/bookings.csv').query(range).set(viewer.auth)).status,
    ).toBe(200);
    expectError(
      await app.http.get('/v1/admin/reports/summary').query(range),
      401,
      'unauthenticated',
    );
    const stranger = await signupOwner(app);
    const theirs = await app.http.get('/v1/admin/reports/summary').query(range).set(stranger.auth);
    expect(theirs.body.bookings.total).toBe(0);
    expect(theirs.body.utilisation).toEqual([]);
    const csv = await app.http
      .get('/v1/admin/reports/bookings.csv')
      .query(range)
      .set(stranger.auth)
      .buffer(true);
    expect(parseCsv(csv.text)).toHaveLength(1);
  });
});

describe('bookings CSV', () => {
  it('is RFC 4180, local times, and defuses formulas', async () => {
    const owner = await signupOwner(app, { timeZone: 'Europe/London' });
    const d = tenantData(app, owner.tenantId);
    const service = await d.service({ name: 'Cut\nand "dry"' });
    const provider = await d.provider({ name: '@admin' });
    const evil = await d.customer({
      name: '=HYPERLINK("http://evil.example")',
      email: 'evil@example.com',
      phone: '+447700900123',
    });
    const comma = await d.customer({ name: 'Doe, Jo', email: null, phone: null });
    const minus = await d.customer({ name: '-2+3', email: 'minus@example.com' });
    const b1 = await d.booking({
      serviceId: service.id,
      providerId: provider.id,
      customerId: evil.id,
      start: '2026-03-30T08:00:00Z',
      minutes: 45,
      priceCents: 4550,
      currency: 'GBP',
      status: 'completed',
    });
    const b2 = await d.booking({
      serviceId: service.id,
      providerId: provider.id,
      customerId: comma.id,
      start: '2026-03-28T10:00:00Z',
      minutes: 60,
      priceCents: 0,
      currency: 'JPY',
      status: 'cancelled',
    });
    const b3 = await d.booking({
      serviceId: service.id,
      providerId: provider.id,
      customerId: minus.id,
      start: '2026-03-29T09:00:00Z',
      minutes: 60,
      priceCents: 12_345,
      currency: 'EUR',
      status: 'no_show',
    });
    await d.booking({
      serviceId: service.id,
      providerId: provider.id,
      customerId: minus.id,
      start: '2026-03-31T09:00:00Z',
      status: 'confirmed',
    }); // after the range

    const res = await app.http
      .get('/v1/admin/reports/bookings.csv')
      .query({ from: '2026-03-28', to: '2026-03-30' })
      .set(owner.auth)
      .buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="bookings-2026-03-28-to-2026-03-30.csv"',
    );
    const rows = parseCsv(res.text);
    expect(rows[0]).toEqual([...BOOKINGS_CSV_COLUMNS]);
    const body = rows
      .slice(1)
      .map((r) => Object.fromEntries(BOOKINGS_CSV_COLUMNS.map((c, i) => [c, r[i]])));
    expect(rows.slice(1).every((r) => r.length === BOOKINGS_CSV_COLUMNS.length)).toBe(true);
    expect(body.map((r) => r.booking_id)).toEqual([b2.id, b3.id, b1.id]); // by start
    expect(body[0]).toMatchObject({
      status: 'cancelled',
      start: '2026-03-28T10:00:00+00:00',
      end: '2026-03-28T11:00:00+00:00',
      service: 'Cut\nand "dry"',
      provider: "'@admin",
      customer_name: 'Doe, Jo',
      customer_email: '',
      customer_phone: '',
      price: '0',
      currency: 'JPY',
      source: 'public',
    });
    expect(body[1]).toMatchObject({
      customer_name: "'-2+3",
      start: '2026-03-29T10:00:00+01:00',
      price: '123.45',
      currency: 'EUR',
      status: 'no_show',
    });
    expect(body[2]).toMatchObject({
      confirmation_code: b1.confirmationCode,
      customer_name: `'=HYPERLINK("http://evil.example")`,
      customer_email: 'evil@example.com',
      customer_phone: "'+447700900123",
      start: '2026-03-30T09:00:00+01:00',
      end: '2026-03-30T09:45:00+01:00',
      price: '45.50',
      currency: 'GBP',
      created_at: b1.createdAt.toISOString(),
    });
    // the raw text quotes what needs quoting and nothing starts a cell with a formula character
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(res.text).toContain('"Doe, Jo"');
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('streams every row of a large range exactly once, in order, across batches', async () => {
    const owner = await signupOwner(app);
    const d = tenantData(app, owner.tenantId);
    const service = await d.service();
    const provider = await d.provider();
    const customer = await d.customer({ name: 'Regular', email: 'regular@example.com' });
    // completed bookings may share a start: ten per start time, so batch edges fall inside ties
    const data = Array.from({ length: 2105 }, (_, i) => {
      const startAt = new Date(Date.UTC(2026, 4, 1, 8) + Math.floor(i / 10) * 3_600_000);
      return {
        tenantId: owner.tenantId,
        serviceId: service.id,
        providerId: provider.id,
        customerId: customer.id,
        status: 'completed' as const,
        startAt,
        endAt: new Date(startAt.getTime() + 3_600_000),
        confirmationCode: `C${String(i).padStart(7, '0')}`,
        manageTokenHash: randomUUID(),
        priceCents: 1000,
        currency: 'EUR',
      };
    });
    await d.run((tx) => tx.booking.createMany({ data }));
    const res = await app.http
      .get('/v1/admin/reports/bookings.csv')
      .query({ from: '2026-04-01', to: '2026-06-30' })
      .set(owner.auth)
      .buffer(true);
    expect(res.status).toBe(200);
    const rows = parseCsv(res.text).slice(1);
    expect(rows).toHaveLength(2105);
    const ids = rows.map((r) => r[0]);
    expect(new Set(ids).size).toBe(2105);
    const starts = rows.map((r) => Date.parse(r[3]!));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(rows.map((r) => r[1])).size).toBe(2105);
  }, 120_000); // 2,105 rows inserted and exported: slow on a busy CI machine, not a hang
});
