/**
 * Instants are UTC epoch milliseconds inside the domain. Callers holding a `Date` (e.g.
 * from Prisma) may pass it directly; it is converted here once, and invalid dates are
 * rejected instead of silently becoming NaN comparisons (which are always false).
 */
export type Instant = number | Date;

export function toEpochMs(value: Instant, label = 'instant'): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new RangeError(`Invalid ${label}: expected epoch milliseconds or a valid Date`);
  }
  return ms;
}
