/**
 * iCalendar (RFC 5545) invites for bookings, with iTIP (RFC 5546) methods, written by
 * hand: the output is small and fixed, and owning it lets us guarantee the details mail
 * clients are picky about (CRLF, 75-octet folding on character boundaries, escaping).
 *
 * Invite lifecycle: every message about one booking uses the same UID
 * (`bookingIcsUid`), and the caller increments SEQUENCE on each reschedule and on the
 * cancellation, so calendars update or remove the existing event instead of adding one.
 */
import { type Instant, toEpochMs } from './instant';

export type IcsMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';
export type IcsStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
export type IcsPartStat = 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';
export type IcsPerson = { name: string; email: string };

export type BookingIcsInput = {
  uid: string;
  /** 0 for the first invite; +1 for every reschedule and for the cancellation. */
  sequence: number;
  method: IcsMethod;
  status: IcsStatus;
  /** UTC epoch ms (or Date); sub-second parts are truncated. */
  start: Instant;
  end: Instant;
  summary: string;
  description: string;
  location?: string;
  /** The business (tenant / provider). */
  organizer: IcsPerson;
  /** The customer. `partstat` defaults to ACCEPTED: the customer made the booking. */
  attendee: IcsPerson & { partstat?: IcsPartStat };
  /** Manage-booking link. */
  url?: string;
  /** DTSTAMP: when this message was created; injected for determinism. */
  stamp: Instant;
  /** e.g. "-//Slotwise//Slotwise Booking//EN". */
  prodId: string;
};

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** Stable UID for all invites of a booking: `<bookingId>@<domain>`. */
export function bookingIcsUid(bookingId: string, domain: string): string {
  if (!bookingId || /[\s@\p{Cc}]/u.test(bookingId))
    throw new RangeError('Invalid booking id for an iCalendar UID');
  if (!domain || /[\s@\p{Cc}]/u.test(domain))
    throw new RangeError('Invalid domain for an iCalendar UID');
  return `${bookingId}@${domain}`;
}

/** MIME type for a mail part / download, including the iTIP method mail clients look for. */
export function icsContentType(method: IcsMethod): string {
  return `text/calendar; charset=utf-8; method=${method}`;
}

export function buildBookingIcs(input: BookingIcsInput): string {
  const start = toEpochMs(input.start, 'start');
  const end = toEpochMs(input.end, 'end');
  if (end <= start) throw new RangeError('ICS end must be after start');
  if (!Number.isSafeInteger(input.sequence) || input.sequence < 0) {
    throw new RangeError('ICS sequence must be a non-negative integer');
  }
  // A CANCEL whose event is not CANCELLED is contradictory; some clients then keep it.
  if (input.method === 'CANCEL' && input.status !== 'CANCELLED') {
    throw new RangeError('METHOD:CANCEL requires STATUS:CANCELLED');
  }
  if (!input.uid.trim()) throw new RangeError('ICS uid is required');

  const lines: string[] = [
    'BEGIN:VCALENDAR',
    `PRODID:${escapeIcsText(input.prodId)}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${input.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(input.uid)}`,
    `SEQUENCE:${input.sequence}`,
    `DTSTAMP:${formatIcsDateTime(toEpochMs(input.stamp, 'stamp'))}`,
    `DTSTART:${formatIcsDateTime(start)}`,
    `DTEND:${formatIcsDateTime(end)}`,
    `SUMMARY:${escapeIcsText(input.summary)}`,
    `DESCRIPTION:${escapeIcsText(input.description)}`,
  ];
  if (input.location !== undefined && input.location !== '')
    lines.push(`LOCATION:${escapeIcsText(input.location)}`);
  if (input.url !== undefined && input.url !== '') lines.push(`URL:${icsUri(input.url)}`);
  lines.push(`STATUS:${input.status}`);
  lines.push(
    `ORGANIZER;CN=${icsParamValue(input.organizer.name)}:${mailto(input.organizer.email)}`,
  );
  // RFC 5546 §3.2.1: a PUBLISH must not carry ATTENDEE (it is a plain "add to
  // calendar" file, not a scheduling message).
  if (input.method !== 'PUBLISH') {
    const partstat = input.attendee.partstat ?? 'ACCEPTED';
    lines.push(
      `ATTENDEE;CN=${icsParamValue(input.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat};RSVP=FALSE:${mailto(input.attendee.email)}`,
    );
  }
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}

/** UTC DATE-TIME form `YYYYMMDDTHHMMSSZ` (seconds precision, truncating milliseconds). */
export function formatIcsDateTime(epochMs: number): string {
  const iso = new Date(Math.floor(epochMs / 1000) * 1000).toISOString(); // 2024-03-10T14:00:00.000Z
  if (!/^\d{4}-/.test(iso)) throw new RangeError('ICS dates must be within years 0000–9999');
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/**
 * TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and line breaks
 * (any of CRLF, CR, LF → `\n`). Other control characters are not allowed in TEXT and
 * are dropped (tab is allowed and kept).
 */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\t\n]/gu, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/**
 * Parameter value (e.g. CN). Double quotes and carets use RFC 6868 caret encoding
 * (`^'`, `^^`), line breaks become spaces, and the value is DQUOTEd when it contains
 * `:`, `;` or `,`, which would otherwise end the parameter.
 */
export function icsParamValue(value: string): string {
  const cleaned = value
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\p{Cc}/gu, '')
    .replace(/\^/g, '^^')
    .replace(/"/g, "^'");
  return /[:;,]/.test(cleaned) ? `"${cleaned}"` : cleaned;
}

function mailto(email: string): string {
  // Reject anything that could break out of the property (line breaks, quotes,
  // whitespace) rather than trying to encode it: such an address is invalid anyway.
  if (!/^[^\s@"<>\\\p{Cc}]+@[^\s@"<>\\\p{Cc}]+$/u.test(email)) {
    throw new RangeError(`Invalid e-mail address for ICS: ${JSON.stringify(email)}`);
  }
  return `mailto:${email}`;
}

function icsUri(value: string): string {
  if (/[\s\p{Cc}]/u.test(value))
    throw new RangeError('ICS URL must not contain whitespace or control characters');
  try {
    return new URL(value).href;
  } catch {
    throw new RangeError('ICS URL must be an absolute URL'); // one error type for all bad input
  }
}

/**
 * Folds a content line to at most 75 octets per physical line (RFC 5545 §3.1):
 * continuation lines start with one space, which counts towards their 75. Splits only
 * between code points, so no multi-byte UTF-8 sequence (or surrogate pair) is broken.
 */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const ch of line) {
    const size = utf8Length(ch);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1; // room for the leading space
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function utf8Length(codePoint: string): number {
  const cp = codePoint.codePointAt(0) ?? 0;
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}
