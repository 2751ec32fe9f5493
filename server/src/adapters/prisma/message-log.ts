import type { PrismaClient } from '../../generated/prisma/client';
import { withTenant } from './with-tenant';
import { keyset, toPage } from './pagination';
import type { OutgoingEmail } from '../../ports/mailer';
import type { OutgoingSms } from '../../ports/messenger';
import type { MessageChannel, MessageLog, MessageRecord, MessageStatus } from '../../ports/message-log';

export const REDACTED = '[redacted]';

function redact(text: string, secrets: string[] = []): string {
  return secrets.filter(Boolean).reduce((t, s) => t.split(s).join(REDACTED), text);
}

/** What every channel records: an email, or an SMS (no subject, no HTML). */
export type LogEntry = { channel: 'email'; message: OutgoingEmail } | { channel: 'sms'; message: OutgoingSms };

function rowOf(e: LogEntry) {
  if (e.channel === 'email') {
    const m = e.message;
    return { to: m.to, subject: redact(m.subject, m.redact), text: redact(m.text, m.redact), html: m.html === undefined ? null : redact(m.html, m.redact) };
  }
  const m = e.message;
  return { to: m.to, subject: '', text: redact(m.body, m.redact), html: null };
}

/**
 * Every transport of every channel records what it sends, so the admin app can show the message
 * log, and records it *before* calling the provider: the row with the delivery key is the claim,
 * so a redelivery of the same job finds it and sends nothing (at most once per key). A row left
 * `sending` by a crash between the claim and the provider's answer is never re-sent: it is marked
 * `needs_review` by the redelivery (ADR 0008). Only a definite provider failure (`failed`) lets a
 * retry claim the key again.
 */
export async function claimDelivery(
  prisma: PrismaClient,
  entry: LogEntry | OutgoingEmail,
  transport: string,
  status: 'sending' | 'recorded',
): Promise<{ id: string } | null> {
  // A bare OutgoingEmail is the email channel (the mail adapters' original call). Tell them apart
  // by `message`: a composed email also carries a `channel` field (compose-message.ts).
  const e: LogEntry = 'message' in entry ? entry : { channel: 'email', message: entry };
  const m = e.message;
  const r = rowOf(e);
  return withTenant(prisma, m.tenantId, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO email_messages (id, tenant_id, channel, "to", subject, text_body, html_body, template, transport, status,
                                  delivery_key, booking_id, resend_of)
      VALUES (gen_random_uuid(), ${m.tenantId}::uuid, ${e.channel}, ${r.to}, ${r.subject}, ${r.text}, ${r.html}, ${m.template},
              ${transport}, ${status}, ${m.deliveryKey}, ${m.bookingId ?? null}::uuid, ${m.resendOf ?? null}::uuid)
      ON CONFLICT (tenant_id, delivery_key) DO UPDATE SET status = EXCLUDED.status, error = NULL, created_at = now(), updated_at = now()
        WHERE email_messages.status = 'failed'
      RETURNING id`;
    if (rows[0]) return { id: rows[0].id };
    await tx.$executeRaw`
      UPDATE email_messages SET status = 'needs_review', updated_at = now()
      WHERE tenant_id = ${m.tenantId}::uuid AND delivery_key = ${m.deliveryKey} AND status = 'sending'`;
    return null;
  });
}

export function settleDelivery(
  prisma: PrismaClient,
  tenantId: string,
  id: string,
  result: { status: 'sent'; externalId: string } | { status: 'failed'; error?: string },
) {
  return withTenant(prisma, tenantId, (tx) =>
    tx.emailMessage.update({
      where: { id },
      data: {
        status: result.status,
        externalId: result.status === 'sent' ? result.externalId : null,
        error: result.status === 'failed' ? (result.error ?? 'The provider refused the message').slice(0, 1000) : null,
        updatedAt: new Date(),
      },
    }),
  );
}

/** How far along a message is: a provider report only ever moves it forward. */
const RANK: Record<MessageStatus, number> = {
  recorded: 0,
  sending: 1,
  needs_review: 1,
  sent: 2,
  failed: 3,
  undelivered: 3,
  bounced: 4,
  delivered: 4,
};

type Row = Awaited<ReturnType<PrismaClient['emailMessage']['findFirst']>> & object;

function toRecord(r: Row): MessageRecord {
  return {
    id: r.id,
    channel: r.channel as MessageChannel,
    template: r.template,
    to: r.to,
    subject: r.subject,
    text: r.textBody,
    html: r.htmlBody,
    transport: r.transport,
    status: r.status as MessageStatus,
    externalId: r.externalId,
    error: r.error,
    bookingId: r.bookingId,
    resendOf: r.resendOf,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function prismaMessageLog(prisma: PrismaClient): MessageLog {
  return {
    list(tenantId, f) {
      const page = keyset(f, 'desc');
      return withTenant(prisma, tenantId, async (tx) => {
        const rows = await tx.emailMessage.findMany({
          where: {
            AND: [
              page.where,
              f.channel ? { channel: f.channel } : {},
              f.status ? { status: f.status } : {},
              f.template ? { template: f.template } : {},
              f.bookingId ? { bookingId: f.bookingId } : {},
              f.to ? { to: { contains: f.to, mode: 'insensitive' as const } } : {},
            ],
          },
          orderBy: page.orderBy,
          take: page.take,
        });
        return toPage(rows, f.limit, toRecord);
      });
    },
    get(tenantId, id) {
      return withTenant(prisma, tenantId, async (tx) => {
        const r = await tx.emailMessage.findFirst({ where: { id } });
        return r ? toRecord(r) : null;
      });
    },
    findByKey(tenantId, deliveryKey) {
      return withTenant(prisma, tenantId, async (tx) => {
        const r = await tx.emailMessage.findFirst({ where: { deliveryKey } });
        return r ? toRecord(r) : null;
      });
    },
    countResends(tenantId, id) {
      return withTenant(prisma, tenantId, (tx) => tx.emailMessage.count({ where: { resendOf: id } }));
    },
    report(tenantId, channel, externalId, status, error) {
      return withTenant(prisma, tenantId, async (tx) => {
        const rows = await tx.emailMessage.findMany({ where: { channel, externalId } });
        if (!rows.length) return false;
        for (const r of rows) {
          if (RANK[status] < (RANK[r.status as MessageStatus] ?? 0)) continue;
          await tx.emailMessage.update({ where: { id: r.id }, data: { status, error: error?.slice(0, 1000) ?? r.error, updatedAt: new Date() } });
        }
        return true;
      });
    },
  };
}
