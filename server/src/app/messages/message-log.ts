import { verifyToken } from '../../domain/booking/confirmation-code';
import type { Mailer } from '../../ports/mailer';
import type { MessageFilter, MessageLog, MessageRecord } from '../../ports/message-log';
import type { MessageReader } from '../../ports/messages';
import type { Secrets } from '../../ports/secrets';
import { AppError, notFound } from '../errors';
import type { Principal } from '../principal';
import type { SmsSender } from './sms';

/** What the log shows instead of a secret (adapters/prisma/message-log.ts REDACTED). */
const REDACTED = '[redacted]';

/**
 * The admin's message log: every email and SMS of the business, and "resend". In the embedded
 * default (local transports) this is where a user sees what would have been sent.
 */
export function messageLogService(deps: {
  log: MessageLog;
  mailer: Mailer;
  sms: SmsSender;
  reader: Pick<MessageReader, 'booking'>;
  secrets: Pick<Secrets, 'manageToken'>;
}) {
  const { log } = deps;

  /** A resent booking message gets its manage link back: derived again from the booking (ADR 0008). */
  async function restoreSecrets(tenantId: string, m: MessageRecord): Promise<{ text: string; html: string | null; redact: string[] }> {
    if (!m.text.includes(REDACTED) && !m.html?.includes(REDACTED)) return { text: m.text, html: m.html, redact: [] };
    const b = m.bookingId ? await deps.reader.booking(tenantId, m.bookingId) : null;
    const token = b ? deps.secrets.manageToken(b.bookingId) : null;
    if (!b || !token || !verifyToken(token, b.manageTokenHash)) {
      throw new AppError('conflict', 'This message held a single-use link that cannot be sent again; ask for a new one instead');
    }
    const put = (s: string) => s.split(REDACTED).join(token);
    return { text: put(m.text), html: m.html === null ? null : put(m.html), redact: [token] };
  }

  return {
    list(p: Principal, filter: MessageFilter) {
      return log.list(p.tenantId, filter);
    },

    async get(p: Principal, id: string) {
      const m = await log.get(p.tenantId, id);
      if (!m) throw notFound('Message');
      return m;
    },

    /**
     * Sends the message again to the same recipient, as a new log entry that names the original.
     * The key counts the original's resends, so a double click sends once (the second finds the key).
     */
    async resend(p: Principal, id: string): Promise<MessageRecord> {
      const m = await log.get(p.tenantId, id);
      if (!m) throw notFound('Message');
      const key = `resend:${m.id}:${(await log.countResends(p.tenantId, m.id)) + 1}`;
      const content = await restoreSecrets(p.tenantId, m);
      try {
        if (m.channel === 'sms') {
          const r = await deps.sms.send({ tenantId: p.tenantId, bookingId: m.bookingId, to: m.to, body: content.text, key, template: m.template, redact: content.redact, resendOf: m.id });
          if (r.skipped) {
            throw new AppError(
              'conflict',
              r.skipped === 'opted_out' ? 'This number replied STOP: it gets no texts until it replies START' : 'This number has not agreed to receive texts',
              { reason: r.skipped },
            );
          }
        } else {
          await deps.mailer.send({
            tenantId: p.tenantId,
            bookingId: m.bookingId,
            to: m.to,
            subject: m.subject,
            text: content.text,
            ...(content.html === null ? {} : { html: content.html }),
            template: m.template,
            deliveryKey: key,
            redact: content.redact,
            resendOf: m.id,
          });
        }
      } catch (err) {
        // The provider refused or did not answer: the new entry says so (failed / sending) and is
        // what the caller sees; anything else is a real error.
        if (err instanceof AppError) throw err;
        const recorded = await log.findByKey(p.tenantId, key);
        if (!recorded) throw err;
        return recorded;
      }
      const sent = await log.findByKey(p.tenantId, key);
      if (!sent) throw new AppError('conflict', 'The message could not be recorded; try again');
      return sent;
    },
  };
}
export type MessageLogService = ReturnType<typeof messageLogService>;
