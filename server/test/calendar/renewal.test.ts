import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeGoogle } from '../support/fake-google/server';
import type { TestApp } from '../support/test-app';
import { at, busyRows, connect, startSyncSuite, timed, waitFor, type Owner } from './helpers';

let app: TestApp;
let fake: FakeGoogle;
let clock: { now(): Date; set(iso: string): void };
let owner: Owner;
let providerId = '';
let calendar = '';

beforeAll(async () => {
  ({ app, fake, clock, owner, providerId, calendar } = await startSyncSuite());
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

const live = () => fake.channels.filter((c) => c.calendarId === calendar && !c.stopped);
const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms).toISOString());

describe('push channel renewal', () => {
  it(
    'two syncs renewing at once (the first outlived its lease) leave one live channel, the one pushes reach',
    { timeout: 60_000 },
    async () => {
      const { connection } = await connect(app, fake, owner, providerId);
      await waitFor('the first channel', () => live().length === 1);
      const [old] = live();
      const sync = () => app.system.services.calendar.syncConnection(owner.tenantId, connection.id);

      // Within a day of expiry: the first sync's watch call is slow at Google ...
      later(6.5 * 86_400_000);
      const held = fake.holdNext(/^POST \/calendar\/v3\/calendars\/[^/]+\/events\/watch$/);
      const first = sync();
      await held.arrived;
      // ... for longer than its lease, so the next sync runs beside it and renews too.
      later(3 * 60_000);
      await sync();
      held.release();
      await first;

      const channels = live();
      expect(channels).toHaveLength(1);
      expect(old!.stopped).toBe(true);
      // The surviving channel is the one the app keeps: a change pushed on it is synced.
      await fake.upsertEvent(calendar, timed('pushed', at(1, '09:00'), at(1, '10:00')));
      await waitFor('the pushed event as busy time', async () =>
        (await busyRows(app, owner)).some((r) => r.external_id.endsWith(' pushed')),
      );
      expect(fake.channels.filter((c) => c.calendarId === calendar)).toHaveLength(3);
    },
  );
});
