import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, book, catalogue, manualClock, NOW, type Owner } from '../bookings/fixtures';
import { postmarkStandIn } from '../support/postmark-standin';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';

/**
 * The admin's message log: filters, per-booking history, resend; Postmark's delivery and bounce
 * webhooks (basic auth) update a message's status. Emails go out through the official postmark
 * SDK pointed at the local stand-in.
 */
const SECRET = 'postmark-webhook-secret-123';
let app: TestApp;
let pm: Awaited<ReturnType<typeof postmarkStandIn>>;
let owner: Owner;
let bookingId: string;

const waitFor = async <T>(fn: () => Promise<T | null | undefined | false>): Promise<T> => {
  for (;;) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 25)); // a polling interval, not a wait for an outcome
  }
};

beforeAll(async () => {
  pm = await postmarkStandIn();
  app = await startTestApp(
    { POSTMARK_SERVER_TOKEN: 'pm-test-token', POSTMARK_API_BASE: pm.url, POSTMARK_WEBHOOK_SECRET: SECRET, PUBLIC_URL: 'https://book.example.com' },
    { clock: manualClock(NOW) },
  );
  owner = await signupOwner(app);
  // An account email in the log too (the verify-email banner's button).
  expect((await app.http.post('/v1/auth/verify-email/request').set(owner.auth).send()).status).toBe(202);
  const { serviceId } = await catalogue(app, owner);
  // Two emails about one booking (ADR 0011 names): the booking, then its move by the customer.
  const b = await book(app, owner, serviceId, at(1, '10:00'));
  bookingId = b.id;
  const moved = await app.http.post(`/v1/public/bookings/${b.manageToken}/reschedule`).send({ start: at(1, '12:00') });
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  await app.system.jobs.start();
  await waitFor(async () => {
    const r = await app.http.get(`/v1/admin/messages?bookingId=${bookingId}`).set(owner.auth);
    return r.body.items?.length === 2 && r.body.items.every((m: { status: string }) => m.status === 'sent');
  });
});
afterAll(async () => {
  await app?.close();
  await pm?.close();
});

const postmarkHook = (body: unknown, password = SECRET) =>
  app.http
    .post('/v1/webhooks/postmark')
    .set('Authorization', `Basic ${Buffer.from(`postmark:${password}`).toString('base64')}`)
    .send(body as object);

describe('message log', () => {
  it('lists every message with channel, template, recipient, status and provider id; filters; per booking', async () => {
    const all = await app.http.get('/v1/admin/messages').set(owner.auth);
    expect(all.status).toBe(200);
    const templates = all.body.items.map((m: { template: string }) => m.template).sort();
    expect(templates).toEqual(['account.email_verification', 'booking.booked', 'booking.rescheduled']);
    const confirmed = all.body.items.find((m: { template: string }) => m.template === 'booking.rescheduled');
    expect(confirmed).toMatchObject({ channel: 'email', transport: 'postmark', status: 'sent', bookingId, error: null });
    expect(confirmed.providerMessageId).toMatch(/^pm-/);
    expect(confirmed.text).toContain('/manage/[redacted]');

    const perBooking = await app.http.get(`/v1/admin/messages?bookingId=${bookingId}`).set(owner.auth);
    expect(perBooking.body.items).toHaveLength(2);
    const byTemplate = await app.http.get('/v1/admin/messages?template=booking.booked&channel=email').set(owner.auth);
    expect(byTemplate.body.items).toHaveLength(1);
    expect((await app.http.get('/v1/admin/messages?channel=sms').set(owner.auth)).body.items).toEqual([]);
    const byTo = await app.http.get(`/v1/admin/messages?to=${encodeURIComponent(owner.email.slice(0, 12).toUpperCase())}`).set(owner.auth);
    expect(byTo.body.items.map((m: { template: string }) => m.template)).toEqual(['account.email_verification']);
    const paged = await app.http.get('/v1/admin/messages?limit=2').set(owner.auth);
    expect(paged.body.items).toHaveLength(2);
    const rest = await app.http.get(`/v1/admin/messages?limit=2&cursor=${paged.body.nextCursor}`).set(owner.auth);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('bad filters are 4xx in the shared shape; another business sees none of it', async () => {
    expect((await app.http.get('/v1/admin/messages?channel=fax').set(owner.auth)).status).toBe(422);
    expect((await app.http.get('/v1/admin/messages?bookingId=nope').set(owner.auth)).status).toBe(422);
    expect((await app.http.get('/v1/admin/messages?cursor=garbage').set(owner.auth)).body.error.code).toBe('bad_request');
    const other = await signupOwner(app);
    const theirs = await app.http.get(`/v1/admin/messages?bookingId=${bookingId}`).set(other.auth);
    expect(theirs.body.items).toEqual([]);
    const mine = (await app.http.get(`/v1/admin/messages?bookingId=${bookingId}`).set(owner.auth)).body.items[0];
    expect((await app.http.get(`/v1/admin/messages/${mine.id}`).set(other.auth)).status).toBe(404);
    expect((await app.http.post(`/v1/admin/messages/${mine.id}/resend`).set(other.auth).send()).status).toBe(404);
  });

  it('resend sends the message again with a working manage link, as a new entry naming the original', async () => {
    const original = (await app.http.get(`/v1/admin/messages?bookingId=${bookingId}&template=booking.rescheduled`).set(owner.auth)).body.items[0];
    const before = pm.calls.length;
    const r = await app.http.post(`/v1/admin/messages/${original.id}/resend`).set(owner.auth).send();
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ resendOf: original.id, template: 'booking.rescheduled', to: original.to, status: 'sent', bookingId });
    expect(r.body.id).not.toBe(original.id);
    expect(pm.calls.length).toBe(before + 1);
    const sent = pm.calls.at(-1)!;
    expect(sent.To).toBe(original.to);
    expect(sent.TextBody).toContain(`/manage/${app.system.secrets.manageToken(bookingId)}`);
    expect(r.body.text).toContain('/manage/[redacted]');
    const history = await app.http.get(`/v1/admin/messages?bookingId=${bookingId}`).set(owner.auth);
    expect(history.body.items).toHaveLength(3);
  });

  it('an account email with a single-use link cannot be resent (409)', async () => {
    const verify = (await app.http.get('/v1/admin/messages?template=account.email_verification').set(owner.auth)).body.items[0];
    const r = await app.http.post(`/v1/admin/messages/${verify.id}/resend`).set(owner.auth).send();
    expect(r.status).toBe(409);
  });

  it('a viewer may not read the log (it holds customer contact details)', async () => {
    const invited = await app.http.post('/v1/admin/members').set(owner.auth).send({ email: 'viewer-log@example.com', name: 'V', role: 'viewer', password: 'viewer password 123' });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const login = await app.http.post('/v1/auth/login').send({ email: 'viewer-log@example.com', password: 'viewer password 123' });
    expect((await app.http.get('/v1/admin/messages').set({ Authorization: `Bearer ${login.body.tokens.accessToken}` })).status).toBe(403);
  });
});

describe('Postmark delivery and bounce webhooks', () => {
  it('refuses a missing or wrong password, and changes nothing', async () => {
    const m = (await app.http.get(`/v1/admin/messages?bookingId=${bookingId}&template=booking.booked`).set(owner.auth)).body.items[0];
    const hook = { RecordType: 'Bounce', MessageID: m.providerMessageId, Metadata: { tenant: owner.tenantId }, Type: 'HardBounce', Description: 'gone' };
    expect((await postmarkHook(hook, 'wrong-secret-value')).status).toBe(401);
    expect((await app.http.post('/v1/webhooks/postmark').send(hook)).status).toBe(401);
    expect((await app.http.get(`/v1/admin/messages/${m.id}`).set(owner.auth)).body.status).toBe('sent');
  });

  it('a delivery report marks the message delivered; a bounce marks it bounced with the reason', async () => {
    const items = (await app.http.get(`/v1/admin/messages?bookingId=${bookingId}`).set(owner.auth)).body.items;
    const created = items.find((m: { template: string }) => m.template === 'booking.booked');
    const confirmed = items.find((m: { template: string; resendOf: string | null }) => m.template === 'booking.rescheduled' && !m.resendOf);
    // The tenant travels in the Metadata we sent with the email.
    const sent = pm.calls.find((c) => c.MessageID === created.providerMessageId)!;
    expect(sent.Metadata).toEqual({ tenant: owner.tenantId });

    const d = await postmarkHook({ RecordType: 'Delivery', MessageID: created.providerMessageId, Recipient: created.to, Metadata: sent.Metadata, DeliveredAt: new Date().toISOString() });
    expect(d.status).toBe(200);
    expect(d.body).toEqual({ updated: true });
    expect((await app.http.get(`/v1/admin/messages/${created.id}`).set(owner.auth)).body.status).toBe('delivered');

    const b = await postmarkHook({ RecordType: 'Bounce', MessageID: confirmed.providerMessageId, Type: 'HardBounce', Description: 'The server was unable to deliver your message', Metadata: { tenant: owner.tenantId } });
    expect(b.status).toBe(200);
    const bounced = (await app.http.get(`/v1/admin/messages/${confirmed.id}`).set(owner.auth)).body;
    expect(bounced.status).toBe('bounced');
    expect(bounced.error).toContain('HardBounce');
    const filtered = await app.http.get('/v1/admin/messages?status=bounced').set(owner.auth);
    expect(filtered.body.items.map((m: { id: string }) => m.id)).toEqual([confirmed.id]);
  });

  it('acknowledges what it cannot match (Postmark would retry for hours), without touching anything', async () => {
    const other = await signupOwner(app);
    const created = (await app.http.get(`/v1/admin/messages?bookingId=${bookingId}&template=booking.booked`).set(owner.auth)).body.items[0];
    // Another tenant named in the metadata cannot reach this tenant's message.
    const r = await postmarkHook({ RecordType: 'Bounce', MessageID: created.providerMessageId, Metadata: { tenant: other.tenantId } });
    expect(r.body).toEqual({ updated: false });
    expect((await postmarkHook({ RecordType: 'Open', MessageID: created.providerMessageId, Metadata: { tenant: owner.tenantId } })).body).toEqual({ updated: false });
    expect((await postmarkHook({ nonsense: true })).body).toEqual({ updated: false });
    expect((await app.http.get(`/v1/admin/messages/${created.id}`).set(owner.auth)).body.status).toBe('delivered');
    const notJson = await app.http.post('/v1/webhooks/postmark').set('Authorization', `Basic ${Buffer.from(`x:${SECRET}`).toString('base64')}`).set('content-type', 'text/plain').send('hi');
    expect(notJson.status).toBe(400);
  });
});
