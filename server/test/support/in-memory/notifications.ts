import type { Mailer, OutgoingEmail } from '../../../src/ports/mailer';

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
