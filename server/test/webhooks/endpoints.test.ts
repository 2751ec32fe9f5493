import { MAX_WEBHOOK_ENDPOINTS } from '@slotwise/contracts';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Slotwise, ValidationError, verifyWebhook } from '../../../packages/sdk/src';
import { manualClock } from '../bookings/fixtures';
import { addMember, createApiKey, expectError, ownerQuery } from '../foundation/helpers';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { startReceiver, type Receiver } from './receiver';

const clock = manualClock(new Date().toISOString());
let app: TestApp;
let receiver: Receiver;
let secrets: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ WEBHOOKS_ALLOW_LOOPBACK: 'true' }, { clock });
  receiver = await startReceiver(() => secrets);
});
afterAll(async () => {
  await receiver?.close();
  await app?.close();
});

const base = '/v1/admin/webhooks/endpoints';

describe('webhook endpoints API', () => {
  it('creates (secret once), lists, gets, updates, disables, deletes; secrets never come back', async () => {
    const owner = await signupOwner(app);
    const created = await app.http
      .post(base)
      .set(owner.auth)
      .send({
        url: receiver.url,
        description: ' CRM ',
        events: ['booking.created', 'booking.created', 'customer.erased'],
      });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { endpoint, secret } = created.body;
    expect(endpoint).toMatchObject({
      url: receiver.url,
      description: 'CRM',
      events: ['booking.created', 'customer.erased'],
      enabled: true,
      disabledReason: null,
      secretRotationEndsAt: null,
    });
    expect(secret).toMatch(/^whsec_/);
    const list = await app.http.get(base).set(owner.auth);
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(secret.slice(6));
    expect(
      JSON.stringify((await app.http.get(`${base}/${endpoint.id}`).set(owner.auth)).body),
    ).not.toMatch(/whsec_|ciphertext/);

    const upd = await app.http
      .patch(`${base}/${endpoint.id}`)
      .set(owner.auth)
      .send({ events: ['booking.cancelled'], enabled: false });
    expect(upd.body).toMatchObject({
      events: ['booking.cancelled'],
      enabled: false,
      disabledReason: 'Disabled by an admin',
    });
    const again = await app.http
      .patch(`${base}/${endpoint.id}`)
      .set(owner.auth)
      .send({ enabled: true });
    expect(again.body).toMatchObject({ enabled: true, disabledReason: null });

    expect((await app.http.delete(`${base}/${endpoint.id}`).set(owner.auth)).status).toBe(204);
    expectError(await app.http.get(`${base}/${endpoint.id}`).set(owner.auth), 404, 'not_found');
    expectError(await app.http.delete(`${base}/${endpoint.id}`).set(owner.auth), 404, 'not_found');
  });

  it('rejects bad input with a 4xx and changes nothing', async () => {
    const owner = await signupOwner(app);
    for (const body of [
      { url: receiver.url, events: [] },
      { url: receiver.url, events: ['booking.nope'] },
      { url: receiver.url, events: ['webhook.test'] },
      { url: 'not a url', events: ['booking.created'] },
      { url: receiver.url, events: ['booking.created'], secret: 'mine' },
      { url: receiver.url, events: ['booking.created'], description: 'x'.repeat(501) },
    ]) {
      expectError(await app.http.post(base).set(owner.auth).send(body), 422, 'validation_failed');
    }
    expectError(await app.http.get(`${base}/nope`).set(owner.auth), 404);
    expectError(
      await app.http
        .post(`${base}/00000000-0000-4000-8000-000000000000/rotate-secret`)
        .set(owner.auth)
        .send({ overlapSeconds: 8 * 86_400 }),
      422,
    );
    expectError(
      await app.http
        .post(`${base}/00000000-0000-4000-8000-000000000000/replay`)
        .set(owner.auth)
        .send({ since: 'yesterday' }),
      422,
    );
    expectError(
      await app.http.get('/v1/admin/webhooks/deliveries?status=lost').set(owner.auth),
      422,
    );
    expect(
      await ownerQuery(app, 'SELECT 1 FROM webhook_endpoints WHERE tenant_id = $1', [
        owner.tenantId,
      ]),
    ).toHaveLength(0);
  });

  it('admins and owners only; staff and other businesses see nothing', async () => {
    const owner = await signupOwner(app);
    const other = await signupOwner(app);
    const staff = await addMember(app, owner, 'staff');
    const admin = await addMember(app, owner, 'admin');
    const created = await app.http
      .post(base)
      .set(admin.auth)
      .send({ url: receiver.url, events: ['booking.created'] });
    expect(created.status).toBe(201);
    expectError(await app.http.get(base).set(staff.auth), 403, 'forbidden');
    expectError(
      await app.http
        .post(base)
        .set(staff.auth)
        .send({ url: receiver.url, events: ['booking.created'] }),
      403,
      'forbidden',
    );
    expectError(await app.http.get(`${base}/${created.body.endpoint.id}`).set(other.auth), 404);
    expect((await app.http.get(base).set(other.auth)).body.items).toEqual([]);
    // An API key (no role) may manage endpoints for automation, within its scopes.
    const readKey = await createApiKey(app, owner, { name: 'ro', scopes: ['read'] });
    expect((await app.http.get(base).set(readKey.auth)).status).toBe(200);
    expectError(
      await app.http
        .post(base)
        .set(readKey.auth)
        .send({ url: receiver.url, events: ['booking.created'] }),
      403,
      'insufficient_scope',
    );
  });

  it(`allows at most ${MAX_WEBHOOK_ENDPOINTS} endpoints per business`, async () => {
    const owner = await signupOwner(app);
    for (let i = 0; i < MAX_WEBHOOK_ENDPOINTS; i++) {
      expect(
        (
          await app.http
            .post(base)
            .set(owner.auth)
            .send({ url: `${receiver.url}/${i}`, events: ['booking.created'] })
        ).status,
      ).toBe(201);
    }
    expectError(
      await app.http
        .post(base)
        .set(owner.auth)
        .send({ url: receiver.url, events: ['booking.created'] }),
      409,
      'conflict',
    );
  });

  it('rotation: both secrets sign during the overlap (two v1 signatures), only the new one after', async () => {
    const owner = await signupOwner(app);
    const created = await app.http
      .post(base)
      .set(owner.auth)
      .send({ url: receiver.url, events: ['booking.created'] });
    const oldSecret: string = created.body.secret;
    const id = created.body.endpoint.id;
    const rotated = await app.http
      .post(`${base}/${id}/rotate-secret`)
      .set(owner.auth)
      .send({ overlapSeconds: 3600 });
    expect(rotated.status).toBe(200);
    const newSecret: string = rotated.body.secret;
    expect(newSecret).not.toBe(oldSecret);
    expect(rotated.body.endpoint.secretRotationEndsAt).toBe(
      new Date(clock.now().getTime() + 3_600_000).toISOString(),
    );

    secrets = [newSecret];
    const send = async () => {
      const d = await app.http.post(`${base}/${id}/test`).set(owner.auth).send({});
      expect(d.status).toBe(202);
      await app.system.webhooks.deliver(owner.tenantId, d.body.id);
      return receiver.all[receiver.all.length - 1]!;
    };
    const during = await send();
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    // Receivers holding either secret accept it (the standardwebhooks package, and our SDK).
    expect(() =>
      new Webhook(oldSecret).verify(during.body, during.headers as Record<string, string>),
    ).not.toThrow();
    expect(() =>
      new Webhook(newSecret).verify(during.body, during.headers as Record<string, string>),
    ).not.toThrow();
    await verifyWebhook(during.body, during.headers as Record<string, string>, oldSecret);

    clock.set(new Date(clock.now().getTime() + 3_600_001).toISOString());
    const after = await send();
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() =>
      new Webhook(oldSecret).verify(after.body, after.headers as Record<string, string>),
    ).toThrow();
    expect(after.event?.type).toBe('webhook.test');
  });

  it('the SDK has typed methods for every route (derived from the contract)', async () => {
    const o = await signupOwner(app);
    const sdk = new Slotwise({ baseUrl: app.baseUrl, accessToken: o.token });
    const { endpoint, secret } = await sdk.admin.webhookEndpoints.create({
      body: { url: receiver.url, events: ['customer.created'] },
    });
    secrets = [secret];
    const test = await sdk.admin.webhookEndpoints.sendTest({
      params: { id: endpoint.id },
      body: {},
    });
    await app.system.webhooks.deliver(o.tenantId, test.id);
    const page = await sdk.admin.webhookDeliveries.list({ query: { endpointId: endpoint.id } });
    expect(page.items.map((d) => d.status)).toEqual(['succeeded']);
    const detail = await sdk.admin.webhookDeliveries.get({ params: { id: test.id } });
    expect(detail.attemptLog[0]!.responseStatus).toBe(200);
    const again = await sdk.admin.webhookDeliveries.redeliver({
      params: { id: test.id },
      body: {},
    });
    expect(again.status).toBe('pending');
    await app.system.webhooks.deliver(o.tenantId, test.id);
    expect(
      (await sdk.admin.webhookDeliveries.get({ params: { id: test.id } })).attemptLog,
    ).toHaveLength(2);
    await expect(
      sdk.admin.webhookEndpoints.create({ body: { url: receiver.url, events: [] } }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
