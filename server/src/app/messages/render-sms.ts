/**
 * The SMS text of a message (ADR 0012): i18next over the shared catalogs (@slotwise/i18n/sms) in
 * the recipient's language. The catalog is the table of which messages have a text: the rest go
 * by email only. Short by design: the start in the recipient's zone with the zone named, the
 * manage link when the message has one, and how to stop, as carriers require.
 */
import { DateTime } from 'luxon';
import { createI18n, translator } from '@slotwise/i18n';
import { smsCatalogs, type SmsKey, type SmsMessages } from '@slotwise/i18n/sms';
import type { MessageView } from './render';
import type { TemplateName } from './templates';

const i18n = createI18n(smsCatalogs, 'en');

export const hasSmsText = (template: TemplateName) => `sms.${template}` in smsCatalogs.en;

/** Null: the message has no SMS text, or nothing to say it about. */
export function renderSms(v: MessageView): string | null {
  if (!hasSmsText(v.template) || !v.booking) return null;
  const t = translator<SmsMessages>(i18n, v.locale);
  const start = DateTime.fromJSDate(v.booking.start, { zone: v.zone }).setLocale(v.locale);
  const params = {
    business: v.tenant.name,
    service: v.booking.serviceName,
    provider: v.booking.providerName,
    code: v.booking.code,
    when: `${start.toFormat('ccc d LLL HH:mm')} (${v.zone})`,
  };
  return [
    t(`sms.${v.template}` as SmsKey, params),
    v.manageUrl ? t('sms.manage', { url: v.manageUrl }) : null,
    t('sms.stop'),
  ]
    .filter(Boolean)
    .join(' ');
}
