import { DateTime } from 'luxon';
import { bookingIcsUid, buildBookingIcs, type IcsMethod, type IcsStatus } from '../domain/booking';
import { verifyToken } from '../domain/booking/confirmation-code';
import { manageUrlOf } from '../app/bookings/create-booking';
import type { Secrets } from '../ports/secrets';
import type { Job } from '../ports/job-queue';
import type { Mailer } from '../ports/mailer';
import type { BookingNotice, NotificationReader } from '../ports/notification-reader';

interface Template {
  subject: (n: BookingNotice) => string;
  intro: string;
  ics?: { method: IcsMethod; status: IcsStatus };
}

/** Topics that email the customer; anything else is ignored by this handler. */
const TEMPLATES: Record<string, Template> = {
  'booking.created': {
    subject: (n) => (n.status === 'pending' ? `Request received: ${n.serviceName}` : `Booked: ${n.serviceName}`),
    intro: 'Thanks for booking. Here are your details.',
    ics: { method: 'REQUEST', status: 'CONFIRMED' },
  },
  'booking.confirmed': {
    subject: (n) => `Confirmed: ${n.serviceName}`,
    intro: 'Your booking is confirmed.',
    ics: { method: 'REQUEST', status: 'CONFIRMED' },
  },
  'booking.rescheduled': {
    subject: (n) => `Rescheduled: ${n.serviceName}`,
    intro: 'Your booking has moved to a new time.',
    ics: { method: 'REQUEST', status: 'CONFIRMED' },
  },
  'booking.cancelled': {
    subject: (n) => `Cancelled: ${n.serviceName}`,
    intro: 'Your booking has been cancelled.',
    ics: { method: 'CANCEL', status: 'CANCELLED' },
  },
};

/** Names this handler in delivery keys: one email per outbox event and handler. */
const HANDLER = 'booking-email';

export function bookingEmailHandler(deps: {
  reader: NotificationReader;
  mailer: Mailer;
  secrets: Pick<Secrets, 'manageToken'>;
  publicUrl: string;
  from: string;
}) {
  return async (job: Job) => {
    const t = TEMPLATES[job.name];
    const tenantId = job.data.tenantId as string | undefined;
    const bookingId = (job.data.bookingId ?? (job.data.booking as { id?: string } | undefined)?.id) as string | undefined;
    if (!t || !tenantId || !bookingId) return;
    // created-but-pending bookings get a plain acknowledgement without an invite
    const n = await deps.reader.booking(tenantId, bookingId);
    if (!n || !n.customerEmail) return;
    const zone = n.customerTimeZone ?? n.tenantTimeZone;
    const when = DateTime.fromJSDate(n.startAt, { zone }).toFormat("cccc d LLLL yyyy 'at' HH:mm (z)");
    // The outbox carries where the link points, never its secret: the token is derived again from
    // the booking id, and only used if it is the booking's (older bookings have random tokens).
    const base = typeof job.data.manageLinkBase === 'string' ? job.data.manageLinkBase : null;
    const manageToken = base ? deps.secrets.manageToken(n.bookingId) : null;
    const manageUrl = base && manageToken && verifyToken(manageToken, n.manageTokenHash) ? manageUrlOf(base, manageToken) : null;
    const lines = [
      `Hi ${n.customerName},`,
      '',
      t.intro,
      '',
      `${n.serviceName} with ${n.providerName}`,
      when,
      `Confirmation code: ${n.code}`,
      ...(n.address ? [n.address] : []),
      ...(manageUrl ? ['', `Change or cancel: ${manageUrl}`] : []),
      '',
      n.tenantName,
    ];
    const withInvite = t.ics && !(job.name === 'booking.created' && n.status === 'pending');
    const ics = withInvite
      ? buildBookingIcs({
          uid: bookingIcsUid(n.bookingId, new URL(deps.publicUrl).hostname),
          sequence: n.icsSequence,
          method: t.ics!.method,
          status: t.ics!.status,
          start: n.startAt,
          end: n.endAt,
          summary: `${n.serviceName} — ${n.tenantName}`,
          description: `Confirmation code ${n.code}`,
          location: n.address ?? undefined,
          organizer: { name: n.tenantName, email: n.tenantEmail ?? 'bookings@slotwise.local' },
          attendee: { name: n.customerName, email: n.customerEmail },
          url: manageUrl ?? undefined,
          stamp: Date.now(),
          prodId: '-//Slotwise//Booking//EN',
        })
      : null;
    await deps.mailer.send({
      tenantId,
      to: n.customerEmail,
      subject: t.subject(n),
      text: lines.join('\n'),
      template: job.name,
      // The per-booking history of the admin's message log (ADR 0012).
      bookingId: n.bookingId,
      attachments: ics ? [{ name: 'invite.ics', content: ics, contentType: `text/calendar; method=${t.ics!.method}` }] : [],
      // The outbox event id, stable across redeliveries of the job (outbox-dispatcher.ts).
      deliveryKey: `${typeof job.data.eventId === 'string' ? job.data.eventId : job.id}:${HANDLER}`,
      redact: manageToken ? [manageToken] : [],
    });
  };
}

export const BOOKING_EMAIL_TOPICS = Object.keys(TEMPLATES);
