import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectError } from '../foundation/helpers';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import {
  insertBooking,
  insertBusy,
  localTimes,
  manualClock,
  type AvailabilityDto,
} from './availability-fixtures';
import {
  createProvider,
  createService,
  everyDay,
  issuePaths,
  putHours,
} from './catalogue-fixtures';

const clock = manualClock('2026-01-01T00:00:00Z');
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({}, { clock });
});
afterAll(async () => app?.close());
beforeEach(() => clock.set('2026-01-01T00:00:00Z'));

async function availability(slug: string, query: Record<string, string>) {
  const res = await app.http.get(`/v1/public/tenants/${slug}/availability`).query(query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as AvailabilityDto;
}

/** A business with one provider working `hours` every day and one service they offer. */
async function setup(
  opts: {
    tenantZone?: string;
    providerZone?: string;
    hours?: [string, string][];
    service?: Record<string, unknown>;
  } = {},
) {
  const owner = await signupOwner(app, { timeZone: opts.tenantZone ?? 'Europe/London' });
  const provider = await createProvider(
    app,
    owner,
    opts.providerZone ? { timeZone: opts.providerZone } : {},
  );
  await putHours(
    app,
    owner,
    provider.id,
    (opts.hours ?? [['09:00', '12:00']]).flatMap(([s, e]) => everyDay(s, e)),
  );
  const service = await createService(app, owner, {
    durationMinutes: 60,
    providerIds: [provider.id],
    ...opts.service,
  });
  return { owner, provider, service };
}

describe('public availability', () => {
  it('returns every date of the range with UTC instants, local times, provider counts and seats', async () => {
    const { owner, service } = await setup();
    const body = await availability(owner.slug, {
      serviceId: service.id,
      from: '2026-06-01',
      to: '2026-06-02',
    });
    expect(body.serviceId).toBe(service.id);
    expect(body.timeZone).toBe('Europe/London'); // the business zone by default
    expect(body.days.map((d) => d.date)).toEqual(['2026-06-01', '2026-06-02']);
    expect(body.days[0]!.slots).toEqual([
      {
        start: '2026-06-01T08:00:00.000Z',
        end: '2026-06-01T09:00:00.000Z',
        localTime: '09:00',
        utcOffset: '+01:00',
        localStart: '2026-06-01T09:00:00+01:00',
        providerCount: 1,
        seatsLeft: 1,
      },
      {
        start: '2026-06-01T09:00:00.000Z',
        end: '2026-06-01T10:00:00.000Z',
        localTime: '10:00',
        utcOffset: '+01:00',
        localStart: '2026-06-01T10:00:00+01:00',
        providerCount: 1,
        seatsLeft: 1,
      },
      {
        start: '2026-06-01T10:00:00.000Z',
        end: '2026-06-01T11:00:00.000Z',
        localTime: '11:00',
        utcOffset: '+01:00',
        localStart: '2026-06-01T11:00:00+01:00',
        providerCount: 1,
        seatsLeft: 1,
      },
    ]);
    // A 30-minute grid when the service says so.
    await app.http
      .patch(`/v1/admin/services/${service.id}`)
      .set(owner.auth)
      .send({ slotIntervalMinutes: 30 });
    expect(
      localTimes(
        await availability(owner.slug, {
          serviceId: service.id,
          from: '2026-06-01',
          to: '2026-06-01',
        }),
      ),
    ).toEqual({
      '2026-06-01': ['09:00', '09:30', '10:00', '10:30', '11:00'],
    });
  });

  it('keeps wall-clock hours across the New York spring-forward and fall-back (America/New_York 2026-03-08, 2026-11-01)', async () => {
    const { owner, service } = await setup({
      tenantZone: 'America/New_York',
      hours: [['00:00', '06:00']],
    });
    const spring = await availability(owner.slug, {
      serviceId: service.id,
      from: '2026-03-07',
      to: '2026-03-09',
    });
    expect(localTimes(spring)).toEqual({
      '2026-03-07': ['00:00', '01:00', '02:00', '03:00', '04:00', '05:00'],
      // 02:00–03:00 does not exist: five real hours, no slot at a non-existent time.
      '2026-03-08': ['00:00', '01:00', '03:00', '04:00', '05:00'],
      '2026-03-09': ['00:00', '01:00', '02:00', '03:00', '04:00', '05:00'],
    });
    expect(spring.days[1]!.slots.map((s) => s.start)).toEqual([
      '2026-03-08T05:00:00.000Z',
      '2026-03-08T06:00:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T08:00:00.000Z',
      '2026-03-08T09:00:00.000Z',
    ]);
    // The same 00:00 start is 05:00Z in winter and 04:00Z in summer.
    expect(spring.days[2]!.slots[0]!.start).toBe('2026-03-09T04:00:00.000Z');

    const autumn = await availability(owner.slug, {
      serviceId: service.id,
      from: '2026-11-01',
      to: '2026-11-01',
    });
    // 01:00–02:00 happens twice: seven real hours, the repeated hour offered once per offset.
    expect(localTimes(autumn)).toEqual({
      '2026-11-01': ['00:00', '01:00', '01:00', '02:00', '03:00', '04:00', '05:00'],
    });
    expect(autumn.days[0]!.slots.slice(1, 3).map((s) => s.start)).toEqual([
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T06:00:00.000Z',
    ]);
    // The two 01:00 slots say which 01:00 they are.
    expect(
      autumn.days[0]!.slots.map((s) => `${s.localTime}${s.utcOffset} ${s.localStart}`),
    ).toEqual([
      '00:00-04:00 2026-11-01T00:00:00-04:00',
      '01:00-04:00 2026-11-01T01:00:00-04:00',
      '01:00-05:00 2026-11-01T01:00:00-05:00',
      '02:00-05:00 2026-11-01T02:00:00-05:00',
      '03:00-05:00 2026-11-01T03:00:00-05:00',
      '04:00-05:00 2026-11-01T04:00:00-05:00',
      '05:00-05:00 2026-11-01T05:00:00-05:00',
    ]);
  });

  it('shows a London provider to an Asia/Kolkata visitor on the visitor\u2019s dates and clock', async () => {
    const { owner, service } = await setup({
      hours: [
        ['09:00', '11:00'],
        ['20:00', '22:00'],
      ],
    });
    const london = await availability(owner.slug, {
      serviceId: service.id,
      from: '2026-06-01',
      to: '2026-06-01',
    });
    expect(localTimes(london)).toEqual({ '2026-06-01': ['09:00', '10:00', '20:00', '21:00'] });
    const kolkata = await availability(owner.slug, {
      serviceId: service.id,
      from: '2026-06-01',
      to: '2026-06-01',
      timezone: 'Asia/Kolkata',
    });
    expect(kolkata.timeZone).toBe('Asia/Kolkata');
    // London's evening of 31 May is the small hours of 1 June in India (UTC+5:30, London UTC+1).
    expect(localTimes(kolkata)).toEqual({ '2026-06-01': ['00:30', '01:30', '13:30', '14:30'] });
    expect(kolkata.days[0]!.slots[0]!.start).toBe('2026-05-31T19:00:00.000Z');
  });

  it('removes whole business-zone days for blackouts, and brings them back when deleted', async () => {
    // The business is in Tokyo (UTC+9); its London provider works 09–17 (UTC+1 in June).
    const { owner, service } = await setup({
      tenantZone: 'Asia/Tokyo',
      providerZone: 'Europe/London',
      hours: [['09:00', '17:00']],
    });
    const q = {
      serviceId: service.id,
      from: '2026-06-01',
      to: '2026-06-02',
      timezone: 'Europe/London',
    };
    const all = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00'];
    expect(localTimes(await availability(owner.slug, q))).toEqual({
      '2026-06-01': all,
      '2026-06-02': all,
    });
    const bo = await app.http
      .post('/v1/admin/blackouts')
      .set(owner.auth)
      .send({ name: 'Founders day', startDate: '2026-06-02', endDate: '2026-06-02' });
    expect(bo.status).toBe(201);
    // 2 June in Tokyo = 1 June 15:00Z to 2 June 15:00Z = 16:00 London on the 1st to 16:00 on the 2nd.
    expect(localTimes(await availability(owner.slug, q))).toEqual({
      '2026-06-01': all.slice(0, 7),
      '2026-06-02': ['16:00'],
    });
    expect(
      (await app.http.delete(`/v1/admin/blackouts/${bo.body.id}`).set(owner.auth)).status,
    ).toBe(204);
    expect(localTimes(await availability(owner.slug, q))).toEqual({
      '2026-06-01': all,
      '2026-06-02': all,
    });
  });

  it('applies date overrides: time off and custom hours replace the weekly hours', async () => {
    const { owner, provider, service } = await setup();
    const base = `/v1/admin/providers/${provider.id}/overrides`;
    expect(
      (
        await app.http
          .post(base)
          .set(owner.auth)
          .send({ startDate: '2026-06-02', endDate: '2026-06-02', reason: 'Dentist' })
      ).status,
    ).toBe(201);
    const custom = await app.http
      .post(base)
      .set(owner.auth)
      .send({
        startDate: '2026-06-03',
        endDate: '2026-06-03',
        intervals: [{ startTime: '14:00', endTime: '16:00' }],
      });
    expect(custom.status).toBe(201);
    expect(
      localTimes(
        await availability(owner.slug, {
          serviceId: service.id,
          from: '2026-06-01',
          to: '2026-06-04',
        }),
      ),
    ).toEqual({
      '2026-06-01': ['09:00', '10:00', '11:00'],
      '2026-06-02': [],
      '2026-06-03': ['14:00', '15:00'],
      '2026-06-04': ['09:00', '10:00', '11:00'],
    });
    // Weekly intervals limited to other services do not count for this one.
    const other = await createService(app, owner, { name: 'Other', providerIds: [provider.id] });
    await putHours(app, owner, provider.id, [
      ...everyDay('09:00', '12:00'),
      { weekday: 1, startTime: '13:00', endTime: '15:00', serviceIds: [other.id] }, // 2026-06-01 is a Monday
    ]);
    expect(
      localTimes(
        await availability(owner.slug, {
          serviceId: service.id,
          from: '2026-06-01',
          to: '2026-06-01',
        }),
      ),
    ).toEqual({ '2026-06-01': ['09:00', '10:00', '11:00'] });
    expect(
      localTimes(
        await availability(owner.slug, {
          serviceId: other.id,
          from: '2026-06-01',
          to: '2026-06-01',
        }),
      )['2026-06-01'],
    ).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
      '13:00',
      '13:30',
      '14:00',
      '14:30',
    ]);
  });

  it('removes the slots an active booking occupies, including both services\u2019 buffers', async () => {
    const { owner, provider, service } = await setup({
      hours: [['09:00', '17:00']],
      service: { bufferBeforeMinutes: 15 },
    });
    const q = { serviceId: service.id, from: '2026-06-10', to: '2026-06-10' };
    expect(localTimes(await availability(owner.slug, q))['2026-06-10']).toEqual([
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
    const other = await createService(app, owner, { name: 'Colour', providerIds: [provider.id] });
    // 11:00–12:00 London with 30 min clean-up after: occupied 10:00Z–11:30Z.
    await insertBooking(app, owner.tenantId, {
      serviceId: other.id,
      providerId: provider.id,
      start: '2026-06-10T10:00:00Z',
      end: '2026-06-10T11:00:00Z',
      bufferAfterMinutes: 30,
    });
    // Inactive bookings do not block.
    await insertBooking(app, owner.tenantId, {
      serviceId: service.id,
      providerId: provider.id,
      start: '2026-06-10T13:00:00Z',
      end: '2026-06-10T14:00:00Z',
      status: 'cancelled',
    });
    await insertBooking(app, owner.tenantId, {
      serviceId: service.id,
      providerId: provider.id,
      start: '2026-06-10T12:00:00Z',
      end: '2026-06-10T13:00:00Z',
      status: 'no_show',
    });
    // 11:00 overlaps the booking; 12:00 needs 11:45–13:00 (its 15 min prep) and the clean-up runs to 12:30.
    // 10:00 ends exactly when the booking starts: touching is fine.
    expect(localTimes(await availability(owner.slug, q))['2026-06-10']).toEqual([
      '09:00',
      '10:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
    // External calendar busy time blocks too: 15:30–15:45 London.
    await insertBusy(
      app,
      owner.tenantId,
      provider.id,
      '2026-06-10T14:30:00Z',
      '2026-06-10T14:45:00Z',
    );
    expect(localTimes(await availability(owner.slug, q))['2026-06-10']).toEqual([
      '09:00',
      '10:00',
      '13:00',
      '14:00',
      '16:00',
    ]);
  });

  it('counts seats of a class and hides a full session', async () => {
    const { owner, provider, service } = await setup({ service: { capacity: 5 } });
    const q = { serviceId: service.id, from: '2026-06-10', to: '2026-06-10' };
    const session = {
      serviceId: service.id,
      providerId: provider.id,
      start: '2026-06-10T09:00:00Z',
      end: '2026-06-10T10:00:00Z',
      sessionKey: `${service.id}:2026-06-10T09:00:00.000Z`,
    };
    await insertBooking(app, owner.tenantId, { ...session, seats: 2 });
    await insertBooking(app, owner.tenantId, session);
    const slots = (await availability(owner.slug, q)).days[0]!.slots;
    expect(slots.map((s) => [s.localTime, s.seatsLeft])).toEqual([
      ['09:00', 5],
      ['10:00', 2],
      ['11:00', 5],
    ]);
    await insertBooking(app, owner.tenantId, { ...session, seats: 2 });
    expect(localTimes(await availability(owner.slug, q))['2026-06-10']).toEqual(['09:00', '11:00']);
  });

  it('offers any free provider in order, or only the one asked for', async () => {
    const owner = await signupOwner(app);
    const ana = await createProvider(app, owner, { name: 'Ana', sortOrder: 2 });
    const ben = await createProvider(app, owner, { name: 'Ben', sortOrder: 1 });
    const cy = await createProvider(app, owner, { name: 'Cy' }); // works, but does not offer the service
    for (const p of [ana, ben, cy]) await putHours(app, owner, p.id, everyDay('09:00', '11:00'));
    const service = await createService(app, owner, {
      durationMinutes: 60,
      providerIds: [ana.id, ben.id],
    });
    const q = { serviceId: service.id, from: '2026-06-10', to: '2026-06-10', providers: 'ids' };
    const both = (await availability(owner.slug, q)).days[0]!.slots;
    expect(both.map((s) => [s.localTime, s.providerIds, s.providerCount, s.seatsLeft])).toEqual([
      ['09:00', [ben.id, ana.id], 2, 2],
      ['10:00', [ben.id, ana.id], 2, 2],
    ]);
    await insertBooking(app, owner.tenantId, {
      serviceId: service.id,
      providerId: ben.id,
      start: '2026-06-10T08:00:00Z',
      end: '2026-06-10T09:00:00Z',
    });
    expect(
      (await availability(owner.slug, q)).days[0]!.slots.map((s) => [
        s.localTime,
        s.providerIds,
        s.seatsLeft,
      ]),
    ).toEqual([
      ['09:00', [ana.id], 1],
      ['10:00', [ben.id, ana.id], 2],
    ]);
    expect(
      localTimes(await availability(owner.slug, { ...q, providerId: ben.id }))['2026-06-10'],
    ).toEqual(['10:00']);
    // Without `providers`: the count alone, and the ids only when the query names a provider.
    const { providers: _ids, ...plain } = q;
    expect((await availability(owner.slug, plain)).days[0]!.slots).toEqual([
      expect.not.objectContaining({ providerIds: expect.anything() }),
      expect.not.objectContaining({ providerIds: expect.anything() }),
    ]);
    expect(
      (await availability(owner.slug, plain)).days[0]!.slots.map((s) => [
        s.localTime,
        s.providerCount,
        s.seatsLeft,
      ]),
    ).toEqual([
      ['09:00', 1, 1],
      ['10:00', 2, 2],
    ]);
    expect(
      (await availability(owner.slug, { ...plain, providerId: ben.id })).days[0]!.slots,
    ).toEqual([expect.objectContaining({ providerIds: [ben.id], providerCount: 1 })]);
    expect(
      (await availability(owner.slug, { ...plain, providerId: ben.id, providers: 'count' }))
        .days[0]!.slots,
    ).toEqual([expect.not.objectContaining({ providerIds: expect.anything() })]);
    expectError(
      await app.http
        .get(`/v1/public/tenants/${owner.slug}/availability`)
        .query({ ...q, providerId: cy.id }),
      404,
      'not_found',
    );
    // An inactive provider is not offered.
    await app.http.patch(`/v1/admin/providers/${ana.id}`).set(owner.auth).send({ active: false });
    expect(
      (await availability(owner.slug, q)).days[0]!.slots.map((s) => [s.localTime, s.providerIds]),
    ).toEqual([['10:00', [ben.id]]]);
  });

  it('honours minimum notice and the booking horizon against the injected clock', async () => {
    const { owner, service } = await setup({
      hours: [['09:00', '17:00']],
      service: { minNoticeMinutes: 120, maxAdvanceDays: 1 },
    });
    const q = { serviceId: service.id, from: '2026-06-01', to: '2026-06-02' };
    clock.set('2026-06-01T08:30:00Z'); // 09:30 in London; the earliest start is 11:30 London
    expect(localTimes(await availability(owner.slug, q))).toEqual({
      '2026-06-01': ['12:00', '13:00', '14:00', '15:00', '16:00'],
      '2026-06-02': ['09:00'], // horizon: now + 1 day = 09:30 London on the 2nd
    });
    clock.set('2026-06-01T09:00:00Z'); // notice ends exactly at 12:00 London: inclusive
    expect(localTimes(await availability(owner.slug, q))).toEqual({
      '2026-06-01': ['12:00', '13:00', '14:00', '15:00', '16:00'],
      '2026-06-02': ['09:00', '10:00'], // horizon exactly at 10:00 London: inclusive
    });
    clock.set('2026-06-01T09:01:00Z');
    expect(localTimes(await availability(owner.slug, q))['2026-06-01']![0]).toBe('13:00');
  });

  it('validates the query: 62 days at most, ordered dates, real zones, known slug and service', async () => {
    const { owner, service } = await setup();
    const get = (query: Record<string, string>) =>
      app.http.get(`/v1/public/tenants/${owner.slug}/availability`).query(query);
    const long = await availability(owner.slug, {
      serviceId: service.id,
      from: '2026-06-01',
      to: '2026-08-01',
    });
    expect(long.days).toHaveLength(62);
    expect(long.days.at(-1)!.date).toBe('2026-08-01');
    expect(
      issuePaths(await get({ serviceId: service.id, from: '2026-06-01', to: '2026-08-02' })),
    ).toEqual(['query.to']);
    expect(
      issuePaths(await get({ serviceId: service.id, from: '2026-06-02', to: '2026-06-01' })),
    ).toEqual(['query.to']);
    expect(
      issuePaths(
        await get({
          serviceId: service.id,
          from: '2026-06-01',
          to: '2026-06-01',
          timezone: 'Mars/Base',
        }),
      ),
    ).toEqual(['query.timezone']);
    expect(issuePaths(await get({ from: '2026-06-01', to: '2026-06-01' }))).toEqual([
      'query.serviceId',
    ]);
    expect(
      issuePaths(
        await get({
          serviceId: service.id,
          from: '2026-06-01',
          to: '2026-06-01',
          providers: 'names',
        }),
      ),
    ).toEqual(['query.providers']);
    expect([
      ...new Set(
        issuePaths(await get({ serviceId: service.id, from: '2026-02-30', to: '2026-03-01' })),
      ),
    ]).toEqual(['query.from']);
    expectError(
      await get({
        serviceId: '00000000-0000-4000-8000-000000000000',
        from: '2026-06-01',
        to: '2026-06-01',
      }),
      404,
      'not_found',
    );
    expectError(
      await app.http
        .get('/v1/public/tenants/nobody-here/availability')
        .query({ serviceId: service.id, from: '2026-06-01', to: '2026-06-01' }),
      404,
      'not_found',
    );
    // Another business's service is unknown here.
    const theirs = await setup();
    expectError(
      await get({ serviceId: theirs.service.id, from: '2026-06-01', to: '2026-06-01' }),
      404,
      'not_found',
    );
    // Inactive services are not bookable.
    await app.http
      .patch(`/v1/admin/services/${service.id}`)
      .set(owner.auth)
      .send({ active: false });
    expectError(
      await get({ serviceId: service.id, from: '2026-06-01', to: '2026-06-01' }),
      404,
      'not_found',
    );
  });
});
