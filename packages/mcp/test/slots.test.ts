import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, bestSlots } from '../src/slots';
import { readEnv } from '../src/config';
import { describeInstant, describeRange } from '../src/format';
import { manageToken } from '../src/tools/booking-ref';

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

/** Days of slots in UTC (so local time = instant time), each day's minutes unique and sorted. */
const daysArb = fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { maxLength: 6 }).chain((offsets) =>
  fc.tuple(
    ...offsets
      .sort((a, b) => a - b)
      .map((o) =>
        fc.uniqueArray(fc.integer({ min: 0, max: 95 }), { maxLength: 12 }).map((qs) => ({
          date: addDays('2030-01-01', o),
          slots: qs
            .sort((a, b) => a - b)
            .map((q) => ({
              localTime: hhmm(q * 15),
              start: `${addDays('2030-01-01', o)}T${hhmm(q * 15)}:00.000Z`,
            })),
        })),
      ),
  ),
);

describe('bestSlots', () => {
  it('returns at most `limit` of the given slots, chronologically, without duplicates', () => {
    fc.assert(
      fc.property(
        daysArb,
        fc.integer({ min: 0, max: 30 }),
        fc.option(fc.integer({ min: 0, max: 1439 }), { nil: undefined }),
        (days, limit, pref) => {
          const all = days.flatMap((d) => d.slots);
          const out = bestSlots(days, {
            limit,
            ...(pref === undefined ? {} : { preferredTime: hhmm(pref) }),
          });
          expect(out.length).toBe(Math.min(limit, all.length));
          const starts = out.map((o) => o.slot.start);
          expect(new Set(starts).size).toBe(starts.length);
          expect([...starts].sort()).toEqual(starts);
          for (const o of out) expect(all).toContainEqual(o.slot);
        },
      ),
    );
  });

  it('without a preference: the earliest slots', () => {
    fc.assert(
      fc.property(daysArb, fc.integer({ min: 0, max: 30 }), (days, limit) => {
        const earliest = days
          .flatMap((d) => d.slots)
          .map((s) => s.start)
          .sort()
          .slice(0, limit);
        expect(bestSlots(days, { limit }).map((o) => o.slot.start)).toEqual(earliest);
      }),
    );
  });

  it('with a preference: every day gets its nearest slot before any day gets a second one', () => {
    fc.assert(
      fc.property(daysArb, fc.integer({ min: 0, max: 1439 }), (days, pref) => {
        const nonEmpty = days.filter((d) => d.slots.length > 0);
        const out = bestSlots(days, { limit: nonEmpty.length, preferredTime: hhmm(pref) });
        expect(out.map((o) => o.date)).toEqual(nonEmpty.map((d) => d.date));
        for (const o of out) {
          const day = nonEmpty.find((d) => d.date === o.date)!;
          const best = Math.min(...day.slots.map((s) => Math.abs(minutes(s.localTime) - pref)));
          expect(Math.abs(minutes(o.slot.localTime) - pref)).toBe(best);
        }
      }),
    );
  });
});

describe('formatting', () => {
  it('names the zone and keeps DST right', () => {
    expect(describeInstant('2030-07-01T14:00:00Z', 'Europe/London')).toBe(
      'Monday 2030-07-01 15:00 (Europe/London)',
    );
    expect(describeInstant('2030-01-01T14:00:00Z', 'Europe/London')).toBe(
      'Tuesday 2030-01-01 14:00 (Europe/London)',
    );
    expect(describeRange('2030-01-01T23:30:00Z', '2030-01-02T00:30:00Z', 'UTC')).toBe(
      'Tuesday 2030-01-01 23:30–2030-01-02 00:30 (UTC)',
    );
  });
});

describe('manage links', () => {
  it('takes a link or a bare token, and nothing else', () => {
    const token = 'abcDEF0123456789_-xyzABC';
    expect(manageToken(`https://book.example.com/manage/${token}`)).toBe(token);
    expect(manageToken(`https://book.example.com/manage/${token}/?utm=1#x`)).toBe(token);
    expect(manageToken(token)).toBe(token);
    expect(manageToken('https://book.example.com/manage/../../etc')).toBeNull();
    expect(manageToken('short')).toBeNull();
  });
});

describe('stdio configuration', () => {
  it('needs a base URL and either an API key or a business slug', () => {
    expect(
      readEnv({ SLOTWISE_BASE_URL: 'http://localhost:3000', SLOTWISE_API_KEY: 'sk_test_abc' })
        .success,
    ).toBe(true);
    expect(
      readEnv({ SLOTWISE_BASE_URL: 'http://localhost:3000', SLOTWISE_TENANT: 'demo' }).success,
    ).toBe(true);
    const neither = readEnv({ SLOTWISE_BASE_URL: 'http://localhost:3000', SLOTWISE_API_KEY: '' });
    expect(neither.success).toBe(false);
    expect(readEnv({ SLOTWISE_BASE_URL: 'not a url', SLOTWISE_TENANT: 'demo' }).success).toBe(
      false,
    );
    expect(
      readEnv({ SLOTWISE_BASE_URL: 'http://x', SLOTWISE_API_KEY: 'password123' }).success,
    ).toBe(false);
  });
});
