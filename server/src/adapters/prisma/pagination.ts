import { instantSchema } from '@slotwise/contracts';
import { StoreRefusal } from '../../ports/errors';
import type { Page, PageRequest } from '../../ports/records';

interface Cursor {
  t: string;
  id: string;
}

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ t: row.createdAt.toISOString(), id: row.id })).toString('base64url');
}

// Checked here because a non-UUID id would reach PostgreSQL as a uuid comparison and fail there.
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Only what encodeCursor writes is accepted: an object with a UUID and an instant in the API's
 * range. `Date.parse` alone would let through year 0 or -271821, which PostgreSQL rejects (500).
 */
function decodeCursor(cursor: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor> | null;
    if (c && typeof c === 'object' && typeof c.t === 'string' && typeof c.id === 'string' && UUID_RE.test(c.id) && instantSchema.safeParse(c.t).success) {
      return { t: c.t, id: c.id };
    }
  } catch {
    // fall through
  }
  throw new StoreRefusal('invalid_cursor', 'Invalid cursor: pass nextCursor from a previous page unchanged');
}

/**
 * Keyset pagination on (createdAt, id), or on another timestamp column (bookings by start):
 * stable under inserts, no OFFSET scans. The cursor is the last row's (timestamp, id).
 */
export function keyset<F extends string = 'createdAt'>(page: PageRequest, direction: 'asc' | 'desc' = 'asc', field: F = 'createdAt' as F) {
  const op = direction === 'asc' ? 'gt' : 'lt';
  const where = page.cursor
    ? (() => {
        const c = decodeCursor(page.cursor);
        const t = new Date(c.t);
        return { OR: [{ [field]: { [op]: t } }, { [field]: t, id: { [op]: c.id } }] };
      })()
    : {};
  return {
    where,
    orderBy: [{ [field]: direction }, { id: direction }] as Partial<Record<F | 'id', 'asc' | 'desc'>>[],
    take: page.limit + 1,
  };
}

export function toPage<R extends { id: string }, T>(
  rows: R[],
  limit: number,
  map: (r: R) => T,
  at: (r: R) => Date = (r) => (r as unknown as { createdAt: Date }).createdAt,
): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: more && last ? encodeCursor({ createdAt: at(last), id: last.id }) : null };
}
