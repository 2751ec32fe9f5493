import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, book, catalogue, ownerQuery, startBookingApp, type Owner } from '../bookings/fixtures';
import { signupOwner, type TestApp } from '../support/test-app';
import { drainOutbox, messagesOf } from './support';

/**
 * Tenants' own wording (subject + intro per message and language) with a preview, and the
 * templates that render payloads of other modules: payment needed, cancellation fee and refund.
 */
let app: TestApp;
let owner: Owner;
let serviceId: string;

beforeAll(async () => {
  ({ app } = await startBookingApp());
  owner = await signupOwner(app);
  ({ serviceId } = await catalogue(app, owner));
  const t = await app.http
    .patch('/v1/admin/tenant')
    .set(owner.auth)
    .send({ brandColor: '#0f766e', logoUrl: 'https://cdn.example.com/logo.png' });
  expect(t.status, t.text).toBe(200);
}, 120_000);
afterAll(async () => app?.close());

describe('message templates', () => {
  it('lists every message per language with its defaults', async () => {
    const r = await app.http.get('/v1/admin/message-templates').set(owner.auth);
    expect(r.status, r.text).toBe(200);
    expect(r.body.items).toHaveLength(13 * 3);
    expect(r.body.items).toContainEqual(
      expect.objectContaining({
        template: 'booking.reminder',
        locale: 'es',
        subject: null,
        defaultSubject: 'Recordatorio: {service} el {when}',
      }),
    );
  });

  it('previews unsaved wording with the business’s branding and sample data', async () => {
    const r = await app.http
      .post('/v1/admin/message-templates/booking.booked/en/preview')
      .set(owner.auth)
      .send({ subject: 'See you soon at {business}!', intro: 'Hello from <the> team.' });
    expect(r.status, r.text).toBe(200);
    expect(r.body.subject).toMatch(/^See you soon at .+!$/);
    expect(r.body.text).toContain('Hello from <the> team.');
    expect(r.body.html).toContain('Hello from &lt;the&gt; team.');
    expect(r.body.html).toContain('#0f766e');
    expect(r.body.html).toContain('https://cdn.example.com/logo.png');
  });

  it('refuses an unknown template or language with a 4xx, changing nothing', async () => {
    const bad = await app.http
      .put('/v1/admin/message-templates/booking.nope/en')
      .set(owner.auth)
      .send({ subject: 'x', intro: null });
    expect(bad.status).toBe(404);
    expect(bad.body.error.code).toBeTruthy();
    const badLocale = await app.http
      .put('/v1/admin/message-templates/booking.booked/de')
      .set(owner.auth)
      .send({ subject: 'x', intro: null });
    expect(badLocale.status).toBe(404);
    const tooLong = await app.http
      .put('/v1/admin/message-templates/booking.booked/en')
      .set(owner.auth)
      .send({ subject: 'x'.repeat(201), intro: null });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.code).toBe('validation_failed');
    expect(
      await ownerQuery(app, 'SELECT 1 FROM message_templates WHERE tenant_id = $1', [
        owner.tenantId,
      ]),
    ).toEqual([]);
  });

  it('a saved subject and intro are what customers get, in that language only; nulls reset', async () => {
    const put = await app.http
      .put('/v1/admin/message-templates/booking.booked/fr')
      .set(owner.auth)
      .send({ subject: 'C’est noté : {service} ({code})', intro: 'Merci {name} !' });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({
      subject: 'C’est noté : {service} ({code})',
      defaultSubject: 'Réservé : {service} le {when}',
    });
    const fr = await book(app, owner, serviceId, at(2, '10:00'), { language: 'fr' });
    const en = await book(app, owner, serviceId, at(2, '11:00'));
    await drainOutbox(app);
    const log = await messagesOf(app, owner.tenantId);
    const frMail = log.find((m) => m.booking_id === fr.id && m.template === 'booking.booked')!;
    expect(frMail.subject).toBe(`C’est noté : Haircut (${fr.code})`);
    expect(frMail.text_body).toContain('Merci Customer');
    const enMail = log.find((m) => m.booking_id === en.id && m.template === 'booking.booked')!;
    expect(enMail.subject).toMatch(/^Booked: Haircut on /);

    const reset = await app.http
      .put('/v1/admin/message-templates/booking.booked/fr')
      .set(owner.auth)
      .send({ subject: null, intro: null });
    expect(reset.status).toBe(200);
    expect(reset.body.subject).toBeNull();
    expect(
      await ownerQuery(app, 'SELECT 1 FROM message_templates WHERE tenant_id = $1', [
        owner.tenantId,
      ]),
    ).toEqual([]);
  });

  it('a viewer cannot change the wording', async () => {
    const r = await app.http
      .put('/v1/admin/message-templates/booking.booked/en')
      .send({ subject: 'x', intro: null });
    expect(r.status).toBe(401);
  });
});

describe('payloads of the payments module', () => {
  it('booking.payment_required: amount, pay link and deadline in the customer’s language', async () => {
    const b = await book(app, owner, serviceId, at(3, '10:00'), {
      language: 'es',
      timeZone: 'Europe/Madrid',
    });
    await drainOutbox(app);
    const handle = app.system.jobs.handlers['booking.payment_required']!;
    await handle({
      id: 'j-pay',
      name: 'booking.payment_required',
      data: {
        tenantId: owner.tenantId,
        eventId: 'evt_pay_1',
        bookingId: b.id,
        // As create-booking writes it (the link base only, ADR 0008).
        payment: {
          amountMinor: 2500,
          currency: 'EUR',
          mode: 'full',
          payLinkBase: 'https://pay.example.com',
          expiresAt: at(2, '10:00'),
        },
      },
      attempt: 1,
    });
    const m = (await messagesOf(app, owner.tenantId)).find(
      (x) => x.template === 'booking.payment_required',
    )!;
    expect(m.subject).toBe('Pago necesario para confirmar Haircut');
    expect(m.text_body).toMatch(/Importe pendiente: 25,00\s€/);
    // The pay link is the manage link on the payload's base, its token derived by the sender.
    expect(m.text_body).toContain('Pagar ahora: https://pay.example.com/manage/[redacted]');
    expect(m.text_body).not.toContain(b.manageToken);
    expect(m.text_body).toContain('Paga antes del miércoles, 9 de enero de 2030, 11:00');
  });

  it('booking.cancelled: the fee charged and the refund the payments module wrote', async () => {
    const b = await book(app, owner, serviceId, at(3, '12:00'));
    await drainOutbox(app);
    const handle = app.system.jobs.handlers['booking.cancelled']!;
    await handle({
      id: 'j-cancel',
      name: 'booking.cancelled',
      data: {
        tenantId: owner.tenantId,
        eventId: 'evt_cancel_1',
        bookingId: b.id,
        action: 'cancel',
        actor: { type: 'customer', id: null },
        feeChargedMinor: 1000,
        refundedMinor: 4000,
        currency: 'USD',
      },
      attempt: 1,
    });
    const m = (await messagesOf(app, owner.tenantId)).find(
      (x) => x.template === 'booking.cancelled' && x.booking_id === b.id,
    )!;
    expect(m.text_body).toContain('A cancellation fee of $10.00 applies.');
    expect(m.text_body).toContain('You will be refunded $40.00.');
  });
});

describe('waitlist', () => {
  it('a freed slot emails the waiting customer with the time and a link to book it', async () => {
    const b = await book(app, owner, serviceId, at(3, '15:00'));
    const join = await app.http.post(`/v1/public/tenants/${owner.slug}/waitlist`).send({
      serviceId,
      fromDate: '2030-01-10',
      toDate: '2030-01-10',
      customer: { name: 'Wanda Wait', email: 'wanda@example.com' },
    });
    expect(join.status, join.text).toBe(201);
    const cancelled = await app.http.post(`/v1/public/bookings/${b.manageToken}/cancel`).send({});
    expect(cancelled.status, cancelled.text).toBe(200);
    await drainOutbox(app);
    const mails = (await messagesOf(app, owner.tenantId)).filter(
      (m) => m.to === 'wanda@example.com',
    );
    expect(mails.map((m) => m.template)).toEqual(['waitlist.slot_available']);
    expect(mails[0]!.subject).toBe('A time opened up: Haircut');
    expect(mails[0]!.text_body).toContain('Thursday, January 10, 2030 at 3:00 PM');
    expect(mails[0]!.text_body).toContain(
      `Book this time: https://book.example.com/book/${owner.slug}?lang=en`,
    );
  });
});
