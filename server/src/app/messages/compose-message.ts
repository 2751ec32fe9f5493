/**
 * Builds and sends one message of a booking: the recipient's language and zone, the tenant's
 * branding and wording, the manage link (derived again, ADR 0008) and the calendar file.
 */
import { isLocale, type Locale } from '@slotwise/i18n';
import { bookingIcsUid, buildBookingIcs } from '../../domain/booking';
import { verifyToken } from '../../domain/booking/confirmation-code';
import type { Channel } from '../../domain/messages/reminders';
import type { MessageBooking, MessageTenant } from '../../ports/messages';
import { manageUrlOf } from '../bookings/create-booking';
import type { MessageDeps } from './deps';
import { renderMessage, type MessageView } from './render';
import { hasSmsText, renderSms } from './render-sms';
import { ICS_METHOD, type TemplateName } from './templates';

export const localeOf = (...tags: (string | null | undefined)[]): Locale =>
  (tags.find((t) => isLocale(t)) as Locale | undefined) ?? 'en';

export interface Recipient {
  kind: 'customer' | 'provider' | 'business';
  to: string;
  name: string;
  zone: string;
  locale: Locale;
}

/**
 * The customer of a booking on a channel (their email, or their phone for SMS), unless erased or
 * without one. SMS consent is the SMS sender's to check: it records a refusal in the message log.
 */
export function customerOf(b: MessageBooking, channel: Channel = 'email'): Recipient | null {
  const to = channel === 'sms' ? b.customerPhone : b.customerEmail;
  if (!to) return null;
  return {
    kind: 'customer',
    to,
    name: b.customerName,
    zone: b.customerTimeZone ?? b.tenant.timeZone,
    locale: localeOf(b.language, b.tenant.locale),
  };
}

/**
 * Who at the business hears about a booking, as the tenant configured: the provider (in their
 * zone) and the notification address (the business email when none is set), once each.
 */
export function businessOf(b: MessageBooking): Recipient[] {
  const s = b.tenant.settings;
  const locale = localeOf(b.tenant.locale);
  const out: Recipient[] = [];
  if (s.notifyProvider && b.providerEmail)
    out.push({
      kind: 'provider',
      to: b.providerEmail,
      name: b.providerName,
      zone: b.providerTimeZone,
      locale,
    });
  const address = s.notificationEmail ?? b.tenant.email;
  if (s.notifyBusiness && address && !out.some((r) => r.to.toLowerCase() === address.toLowerCase()))
    out.push({
      kind: 'business',
      to: address,
      name: b.tenant.name,
      zone: b.tenant.timeZone,
      locale,
    });
  return out;
}

/**
 * The channels a customer message goes out on (ADR 0011 / 0012): email, and SMS too when the
 * business texts booking notices (settings.smsNotifications), an SMS sender is configured and the
 * message has a text. Consent and STOP are the SMS sender's to check.
 */
export function customerChannels(deps: MessageDeps, b: MessageBooking, template: TemplateName): Channel[] {
  return b.tenant.settings.smsNotifications && deps.channels.sms && hasSmsText(template)
    ? ['email', 'sms']
    : ['email'];
}

export const tenantView = (t: MessageTenant): MessageView['tenant'] => ({
  name: t.name,
  logoUrl: t.logoUrl,
  brandColor: t.brandColor,
  address: t.address,
});

/** The manage link, only when the booking's stored hash is the derived token's (older bookings have random tokens). */
export function manageLinkOf(
  deps: MessageDeps,
  b: MessageBooking,
  base = deps.publicUrl,
): { url: string; token: string } | null {
  const token = deps.secrets.manageToken(b.bookingId);
  return verifyToken(token, b.manageTokenHash) ? { url: manageUrlOf(base, token), token } : null;
}

export async function sendBookingMessage(
  deps: MessageDeps,
  b: MessageBooking,
  template: TemplateName,
  r: Recipient,
  opts: {
    deliveryKey: string;
    channel?: Channel;
    extra?: Partial<MessageView>;
    /** Where the manage link points: the event's `manageLinkBase` (ADR 0008), else PUBLIC_URL. */
    linkBase?: string | null;
  },
) {
  const link =
    r.kind === 'customer' && template !== 'booking.cancelled' && template !== 'booking.payment_expired'
      ? manageLinkOf(deps, b, opts.linkBase ?? deps.publicUrl)
      : null;
  // The pay link is the manage link (the booking's page takes the payment).
  const extra =
    opts.extra?.payment && !opts.extra.payment.payUrl
      ? { ...opts.extra, payment: { ...opts.extra.payment, payUrl: link?.url ?? null } }
      : opts.extra;
  const channel = opts.channel ?? 'email';
  const sender = deps.channels[channel];
  if (!sender) return { sent: false, id: null };
  // A tenant's own subject and intro are email wording; texts are the catalog's.
  const override = channel === 'email' ? await deps.reader.override(b.tenantId, template, r.locale) : null;
  const view: MessageView = {
    template,
    locale: r.locale,
    zone: r.zone,
    recipientName: r.name,
    tenant: tenantView(b.tenant),
    booking: {
      code: b.code,
      serviceName: b.serviceName,
      providerName: b.providerName,
      customerName: b.customerName,
      customerEmail: b.customerEmail,
      customerPhone: b.customerPhone,
      start: b.startAt,
      notes: b.customerNotes,
    },
    manageUrl: link?.url ?? null,
    adminUrl:
      r.kind === 'customer'
        ? null
        : `${deps.publicUrl.replace(/\/+$/, '')}/admin/bookings/${b.bookingId}`,
    override,
    ...extra,
  };
  const base = {
    tenantId: b.tenantId,
    channel,
    to: r.to,
    template,
    deliveryKey: opts.deliveryKey,
    bookingId: b.bookingId,
    redact: link ? [link.token] : [],
  };
  if (channel === 'sms') {
    const text = renderSms(view);
    return text ? sender({ ...base, subject: '', text }) : { sent: false, id: null };
  }
  const m = await renderMessage(view);
  const method = ICS_METHOD[template];
  const ics = method
    ? buildBookingIcs({
        uid: bookingIcsUid(b.bookingId, new URL(deps.publicUrl).hostname),
        sequence: b.version,
        method,
        status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
        start: b.startAt,
        end: b.endAt,
        summary: `${b.serviceName} — ${b.tenant.name}`,
        description: `${b.code}`,
        location: b.tenant.address ?? undefined,
        organizer: { name: b.tenant.name, email: b.tenant.email ?? 'bookings@slotwise.local' },
        attendee: { name: b.customerName, email: b.customerEmail ?? 'customer@slotwise.local' },
        url: link?.url,
        stamp: deps.clock.now(),
        prodId: '-//Slotwise//Booking//EN',
      })
    : null;
  return sender({
    ...base,
    subject: m.subject,
    text: m.text,
    html: m.html,
    attachments: ics
      ? [{ name: 'invite.ics', content: ics, contentType: `text/calendar; method=${method}` }]
      : [],
  });
}
