import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  bookingIcsUid,
  buildBookingIcs,
  escapeIcsText,
  foldIcsLine,
  formatIcsDateTime,
  icsContentType,
  icsParamValue,
  type BookingIcsInput,
} from '../../../src/domain/booking/ics';

const START = Date.UTC(2025, 2, 30, 0, 30, 0); // 00:30Z on the night Europe switches to DST
const END = START + 45 * 60_000;
const STAMP = Date.UTC(2025, 2, 1, 9, 15, 7);

const base: BookingIcsInput = {
  uid: bookingIcsUid('bk_01HXYZ', 'slotwise.example'),
  sequence: 0,
  method: 'REQUEST',
  status: 'CONFIRMED',
  start: START,
  end: END,
  summary: 'Haircut with Ana',
  description: 'See you soon',
  location: 'Main St 1',
  organizer: { name: 'Studio Nord', email: 'bookings@studio.example' },
  attendee: { name: 'Jo Doe', email: 'jo@example.com' },
  url: 'https://book.example/manage/abc',
  stamp: STAMP,
  prodId: '-//Slotwise//Slotwise Booking//EN',
};

function parse(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  const vevent = cal.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { cal, vevent };
}

function text(vevent: ICAL.Component, name: string): unknown {
  return vevent.getFirstPropertyValue(name);
}

function instant(vevent: ICAL.Component, name: string): number {
  const v = vevent.getFirstPropertyValue(name);
  if (!(v instanceof ICAL.Time)) throw new Error(`${name} is not a date-time`);
  expect(v.zone?.tzid).toBe('UTC');
  return v.toJSDate().getTime();
}

/** Asserts the RFC 5545 physical-line rules on a whole document. */
function expectWellFormed(ics: string): void {
  expect(ics.endsWith('\r\n')).toBe(true);
  expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare CR or LF anywhere
  const lines = ics.slice(0, -2).split('\r\n');
  for (const [i, line] of lines.entries()) {
    expect(Buffer.byteLength(line, 'utf8'), `line ${i}: ${line}`).toBeLessThanOrEqual(75);
    // No split surrogate pair (a split multi-byte character would show up as one).
    expect(line).not.toMatch(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
    );
    expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
  }
  // Unfolded, every logical line starts with a property name (so every physical line
  // that is not a new property is a continuation starting with a space).
  for (const logical of ics.slice(0, -2).replace(/\r\n /g, '').split('\r\n')) {
    expect(logical).toMatch(/^[A-Z-]+[;:]/);
  }
}

describe('buildBookingIcs', () => {
  it('produces the exact expected document for a simple invite', () => {
    expect(buildBookingIcs(base)).toBe(
      [
        'BEGIN:VCALENDAR',
        'PRODID:-//Slotwise//Slotwise Booking//EN',
        'VERSION:2.0',
        'CALSCALE:GREGORIAN',
        'METHOD:REQUEST',
        'BEGIN:VEVENT',
        'UID:bk_01HXYZ@slotwise.example',
        'SEQUENCE:0',
        'DTSTAMP:20250301T091507Z',
        'DTSTART:20250330T003000Z',
        'DTEND:20250330T011500Z',
        'SUMMARY:Haircut with Ana',
        'DESCRIPTION:See you soon',
        'LOCATION:Main St 1',
        'URL:https://book.example/manage/abc',
        'STATUS:CONFIRMED',
        'ORGANIZER;CN=Studio Nord:mailto:bookings@studio.example',
        'ATTENDEE;CN=Jo Doe;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto',
        ' :jo@example.com',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('parses with ical.js to the same UID, SEQUENCE, METHOD, STATUS and instants', () => {
    const ics = buildBookingIcs(base);
    expectWellFormed(ics);
    const { cal, vevent } = parse(ics);
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(cal.getFirstPropertyValue('prodid')).toBe(base.prodId);
    expect(cal.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(text(vevent, 'uid')).toBe('bk_01HXYZ@slotwise.example');
    expect(text(vevent, 'sequence')).toBe(0);
    expect(text(vevent, 'status')).toBe('CONFIRMED');
    expect(instant(vevent, 'dtstart')).toBe(START);
    expect(instant(vevent, 'dtend')).toBe(END);
    expect(instant(vevent, 'dtstamp')).toBe(STAMP);
    expect(text(vevent, 'summary')).toBe('Haircut with Ana');
    expect(text(vevent, 'location')).toBe('Main St 1');
    expect(text(vevent, 'url')).toBe('https://book.example/manage/abc');

    const organizer = vevent.getFirstProperty('organizer');
    expect(organizer?.getFirstValue()).toBe('mailto:bookings@studio.example');
    expect(organizer?.getParameter('cn')).toBe('Studio Nord');
    const attendee = vevent.getFirstProperty('attendee');
    expect(attendee?.getFirstValue()).toBe('mailto:jo@example.com');
    expect(attendee?.getParameter('cn')).toBe('Jo Doe');
    expect(attendee?.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(attendee?.getParameter('partstat')).toBe('ACCEPTED');
    expect(attendee?.getParameter('rsvp')).toBe('FALSE');

    // ical.js's own event view agrees on the instants.
    const event = new ICAL.Event(vevent);
    expect(event.uid).toBe(base.uid);
    expect(event.startDate.toJSDate().getTime()).toBe(START);
    expect(event.endDate.toJSDate().getTime()).toBe(END);
  });

  it('round-trips TEXT with commas, semicolons, backslashes, newlines and emoji', () => {
    const summary = 'Cut, colour; style \\ wash 💇‍♀️✂️';
    const description = 'Line 1\nLine 2\r\nLine 3\rLine 4, with ; and \\n literally\n\nEnd 🎉';
    const location = 'Café "Zur Post", Straße 5; 2. OG';
    const ics = buildBookingIcs({ ...base, summary, description, location });
    expectWellFormed(ics);
    expect(ics).toContain('SUMMARY:Cut\\, colour\\; style \\\\ wash');
    const { vevent } = parse(ics);
    expect(text(vevent, 'summary')).toBe(summary);
    expect(text(vevent, 'description')).toBe(
      'Line 1\nLine 2\nLine 3\nLine 4, with ; and \\n literally\n\nEnd 🎉',
    );
    expect(text(vevent, 'location')).toBe(location);
  });

  it('folds long non-ASCII text at ≤ 75 octets without splitting characters, and round-trips it', () => {
    const summary =
      'Массаж горячими камнями — '.repeat(6) + '日本語の説明'.repeat(10) + '😀'.repeat(40);
    const description = ('Ünïcödé ' + '🧘🏽‍♀️ ' + 'Ω≈ç√∫ ').repeat(30);
    const ics = buildBookingIcs({ ...base, summary, description });
    expectWellFormed(ics);
    expect(ics.split('\r\n').filter((l) => l.startsWith(' ')).length).toBeGreaterThan(20);
    const { vevent } = parse(ics);
    expect(text(vevent, 'summary')).toBe(summary);
    expect(text(vevent, 'description')).toBe(description);
  });

  it('round-trips an escape sequence split by a fold', () => {
    // "SUMMARY:" + 66 chars puts the backslash of "\," at octet 75 and the comma on the next line.
    const summary = `${'a'.repeat(66)},b`;
    const ics = buildBookingIcs({ ...base, summary });
    expect(ics).toContain(`SUMMARY:${'a'.repeat(66)}\\\r\n ,b`);
    expect(text(parse(ics).vevent, 'summary')).toBe(summary);
  });

  it('drops control characters that TEXT cannot carry, keeps tabs', () => {
    const { vevent } = parse(
      buildBookingIcs({ ...base, summary: 'a\u0000b\u0007c\td\u001Fe\u007F' }),
    );
    expect(text(vevent, 'summary')).toBe('abc\tde');
  });

  it('quotes CN values with special characters and encodes quotes per RFC 6868', () => {
    const organizer = { name: 'Dr. Smith, MD; Clinic: "Best" ^_^', email: 'clinic@example.com' };
    const attendee = { name: 'Zoë\nO’Brien 👩‍⚕️', email: 'zoe@example.com' };
    const ics = buildBookingIcs({ ...base, organizer, attendee });
    expectWellFormed(ics);
    expect(ics.replace(/\r\n /g, '')).toContain(
      `ORGANIZER;CN="Dr. Smith, MD; Clinic: ^'Best^' ^^_^^":mailto:clinic@example.com`,
    );
    const { vevent } = parse(ics);
    const org = vevent.getFirstProperty('organizer');
    expect(org?.getParameter('cn')).toBe(organizer.name);
    expect(org?.getFirstValue()).toBe('mailto:clinic@example.com');
    const att = vevent.getFirstProperty('attendee');
    expect(att?.getParameter('cn')).toBe('Zoë O’Brien 👩‍⚕️');
    expect(att?.getParameter('partstat')).toBe('ACCEPTED');
  });

  it('property: arbitrary Unicode text and names survive the round trip', () => {
    const textArb = fc.string({ unit: 'binary', maxLength: 300 });
    fc.assert(
      fc.property(textArb, textArb, textArb, textArb, (summary, description, location, name) => {
        const ics = buildBookingIcs({
          ...base,
          summary,
          description,
          location,
          attendee: { name, email: 'jo@example.com' },
        });
        expectWellFormed(ics);
        const { vevent } = parse(ics);
        const expectedText = (s: string) =>
          s.replace(/\r\n?/g, '\n').replace(/[^\P{Cc}\t\n]/gu, '');
        expect(text(vevent, 'summary')).toBe(expectedText(summary));
        expect(text(vevent, 'description')).toBe(expectedText(description));
        if (location !== '') expect(text(vevent, 'location')).toBe(expectedText(location));
        const cn = name.replace(/[\r\n\t]+/g, ' ').replace(/\p{Cc}/gu, '');
        expect(vevent.getFirstProperty('attendee')?.getParameter('cn')).toBe(cn);
        expect(text(vevent, 'uid')).toBe(base.uid);
      }),
      { numRuns: 300 },
    );
  });

  it('cancel: same UID, higher SEQUENCE, METHOD:CANCEL and STATUS:CANCELLED', () => {
    const invite = parse(buildBookingIcs(base));
    const moved = parse(
      buildBookingIcs({ ...base, sequence: 1, start: START + 86_400_000, end: END + 86_400_000 }),
    );
    const cancelled = parse(
      buildBookingIcs({ ...base, sequence: 2, method: 'CANCEL', status: 'CANCELLED' }),
    );

    expect(cancelled.cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(text(cancelled.vevent, 'status')).toBe('CANCELLED');
    for (const v of [moved.vevent, cancelled.vevent])
      expect(text(v, 'uid')).toBe(text(invite.vevent, 'uid'));
    const seq = [invite, moved, cancelled].map((p) => text(p.vevent, 'sequence') as number);
    expect(seq).toEqual([0, 1, 2]);
    expect(instant(moved.vevent, 'dtstart')).toBe(START + 86_400_000);
    // iTIP CANCEL must still name organizer and attendee.
    expect(cancelled.vevent.getFirstProperty('organizer')).not.toBeNull();
    expect(cancelled.vevent.getFirstProperty('attendee')).not.toBeNull();
  });

  it('TENTATIVE status and partstat override', () => {
    const { vevent } = parse(
      buildBookingIcs({
        ...base,
        status: 'TENTATIVE',
        attendee: { ...base.attendee, partstat: 'NEEDS-ACTION' },
      }),
    );
    expect(text(vevent, 'status')).toBe('TENTATIVE');
    expect(vevent.getFirstProperty('attendee')?.getParameter('partstat')).toBe('NEEDS-ACTION');
  });

  it('PUBLISH omits ATTENDEE (RFC 5546) but keeps ORGANIZER', () => {
    const ics = buildBookingIcs({ ...base, method: 'PUBLISH' });
    const { cal, vevent } = parse(ics);
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(vevent.getFirstProperty('attendee')).toBeNull();
    expect(vevent.getFirstProperty('organizer')).not.toBeNull();
  });

  it('omits optional LOCATION and URL when absent', () => {
    const { location: _l, url: _u, ...rest } = base;
    const ics = buildBookingIcs(rest);
    expect(ics).not.toMatch(/^(LOCATION|URL)/m);
    expectWellFormed(ics);
  });

  it('accepts Date instants and truncates milliseconds', () => {
    const ics = buildBookingIcs({
      ...base,
      start: new Date(START + 999),
      end: new Date(END),
      stamp: STAMP + 1,
    });
    const { vevent } = parse(ics);
    expect(instant(vevent, 'dtstart')).toBe(START);
    expect(instant(vevent, 'dtstamp')).toBe(STAMP);
  });

  it.each<[string, Partial<BookingIcsInput>]>([
    ['end before start', { end: START - 1 }],
    ['end equal to start', { end: START }],
    ['negative sequence', { sequence: -1 }],
    ['fractional sequence', { sequence: 1.5 }],
    ['CANCEL without CANCELLED', { method: 'CANCEL', status: 'CONFIRMED' }],
    ['blank uid', { uid: '  ' }],
    ['invalid start', { start: Number.NaN }],
    [
      'e-mail with CRLF injection',
      { attendee: { name: 'x', email: 'a@b.c\r\nATTENDEE:mailto:evil@x.y' } },
    ],
    ['e-mail without @', { organizer: { name: 'x', email: 'nobody' } }],
    ['relative URL', { url: '/manage/abc' }],
    ['URL with a newline', { url: 'https://a.example/\nX' }],
  ])('rejects %s', (_label, patch) => {
    expect(() => buildBookingIcs({ ...base, ...patch })).toThrow(RangeError);
  });
});

describe('helpers', () => {
  it('bookingIcsUid is stable and validated', () => {
    expect(bookingIcsUid('b1', 'example.com')).toBe('b1@example.com');
    expect(bookingIcsUid('b1', 'example.com')).toBe(bookingIcsUid('b1', 'example.com'));
    for (const [id, domain] of [
      ['', 'example.com'],
      ['a b', 'example.com'],
      ['a@b', 'example.com'],
      ['b1', ''],
      ['b1', 'ex\nample.com'],
    ] as const) {
      expect(() => bookingIcsUid(id, domain)).toThrow(RangeError);
    }
  });

  it('formatIcsDateTime', () => {
    expect(formatIcsDateTime(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).toBe('20240229T235959Z');
    expect(formatIcsDateTime(0)).toBe('19700101T000000Z');
    expect(() => formatIcsDateTime(Date.UTC(10000, 0, 1))).toThrow(RangeError);
  });

  it('escapeIcsText and icsParamValue', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeIcsText('colon: is fine')).toBe('colon: is fine');
    expect(icsParamValue('Plain Name')).toBe('Plain Name');
    expect(icsParamValue('Doe, Jo')).toBe('"Doe, Jo"');
    expect(icsParamValue('a:b')).toBe('"a:b"');
    expect(icsParamValue('say "hi"')).toBe("say ^'hi^'");
  });

  it('foldIcsLine folds at exactly 75 octets, continuation lines hold 74 + the space', () => {
    expect(foldIcsLine('a'.repeat(75))).toBe('a'.repeat(75));
    expect(foldIcsLine('a'.repeat(76))).toBe(`${'a'.repeat(75)}\r\n a`);
    expect(foldIcsLine('a'.repeat(75 + 74 + 1))).toBe(
      `${'a'.repeat(75)}\r\n ${'a'.repeat(74)}\r\n a`,
    );
    // 74 ASCII + a 2-octet char would be 76: the char moves to the next line whole.
    expect(foldIcsLine(`${'a'.repeat(74)}é`)).toBe(`${'a'.repeat(74)}\r\n é`);
    // 4-octet emoji: 18 × 4 = 72, the 19th would reach 76.
    expect(foldIcsLine('😀'.repeat(19))).toBe(`${'😀'.repeat(18)}\r\n 😀`);
    expect(foldIcsLine('')).toBe('');
  });

  it('icsContentType carries the method', () => {
    expect(icsContentType('CANCEL')).toBe('text/calendar; charset=utf-8; method=CANCEL');
  });
});
