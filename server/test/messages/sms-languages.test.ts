import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, book, catalogue, ownerQuery, startBookingApp, type Owner } from '../bookings/fixtures';
import { twilioStandIn } from '../support/twilio-standin';
import { signupOwner, type TestApp } from '../support/test-app';
import { drainOutbox } from './support';

/**
 * Booking texts go through the one message pipeline: the same decision per event as the emails,
 * the SMS channel for customers who opted in, the text in the booking's language (i18next
 * catalogs), reminders by SMS at the quiet-hours-shifted time and once. Events are handled by the
 * real handlers (drainOutbox) under a fake clock; texts leave through the official twilio SDK.
 */
let app: TestApp;
let clock: ReturnType<typeof import('../bookings/fixtures').manualClock>;
let tw: Awaited<ReturnType<typeof twilioStandIn>>;
let owner: Owner;
let serviceId: string;

type SmsRow = { to: string; template: string; text_body: string; delivery_key: string; status: string };
const smsOf = (bookingId: string) =>
  ownerQuery<SmsRow>(
    app,
    `SELECT "to", template, text_body, delivery_key, status FROM email_messages
      WHERE channel = 'sms' AND booking_id = $1 ORDER BY created_at, delivery_key`,
    [bookingId],
  );
const textsTo = (phone: string) => tw.messages.filter((m) => m.to === phone).map((m) => m.body);

beforeAll(async () => {
  tw = await twilioStandIn();
  ({ app, clock } = await startBookingApp({
    TWILIO_ACCOUNT_SID: tw.accountSid,
    TWILIO_AUTH_TOKEN: tw.authToken,
    TWILIO_FROM: '+15005550006',
    TWILIO_API_BASE: tw.url,
  }));
  owner = await signupOwner(app, { businessName: 'Salón Luz' });
  ({ serviceId } = await catalogue(app, owner));
  const r = await app.http
    .patch('/v1/admin/tenant')
    .set(owner.auth)
    .send({
      settings: {
        smsNotifications: true,
        reminderChannels: ['email', 'sms'],
        reminderOffsetsMinutes: [120],
        quietHours: { start: '21:00', end: '08:30' },
      },
    });
  expect(r.status, r.text).toBe(200);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await tw?.close();
});

const bookIn = (language: string, phone: string, start: string) =>
  book(app, owner, serviceId, start, {
    customer: { name: `Client ${language}`, email: `${language}@customer.example`, phone, smsOptIn: true },
    language,
    timeZone: 'Europe/Madrid',
  });

describe('booking texts on the message pipeline', () => {
  it('a Spanish booking is texted in Spanish, once, as the same message as its email; reminded by SMS after quiet hours, once', async () => {
    const b = await bookIn('es', '+34 600 100 200', at(1, '09:00'));
    await drainOutbox(app);
    await drainOutbox(app);
    const manage = `https://book.example.com/manage/${b.manageToken}`;
    expect(textsTo('+34600100200')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Salón Luz: Haircut con Provider 1 confirmado para el \\S+ 8 \\S+ 10:00 \\(Europe/Madrid\\)\\. Código ${b.code}\\. ` +
            `Cambiar o cancelar: ${manage.replace(/[./]/g, '\\$&')} Responde STOP para no recibir más SMS\\.$`,
        ),
      ),
    ]);
    const [row] = await smsOf(b.id);
    expect(row).toMatchObject({ template: 'booking.booked', to: '+34600100200', status: 'sent' });
    expect(row!.text_body).toContain('/manage/[redacted]');
    // The email of the same decision, same template, in Spanish too.
    const [email] = await ownerQuery<{ subject: string }>(
      app,
      "SELECT subject FROM email_messages WHERE channel = 'email' AND booking_id = $1 AND template = 'booking.booked'",
      [b.id],
    );
    expect(email!.subject).toMatch(/^Reserva hecha: Haircut/);

    // 2 h before 10:00 Madrid is 08:00, inside quiet hours (21:00–08:30): the text goes at 08:30.
    clock.set(at(1, '07:15'));
    await app.system.jobs.reminders.sweepOnce();
    expect((await smsOf(b.id)).filter((m) => m.template === 'booking.reminder')).toEqual([]);
    clock.set(at(1, '07:30'));
    await app.system.jobs.reminders.sweepOnce();
    await app.system.jobs.reminders.sweepOnce();
    const reminders = (await smsOf(b.id)).filter((m) => m.template === 'booking.reminder');
    expect(reminders).toHaveLength(1);
    expect(textsTo('+34600100200')).toHaveLength(2);
    expect(textsTo('+34600100200')[1]).toMatch(
      /^Salón Luz: recordatorio: Haircut con Provider 1 el \S+ 8 \S+ 10:00 \(Europe\/Madrid\)\. Cambiar o cancelar: \S+ Responde STOP/,
    );
    // The reminder's send key is the row's: recorded before Twilio was called.
    const [rem] = await ownerQuery<{ send_key: string; status: string }>(
      app,
      "SELECT send_key, status FROM reminders WHERE booking_id = $1 AND channel = 'sms'",
      [b.id],
    );
    expect(rem).toEqual({ send_key: reminders[0]!.delivery_key, status: 'sent' });
  });

  it('a French booking is texted in French when moved and when cancelled; a redelivered event texts nothing again', async () => {
    clock.set(at(0, '08:00'));
    const b = await bookIn('fr', '+33 6 12 34 56 78', at(2, '10:00'));
    await drainOutbox(app);
    const moved = await app.http
      .post(`/v1/public/bookings/${b.manageToken}/reschedule`)
      .send({ start: at(2, '13:00') });
    expect(moved.status, moved.text).toBe(200);
    await drainOutbox(app);
    const cancelled = await app.http.post(`/v1/public/bookings/${b.manageToken}/cancel`).send({});
    expect(cancelled.status, cancelled.text).toBe(200);
    await drainOutbox(app);
    const texts = textsTo('+33612345678');
    expect(texts).toHaveLength(3);
    expect(texts[0]).toMatch(/^Salón Luz : Haircut avec Provider 1 est confirmé pour le .+ 11:00 \(Europe\/Madrid\)/);
    expect(texts[1]).toMatch(
      new RegExp(`^Salón Luz : votre Haircut est déplacé au .+ 14:00 \\(Europe/Madrid\\)\\. Code ${b.code}\\. Modifier ou annuler : `),
    );
    expect(texts[2]).toMatch(
      new RegExp(`^Salón Luz : votre Haircut du .+ 14:00 \\(Europe/Madrid\\) est annulé\\. Code ${b.code}\\. Répondez STOP pour ne plus recevoir de SMS\\.$`),
    );
    expect((await smsOf(b.id)).map((m) => m.template)).toEqual([
      'booking.booked',
      'booking.rescheduled',
      'booking.cancelled',
    ]);

    // The outbox delivers at least once: the same events again send no second text.
    await ownerQuery(app, 'UPDATE outbox_events SET dispatched_at = NULL WHERE tenant_id = $1', [owner.tenantId]);
    await drainOutbox(app);
    expect(textsTo('+33612345678')).toHaveLength(3);
    expect(textsTo('+34600100200')).toHaveLength(2);
  });
});
