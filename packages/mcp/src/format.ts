import type { Booking } from '@slotwise/sdk';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'long',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** An instant as wall-clock parts in a zone. */
export function localParts(instant: string | Date, zone: string) {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(typeof instant === 'string' ? new Date(instant) : instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    weekday: parts.weekday as string,
  };
}

/** "Tuesday 2030-01-08 10:00 (America/New_York)": the zone is always named. */
export function describeInstant(instant: string | Date, zone: string): string {
  const p = localParts(instant, zone);
  return `${p.weekday} ${p.date} ${p.time} (${zone})`;
}

/** "Tuesday 2030-01-08 10:00–11:00 (Europe/London)". */
export function describeRange(start: string, end: string, zone: string): string {
  const s = localParts(start, zone);
  const e = localParts(end, zone);
  const endText = e.date === s.date ? e.time : `${e.date} ${e.time}`;
  return `${s.weekday} ${s.date} ${s.time}–${endText} (${zone})`;
}

/** The date (YYYY-MM-DD) of an instant in a zone. */
export const localDate = (instant: Date, zone: string) => localParts(instant, zone).date;

export function money(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency}`;
}

/**
 * A booking as an assistant needs it: ids for follow-up calls and times in the customer's zone
 * (the business's when the customer's is unknown), with the zone named.
 */
export function presentBooking(b: Booking, businessZone: string) {
  const zone = b.timeZone ?? businessZone;
  return {
    code: b.code,
    id: b.id,
    status: b.status,
    service: { id: b.service.id, name: b.service.name, durationMinutes: b.service.durationMinutes },
    provider: { id: b.provider.id, name: b.provider.name },
    customer: { name: b.customer.name, email: b.customer.email, phone: b.customer.phone },
    when: describeRange(b.start, b.end, zone),
    timeZone: zone,
    start: b.start,
    end: b.end,
    price: money(b.priceCents, b.currency),
    deposit: b.depositCents > 0 ? money(b.depositCents, b.currency) : null,
    ...(b.cancelledAt ? { cancelledAt: b.cancelledAt, cancelReason: b.cancelReason } : {}),
  };
}
export type PresentedBooking = ReturnType<typeof presentBooking>;
