import type { PrismaClient } from '../../generated/prisma/client';
import type { Mailer } from '../../ports/mailer';
import { claimDelivery } from '../prisma/message-log';

/** The embedded default: nothing leaves the machine; the message log shows what would have been sent. */
export function localMailer(prisma: PrismaClient): Mailer {
  return {
    async send(email) {
      const row = await claimDelivery(prisma, email, 'local', 'recorded');
      return { id: row?.id ?? null, sent: row !== null };
    },
  };
}
