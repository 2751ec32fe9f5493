import { verifyAndParse, type WebhookEvent } from '../../../packages/sdk/src';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, book, catalogue, ownerQuery, startBookingApp } from '../bookings/fixtures';
import { signupOwner, type TestApp } from '../support/test-app';
import { startReceiver, waitFor, type Receiver } from './receiver';

let app: TestApp;
let clock: ReturnType<typeof import('../bookings/fixtures').manualClock>;
let receiver: Receiver;
let secret = '';

beforeAll(async () => {
  ({ app, clock } = await startBookingApp({ WEBHOOKS_ALLOW_LOOPBACK: 'true' }));
  receiver = await startReceiver(() => secret);
});
afterAll(async () => {
  await receiver?.close();
  await app?.close();
});

describe('an integrator receiver written from the docs, over a scripted day of bookings', () => {
  it(
    'gets every event signed (verified by the standardwebhooks package), typed, in order per booking, once, without secrets',
    { timeout: 120_000 },
    async () => {
      const owner = await signupOwner(app);
      const created = await app.http
        .post('/v1/admin/webhooks/endpoints')
        .set(owner.auth)
        .send({
          url: receiver.url,
          description: 'CRM sync',
          events: [
            'booking.created',
            'booking.confirmed',
            'booking.approved',
            'booking.declined',
            'booking.rescheduled',
            'booking.cancelled',
            'booking.checked_in',
            'booking.completed',
            'booking.no_show',
            'customer.created',
            'customer.updated',
            'customer.erased',
          ],
        });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      secret = created.body.secret;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
      // Never stored in clear.
      const [stored] = await ownerQuery<{ secret_ciphertext: string }>(
        app,
        'SELECT secret_ciphertext FROM webhook_endpoints',
      );
      expect(stored!.secret_ciphertext).not.toContain(secret.slice(6, 20));

      const instant = await catalogue(app, owner, { name: 'Haircut' });
      const approval = await catalogue(app, owner, { name: 'Colour', requiresApproval: true });
      const act = async (id: string, action: string, body: Record<string, unknown> = {}) => {
        const r = await app.http
          .post(`/v1/admin/bookings/${id}/${action}`)
          .set(owner.auth)
          .send(body);
        expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
      };

      const b1 = await book(app, owner, instant.serviceId, at(1, '10:00'));
      const b2 = await book(app, owner, approval.serviceId, at(1, '11:00'));
      const b3 = await book(app, owner, approval.serviceId, at(1, '13:00'));
      const b4 = await book(app, owner, instant.serviceId, at(1, '15:00'));
      await act(b2.id, 'approve');
      await act(b3.id, 'decline', { reason: 'Fully booked' });
      await act(b1.id, 'reschedule', { start: at(2, '10:00') });
      clock.set(at(1, '11:05'));
      await act(b2.id, 'check-in');
      await act(b2.id, 'complete');
      clock.set(at(1, '15:30'));
      await act(b4.id, 'no-show');
      await act(b1.id, 'cancel', { reason: 'Customer moved away' });
      const c = await app.http
        .post('/v1/admin/customers')
        .set(owner.auth)
        .send({ name: 'Walk In', email: 'walkin@example.com' });
      expect(c.status).toBe(201);
      expect(
        (
          await app.http
            .patch(`/v1/admin/customers/${c.body.id}`)
            .set(owner.auth)
            .send({ name: 'Walk In Again' })
        ).status,
      ).toBe(200);
      expect(
        (await app.http.post(`/v1/admin/customers/${c.body.id}/erase`).set(owner.auth).send({}))
          .status,
      ).toBe(200);

      const expected: Record<string, string[]> = {
        [b1.id]: [
          'booking.created',
          'booking.confirmed',
          'booking.rescheduled',
          'booking.cancelled',
        ],
        [b2.id]: [
          'booking.created',
          'booking.confirmed',
          'booking.approved',
          'booking.checked_in',
          'booking.completed',
        ],
        [b3.id]: ['booking.created', 'booking.cancelled', 'booking.declined'],
        [b4.id]: ['booking.created', 'booking.confirmed', 'booking.no_show'],
        [c.body.id]: ['customer.created', 'customer.updated', 'customer.erased'],
      };
      const total = Object.values(expected).flat().length;

      await app.system.jobs.start();
      await waitFor('every event', () => receiver.accepted().length >= total).catch(async (err) => {
        const rows = await ownerQuery(
          app,
          'SELECT event_type, status, attempts, last_error, next_attempt_at, locked_until FROM webhook_deliveries ORDER BY event_seq',
        );
        const outbox = await ownerQuery(
          app,
          'SELECT id, topic, dispatched_at, last_error FROM outbox_events ORDER BY id',
        );
        throw new Error(
          `${(err as Error).message}: received ${receiver.all.length}; ${JSON.stringify({ rows, outbox })}`,
        );
      });
      // A second outbox pass and a sweep find nothing more to send.
      await app.system.jobs.dispatcher.dispatchOnce();
      await app.system.webhooks.sweep();
      await new Promise((r) => setTimeout(r, 300));

      expect(
        receiver.all.every((r) => r.event !== null),
        'every delivery verifies with standardwebhooks',
      ).toBe(true);
      const got = receiver.accepted();
      expect(got).toHaveLength(total);
      expect(new Set(got.map((r) => r.id)).size).toBe(total);

      const events: WebhookEvent[] = [];
      for (const r of got) {
        // The SDK's typed parse agrees with the independent verifier.
        const e = await verifyAndParse(r.body, r.headers as Record<string, string>, secret);
        expect(e.id).toBe(r.event!.id);
        expect(r.headers['webhook-id']).toBe(e.id);
        expect(e.tenantId).toBe(owner.tenantId);
        expect(r.body).not.toMatch(/manage/i);
        events.push(e);
      }
      const subjectOf = (e: WebhookEvent) =>
        'booking' in e.data ? e.data.booking.id : 'customerId' in e.data ? e.data.customerId : null;
      for (const [subject, types] of Object.entries(expected)) {
        expect(
          events.filter((e) => subjectOf(e) === subject).map((e) => e.type),
          subject,
        ).toEqual(types);
      }
      const resched = events.find((e) => e.type === 'booking.rescheduled');
      if (resched?.type !== 'booking.rescheduled') throw new Error('no reschedule event');
      expect(resched.data.previous.start).toBe(at(1, '10:00'));
      expect(resched.data.booking.start).toBe(at(2, '10:00'));
      const declined = events.find((e) => e.type === 'booking.declined');
      expect(declined?.type === 'booking.declined' && declined.data.reason).toBe('Fully booked');

      // The delivery log has one successful attempt per delivery, with status and duration.
      const list = await app.http.get('/v1/admin/webhooks/deliveries?limit=200').set(owner.auth);
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(total);
      expect(
        list.body.items.every(
          (d: { status: string; attempts: number }) => d.status === 'succeeded' && d.attempts === 1,
        ),
      ).toBe(true);
      const one = await app.http
        .get(`/v1/admin/webhooks/deliveries/${list.body.items[0].id}`)
        .set(owner.auth);
      expect(one.status).toBe(200);
      expect(one.body.attemptLog).toHaveLength(1);
      expect(one.body.attemptLog[0]).toMatchObject({
        attempt: 1,
        responseStatus: 200,
        responseExcerpt: 'ok 200',
        error: null,
      });
    },
  );
});
