import { describe, expect, it } from 'vitest';
import { hashToken } from '../../src/domain/booking/confirmation-code';
import { bookingEmailHandler } from '../../src/jobs/booking-emails';
import type { Job } from '../../src/ports/job-queue';
import type { BookingNotice } from '../../src/ports/notification-reader';
import { memorySecrets } from '../support/in-memory/booking-ports';
import { memoryMailer, memoryReader } from '../support/in-memory/notifications';

const notice = (over: Partial<BookingNotice> = {}): BookingNotice => ({
  bookingId: 'b1',
  code: 'ABC123',
  status: 'confirmed',
  startAt: new Date('2026-06-01T10:00:00.000Z'),
  endAt: new Date('2026-06-01T10:30:00.000Z'),
  icsSequence: 0,
  serviceName: 'Cut',
  providerName: 'Sam',
  customerName: 'Ada',
  customerEmail: 'ada@example.com',
  customerPhone: null,
  smsNotifications: false,
  customerTimeZone: null,
  tenantName: 'Acme',
  tenantSlug: 'acme',
  tenantTimeZone: 'Europe/Paris',
  tenantEmail: null,
  address: null,
  // The hash of the token memorySecrets derives from the id: a link made under ADR 0008.
  manageTokenHash: hashToken(memorySecrets.manageToken('b1')),
  ...over,
});

const job = (name: string, data: Record<string, unknown>, id = 'job-1'): Job => ({
  id,
  name,
  data,
  attempt: 1,
});
const created = (extra: Record<string, unknown> = {}) =>
  job('booking.created', {
    tenantId: 't1',
    bookingId: 'b1',
    eventId: 'evt_7',
    manageLinkBase: 'https://book.example/',
    ...extra,
  });

function setup(n: BookingNotice = notice()) {
  const out = memoryMailer();
  const handle = bookingEmailHandler({
    reader: memoryReader([{ tenantId: 't1', notice: n }]),
    mailer: out.mailer,
    secrets: memorySecrets,
    publicUrl: 'https://book.example',
    from: 'bookings@book.example',
  });
  return { handle, sent: out.sent };
}

describe('booking email job against an in-memory reader and mailer', () => {
  it('keys the email by outbox event and handler, so a redelivered job (new job id) sends nothing more', async () => {
    const { handle, sent } = setup();
    await handle(created());
    await handle({ ...created(), id: 'job-2', attempt: 2 });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.deliveryKey).toBe('evt_7:booking-email');
  });

  it('sends one email per event: another topic of the same booking is a new delivery', async () => {
    const { handle, sent } = setup();
    await handle(created());
    await handle(job('booking.confirmed', { tenantId: 't1', bookingId: 'b1', eventId: 'evt_8' }));
    expect(sent.map((e) => [e.template, e.deliveryKey])).toEqual([
      ['booking.created', 'evt_7:booking-email'],
      ['booking.confirmed', 'evt_8:booking-email'],
    ]);
  });

  it('falls back to the job id for the key when the job carries no event id', async () => {
    const { handle, sent } = setup();
    await handle(created({ eventId: undefined }));
    expect(sent[0]?.deliveryKey).toBe('job-1:booking-email');
  });

  it('re-derives the manage link when the booking hash matches, and redacts its token from the log', async () => {
    const { handle, sent } = setup();
    await handle(created());
    const email = sent[0];
    expect(email?.text).toContain('Change or cancel: https://book.example/manage/tok-b1');
    expect(email?.redact).toEqual(['tok-b1']);
    expect(email?.attachments?.[0]?.content).toContain('https://book.example/manage/tok-b1');
  });

  it('leaves the link out when the booking hash is of another token (an older random link)', async () => {
    const { handle, sent } = setup(notice({ manageTokenHash: hashToken('some-random-old-token') }));
    await handle(created());
    const email = sent[0];
    expect(email).toBeDefined();
    expect(email?.text).not.toContain('/manage/');
    expect(email?.text).not.toContain('tok-b1');
    expect(email?.attachments?.[0]?.content).not.toContain('tok-b1');
  });

  it('leaves the link out when the event names no link base', async () => {
    const { handle, sent } = setup();
    await handle(created({ manageLinkBase: undefined }));
    expect(sent[0]?.text).not.toContain('/manage/');
    expect(sent[0]?.redact).toEqual([]);
  });

  it('attaches an invite to a confirmed booking but not to a pending request', async () => {
    const confirmed = setup();
    await confirmed.handle(created());
    expect(confirmed.sent[0]?.subject).toBe('Booked: Cut');
    expect(confirmed.sent[0]?.attachments?.map((a) => a.name)).toEqual(['invite.ics']);

    const pending = setup(notice({ status: 'pending' }));
    await pending.handle(created());
    expect(pending.sent[0]?.subject).toBe('Request received: Cut');
    expect(pending.sent[0]?.attachments).toEqual([]);
  });

  it('writes the time in the customer zone, else the tenant zone', async () => {
    const tenantZone = setup();
    await tenantZone.handle(created());
    expect(tenantZone.sent[0]?.text).toContain('Monday 1 June 2026 at 12:00');

    const customerZone = setup(notice({ customerTimeZone: 'America/New_York' }));
    await customerZone.handle(created());
    expect(customerZone.sent[0]?.text).toContain('Monday 1 June 2026 at 06:00');
  });

  it('sends nothing for other topics, unknown bookings or customers without an email', async () => {
    const noEmail = setup(notice({ customerEmail: null }));
    await noEmail.handle(created());
    expect(noEmail.sent).toEqual([]);

    const other = setup();
    await other.handle(
      job('booking.checked_in', { tenantId: 't1', bookingId: 'b1', eventId: 'evt_9' }),
    );
    await other.handle(created({ bookingId: 'b-unknown' }));
    await other.handle(created({ tenantId: 't2' }));
    expect(other.sent).toEqual([]);
  });
});
