import type { messageSchema } from '@slotwise/contracts';
import type { MessageRecord } from '../ports/message-log';
import { iso, type Dto } from './dto';

/** A message-log row as the contract's message (every field mapped, no spread). */
export const messageDto = (m: MessageRecord) =>
  ({
    id: m.id,
    channel: m.channel,
    template: m.template,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    transport: m.transport,
    status: m.status,
    providerMessageId: m.externalId,
    error: m.error,
    bookingId: m.bookingId,
    resendOf: m.resendOf,
    createdAt: iso(m.createdAt),
    updatedAt: iso(m.updatedAt),
  }) satisfies Dto<typeof messageSchema>;
