import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEASE_MS, SWEEP_GRACE_MS } from '../../src/app/webhooks/delivery';
import { manualClock } from '../bookings/fixtures';
import { ownerQuery } from '../foundation/helpers';
import { spawnEntry, type Child } from '../support/child-process';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { startReceiver, waitFor, type Receiver } from './receiver';

const clock = manualClock(new Date().toISOString());
let app: TestApp;
let receiver: Receiver;
let child: Child | undefined;
let secret = '';

beforeAll(async () => {
  app = await startTestApp({ WEBHOOKS_ALLOW_LOOPBACK: 'true' }, { clock });
  receiver = await startReceiver(() => secret);
});
afterAll(async () => {
  await child?.kill9();
  await receiver?.close();
  await app?.close();
});

describe('a worker killed with SIGKILL mid-delivery', () => {
  it(
    'loses nothing: the leased delivery stays pending and another worker sends it once the lease ran out',
    { timeout: 120_000 },
    async () => {
      const owner = await signupOwner(app);
      const ep = await app.http
        .post('/v1/admin/webhooks/endpoints')
        .set(owner.auth)
        .send({ url: receiver.url, events: ['customer.created'] });
      secret = ep.body.secret;
      let firstArrived = false;
      receiver.respondWith(() => {
        if (!firstArrived) {
          firstArrived = true;
          return 'hang';
        }
        return 200;
      });
      const c = await app.http.post('/v1/admin/customers').set(owner.auth).send({ name: 'Ada' });
      expect(c.status).toBe(201);

      // The child worker (a separate process) dispatches the outbox and starts the delivery; the
      // receiver holds the request open, and the child is killed while it waits for the answer.
      // spawnEntry: the test app's JWT secret, PUBLIC_URL and SECRETS_KEY (the child unseals the
      // endpoint secret with the same keyed secrets).
      child = spawnEntry('test/webhooks/worker-child.ts', {
        DATABASE_URL: app.db.url,
        WEBHOOKS_ALLOW_LOOPBACK: 'true',
        REDIS_URL: '',
      });
      await waitFor('the request in flight', () => firstArrived, 60_000);
      await child.kill9();

      const [row] = await ownerQuery<{
        status: string;
        attempts: number;
        locked_until: Date | null;
        id: string;
      }>(
        app,
        'SELECT id, status, attempts, locked_until FROM webhook_deliveries WHERE tenant_id = $1',
        [owner.tenantId],
      );
      expect(row).toMatchObject({ status: 'pending', attempts: 0 });
      expect(row!.locked_until).not.toBeNull();

      // Another worker: before the lease runs out it leaves the delivery alone ...
      await app.system.jobs.start();
      await app.system.webhooks.sweep();
      await app.system.webhooks.deliver(owner.tenantId, row!.id);
      expect(receiver.all).toHaveLength(1);
      // ... after it, the sweeper queues it again and it is delivered.
      clock.set(new Date(row!.locked_until!.getTime() + SWEEP_GRACE_MS + 1_000).toISOString());
      expect(LEASE_MS).toBeGreaterThan(15_000);
      await waitFor(
        'the redelivery',
        async () => {
          const [d] = await ownerQuery<{ status: string }>(
            app,
            'SELECT status FROM webhook_deliveries WHERE id = $1',
            [row!.id],
          );
          return d?.status === 'succeeded';
        },
        60_000,
      );
      // At least once: the same webhook-id twice (the receiver deduplicates on it), acknowledged once.
      expect(receiver.all.map((r) => r.id)).toEqual([receiver.all[0]!.id, receiver.all[0]!.id]);
      expect(receiver.accepted()).toHaveLength(1);
      expect(receiver.accepted()[0]!.event!.type).toBe('customer.created');
    },
  );
});
