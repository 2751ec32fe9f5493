import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/adapters/prisma/with-tenant';
import { at, catalogue, ownerQuery, startBookingApp, type Owner } from '../bookings/fixtures';
import { signupOwner, type TestApp } from '../support/test-app';
import { twilioStandIn } from '../support/twilio-standin';

/**
 * SMS through the official twilio SDK pointed at a local stand-in of the Messages API: consent at
 * booking, booking notices, STOP/START through the signed inbound webhook, status callbacks,
 * exactly once per delivery key.
 */
let app: TestApp;
let tw: Awaited<ReturnType<typeof twilioStandIn>>;
let owner: Owner;
let serviceId: string;
const PUBLIC_URL = 'https://book.example.com';

const waitFor = async <T>(fn: () => Promise<T | null | undefined | false>): Promise<T> => {
  for (;;) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 25)); // a polling interval, not a wait for an outcome
  }
};

const smsRows = (tenantId: string) =>
  withTenant(app.system.db.prisma, tenantId, (tx) => tx.emailMessage.findMany({ where: { channel: 'sms' }, orderBy: { createdAt: 'asc' } }));

beforeAll(async () => {
  tw = await twilioStandIn();
  ({ app } = await startBookingApp({
    TWILIO_ACCOUNT_SID: tw.accountSid,
    TWILIO_AUTH_TOKEN: tw.authToken,
    TWILIO_FROM: '+15005550006',
    TWILIO_API_BASE: tw.url,
  }));
  owner = await signupOwner(app);
  ({ serviceId } = await catalogue(app, owner));
  const r = await app.http.patch('/v1/admin/tenant').set(owner.auth).send({ settings: { smsNotifications: true } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  await app.system.jobs.start();
});
afterAll(async () => {
  await app?.close();
  await tw?.close();
});

const bookWith = (customer: Record<string, unknown>, start: string) =>
  app.http.post(`/v1/public/tenants/${owner.slug}/bookings`).send({ serviceId, start, customer, timeZone: 'Europe/Madrid' });

describe('SMS consent and notices', () => {
  it('texts a customer who opted in, once, through the Twilio SDK; logs channel, template, provider id', async () => {
    const r = await bookWith({ name: 'Lucía', email: 'lucia@example.com', phone: '+34 600 111 222', smsOptIn: true }, at(1, '10:00'));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const [m] = await waitFor(async () => (tw.messages.length >= 1 ? tw.messages : null));
    expect(m!.to).toBe('+34600111222');
    expect(m!.from).toBe('+15005550006');
    expect(m!.body).toContain('is confirmed for Tue 8 Jan 11:00 (Europe/Madrid)');
    expect(m!.body).toContain(`${PUBLIC_URL}/manage/`);
    expect(m!.body).toContain('Reply STOP');
    const rows = await waitFor(async () => {
      const x = await smsRows(owner.tenantId);
      return x.length === 1 && x[0]!.status === 'sent' ? x : null;
    });
    expect(rows[0]).toMatchObject({ template: 'booking.booked', to: '+34600111222', transport: 'twilio', externalId: m!.sid, bookingId: r.body.id });
    // The log keeps the link's secret out.
    expect(rows[0]!.textBody).toContain('/manage/[redacted]');
    const consent = await ownerQuery(app, 'SELECT phone, opted_out_at FROM sms_consents WHERE tenant_id = $1', [owner.tenantId]);
    expect(consent).toEqual([{ phone: '+34600111222', opted_out_at: null }]);
    // Emails and texts are separate entries: the booked email, one text.
    const all = await withTenant(app.system.db.prisma, owner.tenantId, (tx) => tx.emailMessage.findMany({ where: { bookingId: r.body.id } }));
    expect(all.filter((x) => x.channel === 'sms')).toHaveLength(1);
  });

  it('does not text a phone without the opt-in, nor record consent for it', async () => {
    const before = tw.messages.length;
    const r = await bookWith({ name: 'Pablo', email: 'pablo@example.com', phone: '+34 600 333 444' }, at(1, '12:00'));
    expect(r.status).toBe(201);
    // The booking's email (one 'booked' email to the customer) is the signal that its jobs ran.
    await waitFor(async () => (await withTenant(app.system.db.prisma, owner.tenantId, (tx) => tx.emailMessage.count({ where: { bookingId: r.body.id, channel: 'email', template: 'booking.booked' } }))) >= 1);
    expect(tw.messages.length).toBe(before);
    expect(await ownerQuery(app, "SELECT 1 FROM sms_consents WHERE phone = '+34600333444'")).toEqual([]);
  });

  it('refuses an opt-in without a phone number (422, nothing booked)', async () => {
    const r = await bookWith({ name: 'No Phone', email: 'np@example.com', smsOptIn: true }, at(1, '14:00'));
    expect(r.status).toBe(422);
    expect(r.body.error.details.issues[0].path).toBe('body.customer.phone');
    expect(await ownerQuery(app, "SELECT 1 FROM customers WHERE email = 'np@example.com'")).toEqual([]);
  });

  it('a status callback signed by Twilio updates the log; a forged one changes nothing', async () => {
    const sid = tw.messages[0]!.sid;
    const forged = await fetch(`${app.baseUrl}/v1/webhooks/twilio/status?tenant=${owner.tenantId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm9wZQ==' },
      body: new URLSearchParams({ MessageSid: sid, MessageStatus: 'failed' }).toString(),
    });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    expect((await smsRows(owner.tenantId))[0]!.status).toBe('sent');
    const ok = await tw.status(app.baseUrl, sid, 'delivered');
    expect(ok.status).toBe(204);
    expect((await smsRows(owner.tenantId))[0]!.status).toBe('delivered');
    // A late "sent" never moves it back.
    await tw.status(app.baseUrl, sid, 'sent');
    expect((await smsRows(owner.tenantId))[0]!.status).toBe('delivered');
  });

  it('STOP through the signed inbound webhook ends texts (a reschedule is not texted); START renews them', async () => {
    const first = await bookWith({ name: 'Marta', email: 'marta@example.com', phone: '+34 600 555 666', smsOptIn: true }, at(2, '10:00'));
    expect(first.status).toBe(201);
    await waitFor(async () => tw.messages.some((m) => m.to === '+34600555666'));

    // A wrong signature (another auth token) is refused and changes nothing.
    const forged = await tw.inbound({ publicUrl: PUBLIC_URL, baseUrl: app.baseUrl }, '+34600555666', 'STOP', { signWith: 'not-the-token' });
    expect(forged.status).toBe(401);
    expect(await ownerQuery(app, "SELECT opted_out_at FROM sms_consents WHERE phone = '+34600555666'")).toEqual([{ opted_out_at: null }]);

    const stop = await tw.inbound({ publicUrl: PUBLIC_URL, baseUrl: app.baseUrl }, '+34600555666', 'Stop');
    expect(stop.status).toBe(200);
    expect(stop.text).toContain('<Response>');
    const [row] = await ownerQuery<{ opted_out_at: Date | null }>(app, "SELECT opted_out_at FROM sms_consents WHERE phone = '+34600555666'");
    expect(row!.opted_out_at).not.toBeNull();

    const texted = tw.messages.filter((m) => m.to === '+34600555666').length;
    const manageToken = app.system.secrets.manageToken(first.body.id);
    const moved = await app.http.post(`/v1/public/bookings/${manageToken}/reschedule`).send({ start: at(2, '13:00') });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await waitFor(async () => (await withTenant(app.system.db.prisma, owner.tenantId, (tx) => tx.emailMessage.count({ where: { bookingId: first.body.id, template: 'booking.rescheduled' } }))) === 1);
    expect(tw.messages.filter((m) => m.to === '+34600555666').length).toBe(texted);

    // The admin's resend of the earlier text is refused too, and says why.
    const [smsRow] = (await smsRows(owner.tenantId)).filter((m) => m.to === '+34600555666');
    const resend = await app.http.post(`/v1/admin/messages/${smsRow!.id}/resend`).set(owner.auth).send();
    expect(resend.status).toBe(409);
    expect(resend.body.error.details.reason).toBe('opted_out');

    const start = await tw.inbound({ publicUrl: PUBLIC_URL, baseUrl: app.baseUrl }, '+34600555666', 'START');
    expect(start.status).toBe(200);
    const again = await app.http.post(`/v1/admin/messages/${smsRow!.id}/resend`).set(owner.auth).send();
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body).toMatchObject({ channel: 'sms', status: 'sent', resendOf: smsRow!.id, to: '+34600555666' });
    expect(tw.messages.at(-1)!.sid).toBe(again.body.providerMessageId);
    // The resent text carries a working manage link again (the log keeps it redacted).
    expect(tw.messages.at(-1)!.body).toContain(`/manage/${manageToken}`);
    expect(again.body.text).toContain('/manage/[redacted]');
  });

  it('staff booking for a customer who agreed records the consent too (admin route)', async () => {
    const r = await app.http
      .post('/v1/admin/bookings')
      .set(owner.auth)
      .send({ serviceId, start: at(3, '10:00'), customer: { name: 'Desk Booked', phone: '+34 600 777 888', smsOptIn: true }, timeZone: 'Europe/Madrid' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    await waitFor(async () => tw.messages.some((m) => m.to === '+34600777888'));
    expect(await ownerQuery(app, "SELECT booking_id FROM sms_consents WHERE phone = '+34600777888'")).toEqual([{ booking_id: r.body.id }]);
  });

  it('sends once per delivery key: a redelivered job or a double call texts once', async () => {
    const other = await signupOwner(app);
    await withTenant(app.system.db.prisma, other.tenantId, (tx) =>
      tx.smsConsent.create({ data: { tenantId: other.tenantId, phone: '+447700900123' } }),
    );
    const before = tw.messages.length;
    const msg = { tenantId: other.tenantId, bookingId: null, to: '+447700900123', body: 'Hello', key: 'evt_1:test', template: 'test' };
    const [a, b] = await Promise.all([app.system.sms.send(msg), app.system.sms.send(msg)]);
    expect([a.sent, b.sent].sort()).toEqual([false, true]);
    expect(await app.system.sms.send(msg)).toEqual({ id: null, sent: false });
    expect(tw.messages.length).toBe(before + 1);
  });

  it('a Twilio error is logged as failed with its message, and a retry of the key sends', async () => {
    const other = await signupOwner(app);
    await withTenant(app.system.db.prisma, other.tenantId, (tx) => tx.smsConsent.create({ data: { tenantId: other.tenantId, phone: '+447700900456' } }));
    tw.failNext(1);
    const msg = { tenantId: other.tenantId, bookingId: null, to: '+447700900456', body: 'Hi', key: 'evt_2:test', template: 'test' };
    await expect(app.system.sms.send(msg)).rejects.toThrow();
    const [failed] = await smsRows(other.tenantId);
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed!.error).toContain('Twilio');
    const ok = await app.system.sms.send(msg);
    expect(ok.sent).toBe(true);
    const rows = await smsRows(other.tenantId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'sent', error: null, externalId: ok.id });
  });

  it('without consent nothing is sent or logged', async () => {
    const other = await signupOwner(app);
    const before = tw.messages.length;
    const r = await app.system.sms.send({ tenantId: other.tenantId, bookingId: null, to: '+447700900999', body: 'x', key: 'k', template: 't' });
    expect(r).toEqual({ id: null, sent: false, skipped: 'no_consent' });
    expect(tw.messages.length).toBe(before);
    expect(await smsRows(other.tenantId)).toEqual([]);
  });
});
