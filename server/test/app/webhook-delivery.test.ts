import { describe, expect, it } from 'vitest';
import { WEBHOOK_HEADERS } from '@slotwise/contracts';
import { webhookDelivery } from '../../src/app/webhooks/delivery';
import { RETRY_DELAYS_MS } from '../../src/domain/webhooks/schedule';
import type {
  SecretBox,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
} from '../../src/ports/webhooks';
import { tenant } from '../support/in-memory/booking-ports';
import {
  manualClock,
  memoryJobQueue,
  memoryMailer,
  memoryWebhookStore,
  scriptedSender,
} from '../support/in-memory/webhooks';

const T0 = new Date('2026-06-01T00:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Secrets stored as given: these tests are about scheduling, not sealing. */
const plainBox: SecretBox = { seal: (s) => s, open: (s) => s };

const endpoint = (over: Partial<WebhookEndpointRecord> = {}): WebhookEndpointRecord => ({
  id: 'ep1',
  tenantId: 't1',
  url: 'https://hooks.example/in',
  description: '',
  events: ['booking.created'],
  active: true,
  disabledReason: null,
  failingSince: null,
  secretCiphertext: `whsec_${Buffer.from('k'.repeat(32)).toString('base64')}`,
  previousSecretCiphertext: null,
  previousSecretExpiresAt: null,
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

const delivery = (
  id: string,
  seq: bigint,
  over: Partial<WebhookDeliveryRecord> = {},
): WebhookDeliveryRecord => ({
  id,
  tenantId: 't1',
  endpointId: 'ep1',
  eventId: `evt_${id}`,
  eventType: 'booking.created',
  eventSeq: seq,
  orderKey: 'booking:b1',
  payload: { type: 'booking.created', data: { id: 'b1' } },
  status: 'pending',
  attempts: 0,
  nextAttemptAt: T0,
  responseStatus: null,
  lastError: null,
  deliveredAt: null,
  createdAt: T0,
  ...over,
});

function setup(statuses: (number | null)[], ep: Partial<WebhookEndpointRecord> = {}) {
  const store = memoryWebhookStore(tenant({ email: 'owner@acme.example' }));
  store.endpoints.set('ep1', endpoint(ep));
  store.deliveries.set('d1', delivery('d1', 1n));
  store.deliveries.set('d2', delivery('d2', 2n, { nextAttemptAt: null }));
  const time = manualClock(T0);
  const q = memoryJobQueue();
  const mail = memoryMailer();
  const http = scriptedSender(statuses);
  const wh = webhookDelivery({
    uow: store.uow,
    clock: time.clock,
    sender: http.sender,
    secrets: plainBox,
    queue: q.queue,
    mailer: mail.mailer,
    stalled: { find: async () => [] },
  });
  const d1 = () => store.deliveries.get('d1');
  const ep1 = () => store.endpoints.get('ep1');
  return { store, time, q, mail, http, wh, d1, ep1 };
}

describe('webhook delivery against in-memory ports', () => {
  it('signs and sends a due delivery, marks it succeeded and queues the next of its order key', async () => {
    const s = setup([204]);
    await s.wh.deliver('t1', 'd1');
    expect(s.http.requests).toHaveLength(1);
    expect(s.http.requests[0]?.headers[WEBHOOK_HEADERS.id]).toBe('evt_d1');
    expect(s.http.requests[0]?.headers[WEBHOOK_HEADERS.signature]).toMatch(/^v1,/);
    expect(s.d1()).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      nextAttemptAt: null,
      deliveredAt: T0,
    });
    expect(s.q.jobs.map((j) => j.jobId)).toEqual(['whd-d2-0-after-d1']);
  });

  it('retries a failure on the Standard Webhooks schedule and fails it for good after the eighth attempt', async () => {
    const s = setup(Array<number>(8).fill(500));
    const delays: (number | undefined)[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      await s.wh.deliver('t1', 'd1');
      expect(s.d1()?.attempts).toBe(attempt);
      const job = s.q.jobs.at(-1);
      if (attempt < 8) {
        expect(s.d1()?.status).toBe('pending');
        expect(job?.jobId).toBe(`whd-d1-${attempt}-retry`);
        delays.push(job?.delayMs);
        expect(s.d1()?.nextAttemptAt?.getTime()).toBe(
          s.time.clock.now().getTime() + (job?.delayMs ?? NaN),
        );
        // Not due yet: a try now (a duplicate job) does nothing.
        await s.wh.deliver('t1', 'd1');
        expect(s.http.requests).toHaveLength(attempt);
        s.time.advance(job?.delayMs ?? 0);
      }
    }
    expect(delays).toEqual([...RETRY_DELAYS_MS]);
    expect(s.d1()).toMatchObject({ status: 'failed', nextAttemptAt: null, lastError: 'HTTP 500' });
    // Its turn is over: the next delivery of the booking may go; the endpoint stays enabled (27.6 h < 5 days).
    expect(s.q.jobs.at(-1)?.jobId).toBe('whd-d2-0-after-d1');
    expect(s.ep1()).toMatchObject({ active: true, failingSince: T0 });
  });

  it('treats no response and a redirect as failures, and clears failingSince on the next success', async () => {
    const s = setup([null, 302, 200]);
    await s.wh.deliver('t1', 'd1');
    expect(s.d1()).toMatchObject({ status: 'pending', lastError: 'connection refused' });
    expect(s.ep1()?.failingSince).toEqual(T0);
    s.time.advance(RETRY_DELAYS_MS[0] ?? 0);
    await s.wh.deliver('t1', 'd1');
    expect(s.d1()).toMatchObject({ status: 'pending', lastError: 'HTTP 302' });
    // The outage began at the first failure, not the latest.
    expect(s.ep1()?.failingSince).toEqual(T0);
    s.time.advance(RETRY_DELAYS_MS[1] ?? 0);
    await s.wh.deliver('t1', 'd1');
    expect(s.d1()?.status).toBe('succeeded');
    expect(s.ep1()?.failingSince).toBeNull();
  });

  it('disables an endpoint failing for 5 days, fails its pending deliveries and emails the tenant once', async () => {
    const s = setup([500], { failingSince: new Date(T0.getTime() - 5 * DAY) });
    await s.wh.deliver('t1', 'd1');
    expect(s.ep1()).toMatchObject({
      active: false,
      disabledReason: 'Every delivery failed for 5 days',
    });
    expect(s.store.deliveries.get('d2')).toMatchObject({
      status: 'failed',
      lastError: 'Endpoint disabled: Every delivery failed for 5 days',
    });
    expect(s.mail.sent.map((m) => [m.to, m.template])).toEqual([
      ['owner@acme.example', 'webhook.endpoint_disabled'],
    ]);
    // Nothing more goes to a disabled endpoint.
    s.store.deliveries.set('d3', delivery('d3', 3n));
    await s.wh.deliver('t1', 'd3');
    expect(s.http.requests).toHaveLength(1);
    expect(s.store.deliveries.get('d3')?.status).toBe('pending');
  });

  it('keeps an endpoint failing for just under 5 days enabled', async () => {
    const s = setup([500], { failingSince: new Date(T0.getTime() - 5 * DAY + 1) });
    await s.wh.deliver('t1', 'd1');
    expect(s.ep1()?.active).toBe(true);
    expect(s.d1()?.status).toBe('pending');
    expect(s.mail.sent).toEqual([]);
  });

  it('stops on 410 Gone: endpoint disabled, pending deliveries failed, no outage email', async () => {
    const s = setup([410]);
    await s.wh.deliver('t1', 'd1');
    expect(s.d1()).toMatchObject({ status: 'failed', attempts: 1 });
    expect(s.ep1()).toMatchObject({
      active: false,
      disabledReason: 'The endpoint answered 410 Gone',
    });
    expect(s.store.deliveries.get('d2')?.status).toBe('failed');
    expect(s.mail.sent).toEqual([]);
    expect(s.q.jobs.filter((j) => j.jobId.includes('retry'))).toEqual([]);
  });
});
