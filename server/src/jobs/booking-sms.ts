import { DateTime } from 'luxon';
import { verifyToken } from '../domain/booking/confirmation-code';
import { manageUrlOf } from '../app/bookings/create-booking';
import type { SmsSender } from '../app/messages/sms';
import type { Job } from '../ports/job-queue';
import type { SmsConsents } from '../ports/messenger';
import type { BookingNotice, NotificationReader } from '../ports/notification-reader';
import type { Secrets } from '../ports/secrets';
import { SMS_TEXTS } from './sms-texts';

/** Names this handler in delivery keys: one text per outbox event and handler. */
const HANDLER = 'booking-sms';

/** The SMS template of an event; a booking confirmed on creation is texted once, by its `booking.confirmed`. */
function templateOf(job: Job): string | null {
  if (job.name === 'booking.created') return job.data.status === 'pending' ? 'booking.request_received' : null;
  return job.name in SMS_TEXTS && job.name !== 'booking.reminder' ? job.name : null;
}

/**
 * Booking notices by SMS to customers who opted in, when the tenant turned SMS on
 * (settings.smsNotifications). The consent given at booking travels in the booking's own outbox
 * rows (committed with the booking) and is recorded here before anything is texted.
 */
export function bookingSmsHandler(deps: {
  reader: NotificationReader;
  sms: SmsSender;
  consents: SmsConsents;
  secrets: Pick<Secrets, 'manageToken'>;
}) {
  return async (job: Job) => {
    const tenantId = job.data.tenantId as string | undefined;
    const bookingId = job.data.bookingId as string | undefined;
    if (!tenantId || !bookingId) return;
    const consent = job.data.smsConsent as { phone?: unknown } | undefined;
    if (typeof consent?.phone === 'string') await deps.consents.record(tenantId, consent.phone, bookingId);
    const template = templateOf(job);
    if (!template) return;
    const n = await deps.reader.booking(tenantId, bookingId);
    if (!n || !n.customerPhone || !n.smsNotifications) return;
    const { body, redact } = bookingSmsText(template, n, typeof job.data.manageLinkBase === 'string' ? job.data.manageLinkBase : null, deps.secrets);
    await deps.sms.send({
      tenantId,
      bookingId,
      to: n.customerPhone,
      body,
      template,
      key: `${typeof job.data.eventId === 'string' ? job.data.eventId : job.id}:${HANDLER}`,
      redact,
    });
  };
}

/**
 * A booking text (any key of SMS_TEXTS, `booking.reminder` included, for the reminder dispatch):
 * the start in the customer's zone with the zone named, and the manage link when `linkBase` is
 * given and the booking's link is a derived one (ADR 0008). `redact` goes to the sender.
 */
export function bookingSmsText(template: string, n: BookingNotice, linkBase: string | null, secrets: Pick<Secrets, 'manageToken'>) {
  const zone = n.customerTimeZone ?? n.tenantTimeZone;
  const when = `${DateTime.fromJSDate(n.startAt, { zone }).toFormat('ccc d LLL HH:mm')} (${zone})`;
  const token = linkBase ? secrets.manageToken(n.bookingId) : null;
  const manageUrl = linkBase && token && verifyToken(token, n.manageTokenHash) ? manageUrlOf(linkBase, token) : null;
  const text = SMS_TEXTS[template];
  if (!text) throw new Error(`No SMS text for ${template}`);
  return { body: text({ n, when, manageUrl }), redact: token ? [token] : [] };
}

export const BOOKING_SMS_TOPICS = ['booking.created', 'booking.confirmed', 'booking.rescheduled', 'booking.cancelled'];
