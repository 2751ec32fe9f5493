/**
 * SQLSTATE of a driver error, wherever Prisma 7 put it: P2002 for unique violations, P2010 (raw
 * queries) or P2039 (others) with `originalCode` for the rest, e.g. 23P01 exclusion violations.
 * Errors are classified by SQLSTATE, never by Prisma's own codes or messages.
 */
export function sqlStateOf(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const walk = (e: unknown): string | undefined => {
    if (!e || typeof e !== 'object' || seen.has(e)) return undefined;
    seen.add(e);
    const o = e as Record<string, unknown>;
    for (const k of ['originalCode', 'sqlState', 'code']) {
      const v = o[k];
      if (typeof v === 'string' && /^[0-9A-Z]{5}$/.test(v) && !/^P[1-9]/.test(v)) return v;
    }
    if (o.code === 'P2002') return '23505';
    const meta = o.meta as Record<string, unknown> | undefined;
    return walk(meta?.driverAdapterError) ?? walk(meta) ?? walk(o.cause);
  };
  return walk(err);
}

export const isUniqueViolation = (err: unknown) => sqlStateOf(err) === '23505';
export const isExclusionViolation = (err: unknown) => sqlStateOf(err) === '23P01';
export const isSerializationFailure = (err: unknown) => ['40001', '40P01'].includes(sqlStateOf(err) ?? '');
