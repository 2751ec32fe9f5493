import { describe, expect, it } from 'vitest';
import {
  ACTIVE_STATUSES,
  BOOKING_ACTIONS,
  BOOKING_STATUSES,
  TERMINAL_STATUSES,
  allowedActions,
  isActiveStatus,
  isBookingAction,
  isBookingStatus,
  isTerminalStatus,
  requiresReason,
  transition,
  type BookingAction,
  type BookingStatus,
} from '../../../src/domain/booking/lifecycle';

// Explicit expected table, written independently of the implementation.
// '-' = invalid_transition.
type Cell = BookingStatus | '-';
const EXPECTED: Record<BookingStatus, Record<BookingAction, Cell>> = {
  pending: {
    approve: 'confirmed',
    decline: 'cancelled',
    confirm: 'confirmed',
    check_in: '-',
    complete: '-',
    cancel: 'cancelled',
    mark_no_show: '-',
    reschedule: 'pending',
  },
  pending_payment: {
    approve: '-',
    decline: '-',
    confirm: 'confirmed',
    check_in: '-',
    complete: '-',
    cancel: 'cancelled',
    mark_no_show: '-',
    reschedule: '-',
  },
  confirmed: {
    approve: '-',
    decline: '-',
    confirm: '-',
    check_in: 'checked_in',
    complete: 'completed',
    cancel: 'cancelled',
    mark_no_show: 'no_show',
    reschedule: 'confirmed',
  },
  checked_in: {
    approve: '-',
    decline: '-',
    confirm: '-',
    check_in: '-',
    complete: 'completed',
    cancel: '-',
    mark_no_show: '-',
    reschedule: '-',
  },
  completed: {
    approve: '-',
    decline: '-',
    confirm: '-',
    check_in: '-',
    complete: '-',
    cancel: '-',
    mark_no_show: '-',
    reschedule: '-',
  },
  cancelled: {
    approve: '-',
    decline: '-',
    confirm: '-',
    check_in: '-',
    complete: '-',
    cancel: '-',
    mark_no_show: '-',
    reschedule: '-',
  },
  no_show: {
    approve: '-',
    decline: '-',
    confirm: '-',
    check_in: '-',
    complete: '-',
    cancel: '-',
    mark_no_show: '-',
    reschedule: '-',
  },
};

const matrix = BOOKING_STATUSES.flatMap((s) =>
  BOOKING_ACTIONS.map((a) => [s, a, EXPECTED[s][a]] as const),
);

describe('booking lifecycle', () => {
  it('has the documented statuses and actions', () => {
    expect([...BOOKING_STATUSES]).toEqual([
      'pending',
      'pending_payment',
      'confirmed',
      'checked_in',
      'completed',
      'cancelled',
      'no_show',
    ]);
    expect([...ACTIVE_STATUSES]).toEqual(['pending', 'pending_payment', 'confirmed', 'checked_in']);
    expect([...TERMINAL_STATUSES].sort()).toEqual(['cancelled', 'completed', 'no_show']);
    expect(BOOKING_ACTIONS).toHaveLength(8);
    expect(matrix).toHaveLength(56);
  });

  it.each(matrix)('%s + %s → %s', (status, action, expected) => {
    const result = transition(status, action, { reason: 'Provider unavailable' });
    if (expected === '-') {
      expect(result).toEqual({ ok: false, code: 'invalid_transition', current: status, action });
    } else {
      expect(result).toEqual({ ok: true, to: expected });
    }
  });

  it.each(BOOKING_STATUSES)('allowedActions(%s) matches the table', (status) => {
    const expected = BOOKING_ACTIONS.filter((a) => EXPECTED[status][a] !== '-');
    expect(allowedActions(status)).toEqual(expected);
  });

  it('terminal statuses allow nothing; active statuses allow something', () => {
    for (const s of BOOKING_STATUSES) {
      expect(isTerminalStatus(s)).toBe(allowedActions(s).length === 0);
      expect(isActiveStatus(s)).toBe(!isTerminalStatus(s));
    }
  });

  it('decline requires a non-blank reason', () => {
    expect(requiresReason('decline')).toBe(true);
    expect(requiresReason('cancel')).toBe(false);
    const rejected = { ok: false, code: 'reason_required', current: 'pending', action: 'decline' };
    expect(transition('pending', 'decline')).toEqual(rejected);
    expect(transition('pending', 'decline', { reason: '   ' })).toEqual(rejected);
    expect(transition('pending', 'decline', { reason: null })).toEqual(rejected);
    expect(transition('pending', 'decline', { reason: 'Fully booked' })).toEqual({
      ok: true,
      to: 'cancelled',
    });
  });

  it('an illegal decline reports invalid_transition even without a reason', () => {
    expect(transition('confirmed', 'decline')).toMatchObject({
      ok: false,
      code: 'invalid_transition',
    });
  });

  it('no other action needs a reason', () => {
    for (const [status, action, expected] of matrix) {
      if (expected === '-' || action === 'decline') continue;
      expect(transition(status, action)).toEqual({ ok: true, to: expected });
    }
  });

  it('type guards', () => {
    expect(isBookingStatus('pending')).toBe(true);
    expect(isBookingStatus('PENDING')).toBe(false);
    expect(isBookingStatus(3)).toBe(false);
    expect(isBookingAction('mark_no_show')).toBe(true);
    expect(isBookingAction('no_show')).toBe(false);
  });
});
