import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  planReminders,
  quietWindowAt,
  reminderSendKey,
  shiftOutOfQuietHours,
  staleReason,
  type QuietHours,
} from '../../../src/domain/messages/reminders';

const MIN = 60_000;
const zones = fc.constantFrom(
  'UTC',
  'Europe/Madrid',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
);
const wall = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const quiet = fc.record({ start: wall, end: wall });
const instant = fc
  .integer({ min: Date.parse('2030-01-01T00:00:00Z'), max: Date.parse('2031-01-01T00:00:00Z') })
  .map((t) => Math.floor(t / MIN) * MIN);
const settings = (q: QuietHours | null = null) => ({
  sendReminders: true,
  reminderOffsetsMinutes: [1440, 120],
  reminderChannels: ['email' as const],
  quietHours: q,
});

describe('reminder planning', () => {
  it('a reminder never goes out in quiet hours, never after the start and never before now', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 5, max: 20_000 }),
        fc.integer({ min: 1, max: 30 * 24 * 60 }),
        quiet,
        zones,
        (now, offset, lead, q, zone) => {
          const start = now + lead * MIN;
          const due = start - offset * MIN;
          if (due <= now) return;
          const sent = shiftOutOfQuietHours(due, start, now, q, zone);
          if (sent === null) return;
          expect(sent).toBeLessThan(start);
          expect(sent).toBeGreaterThan(now);
          expect(quietWindowAt(sent, q, zone)).toBeNull();
          // Outside quiet hours nothing moves.
          if (!quietWindowAt(due, q, zone)) expect(sent).toBe(due);
        },
      ),
    );
  });

  it('plans one reminder per offset and channel for a confirmed booking, none for other states or past times', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 10 * 24 * 60 }),
        fc.constantFrom('confirmed', 'pending', 'cancelled', 'no_show'),
        fc.nat(5),
        (now, lead, status, version) => {
          const start = new Date(now + lead * MIN);
          const plan = planReminders(
            { bookingId: 'b1', status, start, version },
            settings(),
            'UTC',
            new Date(now),
          );
          if (status !== 'confirmed') {
            expect(plan).toEqual([]);
            return;
          }
          const expected = [1440, 120].filter((o) => start.getTime() - o * MIN > now);
          expect(plan.map((p) => p.offsetMinutes)).toEqual(expected);
          for (const p of plan) {
            expect(p.dueAt.getTime()).toBe(start.getTime() - p.offsetMinutes * MIN);
            expect(p.sendKey).toBe(reminderSendKey('b1', version, p.offsetMinutes, 'email'));
          }
        },
      ),
    );
  });

  it('a 2 h reminder of an 08:30 appointment under quiet hours 21:00–08:00 goes at 08:00', () => {
    const start = Date.parse('2030-03-05T08:30:00Z');
    const due = start - 120 * MIN;
    expect(
      new Date(
        shiftOutOfQuietHours(
          due,
          start,
          due - 86_400_000,
          { start: '21:00', end: '08:00' },
          'UTC',
        )!,
      ).toISOString(),
    ).toBe('2030-03-05T08:00:00.000Z');
  });

  it('a stored reminder is stale when the booking moved, changed version, is no longer confirmed or is gone', () => {
    const r = { bookingVersion: 2, bookingStart: new Date('2030-03-05T10:00:00Z') };
    const b = { status: 'confirmed', start: new Date('2030-03-05T10:00:00Z'), version: 2 };
    expect(staleReason(r, b)).toBeNull();
    expect(staleReason(r, { ...b, version: 3 })).toBe('version_changed');
    expect(staleReason(r, { ...b, start: new Date('2030-03-05T11:00:00Z') })).toBe('start_changed');
    expect(staleReason(r, { ...b, status: 'cancelled' })).toBe('status_cancelled');
    expect(staleReason(r, { ...b, status: 'no_show' })).toBe('status_no_show');
    expect(staleReason(r, null)).toBe('booking_gone');
  });
});
