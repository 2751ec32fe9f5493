import { contract } from '@slotwise/contracts';
import type { MessageLogService } from '../../app/messages/message-log';
import { principalOf } from '../context';
import { messageDto } from '../message-presenters';
import { page } from '../presenters';
import { s } from '../server';

export function messagesRouter(messages: MessageLogService) {
  return s.router(contract.admin.messages, {
    list: async ({ query, req }) => ({ status: 200, body: page(await messages.list(principalOf(req), query), messageDto) }),
    get: async ({ params, req }) => ({ status: 200, body: messageDto(await messages.get(principalOf(req), params.id)) }),
    resend: async ({ params, req }) => ({ status: 201, body: messageDto(await messages.resend(principalOf(req), params.id)) }),
  });
}
