/**
 * Outbox events → messages (docs/guides/messages.md). One message per event and recipient,
 * keyed `<event id>:<template>:<recipient>` so a redelivered event sends nothing twice. Every
 * booking event also re-plans the booking's reminders (reminders.ts).
 */
import type { Job } from '../../ports/job-queue';
import type { MessageBooking } from '../../ports/messages';
import {
  businessOf,
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

/** Fee, refund and kept deposit of a cancellation: the payments module's figures when present, else the policy's settlement. */
export function settlementOf(d: Data): MessageView['settlement'] {
  const s = obj(d.settlement) ?? {};
  const currency = str(d.currency) ?? undefined;
  return {
    fee: amountOf(d.fee, currency) ?? amountOf(s.fee),
    refund: amountOf(d.refund, currency) ?? amountOf(s.refund),
    retained: amountOf(s.retained),
  };
}

/** Staff act in the admin app: telling the business about its own change is noise. */
const byStaff = (d: Data) => obj(d.actor)?.type === 'user';

interface Plan {
  customer?: TemplateName;
  business?: TemplateName;
  extra?: Partial<MessageView>;
}

/** Which messages an event sends; null: none (the event still re-plans reminders). */
function planFor(topic: string, d: Data, b: MessageBooking): Plan | null {
  switch (topic) {
    case 'booking.created': {
      const pending = d.status === 'pending';
      return {
        // A booking awaiting payment gets the payment message (booking.payment_required) instead.
        customer:
          d.paymentRequired === true ? undefined : pending ? 'booking.requested' : 'booking.booked',
        business: byStaff(d)
          ? undefined
          : pending
            ? 'business.approval_needed'
            : 'business.new_booking',
      };
    }
    case 'booking.confirmed':
      // An instantly confirmed booking emits created + confirmed: the "Booked" message says it all.
      return d.action === 'create' ? null : { customer: 'booking.confirmed' };
    case 'booking.rescheduled': {
      const prev = str(obj(d.previous)?.start);
      return {
        customer: 'booking.rescheduled',
        business: byStaff(d) ? undefined : 'business.rescheduled',
        extra: { previousStart: prev ? new Date(prev) : null },
      };
    }
    case 'booking.cancelled':
      return {
        customer: 'booking.cancelled',
        business: byStaff(d) ? undefined : 'business.cancelled',
        extra: { settlement: settlementOf(d), reason: str(d.reason) ?? b.cancelReason },
      };
    case 'booking.payment_required': {
      const amount = amountOf(d.amount, str(d.currency) ?? undefined) ?? amountOf(d);
      const base = str(d.payLinkBase) ?? str(d.payUrl);
      const expires = str(d.expiresAt) ?? str(d.expiry);
      return amount
        ? {
            customer: 'booking.payment_required',
            extra: {
              payment: {
                amount,
                payUrl: str(d.payUrl) ?? base,
                expiresAt: expires ? new Date(expires) : null,
              },
            },
          }
        : null;
    }
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
  'waitlist.slot_available',
] as const;

const keyOf = (job: Job, template: string, r: Recipient) =>
  `${str(job.data.eventId) ?? job.id}:${template}:${r.kind}:${r.to.toLowerCase()}`;

export function messageHandler(deps: MessageDeps) {
  return async (job: Job) => {
    const d = job.data;
    const tenantId = str(d.tenantId);
    if (!tenantId) return;
    if (job.name === 'waitlist.slot_available') return waitlistMessage(deps, job, tenantId);
    const bookingId = str(d.bookingId) ?? str(obj(d.booking)?.id);
    if (!bookingId) return;
    const b = await deps.reader.booking(tenantId, bookingId);
    if (!b) return;
    const plan = planFor(job.name, d, b);
    if (plan?.customer) {
      const c = customerOf(b);
      if (c)
        await sendBookingMessage(deps, b, plan.customer, c, {
          deliveryKey: keyOf(job, plan.customer, c),
          extra: plan.extra,
          linkBase: str(d.manageLinkBase),
        });
    }
    if (plan?.business) {
      for (const r of businessOf(b))
        await sendBookingMessage(deps, b, plan.business, r, {
          deliveryKey: keyOf(job, plan.business, r),
          extra: plan.extra,
        });
    }
    await syncReminders(deps, b);
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
