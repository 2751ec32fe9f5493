import type { PrismaClient } from '../../generated/prisma/client';
import { withTenant } from './with-tenant';
import type { OutgoingEmail } from '../../ports/mailer';

export const REDACTED = '[redacted]';

function redact(text: string, secrets: string[] = []): string {
  return secrets.filter(Boolean).reduce((t, s) => t.split(s).join(REDACTED), text);
}

/**
 * Every transport records what it sends, so the admin app can show the message log, and records
 * it *before* calling the provider: the row with the delivery key is the claim, so a redelivery
 * of the same job finds it and sends nothing (at most once per key). A row left `sending` by a
 * crash between the claim and the provider's answer is never re-sent: it is marked
 * `needs_review` by the redelivery (ADR 0008). Only a definite provider failure (`failed`) lets a
 * retry claim the key again.
 */
export async function claimDelivery(
  prisma: PrismaClient,
  email: OutgoingEmail,
  transport: string,
  status: 'sending' | 'recorded',
): Promise<{ id: string } | null> {
  const text = redact(email.text, email.redact);
  const html = email.html === undefined ? null : redact(email.html, email.redact);
  const subject = redact(email.subject, email.redact);
  return withTenant(prisma, email.tenantId, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO email_messages (id, tenant_id, "to", subject, text_body, html_body, template, transport, status, delivery_key, booking_id)
      VALUES (gen_random_uuid(), ${email.tenantId}::uuid, ${email.to}, ${subject}, ${text}, ${html}, ${email.template},
              ${transport}, ${status}, ${email.deliveryKey}, ${email.bookingId ?? null}::uuid)
      ON CONFLICT (tenant_id, delivery_key) DO UPDATE SET status = EXCLUDED.status, created_at = now()
        WHERE email_messages.status = 'failed'
      RETURNING id`;
    if (rows[0]) return { id: rows[0].id };
    await tx.$executeRaw`
      UPDATE email_messages SET status = 'needs_review'
      WHERE tenant_id = ${email.tenantId}::uuid AND delivery_key = ${email.deliveryKey} AND status = 'sending'`;
    return null;
  });
}

export function settleDelivery(
  prisma: PrismaClient,
  tenantId: string,
  id: string,
  result: { status: 'sent'; externalId: string } | { status: 'failed' },
) {
  return withTenant(prisma, tenantId, (tx) =>
    tx.emailMessage.update({
      where: { id },
      data: { status: result.status, externalId: result.status === 'sent' ? result.externalId : null },
    }),
  );
}
