import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../foundation/helpers';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { localTimes, manualClock, type AvailabilityDto } from './availability-fixtures';
import { createProvider, createService } from './catalogue-fixtures';

const clock = manualClock('2026-01-01T00:00:00Z');
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({}, { clock });
});
afterAll(async () => app?.close());

type Owner = Awaited<ReturnType<typeof signupOwner>>;
const hoursOf = async (owner: Owner, providerId: string) => {
  const res = await app.http.get(`/v1/admin/providers/${providerId}/hours`).set(owner.auth);
  expect(res.status).toBe(200);
  return (res.body as { intervals: { weekday: number; startTime: string; endTime: string }[] })
    .intervals;
};
const settingsOf = async (owner: Owner) =>
  (await app.http.get('/v1/admin/tenant').set(owner.auth)).body.settings as {
    defaultWeeklyHours: unknown;
    checkInOpensMinutes: number;
  };

describe('default weekly hours of a business', () => {
  it('a new business has Monday–Friday 09:00–17:00 and a new provider starts with them', async () => {
    const owner = await signupOwner(app);
    const week = [1, 2, 3, 4, 5].map((weekday) => ({
      weekday,
      startTime: '09:00',
      endTime: '17:00',
    }));
    expect((await settingsOf(owner)).defaultWeeklyHours).toEqual(week);
    const provider = await createProvider(app, owner);
    expect(await hoursOf(owner, provider.id)).toEqual(
      week.map((i) => ({ ...i, serviceIds: null })),
    );
  });

  it('the owner changes the defaults; later providers start with them, earlier ones keep theirs', async () => {
    const owner = await signupOwner(app, { timeZone: 'Europe/Madrid' });
    const before = await createProvider(app, owner, { name: 'Before' });
    const week = [
      { weekday: 2, startTime: '10:00', endTime: '14:00' },
      { weekday: 2, startTime: '15:00', endTime: '19:00' },
      { weekday: 6, startTime: '22:00', endTime: '02:00' },
    ];
    const patched = await app.http
      .patch('/v1/admin/tenant')
      .set(owner.auth)
      .send({ settings: { defaultWeeklyHours: week } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.settings.defaultWeeklyHours).toEqual(week);
    // Other settings are untouched by the one-level merge.
    expect(patched.body.settings.checkInOpensMinutes).toBe(60);

    const after = await createProvider(app, owner, { name: 'After' });
    expect(await hoursOf(owner, after.id)).toEqual(week.map((i) => ({ ...i, serviceIds: null })));
    expect((await hoursOf(owner, before.id)).map((i) => i.weekday)).toEqual([1, 2, 3, 4, 5]);

    // The customer is offered exactly those hours: Tuesday 2026-06-02 in Madrid, 60-minute slots.
    const service = await createService(app, owner, {
      durationMinutes: 60,
      providerIds: [after.id],
    });
    const res = await app.http.get(`/v1/public/tenants/${owner.slug}/availability`).query({
      serviceId: service.id,
      providerId: after.id,
      from: '2026-06-01',
      to: '2026-06-02',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(localTimes(res.body as AvailabilityDto)).toEqual({
      '2026-06-01': [],
      '2026-06-02': ['10:00', '11:00', '12:00', '13:00', '15:00', '16:00', '17:00', '18:00'],
    });
  });

  it('hours given when creating win over the defaults; [] means none', async () => {
    const owner = await signupOwner(app);
    const own = [{ weekday: 7, startTime: '08:00', endTime: '12:00' }];
    const p = await createProvider(app, owner, { weeklyHours: own });
    expect(await hoursOf(owner, p.id)).toEqual([{ ...own[0], serviceIds: null }]);
    const none = await createProvider(app, owner, { weeklyHours: [] });
    expect(await hoursOf(owner, none.id)).toEqual([]);
  });

  it('refuses overlapping or malformed default hours with a 422 and changes nothing', async () => {
    const owner = await signupOwner(app);
    const before = await settingsOf(owner);
    for (const bad of [
      [
        { weekday: 1, startTime: '09:00', endTime: '12:00' },
        { weekday: 1, startTime: '11:00', endTime: '13:00' },
      ],
      [{ weekday: 8, startTime: '09:00', endTime: '12:00' }],
      [{ weekday: 1, startTime: '9am', endTime: '12:00' }],
      [{ weekday: 1, startTime: '09:00', endTime: '09:00' }],
      [{ weekday: 1, startTime: '09:00', endTime: '12:00', serviceIds: null }],
    ]) {
      expectError(
        await app.http
          .patch('/v1/admin/tenant')
          .set(owner.auth)
          .send({ settings: { defaultWeeklyHours: bad } }),
        422,
        'validation_failed',
      );
    }
    expect(await settingsOf(owner)).toEqual(before);
    expectError(
      await app.http
        .post('/v1/admin/providers')
        .set(owner.auth)
        .send({ name: 'X', weeklyHours: [{ weekday: 0, startTime: '09:00', endTime: '10:00' }] }),
      422,
      'validation_failed',
    );
    const list = await app.http.get('/v1/admin/providers').set(owner.auth);
    expect(list.body.items).toEqual([]);
  });
});
