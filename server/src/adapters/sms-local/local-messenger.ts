import type { PrismaClient } from '../../generated/prisma/client';
import type { Messenger } from '../../ports/messenger';
import { claimDelivery } from '../prisma/message-log';

/** The embedded default: no text leaves the machine; the message log shows what would have been sent. */
export function localMessenger(prisma: PrismaClient): Messenger {
  return {
    async send(sms) {
      const row = await claimDelivery(prisma, { channel: 'sms', message: sms }, 'local', 'recorded');
      return { id: row?.id ?? null, sent: row !== null };
    },
  };
}
