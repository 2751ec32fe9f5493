import type { Mailer, OutgoingEmail } from '../../../src/ports/mailer';
import type { BookingNotice, NotificationReader } from '../../../src/ports/notification-reader';

/**
 * The Mailer port's contract in memory: the message log records each delivery key once, and a
 * repeated key sends nothing (`sent: false`), as the real mailers do (ADR 0008).
 */
export function memoryMailer() {
  const log = new Map<string, OutgoingEmail>();
  const sent: OutgoingEmail[] = [];
  const mailer: Mailer = {
    async send(email) {
      if (log.has(email.deliveryKey)) return { id: null, sent: false };
      log.set(email.deliveryKey, email);
      sent.push(email);
      return { id: `msg-${sent.length}`, sent: true };
    },
  };
  return { mailer, sent };
}

/** Notices by tenant and booking id, as the reader returns them after the change committed. */
export function memoryReader(
  notices: { tenantId: string; notice: BookingNotice }[],
): NotificationReader {
  return {
    async booking(tenantId, bookingId) {
      return (
        notices.find((n) => n.tenantId === tenantId && n.notice.bookingId === bookingId)?.notice ??
        null
      );
    },
  };
}
