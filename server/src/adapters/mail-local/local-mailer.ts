import type { PrismaClient } from '../../generated/prisma/client';
import type { Mailer } from '../../ports/mailer';
import { recordEmail } from '../prisma/message-log';

/** The embedded default: nothing leaves the machine; the message log shows what would have been sent. */
export function localMailer(prisma: PrismaClient): Mailer {
  return {
    async send(email) {
      const row = await recordEmail(prisma, email, 'local', null, 'recorded');
      return { id: row.id };
    },
  };
}
