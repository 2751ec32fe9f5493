import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, book, catalogue, ownerQuery, startBookingApp, type Owner } from '../bookings/fixtures';
import { postmarkStandIn } from '../support/postmark-standin';
import { signupOwner, type TestApp } from '../support/test-app';
import { drainOutbox, messagesOf } from './support';

/**
 * A scripted week against the real handlers, the official postmark SDK (pointed at the local
 * stand-in) and a fake clock: bookings, two reschedules, cancellations, then the clock run hour by
 * hour past every reminder time. The message log must hold exactly the expected messages: none
 * missing, none for an old time or a cancelled booking, none twice.
 */
let app: TestApp;
let clock: ReturnType<typeof import('../bookings/fixtures').manualClock>;
let postmark: Awaited<ReturnType<typeof postmarkStandIn>>;
let owner: Owner;
let serviceId: string;
const DESK = 'desk@biz.example';
const PRO = 'pro@biz.example';
const b: Record<string, { id: string; manageToken: string; email: string }> = {};
/** Reminder messages by the fake time at which the sweep sent them. */
const reminderSentAt = new Map<string, string>();

type PostmarkBody = {
  To: string;
  Subject: string;
  TextBody: string;
  HtmlBody?: string;
  Attachments?: { Name: string; Content: string; ContentType: string }[];
};

beforeAll(async () => {
  postmark = await postmarkStandIn();
  ({ app, clock } = await startBookingApp({
    POSTMARK_SERVER_TOKEN: 'pm-test',
    POSTMARK_API_BASE: postmark.url,
  }));
  owner = await signupOwner(app);
  const c = await catalogue(app, owner);
  serviceId = c.serviceId;
  const p = await app.http
    .patch(`/v1/admin/providers/${c.providerIds[0]}`)
    .set(owner.auth)
    .send({ email: PRO });
  expect(p.status, p.text).toBe(200);
  const t = await app.http
    .patch('/v1/admin/tenant')
    .set(owner.auth)
    .send({ settings: { notificationEmail: DESK } });
  expect(t.status, t.text).toBe(200);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await postmark?.close();
});

async function bookAs(key: string, start: string, extra: Record<string, unknown> = {}) {
  const email = `${key.toLowerCase()}@customer.example`;
  const r = await book(app, owner, serviceId, start, {
    customer: { name: `Client ${key}`, email },
    ...extra,
  });
  b[key] = { id: r.id, manageToken: r.manageToken, email };
  await drainOutbox(app);
}
async function reschedule(key: string, start: string) {
  const r = await app.http
    .post(`/v1/public/bookings/${b[key]!.manageToken}/reschedule`)
    .send({ start });
  expect(r.status, r.text).toBe(200);
  await drainOutbox(app);
}
async function cancel(key: string) {
  const r = await app.http
    .post(`/v1/public/bookings/${b[key]!.manageToken}/cancel`)
    .send({ reason: 'Plans changed' });
  expect(r.status, r.text).toBe(200);
  await drainOutbox(app);
}

describe('a scripted week of bookings, reschedules and cancellations', () => {
  it('sends exactly the expected messages, reminders only for the current time of live bookings', async () => {
    // A (Spanish, Madrid): booked, moved twice, cancelled. B: booked, kept. C: booked, moved once.
    await bookAs('A', at(3, '10:00'), { language: 'es', timeZone: 'Europe/Madrid' });
    await reschedule('A', at(4, '12:00'));
    await reschedule('A', at(5, '09:00'));
    await cancel('A');
    await bookAs('B', at(2, '14:00'));
    await bookAs('C', at(2, '10:00'));
    await reschedule('C', at(3, '15:00'));

    // D: its 24 h reminder is due today at 16:00. Staff cancel it and the sweep runs before the
    // cancellation's event is handled: the sender re-reads the booking and skips the reminder.
    await bookAs('D', at(1, '16:00'));
    const cancelled = await app.http
      .post(`/v1/admin/bookings/${b.D!.id}/cancel`)
      .set(owner.auth)
      .send({});
    expect(cancelled.status, cancelled.text).toBe(200);
    clock.set(at(0, '16:30'));
    await app.system.jobs.reminders.sweepOnce();
    const stale = await ownerQuery<{ status: string; skip_reason: string }>(
      app,
      'SELECT status, skip_reason FROM reminders WHERE booking_id = $1',
      [b.D!.id],
    );
    expect(stale).toContainEqual({ status: 'skipped', skip_reason: 'status_cancelled' });
    await drainOutbox(app);

    // The clock runs hour by hour to the end of the week; the sweep sends what is due.
    for (let h = 17; h <= 6 * 24; h++) {
      const now = new Date(Date.parse(at(0, '00:00')) + h * 3_600_000).toISOString();
      clock.set(now);
      await app.system.jobs.reminders.sweepOnce();
      for (const m of await messagesOf(app, owner.tenantId))
        if (m.template === 'booking.reminder' && !reminderSentAt.has(m.delivery_key))
          reminderSentAt.set(m.delivery_key, now);
    }

    const log = await messagesOf(app, owner.tenantId);
    const got = log.map((m) => `${m.to} ${m.template}`).sort();
    const customer = (k: string, ...templates: string[]) =>
      templates.map((t) => `${b[k]!.email} ${t}`);
    const business = (...templates: string[]) =>
      templates.flatMap((t) => [`${DESK} ${t}`, `${PRO} ${t}`]);
    const expected = [
      ...customer(
        'A',
        'booking.booked',
        'booking.rescheduled',
        'booking.rescheduled',
        'booking.cancelled',
      ),
      ...business(
        'business.new_booking',
        'business.rescheduled',
        'business.rescheduled',
        'business.cancelled',
      ),
      ...customer('B', 'booking.booked', 'booking.reminder', 'booking.reminder'),
      ...business('business.new_booking'),
      ...customer(
        'C',
        'booking.booked',
        'booking.rescheduled',
        'booking.reminder',
        'booking.reminder',
      ),
      ...business('business.new_booking', 'business.rescheduled'),
      // D: cancelled by staff, so the business is not told about its own action.
      ...customer('D', 'booking.booked', 'booking.cancelled'),
      ...business('business.new_booking'),
    ].sort();
    expect(got).toEqual(expected);
    expect(log.every((m) => m.status === 'sent')).toBe(true);
    expect(new Set(log.map((m) => m.delivery_key)).size).toBe(log.length);
    // Every message reached Postmark once.
    expect(postmark.calls).toHaveLength(log.length);

    // Reminders went out at their due time (24 h and 2 h before the current start), not before.
    const due = (k: string, start: string) => [
      [`reminder:${b[k]!.id}`, new Date(Date.parse(start) - 24 * 3_600_000).toISOString()],
      [`reminder:${b[k]!.id}`, new Date(Date.parse(start) - 2 * 3_600_000).toISOString()],
    ];
    const sent = [...reminderSentAt.entries()].map(([key, t]) => [key.split(':v')[0], t]).sort();
    expect(sent).toEqual([...due('B', at(2, '14:00')), ...due('C', at(3, '15:00'))].sort());
    // C's reminders belong to its rescheduled version; nothing of the first one is left to send.
    const rowsC = await ownerQuery<{ booking_version: number; status: string }>(
      app,
      'SELECT booking_version, status FROM reminders WHERE booking_id = $1',
      [b.C!.id],
    );
    expect(rowsC).toEqual([
      { booking_version: 1, status: 'sent' },
      { booking_version: 1, status: 'sent' },
    ]);
    expect(
      await ownerQuery(
        app,
        "SELECT 1 FROM reminders WHERE booking_id = $1 AND status = 'scheduled'",
        [b.A!.id],
      ),
    ).toEqual([]);
  }, 300_000);

  it('writes to the Spanish customer in Spanish, in her zone, with the calendar invite and its cancellation', async () => {
    const toA = postmark.calls.filter((c) => c.To === b.A!.email) as unknown as PostmarkBody[];
    expect(toA.map((c) => c.Subject.split(':')[0])).toEqual([
      'Reserva hecha',
      'Nueva hora',
      'Nueva hora',
      'Cancelada',
    ]);
    const [booked, , moved, cancelledMail] = toA;
    expect(booked!.TextBody).toContain('Hola, Client A:');
    // 10:00 UTC on Thursday 10 January 2030 is 11:00 in Madrid.
    expect(booked!.TextBody).toContain('jueves, 10 de enero de 2030, 11:00');
    expect(booked!.TextBody).toContain('Europe/Madrid');
    expect(booked!.HtmlBody).toContain('lang="es"');
    expect(booked!.TextBody).toMatch(/Cambiar o cancelar: https:\/\/book\.example\.com\/manage\//);
    expect(moved!.TextBody).toContain('Antes');
    const ics = (c: PostmarkBody) => Buffer.from(c.Attachments![0]!.Content, 'base64').toString();
    expect(ics(booked!)).toContain('METHOD:REQUEST');
    expect(ics(cancelledMail!)).toContain('METHOD:CANCEL');
    expect(ics(cancelledMail!)).toContain('SEQUENCE:3');
    // The business hears about it in its own language (English) and zone.
    const desk = postmark.calls.filter(
      (c) => c.To === DESK && c.Subject.startsWith('New booking'),
    ) as unknown as PostmarkBody[];
    expect(desk[0]!.TextBody).toContain('Client A');
  });
});
