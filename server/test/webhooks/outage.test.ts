import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../bookings/fixtures';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { startReceiver, waitFor, type Received, type Receiver } from './receiver';

// Starts at the real time: replay's `since` is compared with when events were stored (database time).
const clock = manualClock(new Date().toISOString());
const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms).toISOString());
let app: TestApp;
let receiver: Receiver;
const secrets: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ WEBHOOKS_ALLOW_LOOPBACK: 'true' }, { clock });
  receiver = await startReceiver(() => secrets);
  await app.system.jobs.start();
});
afterAll(async () => {
  await receiver?.close();
  await app?.close();
});

type Owner = Awaited<ReturnType<typeof signupOwner>>;

async function setup() {
  const owner = await signupOwner(app);
  const ep = await app.http
    .post('/v1/admin/webhooks/endpoints')
    .set(owner.auth)
    .send({
      url: receiver.url,
      events: ['customer.created', 'customer.updated', 'customer.erased'],
    });
  expect(ep.status).toBe(201);
  secrets.push(ep.body.secret);
  return { owner, endpointId: ep.body.endpoint.id as string };
}

/** Per customer: created, updated ×2, in that order. Returns customer id → expected event count. */
async function churn(owner: Owner, n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = await app.http
      .post('/v1/admin/customers')
      .set(owner.auth)
      .send({ name: `C${i}` });
    expect(c.status).toBe(201);
    ids.push(c.body.id);
  }
  for (const round of [1, 2]) {
    for (const id of ids)
      expect(
        (
          await app.http
            .patch(`/v1/admin/customers/${id}`)
            .set(owner.auth)
            .send({ name: `C ${round}` })
        ).status,
      ).toBe(200);
  }
  return ids;
}

const mine = (owner: Owner, rs: Received[]) =>
  rs.filter((r) => r.event && r.event.tenantId === owner.tenantId);

function expectOnceInOrder(got: Received[], customers: string[], types: string[]) {
  const ids = got.map((r) => r.id);
  expect(new Set(ids).size, 'no event accepted twice').toBe(ids.length);
  for (const c of customers) {
    expect(
      got.filter((r) => r.event!.data.customerId === c).map((r) => r.event!.type),
      c,
    ).toEqual(types);
  }
}

describe('receiver outage', () => {
  it('down for a while, then up: gets everything on the retry schedule, in order per subject, once', async () => {
    const { owner } = await setup();
    receiver.respondWith(() => 503);
    const customers = await churn(owner, 4);
    // Only the head of each customer's sequence is tried while it fails: the rest wait their turn.
    await waitFor('first attempts', () => mine(owner, receiver.all).length >= customers.length);
    await new Promise((r) => setTimeout(r, 300));
    expect(mine(owner, receiver.all)).toHaveLength(customers.length);
    expect(mine(owner, receiver.all).every((r) => r.event!.type === 'customer.created')).toBe(true);

    receiver.respondWith(() => 200);
    // The fake clock moves past the 5 s retry; the sweeper (or the retry job) sends again.
    advance(60_000);
    await waitFor(
      'everything',
      () => mine(owner, receiver.accepted()).length >= customers.length * 3,
    );
    await app.system.webhooks.sweep();
    await new Promise((r) => setTimeout(r, 500));
    expectOnceInOrder(mine(owner, receiver.accepted()), customers, [
      'customer.created',
      'customer.updated',
      'customer.updated',
    ]);
  });

  it('after an outage that outlived the retries (endpoint disabled, deliveries failed), replay sends what was missed, in order, once', async () => {
    const { owner, endpointId } = await setup();
    receiver.respondWith(() => 200);
    const before = await churn(owner, 1);
    await waitFor('before the outage', () => mine(owner, receiver.accepted()).length >= 3);
    const since = new Date(Date.now() - 1_000).toISOString();

    // The receiver breaks; deliveries fail and are given up (fast-forwarded), the admin disables the
    // endpoint, and events keep happening meanwhile (no delivery rows for a disabled endpoint).
    receiver.respondWith(() => 500);
    const during = await churn(owner, 2);
    await waitFor(
      'failing attempts',
      () => mine(owner, receiver.all).filter((r) => r.status === 500).length >= 2,
    );
    for (let i = 0; i < 10; i++) {
      advance(11 * 3_600_000);
      for (const d of (
        await app.http.get('/v1/admin/webhooks/deliveries?status=pending&limit=200').set(owner.auth)
      ).body.items) {
        await app.system.webhooks.deliver(owner.tenantId, d.id);
      }
    }
    const failed = (
      await app.http.get('/v1/admin/webhooks/deliveries?status=failed&limit=200').set(owner.auth)
    ).body.items;
    expect(failed.length).toBeGreaterThan(0);
    expect(
      (
        await app.http
          .patch(`/v1/admin/webhooks/endpoints/${endpointId}`)
          .set(owner.auth)
          .send({ enabled: false })
      ).status,
    ).toBe(200);
    const whileDisabled = await churn(owner, 1);

    receiver.respondWith(() => 200);
    // The replay re-enables the endpoint and sends everything missed.
    const acceptedBefore = mine(owner, receiver.accepted()).length;
    const replay = await app.http
      .post(`/v1/admin/webhooks/endpoints/${endpointId}/replay`)
      .set(owner.auth)
      .send({ since });
    expect(replay.status, JSON.stringify(replay.body)).toBe(202);
    expect(replay.body.queued).toBe((during.length + whileDisabled.length) * 3);
    expect(
      (await app.http.get(`/v1/admin/webhooks/endpoints/${endpointId}`).set(owner.auth)).body,
    ).toMatchObject({ enabled: true, disabledReason: null });
    await waitFor(
      'the replay',
      () => mine(owner, receiver.accepted()).length >= acceptedBefore + replay.body.queued,
    );
    await app.system.webhooks.sweep();
    await new Promise((r) => setTimeout(r, 500));

    const got = mine(owner, receiver.accepted());
    expect(got).toHaveLength(3 * (before.length + during.length + whileDisabled.length));
    expectOnceInOrder(
      got,
      [...before, ...during, ...whileDisabled],
      ['customer.created', 'customer.updated', 'customer.updated'],
    );
    // A second replay finds nothing unacknowledged.
    const again = await app.http
      .post(`/v1/admin/webhooks/endpoints/${endpointId}/replay`)
      .set(owner.auth)
      .send({ since });
    expect(again.body.queued).toBe(0);
  });
});
