import { describe, expect, it } from 'vitest';
import { computeSlots, groupSlotsByLocalDate, type Slot } from '../../../src/domain/availability';
import { at, query, weekly } from './fixtures';

const slot = (startIso: string, minutes = 60, providerIds = ['p1'], seatsLeft = 1): Slot => ({
  start: at(startIso),
  end: at(startIso) + minutes * 60_000,
  providerIds,
  seatsLeft,
});

describe('groupSlotsByLocalDate', () => {
  it('groups by the viewer date, in order, keeping every field', () => {
    const slots = [
      slot('2026-03-02T14:00Z'),
      slot('2026-03-03T03:30Z', 30, ['p1', 'p2'], 2),
      slot('2026-03-03T05:00Z'),
      slot('2026-03-04T15:00Z'),
    ];
    expect(groupSlotsByLocalDate(slots, 'America/New_York')).toEqual([
      {
        date: '2026-03-02',
        slots: [
          {
            ...slots[0],
            localTime: '09:00',
            localStart: '2026-03-02T09:00:00-05:00',
            utcOffset: '-05:00',
          },
          {
            ...slots[1],
            localTime: '22:30',
            localStart: '2026-03-02T22:30:00-05:00',
            utcOffset: '-05:00',
          },
        ],
      },
      {
        date: '2026-03-03',
        slots: [
          {
            ...slots[2],
            localTime: '00:00',
            localStart: '2026-03-03T00:00:00-05:00',
            utcOffset: '-05:00',
          },
        ],
      },
      {
        date: '2026-03-04',
        slots: [
          {
            ...slots[3],
            localTime: '10:00',
            localStart: '2026-03-04T10:00:00-05:00',
            utcOffset: '-05:00',
          },
        ],
      },
    ]);
  });

  it.each([
    ['Asia/Kolkata', '2026-03-02T18:29Z', '2026-03-02', '23:59', '2026-03-02T23:59:00+05:30'],
    ['Asia/Kolkata', '2026-03-02T18:30Z', '2026-03-03', '00:00', '2026-03-03T00:00:00+05:30'],
    ['Asia/Kathmandu', '2026-03-02T18:15Z', '2026-03-03', '00:00', '2026-03-03T00:00:00+05:45'],
    ['America/St_Johns', '2026-07-01T02:30Z', '2026-07-01', '00:00', '2026-07-01T00:00:00-02:30'],
    ['Pacific/Chatham', '2026-01-10T00:00Z', '2026-01-10', '13:45', '2026-01-10T13:45:00+13:45'],
    ['Europe/London', '2026-01-10T00:00Z', '2026-01-10', '00:00', '2026-01-10T00:00:00+00:00'],
    ['UTC', '2026-01-10T00:00Z', '2026-01-10', '00:00', '2026-01-10T00:00:00+00:00'],
    ['Pacific/Pago_Pago', '2026-01-10T10:59Z', '2026-01-09', '23:59', '2026-01-09T23:59:00-11:00'],
    ['America/New_York', '2026-11-01T05:30Z', '2026-11-01', '01:30', '2026-11-01T01:30:00-04:00'],
    ['America/New_York', '2026-11-01T06:30Z', '2026-11-01', '01:30', '2026-11-01T01:30:00-05:00'],
  ])('%s: %s is %s %s (%s)', (zone, startIso, date, time, localStart) => {
    expect(groupSlotsByLocalDate([slot(startIso)], zone)).toEqual([
      {
        date,
        slots: [
          { ...slot(startIso), localTime: time, localStart, utcOffset: localStart.slice(-6) },
        ],
      },
    ]);
  });

  it('keeps seconds and milliseconds when a start has them', () => {
    const s: Slot = {
      start: at('2026-03-02T09:00Z') + 1_500,
      end: at('2026-03-02T10:00Z'),
      providerIds: ['p1'],
      seatsLeft: 1,
    };
    expect(groupSlotsByLocalDate([s], 'UTC')[0]!.slots[0]!.localStart).toBe(
      '2026-03-02T09:00:01.500+00:00',
    );
  });

  it('sorts unsorted input and returns [] for no slots', () => {
    const slots = [slot('2026-03-03T09:00Z'), slot('2026-03-02T09:00Z')];
    expect(groupSlotsByLocalDate(slots, 'UTC').map((d) => d.date)).toEqual([
      '2026-03-02',
      '2026-03-03',
    ]);
    expect(groupSlotsByLocalDate([], 'UTC')).toEqual([]);
  });

  it('a slot that runs past midnight belongs to the date it starts on', () => {
    const q = query({
      rules: weekly('p1', '23:00', '01:00', [1]),
      service: { durationMinutes: 90, slotIntervalMinutes: 30 },
      from: '2026-03-02',
      to: '2026-03-03',
    });
    expect(
      groupSlotsByLocalDate(computeSlots(q), 'UTC').map((d) => [
        d.date,
        d.slots.map((s) => s.localTime),
      ]),
    ).toEqual([['2026-03-02', ['23:00', '23:30']]]);
  });

  it('rejects an unknown zone', () => {
    expect(() => groupSlotsByLocalDate([], 'Nope/Nope')).toThrow(RangeError);
  });
});
