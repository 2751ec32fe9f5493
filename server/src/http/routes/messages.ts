import { contract } from '@slotwise/contracts';
import type { MessageTemplateService } from '../../app/messages/template-service';
import { principalOf } from '../context';
import { s } from '../server';

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
