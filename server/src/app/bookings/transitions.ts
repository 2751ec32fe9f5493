import {
  cancellationOutcome,
  noShowOutcome,
  type CancellationInitiator,
  type FeeSettlement,
} from '../../domain/booking/cancellation-policy';
import {
  timingProblem,
  transition,
  type BookingAction,
  type BookingStatus,
} from '../../domain/booking/lifecycle';
import type { Money } from '../../domain/money';
import type { BookingRecord, TenantRecord } from '../../ports/records';
import type { BookingChange, TenantRepositories } from '../../ports/repositories';
import { notifySlotFreed } from '../waitlist/notify-slot-freed';
import { AppError, validationFailed } from '../errors';
import { recordChange, type Actor } from './audit';
import { settleBooking } from '../payments/settlement';

/** The domain's verdict as an API error: 409 invalid_transition, or 422 when a reason is missing. */
export function checkTransition(
  b: BookingRecord,
  action: BookingAction,
  reason?: string | null,
): BookingStatus {
  const t = transition(b.status, action, { reason });
  if (t.ok) return t.to;
  if (t.code === 'reason_required')
    throw validationFailed([
      { path: 'body.reason', message: `A reason is required to ${action} a booking` },
    ]);
  throw new AppError(
    'invalid_transition',
    `Cannot ${action.replace(/_/g, ' ')} a booking that is ${b.status.replace(/_/g, ' ')}`,
    {
      currentStatus: b.status,
      action,
    },
  );
}

/**
 * What the payments side needs to know. Nothing records deposit payments yet, so the paid
 * deposit is 0 and every fee shows as outstanding; the payments module plugs in here.
 */
export const depositPaidCents = (_b: BookingRecord) => 0;

export const cancellable = (b: BookingRecord) => ({
  start: b.startAt,
  priceMinor: b.priceCents,
  currency: b.currency,
  depositPaidMinor: depositPaidCents(b),
});

const amount = (m: Money) => ({ amount: m.amountMinor, currency: m.currency });
export const settlementData = (s: FeeSettlement) => ({
  fee: amount(s.fee),
  retained: amount(s.retained),
  refund: amount(s.refund),
  outstanding: amount(s.outstanding),
});

/** Frees the slot for the waitlist: same transaction, so a rolled-back change notifies nobody. */
export const slotFreed = (
  repos: TenantRepositories,
  b: Pick<BookingRecord, 'serviceId' | 'providerId' | 'startAt' | 'endAt'>,
  now: Date,
) =>
  notifySlotFreed(
    repos,
    { serviceId: b.serviceId, providerId: b.providerId, startAt: b.startAt, endAt: b.endAt },
    { now },
  );

const TOPIC_BY_STATUS: Record<BookingStatus, string> = {
  pending: 'booking.pending',
  pending_payment: 'booking.payment_required',
  confirmed: 'booking.confirmed',
  checked_in: 'booking.checked_in',
  completed: 'booking.completed',
  cancelled: 'booking.cancelled',
  no_show: 'booking.no_show',
};

async function settlementOfPayment(
  repos: TenantRepositories,
  b: BookingRecord,
  to: 'cancelled' | 'no_show',
  a: { initiatedBy: CancellationInitiator; now: Date; actor: Actor },
): Promise<Record<string, unknown> | null> {
  if (to === 'no_show' && a.now < b.startAt)
    throw new AppError('unprocessable', 'A booking cannot be a no-show before it starts', { reason: 'not_started' });
  if (to === 'cancelled' && a.initiatedBy === 'customer' && a.now >= b.startAt)
    throw new AppError('unprocessable', 'This booking has already started and can no longer be cancelled', { reason: 'booking_started' });
  return settleBooking(
    repos,
    b,
    to === 'no_show' ? { kind: 'no_show' } : { kind: 'cancel', initiatedBy: a.initiatedBy },
    a.now,
    a.actor.actorType === 'customer' ? 'customer' : `${a.actor.actorType}:${a.actor.actorId ?? ''}`,
  );
}

/**
 * Applies a status action to a row-locked booking: checks it with the state machine (and the
 * policy where money is involved), updates the row, writes history and outbox, and tells the
 * waitlist when the slot frees up.
 */
export async function applyAction(
  repos: TenantRepositories,
  b: BookingRecord,
  a: {
    action: Exclude<BookingAction, 'reschedule'>;
    reason?: string | null;
    actor: Actor;
    initiatedBy: CancellationInitiator;
    tenant: TenantRecord;
    now: Date;
  },
): Promise<void> {
  const to = checkTransition(b, a.action, a.reason);
  const policy = a.tenant.settings.cancellationPolicy;
  const data: Record<string, unknown> = {};
  const opens = a.tenant.settings.checkInOpensMinutes;
  const early = timingProblem(a.action, b.startAt, { now: a.now, checkInOpensMinutes: opens });
  if (early === 'check_in_not_open')
    throw new AppError(
      'unprocessable',
      `Check-in opens ${opens} minutes before the start`,
      { reason: early, opensAt: new Date(b.startAt.getTime() - opens * 60_000).toISOString() },
    );
  if (early === 'not_started' && a.action === 'complete')
    throw new AppError('unprocessable', 'A booking can be completed only once it has started', {
      reason: early,
    });
  // A booking that took a payment is settled by its own payment policy and ledger (app/payments).
  const paid =
    to === 'cancelled' || to === 'no_show'
      ? await settlementOfPayment(repos, b, to, a)
      : null;
  if (paid) Object.assign(data, paid, to === 'cancelled' ? { initiatedBy: a.initiatedBy } : {});
  if (a.action === 'mark_no_show' && !paid) {
    const o = noShowOutcome(policy, cancellable(b), a.now);
    if (!o.allowed)
      throw new AppError('unprocessable', 'A booking cannot be a no-show before it starts', {
        reason: 'not_started',
      });
    data.settlement = settlementData(o);
  }
  if (to === 'cancelled' && !paid) {
    const o = cancellationOutcome(policy, cancellable(b), a.now, { initiatedBy: a.initiatedBy });
    if (!o.allowed) {
      throw new AppError(
        'unprocessable',
        'This booking has already started and can no longer be cancelled',
        { reason: o.reason ?? 'booking_started' },
      );
    }
    data.initiatedBy = a.initiatedBy;
    data.late = o.late;
    data.settlement = settlementData(o);
  }
  const change: BookingChange = { status: to };
  if (to === 'cancelled') {
    // The invite's SEQUENCE goes up so calendars replace the event with the cancellation.
    Object.assign(change, {
      cancelReason: a.reason ?? null,
      cancelledAt: a.now,
      icsSequence: b.icsSequence + 1,
    });
  }
  await repos.bookings.update(b.id, change);
  const after: BookingRecord = { ...b, ...change, updatedAt: a.now };
  await recordChange(repos, after, {
    action: a.action,
    from: b.status,
    to,
    actor: a.actor,
    reason: a.reason,
    data,
    topics: [TOPIC_BY_STATUS[to]],
  });
  if (to === 'cancelled' || to === 'no_show') await slotFreed(repos, b, a.now);
}
