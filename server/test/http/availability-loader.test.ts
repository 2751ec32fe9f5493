import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgAvailabilitySnapshots } from '../../src/adapters/postgres/booking-store';
import { pgAvailabilityVersions } from '../../src/adapters/postgres/availability-versions';
import {
  parseSnapshot,
  parseSplitSnapshot,
  snapshotArgs,
  snapshotHalf,
} from '../../src/adapters/prisma/repositories/availability';
import { engineInput, loadAvailabilityInput } from '../../src/app/availability';
import { AppError } from '../../src/app/errors';
import { assignProviderForSlot, computeSlots, findSlot } from '../../src/domain/availability';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { insertBooking, insertBusy } from './availability-fixtures';
import { createProvider, createService, everyDay, putHours } from './catalogue-fixtures';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const at = (iso: string) => Date.parse(iso);

type Snap = Parameters<typeof engineInput>[0];
/** A public read's occupied ranges, whatever column sets they came in: [provider, start, end], sorted. */
const occupiedOf = (snap: Snap) =>
  (snap.occupied ?? [])
    .flatMap((o) =>
      o.start.map(
        (s, i) => [o.providerIds[o.provider[i]!]!, o.base + s, o.base + o.end[i]!] as const,
      ),
    )
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
/** The snapshot with its occupied ranges as one sorted list (split reads carry two column sets). */
const flat = (r: { snapshot: Snap } | null | 'torn') =>
  r === null || r === 'torn'
    ? r
    : { ...r, snapshot: { ...r.snapshot, occupied: undefined, ranges: occupiedOf(r.snapshot) } };

/** Two providers (09:00–17:00 every day), a 30-min appointment with 5 + 10 min buffers of both, a class of 3 seats of the first. */
async function appointmentAndClass() {
  const owner = await signupOwner(app, { timeZone: 'Europe/London' });
  const a = await createProvider(app, owner, { sortOrder: 0 });
  const b = await createProvider(app, owner, { sortOrder: 1 });
  for (const p of [a, b]) await putHours(app, owner, p.id, everyDay('09:00', '17:00'));
  const appt = await createService(app, owner, {
    durationMinutes: 30,
    bufferBeforeMinutes: 5,
    bufferAfterMinutes: 10,
    providerIds: [a.id, b.id],
  });
  const cls = await createService(app, owner, {
    durationMinutes: 60,
    capacity: 3,
    providerIds: [a.id],
  });
  return { owner, a, b, appt, cls };
}

describe('loadAvailabilityInput', () => {
  it('loads only the rows that can touch the window, for active assigned providers', async () => {
    const owner = await signupOwner(app, { timeZone: 'America/New_York' });
    const ana = await createProvider(app, owner, {
      name: 'Ana',
      sortOrder: 1,
      timeZone: 'Europe/Paris',
    });
    const ben = await createProvider(app, owner, { name: 'Ben', sortOrder: 0 });
    const off = await createProvider(app, owner, { name: 'Off', active: false });
    const notAssigned = await createProvider(app, owner, { name: 'Elsewhere' });
    for (const p of [ana, ben, off, notAssigned])
      await putHours(app, owner, p.id, everyDay('09:00', '17:00'));
    const svc = await createService(app, owner, {
      durationMinutes: 60,
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 20,
      providerIds: [ana.id, ben.id, off.id],
    });
    const other = await createService(app, owner, { providerIds: [ana.id] });
    await app.http
      .post(`/v1/admin/providers/${ana.id}/overrides`)
      .set(owner.auth)
      .send({ startDate: '2026-06-10', endDate: '2026-06-10' });
    await app.http
      .post(`/v1/admin/providers/${ana.id}/overrides`)
      .set(owner.auth)
      .send({ startDate: '2026-07-20', endDate: '2026-07-21' });
    await app.http
      .post('/v1/admin/blackouts')
      .set(owner.auth)
      .send({ name: 'In', startDate: '2026-06-11', endDate: '2026-06-11' });
    await app.http
      .post('/v1/admin/blackouts')
      .set(owner.auth)
      .send({ name: 'Out', startDate: '2026-08-01', endDate: '2026-08-01' });

    // Window of starts: 10 June 12:00Z to 12 June 12:00Z. Occupied ranges count from 11:50Z to 13:20Z on the 12th.
    const inside = await insertBooking(app, owner.tenantId, {
      serviceId: other.id,
      providerId: ana.id,
      start: '2026-06-11T10:00:00Z',
      end: '2026-06-11T11:00:00Z',
    });
    const reachingIn = await insertBooking(app, owner.tenantId, {
      serviceId: svc.id,
      providerId: ben.id,
      start: '2026-06-10T11:00:00Z',
      end: '2026-06-10T11:40:00Z',
      bufferAfterMinutes: 15,
    });
    await insertBooking(app, owner.tenantId, {
      serviceId: svc.id,
      providerId: ben.id,
      start: '2026-06-10T10:00:00Z',
      end: '2026-06-10T10:50:00Z',
    }); // ends before 11:50Z
    await insertBooking(app, owner.tenantId, {
      serviceId: svc.id,
      providerId: ben.id,
      start: '2026-06-12T13:20:00Z',
      end: '2026-06-12T14:00:00Z',
    }); // starts at 13:20Z
    await insertBooking(app, owner.tenantId, {
      serviceId: svc.id,
      providerId: ana.id,
      start: '2026-06-11T12:00:00Z',
      end: '2026-06-11T13:00:00Z',
      status: 'completed',
    });
    await insertBooking(app, owner.tenantId, {
      serviceId: other.id,
      providerId: notAssigned.id,
      start: '2026-06-11T12:00:00Z',
      end: '2026-06-11T13:00:00Z',
    });
    await insertBooking(app, owner.tenantId, {
      serviceId: svc.id,
      providerId: off.id,
      start: '2026-06-11T12:00:00Z',
      end: '2026-06-11T13:00:00Z',
    });
    await insertBusy(app, owner.tenantId, ana.id, '2026-06-12T13:00:00Z', '2026-06-12T15:00:00Z');
    await insertBusy(app, owner.tenantId, ana.id, '2026-06-12T13:20:00Z', '2026-06-12T15:00:00Z'); // starts at 13:20Z

    const snap = await app.system.uow.run(owner.tenantId, (r) =>
      loadAvailabilityInput(r, {
        serviceId: svc.id,
        fromUtc: new Date('2026-06-10T12:00:00Z'),
        toUtc: at('2026-06-12T12:00:00Z'),
      }),
    );
    expect(snap.tenantTimeZone).toBe('America/New_York');
    expect(snap.service).toMatchObject({
      id: svc.id,
      durationMinutes: 60,
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 20,
      capacity: 1,
      active: true,
      currency: 'USD',
    });
    expect(snap.providers).toEqual([
      { id: ben.id, timeZone: 'America/New_York', sortOrder: 0, limits: {} },
      { id: ana.id, timeZone: 'Europe/Paris', sortOrder: 1, limits: {} },
    ]);
    expect(snap.rules).toHaveLength(14);
    expect(new Set(snap.rules.map((r) => r.providerId))).toEqual(new Set([ana.id, ben.id]));
    expect(snap.rules[0]).toMatchObject({ startTime: '09:00', endTime: '17:00', serviceIds: null });
    expect(snap.overrides).toEqual([
      { providerId: ana.id, startDate: '2026-06-10', endDate: '2026-06-10', intervals: [] },
    ]);
    expect(snap.blackouts).toEqual([{ startDate: '2026-06-11', endDate: '2026-06-11' }]);
    expect(snap.bookings.map((b) => b.start).sort()).toEqual(
      [reachingIn.startAt.getTime(), inside.startAt.getTime()].sort(),
    );
    expect(snap.bookings.find((b) => b.start === inside.startAt.getTime())).toEqual({
      providerId: ana.id,
      serviceId: other.id,
      start: at('2026-06-11T10:00:00Z'),
      end: at('2026-06-11T11:00:00Z'),
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      seats: 1,
    });
    expect(snap.busy).toEqual([
      { providerId: ana.id, start: at('2026-06-12T13:00:00Z'), end: at('2026-06-12T15:00:00Z') },
    ]);

    // One provider only, and a booking left out (rescheduling it).
    const onlyBen = await app.system.uow.run(owner.tenantId, (r) =>
      loadAvailabilityInput(r, {
        serviceId: svc.id,
        providerId: ben.id,
        fromUtc: at('2026-06-10T12:00:00Z'),
        toUtc: at('2026-06-12T12:00:00Z'),
        excludeBookingId: reachingIn.id,
      }),
    );
    expect(onlyBen.providers.map((p) => p.id)).toEqual([ben.id]);
    expect(onlyBen.bookings).toEqual([]);
    expect(onlyBen.overrides).toEqual([]);
    const unassigned = await app.system.uow.run(owner.tenantId, (r) =>
      loadAvailabilityInput(r, {
        serviceId: svc.id,
        providerId: notAssigned.id,
        fromUtc: at('2026-06-10T12:00:00Z'),
        toUtc: at('2026-06-12T12:00:00Z'),
      }),
    );
    expect(unassigned.providers).toEqual([]);
  });

  it('feeds findSlot and any-provider assignment for a booking re-check, and 404s unknown services', async () => {
    const owner = await signupOwner(app);
    const a = await createProvider(app, owner, { sortOrder: 0 });
    const b = await createProvider(app, owner, { sortOrder: 1 });
    for (const p of [a, b]) await putHours(app, owner, p.id, everyDay('09:00', '12:00'));
    const svc = await createService(app, owner, { durationMinutes: 60, providerIds: [a.id, b.id] });
    // a already has two bookings that day, b none: "any provider" goes to b.
    await insertBooking(app, owner.tenantId, {
      serviceId: svc.id,
      providerId: a.id,
      start: '2026-06-10T08:00:00Z',
      end: '2026-06-10T09:00:00Z',
    });
    await insertBooking(app, owner.tenantId, {
      serviceId: svc.id,
      providerId: a.id,
      start: '2026-06-10T10:00:00Z',
      end: '2026-06-10T11:00:00Z',
    });
    const start = at('2026-06-10T09:00:00Z');
    const now = at('2026-06-01T00:00:00Z');
    const { slot, chosen } = await app.system.uow.run(owner.tenantId, async (r) => {
      // The bookings engineer's pattern: load the provider-day around the start, re-check, assign.
      const snap = await loadAvailabilityInput(r, {
        serviceId: svc.id,
        fromUtc: at('2026-06-10T00:00:00Z'),
        toUtc: at('2026-06-11T00:00:00Z'),
      });
      const found = findSlot(engineInput(snap, now), start);
      return {
        slot: found,
        chosen: found ? assignProviderForSlot(found, snap.bookings, snap.providers) : null,
      };
    });
    expect(slot).toMatchObject({ start, providerIds: [a.id, b.id], seatsLeft: 2 });
    expect(chosen).toBe(b.id);
    const busyStart = at('2026-06-10T08:00:00Z');
    const taken = await app.system.uow.run(owner.tenantId, async (r) =>
      findSlot(
        engineInput(
          await loadAvailabilityInput(r, {
            serviceId: svc.id,
            providerId: a.id,
            fromUtc: busyStart,
            toUtc: busyStart + 1,
          }),
          now,
        ),
        busyStart,
      ),
    );
    expect(taken).toBeNull();

    const missing = app.system.uow.run(owner.tenantId, (r) =>
      loadAvailabilityInput(r, {
        serviceId: '00000000-0000-4000-8000-000000000000',
        fromUtc: start,
        toUtc: start + 1,
      }),
    );
    await expect(missing).rejects.toBeInstanceOf(AppError);
    await expect(missing).rejects.toMatchObject({ code: 'not_found' });
  });

  it('public reads: appointments get occupied ranges (the same slots), classes every column, both with the version of the same statement', async () => {
    const { owner, a, b, appt, cls } = await appointmentAndClass();
    // Buffers of their own (a booking keeps those it was made with), seats, another service.
    const rows = [
      {
        serviceId: appt.id,
        providerId: a.id,
        start: '2026-06-10T09:00:00Z',
        end: '2026-06-10T09:30:00Z',
        bufferBeforeMinutes: 15,
        bufferAfterMinutes: 0,
      },
      {
        serviceId: cls.id,
        providerId: a.id,
        start: '2026-06-10T11:00:00Z',
        end: '2026-06-10T12:00:00Z',
        sessionKey: 'class-11',
        seats: 2,
      },
      {
        serviceId: cls.id,
        providerId: a.id,
        start: '2026-06-10T11:00:00Z',
        end: '2026-06-10T12:00:00Z',
        sessionKey: 'class-11',
      },
      {
        serviceId: appt.id,
        providerId: b.id,
        start: '2026-06-10T13:10:00Z',
        end: '2026-06-10T13:40:00Z',
        bufferBeforeMinutes: 5,
        bufferAfterMinutes: 25,
      },
      {
        serviceId: appt.id,
        providerId: b.id,
        start: '2026-06-11T16:40:00Z',
        end: '2026-06-11T17:10:00Z',
      },
    ];
    for (const r of rows) await insertBooking(app, owner.tenantId, r);
    await insertBusy(app, owner.tenantId, b.id, '2026-06-10T15:00:00Z', '2026-06-10T15:20:00Z');
    const snapshots = pgAvailabilitySnapshots(app.system.db.pool);
    const version = await pgAvailabilityVersions(app.system.db.pool).current(owner.tenantId);
    const now = at('2026-06-01T00:00:00Z');
    const window = {
      fromUtc: new Date('2026-06-09T23:00:00Z'),
      toUtc: new Date('2026-06-11T23:00:00Z'),
    };
    const identity = { email: null, phone: null };
    const slotsOf = (snap: Parameters<typeof engineInput>[0]) =>
      computeSlots({
        ...engineInput(snap, now),
        from: '2026-06-10',
        to: '2026-06-11',
        viewerTimeZone: 'Europe/London',
      });

    const pub = (await snapshots.load(owner.tenantId, { serviceId: appt.id, ...window }))!;
    const full = (await snapshots.loadForBooking(
      owner.tenantId,
      { serviceId: appt.id, ...window },
      identity,
    ))!;
    expect(pub.version).toBe(version);
    expect(full.dataVersion).toBeUndefined();
    // Every booking of the two providers, as its occupied range and nothing else.
    const occupied = (x: {
      start: number;
      end: number;
      bufferBeforeMinutes: number;
      bufferAfterMinutes: number;
    }) =>
      [x.start - x.bufferBeforeMinutes * 60_000, x.end + x.bufferAfterMinutes * 60_000] as const;
    expect(occupiedOf(pub.snapshot)).toEqual(
      full.snapshot.bookings
        .map((x) => [x.providerId, ...occupied(x)] as const)
        .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0])),
    );
    expect(occupiedOf(pub.snapshot)).toHaveLength(rows.length);
    expect(pub.snapshot.bookings).toEqual([]);
    const slots = slotsOf(pub.snapshot);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots).toEqual(slotsOf(full.snapshot));

    // A class counts seats per session of its own service: every column, as booking reads them.
    const pubClass = (await snapshots.load(owner.tenantId, { serviceId: cls.id, ...window }))!;
    const fullClass = (await snapshots.loadForBooking(
      owner.tenantId,
      { serviceId: cls.id, ...window },
      identity,
    ))!;
    expect(pubClass.version).toBe(version);
    expect(pubClass.snapshot.bookings).toEqual(fullClass.snapshot.bookings);
    expect(pubClass.snapshot.bookings.some((x) => x.serviceId === cls.id && x.seats === 2)).toBe(
      true,
    );
    expect(slotsOf(pubClass.snapshot)).toEqual(slotsOf(fullClass.snapshot));

    // An older release (11 arguments, during a rolling deploy) still reads absolute instants and
    // every column.
    const raw = await app.system.db.pool.query<{ s: string }>(
      'SELECT availability_snapshot($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) AS s',
      snapshotArgs(owner.tenantId, { serviceId: appt.id, ...window }, null),
    );
    const doc = JSON.parse(raw.rows[0]!.s) as {
      base: number;
      version?: unknown;
      bookings: { start: number[]; seats: number[] };
    };
    expect(doc.base).toBe(0);
    expect(doc.version).toBeNull();
    expect(doc.bookings.start).toContain(at('2026-06-10T13:10:00Z'));
    expect(doc.bookings.seats).toHaveLength(rows.length);

    // A write moves the version the next read brings.
    await insertBooking(app, owner.tenantId, {
      serviceId: appt.id,
      providerId: b.id,
      start: '2026-06-11T09:00:00Z',
      end: '2026-06-11T09:30:00Z',
    });
    const after = (await snapshots.load(owner.tenantId, { serviceId: appt.id, ...window }))!;
    expect(after.version).not.toBe(version);
    expect(after.version).toBe(
      await pgAvailabilityVersions(app.system.db.pool).current(owner.tenantId),
    );
  });

  it('split public reads (ADR 0024): the joined halves equal the whole document; a write between them tears them', async () => {
    const { owner, a, b, appt, cls } = await appointmentAndClass();
    for (const [providerId, start, end] of [
      [a.id, '2026-06-10T09:00:00Z', '2026-06-10T09:30:00Z'],
      [b.id, '2026-06-10T13:10:00Z', '2026-06-10T13:40:00Z'],
    ] as const)
      await insertBooking(app, owner.tenantId, { serviceId: appt.id, providerId, start, end });
    await insertBusy(app, owner.tenantId, b.id, '2026-06-10T15:00:00Z', '2026-06-10T15:20:00Z');
    // Five providers: the 'schedule' half reads the first fifth's bookings (a's), the other b's.
    const more = [];
    for (const sortOrder of [2, 3, 4]) {
      const p = await createProvider(app, owner, { sortOrder });
      await putHours(app, owner, p.id, everyDay('09:00', '17:00'));
      more.push(p.id);
    }
    const five = await createService(app, owner, {
      durationMinutes: 30,
      providerIds: [a.id, b.id, ...more],
    });
    const window = {
      fromUtc: new Date('2026-06-09T23:00:00Z'),
      toUtc: new Date('2026-06-11T23:00:00Z'),
    };
    const read = async (serviceId: string, part?: 'schedule' | 'occupied') => {
      const args = snapshotArgs(owner.tenantId, { serviceId, ...window }, null);
      const { rows } = await app.system.db.pool.query<{ s: string | null }>(
        part === undefined
          ? 'SELECT availability_snapshot($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true) AS s'
          : 'SELECT availability_snapshot($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true, $12) AS s',
        part === undefined ? args : [...args, part],
      );
      return rows[0]!.s;
    };
    const split = (a: string | null, b: string | null) =>
      parseSplitSnapshot([snapshotHalf(a), snapshotHalf(b)]);

    for (const [service, inSchedule] of [
      [appt, null], // two providers: a fifth is none
      [five, { occupied: true, provider: [0] }],
    ] as const) {
      const half = (await read(service.id, 'schedule'))!;
      expect(JSON.parse(half)).toMatchObject({ split: true, bookings: inSchedule });
      const joined = split(half, await read(service.id, 'occupied'));
      expect(joined).not.toBe('torn');
      expect(flat(joined)).toEqual(flat(parseSnapshot((await read(service.id))!)));
      expect(joined !== 'torn' && joined !== null && occupiedOf(joined.snapshot)).toHaveLength(2);
    }
    const schedule = (await read(appt.id, 'schedule'))!;

    // A class is not split: its 'schedule' half is the whole document, the other half nothing.
    expect(await read(cls.id, 'occupied')).toBeNull();
    expect(split(await read(cls.id, 'schedule'), null)).toEqual(
      parseSnapshot((await read(cls.id))!),
    );

    // A booking committed between the halves: they stand for different states, not joined.
    await insertBooking(app, owner.tenantId, {
      serviceId: appt.id,
      providerId: a.id,
      start: '2026-06-11T10:00:00Z',
      end: '2026-06-11T10:30:00Z',
    });
    expect(split(schedule, await read(appt.id, 'occupied'))).toBe('torn');
    expect(split(schedule, null)).toBe('torn');
    // What the app serves after a torn read: the whole document, the new booking in it.
    const loaded = (await pgAvailabilitySnapshots(app.system.db.pool).load(owner.tenantId, {
      serviceId: appt.id,
      ...window,
    }))!;
    expect(occupiedOf(loaded.snapshot)).toHaveLength(3);
  });
});
