/**
 * The booking state machine. Pure: it decides whether an action is legal from a status
 * and what the next status is; persisting it, authorising the actor and emitting side
 * effects are the use cases' job.
 *
 *   pending     --approve|confirm-->  confirmed
 *   pending     --decline|cancel-->   cancelled
 *   pending_payment --confirm-->      confirmed   (the payment succeeded)
 *   pending_payment --cancel-->       cancelled   (the hold expired, or anyone cancelled)
 *   confirmed   --check_in-->         checked_in
 *   confirmed   --complete-->         completed
 *   confirmed   --cancel-->           cancelled
 *   confirmed   --mark_no_show-->     no_show
 *   checked_in  --complete-->         completed
 *   pending|confirmed --reschedule--> (same status; only the time changes)
 *   completed, cancelled, no_show are terminal.
 */

import { BOOKING_STATUSES, bookingActionSchema } from '@slotwise/contracts';

// The lists are the contract's enums: the API and the machine cannot disagree on a name.
export { BOOKING_STATUSES };
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Statuses that occupy the slot (count against availability / capacity). */
export const ACTIVE_STATUSES = [
  'pending',
  'pending_payment',
  'confirmed',
  'checked_in',
] as const satisfies readonly BookingStatus[];
export type ActiveBookingStatus = (typeof ACTIVE_STATUSES)[number];

/** No action leaves these. */
export const TERMINAL_STATUSES = [
  'completed',
  'cancelled',
  'no_show',
] as const satisfies readonly BookingStatus[];

export const BOOKING_ACTIONS = bookingActionSchema.options;
export type BookingAction = (typeof BOOKING_ACTIONS)[number];

/** Actions for which a non-blank reason must be supplied (shown to the customer). */
export const ACTIONS_REQUIRING_REASON = ['decline'] as const satisfies readonly BookingAction[];

// The whole machine in one table: action → (from status → to status).
// Decisions worth noting:
// - `approve` (staff accepts a request) and `confirm` (system: deposit paid) both move
//   pending → confirmed; they are separate so audit logs and webhooks say why.
// - `complete` is allowed from confirmed as well as checked_in, so staff who do not use
//   check-in can still close bookings (and no-show fees cannot be charged by mistake).
// - `mark_no_show` only from confirmed: a checked-in customer demonstrably showed up.
// - `cancel` is not allowed once checked in: the service is under way; complete it.
// - `reschedule` keeps the status; a pending request stays pending at its new time.
const TABLE: Readonly<Record<BookingAction, Partial<Record<BookingStatus, BookingStatus>>>> = {
  approve: { pending: 'confirmed' },
  decline: { pending: 'cancelled' },
  confirm: { pending: 'confirmed', pending_payment: 'confirmed' },
  check_in: { confirmed: 'checked_in' },
  complete: { confirmed: 'completed', checked_in: 'completed' },
  cancel: { pending: 'cancelled', pending_payment: 'cancelled', confirmed: 'cancelled' },
  mark_no_show: { confirmed: 'no_show' },
  reschedule: { pending: 'pending', confirmed: 'confirmed' },
};

export type TransitionResult =
  | { ok: true; to: BookingStatus }
  | {
      ok: false;
      /** invalid_transition → HTTP 409; reason_required → HTTP 422. */
      code: 'invalid_transition' | 'reason_required';
      current: BookingStatus;
      action: BookingAction;
    };

export type TransitionOptions = { reason?: string | null };

/**
 * Decides the next status. The state check comes first, so an illegal action always
 * reports `invalid_transition` even without a reason; a legal `decline` without a
 * non-blank `options.reason` reports `reason_required`.
 */
export function transition(
  current: BookingStatus,
  action: BookingAction,
  options: TransitionOptions = {},
): TransitionResult {
  const to = TABLE[action]?.[current];
  if (to === undefined) return { ok: false, code: 'invalid_transition', current, action };
  if (requiresReason(action) && !(options.reason ?? '').trim()) {
    return { ok: false, code: 'reason_required', current, action };
  }
  return { ok: true, to };
}

/** Actions legal from `status` (in BOOKING_ACTIONS order), e.g. to render admin buttons. */
export function allowedActions(status: BookingStatus): BookingAction[] {
  return BOOKING_ACTIONS.filter((a) => TABLE[a][status] !== undefined);
}

/** What the clock rules need: the time, and how long before the start check-in opens. */
export interface ActionClock {
  now: Date;
  /** Check-in opens this many minutes before the start (the business's setting). */
  checkInOpensMinutes: number;
}

export const DEFAULT_CHECK_IN_OPENS_MINUTES = 60;

export type TimingProblem = 'check_in_not_open' | 'not_started';

/**
 * Whether the clock forbids an otherwise legal action: check-in only from `checkInOpensMinutes`
 * before the start; complete and no-show only once the booking has started. (A check-in long
 * before the visit, or a "completed" appointment that has not happened, is a slip of the finger.)
 */
export function timingProblem(
  action: BookingAction,
  start: Date,
  clock: ActionClock,
): TimingProblem | null {
  const now = clock.now.getTime();
  if (action === 'check_in' && now < start.getTime() - clock.checkInOpensMinutes * 60_000)
    return 'check_in_not_open';
  if ((action === 'complete' || action === 'mark_no_show') && now < start.getTime())
    return 'not_started';
  return null;
}

/**
 * Actions to offer for a booking now: allowedActions minus what the clock forbids, and never
 * `confirm`: it is the system's "deposit paid" (a request is Approved / Declined; a booking
 * awaiting payment is confirmed by its payment, or cancelled). What admin screens show.
 */
export function allowedActionsAt(
  status: BookingStatus,
  start: Date,
  clock: ActionClock,
): BookingAction[] {
  return allowedActions(status).filter(
    (a) => timingProblem(a, start, clock) === null && a !== 'confirm',
  );
}

export function requiresReason(action: BookingAction): boolean {
  return (ACTIONS_REQUIRING_REASON as readonly BookingAction[]).includes(action);
}

export function isActiveStatus(status: BookingStatus): status is ActiveBookingStatus {
  return (ACTIVE_STATUSES as readonly BookingStatus[]).includes(status);
}

export function isTerminalStatus(status: BookingStatus): boolean {
  return (TERMINAL_STATUSES as readonly BookingStatus[]).includes(status);
}

export function isBookingStatus(value: unknown): value is BookingStatus {
  return typeof value === 'string' && (BOOKING_STATUSES as readonly string[]).includes(value);
}

export function isBookingAction(value: unknown): value is BookingAction {
  return typeof value === 'string' && (BOOKING_ACTIONS as readonly string[]).includes(value);
}
