import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from '../../src/domain/webhooks/schedule';
import { manualClock, ownerQuery } from '../bookings/fixtures';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { startReceiver, waitFor, type Receiver } from './receiver';

// The jobs runtime is NOT started here: the test is the scheduler, moving a fake clock and asking
// for a try at chosen instants, so the schedule is checked exactly and nothing depends on timing.
const T0 = '2030-03-01T12:00:00.000Z';
let app: TestApp;
let receiver: Receiver;
let secret = '';
const clock = manualClock(T0);
const at = (ms: number) => clock.set(new Date(Date.parse(T0) + ms).toISOString());

beforeAll(async () => {
  app = await startTestApp({ WEBHOOKS_ALLOW_LOOPBACK: 'true' }, { clock });
  receiver = await startReceiver(() => secret);
});
afterAll(async () => {
  await receiver?.close();
  await app?.close();
});

async function endpointWithTestDelivery() {
  at(0);
  const owner = await signupOwner(app);
  const ep = await app.http
    .post('/v1/admin/webhooks/endpoints')
    .set(owner.auth)
    .send({ url: receiver.url, events: ['booking.created'] });
  expect(ep.status, JSON.stringify(ep.body)).toBe(201);
  secret = ep.body.secret;
  const d = await app.http
    .post(`/v1/admin/webhooks/endpoints/${ep.body.endpoint.id}/test`)
    .set(owner.auth)
    .send({});
  expect(d.status, JSON.stringify(d.body)).toBe(202);
  return { owner, endpointId: ep.body.endpoint.id as string, deliveryId: d.body.id as string };
}

describe('retry schedule (fake clock)', () => {
  it('tries at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; never early; a 3xx is a failure and is not followed', async () => {
    const { owner, deliveryId } = await endpointWithTestDelivery();
    let n = 0;
    // Seven failures of different kinds (a redirect among them), then success.
    const failures = [500, 302, 503, 404, 429, 500, 301];
    receiver.respondWith(() => {
      const status = failures[n++];
      return status === undefined
        ? 200
        : status === 302 || status === 301
          ? { status, headers: { location: `${receiver.url}?followed=1` } }
          : status;
    });
    const before = receiver.all.length;
    let elapsed = 0;
    await app.system.webhooks.deliver(owner.tenantId, deliveryId);
    for (const delay of RETRY_DELAYS_MS) {
      const sent = receiver.all.length;
      at(elapsed + delay - 1); // one millisecond early: nothing happens
      await app.system.webhooks.deliver(owner.tenantId, deliveryId);
      expect(receiver.all.length).toBe(sent);
      elapsed += delay;
      at(elapsed);
      await app.system.webhooks.deliver(owner.tenantId, deliveryId);
      expect(receiver.all.length).toBe(sent + 1);
    }
    expect(receiver.all.length - before).toBe(MAX_ATTEMPTS);
    expect(receiver.all.filter((r) => r.url.includes('followed'))).toEqual([]);

    const r = await app.http.get(`/v1/admin/webhooks/deliveries/${deliveryId}`).set(owner.auth);
    expect(r.body.status).toBe('succeeded');
    expect(r.body.attempts).toBe(MAX_ATTEMPTS);
    const starts = r.body.attemptLog.map(
      (a: { startedAt: string }) => Date.parse(a.startedAt) - Date.parse(T0),
    );
    const expectedStarts = RETRY_DELAYS_MS.reduce<number[]>(
      (acc, d) => [...acc, acc[acc.length - 1]! + d],
      [0],
    );
    expect(starts).toEqual(expectedStarts);
    expect(r.body.attemptLog.map((a: { responseStatus: number }) => a.responseStatus)).toEqual([
      ...failures,
      200,
    ]);
    // The endpoint was failing and is healthy again.
    const ep = await ownerQuery<{ failing_since: Date | null; active: boolean }>(
      app,
      'SELECT failing_since, active FROM webhook_endpoints WHERE tenant_id = $1',
      [owner.tenantId],
    );
    expect(ep[0]).toEqual({ failing_since: null, active: true });
  });

  it('gives up after the eighth failure', async () => {
    const { owner, deliveryId } = await endpointWithTestDelivery();
    receiver.respondWith(() => 500);
    let elapsed = 0;
    await app.system.webhooks.deliver(owner.tenantId, deliveryId);
    for (const delay of RETRY_DELAYS_MS) {
      elapsed += delay;
      at(elapsed);
      await app.system.webhooks.deliver(owner.tenantId, deliveryId);
    }
    const sent = receiver.all.length;
    at(elapsed + 30 * 86_400_000);
    await app.system.webhooks.deliver(owner.tenantId, deliveryId);
    await app.system.webhooks.sweep();
    expect(receiver.all.length).toBe(sent);
    const r = await app.http.get(`/v1/admin/webhooks/deliveries/${deliveryId}`).set(owner.auth);
    expect(r.body).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      nextAttemptAt: null,
      lastError: 'HTTP 500',
    });
  });

  it('410 Gone disables the endpoint at once', async () => {
    const { owner, endpointId, deliveryId } = await endpointWithTestDelivery();
    receiver.respondWith(() => 410);
    await app.system.webhooks.deliver(owner.tenantId, deliveryId);
    const ep = await app.http.get(`/v1/admin/webhooks/endpoints/${endpointId}`).set(owner.auth);
    expect(ep.body).toMatchObject({
      enabled: false,
      disabledReason: 'The endpoint answered 410 Gone',
    });
    const r = await app.http.get(`/v1/admin/webhooks/deliveries/${deliveryId}`).set(owner.auth);
    expect(r.body.status).toBe('failed');
  });

  it('an endpoint failing for 5 days is disabled and the business is emailed', async () => {
    const { owner, endpointId } = await endpointWithTestDelivery();
    receiver.respondWith(() => 500);
    const tryTest = async (ms: number) => {
      at(ms);
      const d = await app.http
        .post(`/v1/admin/webhooks/endpoints/${endpointId}/test`)
        .set(owner.auth)
        .send({});
      expect(d.status, JSON.stringify(d.body)).toBe(202);
      await app.system.webhooks.deliver(owner.tenantId, d.body.id);
    };
    await tryTest(1_000);
    await tryTest(4 * 86_400_000);
    let ep = await app.http.get(`/v1/admin/webhooks/endpoints/${endpointId}`).set(owner.auth);
    expect(ep.body.enabled).toBe(true);
    expect(ep.body.failingSince).not.toBeNull();
    await tryTest(5 * 86_400_000 + 1_000);
    ep = await app.http.get(`/v1/admin/webhooks/endpoints/${endpointId}`).set(owner.auth);
    expect(ep.body).toMatchObject({
      enabled: false,
      disabledReason: 'Every delivery failed for 5 days',
    });
    const mail = await waitFor('the email', async () => {
      const rows = await ownerQuery<{ to: string; template: string; text_body: string }>(
        app,
        'SELECT "to", template, text_body FROM email_messages WHERE tenant_id = $1 AND template = \'webhook.endpoint_disabled\'',
        [owner.tenantId],
      );
      return rows.length ? rows : null;
    });
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toBe(owner.email);
    expect(mail[0]!.text_body).toContain(receiver.url);
    // Disabled: nothing more is sent, and redelivery says why.
    const sent = receiver.all.length;
    const more = await app.http
      .post(`/v1/admin/webhooks/endpoints/${endpointId}/test`)
      .set(owner.auth)
      .send({});
    expect(more.status).toBe(409);
    expect(receiver.all.length).toBe(sent);
  });
});
