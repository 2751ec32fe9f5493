import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, type Owner } from '../foundation/helpers';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { createProvider, createService, issuePaths } from './catalogue-fixtures';

let app: TestApp;
let owner: Owner;

beforeAll(async () => {
  app = await startTestApp();
  owner = await signupOwner(app);
});
afterAll(async () => app?.close());

const hoursOf = (providerId: string) =>
  app.http.get(`/v1/admin/providers/${providerId}/hours`).set(owner.auth);
const putHours = (providerId: string, intervals: unknown[]) =>
  app.http.put(`/v1/admin/providers/${providerId}/hours`).set(owner.auth).send({ intervals });

describe('weekly hours', () => {
  it('starts with the business default week, replaces the whole week, returns it sorted with the provider zone', async () => {
    const svc = await createService(app, owner);
    const p = await createProvider(app, owner, { timeZone: 'America/New_York' });
    expect((await hoursOf(p.id)).body).toEqual({
      providerId: p.id,
      timeZone: 'America/New_York',
      intervals: [1, 2, 3, 4, 5].map((weekday) => ({
        weekday,
        startTime: '09:00',
        endTime: '17:00',
        serviceIds: null,
      })),
    });

    const week = [
      { weekday: 2, startTime: '13:00', endTime: '17:00' },
      { weekday: 2, startTime: '09:00', endTime: '12:00', serviceIds: [svc.id] },
      { weekday: 5, startTime: '22:00', endTime: '02:00' }, // crosses midnight into Saturday
      { weekday: 6, startTime: '02:00', endTime: '24:00' }, // starts where Friday night ends
    ];
    const put = await putHours(p.id, week);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.intervals).toEqual([
      { weekday: 2, startTime: '09:00', endTime: '12:00', serviceIds: [svc.id] },
      { weekday: 2, startTime: '13:00', endTime: '17:00', serviceIds: null },
      { weekday: 5, startTime: '22:00', endTime: '02:00', serviceIds: null },
      { weekday: 6, startTime: '02:00', endTime: '24:00', serviceIds: null },
    ]);
    expect((await hoursOf(p.id)).body).toEqual(put.body);

    const replaced = await putHours(p.id, [{ weekday: 1, startTime: '10:00', endTime: '11:00' }]);
    expect(replaced.body.intervals).toEqual([
      { weekday: 1, startTime: '10:00', endTime: '11:00', serviceIds: null },
    ]);
    expect((await putHours(p.id, [])).body.intervals).toEqual([]);
  });

  it('rejects overlaps (including the midnight spill and the Sunday→Monday wrap) and zero-length intervals', async () => {
    const p = await createProvider(app, owner);
    await putHours(p.id, [{ weekday: 1, startTime: '09:00', endTime: '17:00' }]);

    // Issue on the later interval, on its boundary that falls inside the earlier one.
    expect(
      issuePaths(
        await putHours(p.id, [
          { weekday: 1, startTime: '09:00', endTime: '12:00' },
          { weekday: 3, startTime: '09:00', endTime: '12:00' },
          { weekday: 1, startTime: '11:00', endTime: '14:00' },
        ]),
      ),
    ).toEqual(['body.intervals.2.startTime']);
    expect(
      issuePaths(
        await putHours(p.id, [
          { weekday: 1, startTime: '12:00', endTime: '15:00' },
          { weekday: 1, startTime: '13:00', endTime: '14:00' },
          { weekday: 1, startTime: '08:00', endTime: '12:30' },
        ]),
      ),
    ).toEqual(['body.intervals.1.startTime', 'body.intervals.2.endTime']);
    // Friday 22:00–03:00 runs into Saturday 02:00–06:00.
    expect(
      issuePaths(
        await putHours(p.id, [
          { weekday: 5, startTime: '22:00', endTime: '03:00' },
          { weekday: 6, startTime: '02:00', endTime: '06:00' },
        ]),
      ),
    ).toEqual(['body.intervals.1.startTime']);
    // Sunday 23:00–01:00 wraps into Monday 00:30.
    expect(
      issuePaths(
        await putHours(p.id, [
          { weekday: 1, startTime: '00:30', endTime: '08:00' },
          { weekday: 7, startTime: '23:00', endTime: '01:00' },
        ]),
      ),
    ).toEqual(['body.intervals.1.endTime']);
    expect(
      issuePaths(await putHours(p.id, [{ weekday: 2, startTime: '10:00', endTime: '10:00' }])),
    ).toEqual(['body.intervals.0.endTime']);
    expect(
      issuePaths(await putHours(p.id, [{ weekday: 8, startTime: '10:00', endTime: '11:00' }])),
    ).toEqual(['body.intervals.0.weekday']);
    expect(
      issuePaths(await putHours(p.id, [{ weekday: 1, startTime: '24:00', endTime: '11:00' }])),
    ).toEqual(['body.intervals.0.startTime']);
    expect(
      issuePaths(await putHours(p.id, [{ weekday: 1, startTime: '9:00', endTime: '11:00' }])),
    ).toEqual(['body.intervals.0.startTime']);
    expect(
      issuePaths(await putHours(p.id, [{ weekday: 1, startTime: '09:00', endTime: '25:00' }])),
    ).toEqual(['body.intervals.0.endTime']);
    expect(
      issuePaths(
        await putHours(p.id, [
          {
            weekday: 1,
            startTime: '09:00',
            endTime: '10:00',
            serviceIds: ['00000000-0000-4000-8000-000000000000'],
          },
        ]),
      ),
    ).toEqual(['body.intervals.0.serviceIds.0']);
    expect(
      issuePaths(
        await putHours(p.id, [
          { weekday: 1, startTime: '09:00', endTime: '10:00', serviceIds: [] },
        ]),
      ),
    ).toEqual(['body.intervals.0.serviceIds']);

    // Nothing was changed by the rejected requests.
    expect((await hoursOf(p.id)).body.intervals).toEqual([
      { weekday: 1, startTime: '09:00', endTime: '17:00', serviceIds: null },
    ]);
    // Whole days and back-to-back intervals are fine.
    const ok = await putHours(p.id, [
      { weekday: 1, startTime: '00:00', endTime: '24:00' },
      { weekday: 2, startTime: '00:00', endTime: '12:00' },
      { weekday: 2, startTime: '12:00', endTime: '24:00' },
    ]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });
});

describe('date overrides', () => {
  const base = (providerId: string) => `/v1/admin/providers/${providerId}/overrides`;

  it('creates, lists (with a date window), patches and deletes', async () => {
    const p = await createProvider(app, owner);
    const off = await app.http
      .post(base(p.id))
      .set(owner.auth)
      .send({ startDate: '2030-12-24', endDate: '2030-12-26', reason: 'Christmas' });
    expect(off.status, JSON.stringify(off.body)).toBe(201);
    expect(off.body).toMatchObject({
      providerId: p.id,
      startDate: '2030-12-24',
      endDate: '2030-12-26',
      intervals: [],
      reason: 'Christmas',
    });
    const short = await app.http
      .post(base(p.id))
      .set(owner.auth)
      .send({
        startDate: '2030-12-31',
        endDate: '2030-12-31',
        intervals: [
          { startTime: '09:00', endTime: '12:00' },
          { startTime: '22:00', endTime: '01:00' },
        ],
      });
    expect(short.status, JSON.stringify(short.body)).toBe(201);

    const all = await app.http.get(base(p.id)).set(owner.auth);
    expect(all.body.items.map((o: { id: string }) => o.id)).toEqual([off.body.id, short.body.id]);
    const window = await app.http
      .get(base(p.id))
      .query({ from: '2030-12-27', to: '2031-01-05' })
      .set(owner.auth);
    expect(window.body.items.map((o: { id: string }) => o.id)).toEqual([short.body.id]);
    const edge = await app.http
      .get(base(p.id))
      .query({ from: '2030-12-26', to: '2030-12-26' })
      .set(owner.auth);
    expect(edge.body.items.map((o: { id: string }) => o.id)).toEqual([off.body.id]);

    const patched = await app.http
      .patch(`${base(p.id)}/${off.body.id}`)
      .set(owner.auth)
      .send({ endDate: '2030-12-25', intervals: [{ startTime: '10:00', endTime: '14:00' }] });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({
      startDate: '2030-12-24',
      endDate: '2030-12-25',
      intervals: [{ startTime: '10:00', endTime: '14:00' }],
      reason: 'Christmas',
    });

    expect((await app.http.delete(`${base(p.id)}/${off.body.id}`).set(owner.auth)).status).toBe(
      204,
    );
    expectError(
      await app.http.delete(`${base(p.id)}/${off.body.id}`).set(owner.auth),
      404,
      'not_found',
    );
    expectError(
      await app.http
        .patch(`${base(p.id)}/${off.body.id}`)
        .set(owner.auth)
        .send({ reason: 'x' }),
      404,
      'not_found',
    );
    // An override of another provider of the same tenant is not reachable through this one.
    const q = await createProvider(app, owner);
    expectError(
      await app.http.delete(`${base(q.id)}/${short.body.id}`).set(owner.auth),
      404,
      'not_found',
    );
  });

  it('validates ranges and intervals (422) and refuses overlapping overrides (409)', async () => {
    const p = await createProvider(app, owner);
    const post = (body: Record<string, unknown>) =>
      app.http.post(base(p.id)).set(owner.auth).send(body);
    expect(issuePaths(await post({ startDate: '2030-05-02', endDate: '2030-05-01' }))).toEqual([
      'body.endDate',
    ]);
    expect(issuePaths(await post({ startDate: '2030-01-01', endDate: '2031-01-02' }))).toEqual([
      'body.endDate',
    ]); // 367 days
    expect(
      (await post({ startDate: '2030-01-01', endDate: '2031-01-01', reason: 'sabbatical' })).status,
    ).toBe(201); // 366 days
    expect(issuePaths(await post({ startDate: '2031-02-30', endDate: '2031-03-01' }))).toEqual([
      'body.startDate',
    ]);
    expect(
      issuePaths(
        await post({
          startDate: '2032-01-01',
          endDate: '2032-01-01',
          intervals: [
            { startTime: '09:00', endTime: '12:00' },
            { startTime: '11:59', endTime: '13:00' },
          ],
        }),
      ),
    ).toEqual(['body.intervals.1.startTime']);
    expect(
      issuePaths(
        await post({
          startDate: '2032-01-01',
          endDate: '2032-01-01',
          intervals: [{ startTime: '09:00', endTime: '09:00' }],
        }),
      ),
    ).toEqual(['body.intervals.0.endTime']);
    // Over several days a night interval runs into the next covered day's morning.
    expect(
      issuePaths(
        await post({
          startDate: '2032-01-01',
          endDate: '2032-01-03',
          intervals: [
            { startTime: '06:00', endTime: '10:00' },
            { startTime: '20:00', endTime: '07:00' },
          ],
        }),
      ),
    ).toEqual(['body.intervals.1.endTime']);

    const first = await post({ startDate: '2032-03-10', endDate: '2032-03-12' });
    expect(first.status).toBe(201);
    const clash = await post({ startDate: '2032-03-12', endDate: '2032-03-14' });
    expectError(clash, 409, 'conflict');
    expect(clash.body.error.details.overrideIds).toEqual([first.body.id]);
    const second = await post({ startDate: '2032-03-13', endDate: '2032-03-14' });
    expect(second.status).toBe(201);
    // PATCH re-validates the merged override.
    expect(
      issuePaths(
        await app.http
          .patch(`${base(p.id)}/${second.body.id}`)
          .set(owner.auth)
          .send({ endDate: '2032-03-01' }),
      ),
    ).toEqual(['body.endDate']);
    expectError(
      await app.http
        .patch(`${base(p.id)}/${second.body.id}`)
        .set(owner.auth)
        .send({ startDate: '2032-03-12' }),
      409,
      'conflict',
    );
    expect(
      (
        await app.http
          .patch(`${base(p.id)}/${second.body.id}`)
          .set(owner.auth)
          .send({ endDate: '2032-03-20' })
      ).status,
    ).toBe(200);
  });
});

describe('date overrides under concurrency', () => {
  it('lets exactly one of several simultaneous overlapping overrides in', async () => {
    const p = await createProvider(app, owner);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${app.baseUrl}/v1/admin/providers/${p.id}/overrides`, {
          method: 'POST',
          headers: { ...owner.auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            startDate: '2033-05-10',
            endDate: `2033-05-${String(10 + i)}`,
            reason: `try ${i}`,
          }),
        }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { error?: { code: string } },
        })),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(19).fill(409)]);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.body.error?.code).toBe('conflict');
    const list = await app.http.get(`/v1/admin/providers/${p.id}/overrides`).set(owner.auth);
    expect(list.body.items).toHaveLength(1);
  });
});

describe('blackouts', () => {
  it('creates, lists by window, deletes, validates', async () => {
    const t = await signupOwner(app);
    const xmas = await app.http
      .post('/v1/admin/blackouts')
      .set(t.auth)
      .send({ name: 'Christmas', startDate: '2030-12-25', endDate: '2030-12-26' });
    expect(xmas.status, JSON.stringify(xmas.body)).toBe(201);
    expect(xmas.body).toMatchObject({
      name: 'Christmas',
      startDate: '2030-12-25',
      endDate: '2030-12-26',
    });
    const ny = await app.http
      .post('/v1/admin/blackouts')
      .set(t.auth)
      .send({ name: 'New Year', startDate: '2031-01-01', endDate: '2031-01-01' });
    expect(ny.status).toBe(201);
    expect(
      (await app.http.get('/v1/admin/blackouts').set(t.auth)).body.items.map(
        (b: { name: string }) => b.name,
      ),
    ).toEqual(['Christmas', 'New Year']);
    expect(
      (
        await app.http.get('/v1/admin/blackouts').query({ from: '2030-12-27' }).set(t.auth)
      ).body.items.map((b: { name: string }) => b.name),
    ).toEqual(['New Year']);
    expect(
      (
        await app.http.get('/v1/admin/blackouts').query({ to: '2030-12-25' }).set(t.auth)
      ).body.items.map((b: { name: string }) => b.name),
    ).toEqual(['Christmas']);
    expect((await app.http.delete(`/v1/admin/blackouts/${xmas.body.id}`).set(t.auth)).status).toBe(
      204,
    );
    expectError(
      await app.http.delete(`/v1/admin/blackouts/${xmas.body.id}`).set(t.auth),
      404,
      'not_found',
    );
    const post = (body: Record<string, unknown>) =>
      app.http.post('/v1/admin/blackouts').set(t.auth).send(body);
    expect(
      issuePaths(await post({ name: 'X', startDate: '2030-01-02', endDate: '2030-01-01' })),
    ).toEqual(['body.endDate']);
    expect(
      issuePaths(await post({ name: '', startDate: '2030-01-01', endDate: '2030-01-01' })),
    ).toEqual(['body.name']);
    expect(
      issuePaths(await post({ name: 'X', startDate: '2030-13-01', endDate: '2030-12-01' })),
    ).toContain('body.startDate');
    expect([
      ...new Set(
        issuePaths(
          await app.http.get('/v1/admin/blackouts').query({ from: 'tomorrow' }).set(t.auth),
        ),
      ),
    ]).toEqual(['query.from']);
  });
});
