import { contract } from '@slotwise/contracts';
import type { MessageLogService } from '../../app/messages/message-log';
import type { MessageTemplateService } from '../../app/messages/template-service';
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

export function messageTemplatesRouter(templates: MessageTemplateService) {
  return s.router(contract.admin.messageTemplates, {
    list: async ({ req }) => ({
      status: 200,
      body: { items: await templates.list(principalOf(req)) },
    }),
    update: async ({ params, body, req }) => ({
      status: 200,
      body: await templates.update(principalOf(req), params.template, params.locale, body),
    }),
    preview: async ({ params, body, req }) => ({
      status: 200,
      body: await templates.preview(principalOf(req), params.template, params.locale, body),
    }),
  });
}
