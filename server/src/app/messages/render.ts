/**
 * Renders one message (subject, plain text, HTML) in the recipient's language and zone: i18next
 * over the shared catalogs (@slotwise/i18n/email) for the words, mjml for HTML that mail clients
 * display alike (ADR 0011). Values are escaped here, once, for the HTML version only.
 */
import mjml2html from 'mjml';
import { DateTime } from 'luxon';
import { createI18n, interpolate, translator, type Locale, type Params } from '@slotwise/i18n';
import { emailCatalogs, type EmailKey, type EmailMessages } from '@slotwise/i18n/email';
import type { TemplateName } from './templates';

export interface Amount {
  amount: number;
  currency: string;
}

export interface MessageView {
  template: TemplateName;
  locale: Locale;
  /** The recipient's zone: every time is shown in it, and it is named. */
  zone: string;
  recipientName: string;
  tenant: { name: string; logoUrl: string | null; brandColor: string; address: string | null };
  booking?: {
    code: string;
    serviceName: string;
    providerName: string;
    customerName: string;
    customerEmail: string | null;
    customerPhone: string | null;
    start: Date;
    notes?: string;
  };
  previousStart?: Date | null;
  reason?: string | null;
  manageUrl?: string | null;
  /** Business notices: the booking in the admin app. */
  adminUrl?: string | null;
  settlement?: { fee?: Amount | null; refund?: Amount | null; retained?: Amount | null } | null;
  payment?: { amount: Amount; payUrl: string | null; expiresAt: Date | null } | null;
  /** Waitlist: the freed time and where to book it. */
  slot?: { serviceName: string; providerName: string | null; start: Date; bookUrl: string } | null;
  /** The tenant's own subject and intro for this message and language. */
  override?: { subject?: string | null; intro?: string | null } | null;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** The email catalogs' i18next instance (booking messages and account emails). */
export const emailI18n = createI18n(emailCatalogs, 'en');

export const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Only web links reach an href or src: a tenant's logo URL or a payload's link is not trusted. */
const safeUrl = (u: string | null | undefined) => (u && /^https?:\/\//i.test(u) ? u : null);

const HEX = /^#[0-9a-f]{6}$/i;
/** White or near-black text, whichever reads on the brand colour (WCAG relative luminance). */
function onColour(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.4 ? '#111827' : '#ffffff';
}

export function formatWhen(
  d: Date,
  zone: string,
  locale: Locale,
  style: 'long' | 'short' = 'long',
): string {
  const dt = DateTime.fromJSDate(d, { zone }).setLocale(locale);
  return style === 'long'
    ? dt.toLocaleString({
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
      })
    : dt.toLocaleString({
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: 'numeric',
        minute: '2-digit',
      });
}

/** The zone as people read it: its IANA name and the offset in force at that time ("Europe/Madrid, GMT+1"). */
export function zoneLabel(d: Date, zone: string, locale: Locale): string {
  const dt = DateTime.fromJSDate(d, { zone }).setLocale(locale);
  return `${zone.replace(/_/g, ' ')}, ${dt.offsetNameShort ?? dt.toFormat('ZZ')}`;
}

export const formatAmount = (a: Amount, locale: Locale) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: a.currency }).format(a.amount / 100);

export async function renderMessage(v: MessageView): Promise<RenderedMessage> {
  const t = translator<EmailMessages>(emailI18n, v.locale);
  const at = v.booking?.start ?? v.slot?.start ?? null;
  const params: Params = {
    business: v.tenant.name,
    service: v.booking?.serviceName ?? v.slot?.serviceName ?? '',
    provider: v.booking?.providerName ?? v.slot?.providerName ?? '',
    customer: v.booking?.customerName ?? v.recipientName,
    code: v.booking?.code ?? '',
    when: at ? formatWhen(at, v.zone, v.locale, 'short') : '',
    name: v.recipientName,
  };
  const own = (s: string | null | undefined) =>
    s && s.trim() ? interpolate(emailI18n, s, params, v.locale) : null;
  const subject = own(v.override?.subject) ?? t(`${v.template}.subject` as EmailKey, params);
  const intro = own(v.override?.intro) ?? t(`${v.template}.intro` as EmailKey, params);

  const rows: [string, string][] = [];
  if (v.booking) {
    rows.push([t('mail.service'), v.booking.serviceName]);
    rows.push([t('mail.with'), v.booking.providerName]);
    rows.push([t('mail.when'), formatWhen(v.booking.start, v.zone, v.locale)]);
    if (v.previousStart)
      rows.push([t('mail.previousTime'), formatWhen(v.previousStart, v.zone, v.locale)]);
    if (v.template.startsWith('business.')) {
      rows.push([t('mail.customer'), v.booking.customerName]);
      const contact = [v.booking.customerEmail, v.booking.customerPhone]
        .filter(Boolean)
        .join(' · ');
      if (contact) rows.push([t('mail.contact'), contact]);
      if (v.booking.notes) rows.push([t('mail.notes'), v.booking.notes]);
    }
    rows.push([t('mail.code'), v.booking.code]);
    if (v.tenant.address && !v.template.startsWith('business.'))
      rows.push([t('mail.where'), v.tenant.address]);
  } else if (v.slot) {
    rows.push([t('mail.service'), v.slot.serviceName]);
    if (v.slot.providerName) rows.push([t('mail.with'), v.slot.providerName]);
    rows.push([t('mail.when'), formatWhen(v.slot.start, v.zone, v.locale)]);
  }
  if (v.reason) rows.push([t('mail.reason'), v.reason]);

  const notes: string[] = [];
  const s = v.settlement;
  if (s?.fee && s.fee.amount > 0)
    notes.push(t('mail.fee', { amount: formatAmount(s.fee, v.locale) }));
  if (s?.retained && s.retained.amount > 0)
    notes.push(t('mail.retained', { amount: formatAmount(s.retained, v.locale) }));
  if (s?.refund && s.refund.amount > 0)
    notes.push(t('mail.refund', { amount: formatAmount(s.refund, v.locale) }));
  if (v.payment) {
    notes.push(t('mail.amountDue', { amount: formatAmount(v.payment.amount, v.locale) }));
    if (v.payment.expiresAt)
      notes.push(t('mail.payBy', { expiry: formatWhen(v.payment.expiresAt, v.zone, v.locale) }));
  }

  const buttons: { label: string; text: string; url: string }[] = [];
  const pay = safeUrl(v.payment?.payUrl);
  if (pay) buttons.push({ label: t('mail.pay'), text: t('mail.payText', { url: pay }), url: pay });
  const book = safeUrl(v.slot?.bookUrl);
  if (book)
    buttons.push({ label: t('mail.book'), text: t('mail.bookText', { url: book }), url: book });
  const manage = safeUrl(v.manageUrl);
  if (manage && manage !== pay)
    buttons.push({
      label: t('mail.manage'),
      text: t('mail.manageText', { url: manage }),
      url: manage,
    });
  const admin = safeUrl(v.adminUrl);
  if (admin)
    buttons.push({
      label: t('mail.openAdmin'),
      text: `${t('mail.openAdmin')}: ${admin}`,
      url: admin,
    });

  const zoneNote = at ? t('mail.zoneNote', { zone: zoneLabel(at, v.zone, v.locale) }) : null;
  const footer = t('mail.footer', { business: v.tenant.name });

  const text = [
    t('mail.greeting', { name: v.recipientName }),
    '',
    intro,
    '',
    ...rows.map(([k, val]) => `${k}: ${val}`),
    ...(zoneNote ? [zoneNote] : []),
    ...(notes.length ? ['', ...notes] : []),
    ...(buttons.length ? ['', ...buttons.map((b) => b.text)] : []),
    '',
    '—',
    footer,
  ].join('\n');

  const brand = HEX.test(v.tenant.brandColor) ? v.tenant.brandColor : '#4f46e5';
  const ink = onColour(brand);
  const logo = safeUrl(v.tenant.logoUrl);
  const e = escapeHtml;
  const markup = `<mjml lang="${e(v.locale)}">
  <mj-head>
    <mj-title>${e(subject)}</mj-title>
    <mj-preview>${e(intro)}</mj-preview>
    <mj-attributes>
      <mj-all font-family="-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" />
      <mj-text font-size="15px" line-height="1.5" color="#1f2937" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f3f4f6" width="600px">
    <mj-section background-color="${brand}" padding="20px 24px">
      <mj-column>
        ${logo ? `<mj-image src="${e(logo)}" alt="${e(v.tenant.name)}" width="96px" align="left" padding="0 0 8px 0" />` : ''}
        <mj-text color="${ink}" font-size="20px" font-weight="600" padding="0">${e(v.tenant.name)}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        <mj-text padding="0 0 12px 0">${e(t('mail.greeting', { name: v.recipientName }))}</mj-text>
        <mj-text padding="0 0 16px 0" font-size="17px">${e(intro)}</mj-text>
        ${
          rows.length
            ? `<mj-table padding="0 0 8px 0" font-size="15px" color="#1f2937">${rows
                .map(
                  ([k, val]) =>
                    `<tr><td style="padding:6px 12px 6px 0;color:#6b7280;vertical-align:top;white-space:nowrap">${e(k)}</td><td style="padding:6px 0;font-weight:600">${e(val)}</td></tr>`,
                )
                .join('')}</mj-table>`
            : ''
        }
        ${zoneNote ? `<mj-text font-size="13px" color="#6b7280" padding="0 0 12px 0">${e(zoneNote)}</mj-text>` : ''}
        ${notes.map((n) => `<mj-text padding="0 0 8px 0">${e(n)}</mj-text>`).join('')}
        ${buttons
          .map(
            (b) =>
              `<mj-button href="${e(b.url)}" background-color="${brand}" color="${ink}" align="left" border-radius="6px" font-weight="600" padding="12px 0 0 0">${e(b.label)}</mj-button>`,
          )
          .join('')}
      </mj-column>
    </mj-section>
    <mj-section padding="16px 24px">
      <mj-column>
        <mj-text font-size="12px" color="#6b7280" padding="0">${e(footer)}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
  const out = await mjml2html(markup, { validationLevel: 'soft' });
  return { subject, text, html: out.html };
}
