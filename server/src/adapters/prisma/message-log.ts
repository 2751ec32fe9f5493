import type { PrismaClient } from '../../generated/prisma/client';
import { withTenant } from './with-tenant';
import type { OutgoingEmail } from '../../ports/mailer';

/** Every transport records what it sent, so the admin app can show the message log. */
export function recordEmail(prisma: PrismaClient, email: OutgoingEmail, transport: string, externalId: string | null, status = 'sent') {
  return withTenant(prisma, email.tenantId, (tx) =>
    tx.emailMessage.create({
      data: {
        tenantId: email.tenantId,
        to: email.to,
        subject: email.subject,
        textBody: email.text,
        htmlBody: email.html ?? null,
        template: email.template,
        transport,
        externalId,
        status,
      },
    }),
  );
}
