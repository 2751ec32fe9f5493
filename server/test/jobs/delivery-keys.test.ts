import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDelivery } from '../../src/adapters/prisma/message-log';
import { postmarkMailer } from '../../src/adapters/mail-postmark/postmark-mailer';
import type { OutgoingEmail } from '../../src/ports/mailer';
import type { Mailer } from '../../src/ports/mailer';
import { catalogue } from '../bookings/fixtures';
import { ownerQuery, type Owner } from '../foundation/helpers';
import { postmarkStandIn } from '../support/postmark-standin';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
let owner: Owner;
let postmark: Awaited<ReturnType<typeof postmarkStandIn>>;
let mailer: Mailer;

beforeAll(async () => {
  app = await startTestApp();
  owner = await signupOwner(app);
  postmark = await postmarkStandIn();
  mailer = postmarkMailer(app.system.db.prisma, { serverToken: 'pm', from: 'Shop <shop@example.com>', apiBase: postmark.url });
});
afterAll(async () => {
  await postmark?.close();
  await app?.close();
});

let n = 0;
function email(): OutgoingEmail {
  n += 1;
  return {
    tenantId: owner.tenantId,
    to: `c${n}@example.com`,
    subject: 'Booked',
    text: `Change or cancel: https://book.example.com/manage/secret-token-${n}`,
    template: 'booking.created',
    deliveryKey: `evt_${1000 + n}:booking-email`,
    redact: [`secret-token-${n}`],
  };
}
const callsTo = (to: string) => postmark.calls.filter((c) => c.To === to);
const logged = (key: string) =>
  ownerQuery<{ status: string; text_body: string; external_id: string | null }>(
    app,
    'SELECT status, text_body, external_id FROM email_messages WHERE delivery_key = $1',
    [key],
  );

describe('exactly-once email per delivery key', () => {
  it('a redelivered job sends nothing: the key was recorded before the provider call', async () => {
    const e = email();
    expect(await mailer.send(e)).toMatchObject({ sent: true });
    expect(await mailer.send(e)).toEqual({ id: null, sent: false });
    expect(callsTo(e.to)).toHaveLength(1);
    // The provider got the link; the log did not.
    expect(callsTo(e.to)[0]!.TextBody).toContain(e.redact![0]);
    const rows = await logged(e.deliveryKey);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'sent', text_body: 'Change or cancel: https://book.example.com/manage/[redacted]' });
  });

  it('a crash between recording and the provider call: the redelivery sends nothing and marks the message for review', async () => {
    const e = email();
    // The first attempt recorded its claim and died before Postmark answered (or was called).
    await claimDelivery(app.system.db.prisma, e, 'postmark', 'sending');
    expect(await mailer.send(e)).toEqual({ id: null, sent: false });
    expect(callsTo(e.to)).toHaveLength(0);
    expect((await logged(e.deliveryKey)).map((r) => r.status)).toEqual(['needs_review']);
  });

  it('Postmark answered with an error: nothing was sent, so the retry sends it, once', async () => {
    const e = email();
    postmark.failNext(1);
    await expect(mailer.send(e)).rejects.toThrow();
    expect((await logged(e.deliveryKey)).map((r) => r.status)).toEqual(['failed']);
    expect(await mailer.send(e)).toMatchObject({ sent: true });
    expect(await mailer.send(e)).toMatchObject({ sent: false });
    expect(callsTo(e.to)).toHaveLength(2); // the refused one and the delivered one
    const rows = await logged(e.deliveryKey);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('sent');
    expect(rows[0]!.external_id).toMatch(/^pm-/);
  });

  it('the booking email handler: the same outbox event handled twice is one email', async () => {
    const { serviceId } = await catalogue(app, owner);
    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCHours(10, 0, 0, 0);
    const b = await app.http
      .post(`/v1/public/tenants/${owner.slug}/bookings`)
      .send({ serviceId, start: start.toISOString(), customer: { name: 'Ada', email: 'ada@example.com' }, timeZone: 'UTC' });
    expect(b.status, b.text).toBe(201);
    const [event] = await ownerQuery<{ id: string; payload: Record<string, unknown> }>(
      app,
      "SELECT id::text, payload FROM outbox_events WHERE topic = 'booking.created' AND payload->>'bookingId' = $1",
      [b.body.id],
    );
    const job = {
      id: `outbox-${event!.id}`,
      name: 'booking.created',
      data: { ...event!.payload, tenantId: owner.tenantId, eventId: `evt_${event!.id}` },
      attempt: 1,
    };
    const handle = app.system.jobs.handlers['booking.created']!;
    await handle(job);
    await handle({ ...job, attempt: 2 });
    const rows = await ownerQuery<{ delivery_key: string; text_body: string }>(
      app,
      'SELECT delivery_key, text_body FROM email_messages WHERE "to" = $1',
      ['ada@example.com'],
    );
    expect(rows.map((r) => r.delivery_key)).toEqual([`evt_${event!.id}:booking.booked:customer:ada@example.com`]);
    expect(rows[0]!.text_body).toContain('/manage/[redacted]');
    expect(rows[0]!.text_body).not.toContain(b.body.manageToken);
  });
});
