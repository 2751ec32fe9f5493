import { describe, expect, it } from 'vitest';
import { availabilityService } from '../../src/app/availability';
import type { AvailabilitySnapshot, TenantRecord } from '../../src/ports/records';
import type {
  AvailabilitySnapshots,
  AvailabilityVersions,
  Directory,
} from '../../src/ports/repositories';

const TENANT = '11111111-1111-4111-8111-111111111111';
const SERVICE = '22222222-2222-4222-8222-222222222222';

/** A service with no provider: an empty answer, cacheable until the data changes. */
const snapshot = {
  tenantTimeZone: 'UTC',
  service: {
    id: SERVICE,
    active: true,
    durationMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    capacity: 1,
    minNoticeMinutes: 0,
    maxAdvanceDays: 365,
    slotIntervalMinutes: null,
    slotPlacement: 'grid',
    limits: {},
  },
  providers: [],
  rules: [],
  overrides: [],
  blackouts: [],
  bookings: [],
  busy: [],
  loads: [],
} as unknown as AvailabilitySnapshot;

/** The database: its current version, and how often each read ran. */
function fakes(withVersion: boolean) {
  const db = { version: 7, versionReads: 0, snapshotReads: 0, tenantReads: 0 };
  const versions: AvailabilityVersions = {
    async current() {
      db.versionReads++;
      return String(db.version);
    },
  };
  const snapshots: AvailabilitySnapshots = {
    async load() {
      db.snapshotReads++;
      return withVersion ? { snapshot, version: String(db.version) } : { snapshot };
    },
    loadForBooking: () => Promise.reject(new Error('not here')),
  };
  const directory = {
    findTenantBySlug: async () => {
      db.tenantReads++;
      return { id: TENANT, timeZone: 'UTC' } as TenantRecord;
    },
  } as unknown as Directory;
  const clock = { now: () => new Date('2026-06-01T00:00:00Z') };
  const service = availabilityService({ snapshots, directory, clock, versions });
  const render = () => Buffer.from('{}');
  const ask = (from: string, zone: string | null = 'UTC') =>
    service.publicSlotsBytes(
      'shop',
      { serviceId: SERVICE, from, to: from, timezone: zone ?? undefined },
      render,
    );
  return { db, ask };
}

describe('public availability: round trips per request', () => {
  it('reads the version only to validate an entry; a key with none takes it from its snapshot', async () => {
    const { db, ask } = fakes(true);
    await ask('2026-06-10'); // first key: one read, the snapshot with its version
    expect(db).toMatchObject({ versionReads: 0, snapshotReads: 1 });
    await ask('2026-06-10'); // an entry: the version validates it, no snapshot
    expect(db).toMatchObject({ versionReads: 1, snapshotReads: 1 });
    await ask('2026-06-11'); // another key, no entry: the snapshot alone
    expect(db).toMatchObject({ versionReads: 1, snapshotReads: 2 });
    db.version = 8; // any committed change
    await ask('2026-06-10'); // the entry is stale: recomputed
    expect(db).toMatchObject({ versionReads: 2, snapshotReads: 3 });
    await ask('2026-06-10'); // and stored under the version its snapshot was read at
    expect(db).toMatchObject({ versionReads: 3, snapshotReads: 3 });
  });

  it('never caches an answer whose snapshot came without a version', async () => {
    const { db, ask } = fakes(false);
    await ask('2026-06-10');
    await ask('2026-06-10');
    expect(db).toMatchObject({ versionReads: 0, snapshotReads: 2 });
  });

  it('reads the tenant row for an unknown slug or the business zone, not for a known slug and a given zone', async () => {
    const { db, ask } = fakes(true);
    await ask('2026-06-10'); // the slug is new: its row gives the tenant id
    expect(db).toMatchObject({ tenantReads: 1, snapshotReads: 1 });
    await ask('2026-06-11'); // a miss of a known slug in the viewer's zone: the snapshot alone
    expect(db).toMatchObject({ tenantReads: 1, snapshotReads: 2 });
    await ask('2026-06-12', null); // in the business zone, which only the row knows first
    expect(db).toMatchObject({ tenantReads: 2, snapshotReads: 3 });
  });
});
