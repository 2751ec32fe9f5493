/**
 * Tenants edit the subject and intro of every message per language, and preview a message with
 * sample data, their branding and the wording being edited (docs/guides/messages.md).
 */
import type { MessageTemplateDto } from '@slotwise/contracts';
import type { Locale } from '@slotwise/i18n';
import { emailCatalogs, type EmailMessages } from '@slotwise/i18n/email';
import type { Clock } from '../../ports/clock';
import type { MessageReader, MessageTemplateStore, TemplateOverride } from '../../ports/messages';
import { notFound } from '../errors';
import type { Principal } from '../principal';
import { tenantView } from './compose-message';
import { renderMessage, type RenderedMessage } from './render';
import { audienceOf, MESSAGE_TEMPLATES, type TemplateName } from './templates';

const LOCALES: Locale[] = ['en', 'es', 'fr'];
const HOUR_MS = 3_600_000;

const catalogText = (locale: Locale, template: TemplateName, part: 'subject' | 'intro') =>
  emailCatalogs[locale][`${template}.${part}` as keyof EmailMessages];

export function messageTemplateService(deps: {
  store: MessageTemplateStore;
  reader: MessageReader;
  clock: Clock;
  publicUrl: string;
}) {
  const item = (
    template: TemplateName,
    locale: Locale,
    o: TemplateOverride | undefined,
  ): MessageTemplateDto => ({
    template,
    locale,
    audience: audienceOf(template),
    subject: o?.subject ?? null,
    intro: o?.intro ?? null,
    defaultSubject: catalogText(locale, template, 'subject'),
    defaultIntro: catalogText(locale, template, 'intro'),
  });
  const find = async (tenantId: string, template: string, locale: string) =>
    (await deps.store.list(tenantId)).find((r) => r.template === template && r.locale === locale);

  return {
    async list(p: Principal): Promise<MessageTemplateDto[]> {
      const stored = await deps.store.list(p.tenantId);
      return MESSAGE_TEMPLATES.flatMap((t) =>
        LOCALES.map((l) =>
          item(
            t,
            l,
            stored.find((r) => r.template === t && r.locale === l),
          ),
        ),
      );
    },

    async update(
      p: Principal,
      template: TemplateName,
      locale: Locale,
      o: TemplateOverride,
    ): Promise<MessageTemplateDto> {
      await deps.store.put(p.tenantId, template, locale, o);
      return item(template, locale, o.subject === null && o.intro === null ? undefined : o);
    },

    /** The message as it would go out, with sample booking data; unsaved wording wins over the saved one. */
    async preview(
      p: Principal,
      template: TemplateName,
      locale: Locale,
      o: Partial<TemplateOverride>,
    ): Promise<RenderedMessage> {
      const tenant = await deps.reader.tenant(p.tenantId);
      if (!tenant) throw notFound('Business');
      const saved = await find(p.tenantId, template, locale);
      // Tomorrow at 10:00 in the business's zone, rounded to the hour.
      const start = new Date(
        Math.ceil((deps.clock.now().getTime() + 24 * HOUR_MS) / HOUR_MS) * HOUR_MS,
      );
      const base = deps.publicUrl.replace(/\/+$/, '');
      const business = audienceOf(template) === 'business';
      return renderMessage({
        template,
        locale,
        zone: tenant.timeZone,
        recipientName: business ? tenant.name : 'Alex Sample',
        tenant: tenantView(tenant),
        booking:
          template === 'waitlist.slot_available'
            ? undefined
            : {
                code: 'SAMPLE42',
                serviceName: 'Sample service',
                providerName: 'Sam Provider',
                customerName: 'Alex Sample',
                customerEmail: 'alex@example.com',
                customerPhone: null,
                start,
              },
        slot:
          template === 'waitlist.slot_available'
            ? {
                serviceName: 'Sample service',
                providerName: 'Sam Provider',
                start,
                bookUrl: `${base}/book/${tenant.slug}`,
              }
            : null,
        previousStart: template.endsWith('rescheduled')
          ? new Date(start.getTime() - 24 * HOUR_MS)
          : null,
        manageUrl: business || template === 'booking.cancelled' ? null : `${base}/manage/sample`,
        adminUrl: business ? `${base}/admin/bookings` : null,
        settlement: template.endsWith('cancelled')
          ? { fee: { amount: 1500, currency: tenant.currency } }
          : null,
        payment:
          template === 'booking.payment_required'
            ? {
                amount: { amount: 5000, currency: tenant.currency },
                payUrl: `${base}/manage/sample`,
                expiresAt: new Date(start.getTime() - 12 * HOUR_MS),
              }
            : null,
        override: {
          subject: o.subject !== undefined ? o.subject : (saved?.subject ?? null),
          intro: o.intro !== undefined ? o.intro : (saved?.intro ?? null),
        },
      });
    },
  };
}
export type MessageTemplateService = ReturnType<typeof messageTemplateService>;
