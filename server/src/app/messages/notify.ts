/**
 * Outbox events → messages (docs/guides/messages.md). One message per event and recipient,
 * keyed `<event id>:<template>:<recipient>` so a redelivered event sends nothing twice. Every
 * booking event also re-plans the booking's reminders (reminders.ts).
 */
import type { Channel } from '../../domain/messages/reminders';
import type { Job } from '../../ports/job-queue';
import type { MessageBooking } from '../../ports/messages';
import {
  businessOf,
  customerChannels,
  customerOf,
  localeOf,
  sendBookingMessage,
  tenantView,
  type Recipient,
} from './compose-message';
import type { MessageDeps } from './deps';
import { renderMessage, type Amount, type MessageView } from './render';
import { syncReminders } from './reminders';
import type { TemplateName } from './templates';

type Data = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Data) : null);

/** `{ amount, currency }` (or amountCents/amountMinor) from a payload, null when absent or zero-less. */
export function amountOf(v: unknown, fallbackCurrency?: string): Amount | null {
  const o = obj(v);
  if (!o)
    return typeof v === 'number' && fallbackCurrency
      ? { amount: v, currency: fallbackCurrency }
      : null;
  const amount = [o.amount, o.amountCents, o.amountMinor].find((x) => typeof x === 'number') as
    number | undefined;
  const currency = str(o.currency) ?? fallbackCurrency;
  return amount !== undefined && currency ? { amount, currency } : null;
}

/**
 * Fee, refund and kept deposit of a cancellation. A booking that took money carries the payments
 * module's figures (`feeChargedMinor`, `refundedMinor`, `currency`: what was kept or charged and
 * what goes back), which then say it all; otherwise the policy's `settlement` does.
 */
export function settlementOf(d: Data): MessageView['settlement'] {
  const s = obj(d.settlement) ?? {};
  const currency = str(d.currency);
  if (currency && typeof d.feeChargedMinor === 'number' && typeof d.refundedMinor === 'number')
    return {
      fee: { amount: d.feeChargedMinor, currency },
      refund: { amount: d.refundedMinor, currency },
      retained: null,
    };
  return { fee: amountOf(s.fee), refund: amountOf(s.refund), retained: amountOf(s.retained) };
}

/**
 * The "please pay" part of `booking.payment_required`, as create-booking writes it:
 * `payment: { amountMinor, currency, mode, payLinkBase, expiresAt }`. The pay link is the manage
 * link, its token derived again by the sender from `payLinkBase` (ADR 0008).
 */
export function paymentOf(d: Data): { amount: Amount; linkBase: string | null; expiresAt: Date | null } | null {
  const p = obj(d.payment);
  const amount = p ? amountOf(p) : null;
  if (!p || !amount) return null;
  const expires = str(p.expiresAt);
  return { amount, linkBase: str(p.payLinkBase), expiresAt: expires ? new Date(expires) : null };
}

/** Staff act in the admin app: telling the business about its own change is noise. */
const byStaff = (d: Data) => obj(d.actor)?.type === 'user';

interface Plan {
  customer?: TemplateName;
  business?: TemplateName;
  extra?: Partial<MessageView>;
  /** Where the customer's manage (and pay) link points, when the event names it. */
  linkBase?: string | null;
  /** One message per booking rather than per event (an expired hold has two possible events). */
  perBooking?: boolean;
}

/** A hold that ran out (the expiry job's cancel or booking_create's SQL sweep): one short email. */
const EXPIRED: Plan = { customer: 'booking.payment_expired', perBooking: true };

/** Which messages an event sends; null: none (the event still re-plans reminders). */
function planFor(topic: string, d: Data, b: MessageBooking): Plan | null {
  switch (topic) {
    case 'booking.created': {
      // A booking awaiting payment gets only the payment message (booking.payment_required); the
      // business hears of it once it is paid (booking.confirmed from pending_payment).
      if (d.status === 'pending_payment') return null;
      const pending = d.status === 'pending';
      return {
        customer: pending ? 'booking.requested' : 'booking.booked',
        business: byStaff(d)
          ? undefined
          : pending
            ? 'business.approval_needed'
            : 'business.new_booking',
      };
    }
    case 'booking.confirmed':
      // An instantly confirmed booking emits created + confirmed: the "Booked" message says it all.
      if (d.action === 'create') return null;
      // Paid: the customer's confirmation, and the business's first word of the booking.
      return d.from === 'pending_payment'
        ? { customer: 'booking.confirmed', business: byStaff(d) ? undefined : 'business.new_booking' }
        : { customer: 'booking.confirmed' };
    case 'booking.rescheduled': {
      const prev = str(obj(d.previous)?.start);
      return {
        customer: 'booking.rescheduled',
        business: byStaff(d) ? undefined : 'business.rescheduled',
        extra: { previousStart: prev ? new Date(prev) : null },
      };
    }
    case 'booking.cancelled':
      if (d.reason === 'payment_expired') return EXPIRED;
      return {
        customer: 'booking.cancelled',
        business: byStaff(d) ? undefined : 'business.cancelled',
        extra: { settlement: settlementOf(d), reason: str(d.reason) ?? b.cancelReason },
      };
    case 'booking.payment_required': {
      const p = paymentOf(d);
      return p
        ? {
            customer: 'booking.payment_required',
            // payUrl is filled in by the sender: the manage link, derived again (ADR 0008).
            extra: { payment: { amount: p.amount, payUrl: null, expiresAt: p.expiresAt } },
            linkBase: p.linkBase,
          }
        : null;
    }
    case 'booking.payment_expired':
      return EXPIRED;
    default:
      return null;
  }
}

export const MESSAGE_TOPICS = [
  'booking.created',
  'booking.confirmed',
  'booking.rescheduled',
  'booking.reassigned',
  'booking.cancelled',
  'booking.no_show',
  'booking.checked_in',
  'booking.completed',
  'booking.pending',
  'booking.payment_required',
  'booking.payment_expired',
  'waitlist.slot_available',
] as const;

const keyOf = (job: Job, template: string, r: Recipient, scope?: string) =>
  `${scope ?? str(job.data.eventId) ?? job.id}:${template}:${r.kind}:${r.to.toLowerCase()}`;

export function messageHandler(deps: MessageDeps) {
  return async (job: Job) => {
    const d = job.data;
    const tenantId = str(d.tenantId);
    if (!tenantId) return;
    if (job.name === 'waitlist.slot_available') return waitlistMessage(deps, job, tenantId);
    const bookingId = str(d.bookingId) ?? str(obj(d.booking)?.id);
    if (!bookingId) return;
    // The consent committed with the booking is on record before anything is texted.
    const consentPhone = str(obj(d.smsConsent)?.phone);
    if (consentPhone) await deps.smsConsents.record(tenantId, consentPhone, bookingId);
    const b = await deps.reader.booking(tenantId, bookingId);
    if (!b) return;
    const plan = planFor(job.name, d, b);
    // One decision per event; each of the customer's channels gets it, under its own key.
    const toCustomer = async (channel: Channel) => {
      const c = plan?.customer ? customerOf(b, channel) : null;
      if (c && plan?.customer)
        await sendBookingMessage(deps, b, plan.customer, c, {
          deliveryKey: keyOf(job, plan.customer, c, plan.perBooking ? `bk_${bookingId}` : undefined),
          channel,
          extra: plan.extra,
          linkBase: plan.linkBase ?? str(d.manageLinkBase),
        });
    };
    const channels = plan?.customer ? customerChannels(deps, b, plan.customer) : [];
    if (channels.includes('email')) await toCustomer('email');
    if (plan?.business) {
      for (const r of businessOf(b))
        await sendBookingMessage(deps, b, plan.business, r, {
          deliveryKey: keyOf(job, plan.business, r),
          extra: plan.extra,
        });
    }
    await syncReminders(deps, b);
    // The text last: an SMS provider error retries the job without holding up the emails and
    // reminders, and whatever was already sent is found by its key and not sent again.
    if (channels.includes('sms')) await toCustomer('sms');
  };
}

async function waitlistMessage(deps: MessageDeps, job: Job, tenantId: string) {
  const d = job.data;
  const entryId = str(d.waitlistEntryId);
  const start = str(d.start);
  if (!entryId || !start) return;
  const [w, t] = await Promise.all([
    deps.reader.waitlistEntry(tenantId, entryId),
    deps.reader.tenant(tenantId),
  ]);
  if (!w?.customerEmail || !t) return;
  const locale = localeOf(w.customerLocale, t.locale);
  const r: Recipient = {
    kind: 'customer',
    to: w.customerEmail,
    name: w.customerName,
    zone: w.customerTimeZone ?? t.timeZone,
    locale,
  };
  const bookUrl = new URL(
    `${deps.publicUrl.replace(/\/+$/, '')}/book/${encodeURIComponent(t.slug)}`,
  );
  bookUrl.searchParams.set('lang', locale);
  const template = 'waitlist.slot_available';
  const m = await renderMessage({
    template,
    locale,
    zone: r.zone,
    recipientName: w.customerName,
    tenant: tenantView(t),
    slot: {
      serviceName: w.serviceName,
      providerName: w.providerName,
      start: new Date(start),
      bookUrl: bookUrl.toString(),
    },
    override: await deps.reader.override(tenantId, template, locale),
  });
  await deps.channels.email({
    tenantId,
    channel: 'email',
    to: r.to,
    template,
    subject: m.subject,
    text: m.text,
    html: m.html,
    deliveryKey: keyOf(job, template, r),
  });
}
