/**
 * The one SQLSTATE table: every condition the code reacts to, named once. Standard codes come
 * from PostgreSQL; the `SW` class is raised by our own PL/pgSQL (`RAISE ... USING ERRCODE`), and a
 * new custom code is one line here (test/bookings/sqlstate.test.ts checks that every code raised
 * by a migration is listed).
 */
export const SQLSTATE = {
  uniqueViolation: '23505',
  exclusionViolation: '23P01',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
  /** booking capacity trigger: the class session would exceed the service's capacity. */
  sessionFull: 'SW001',
  /** booking_create: no candidate provider could take the slot. */
  noCandidateFree: 'SW002',
  /** customer_find_or_create: the email and the phone belong to two customers being created at once. */
  customerConflict: 'SW003',
} as const;
export type SqlCondition = keyof typeof SQLSTATE;

const CONDITION_BY_CODE = new Map<string, SqlCondition>(
  Object.entries(SQLSTATE).map(([name, code]) => [code, name as SqlCondition]),
);

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
    if (o.code === 'P2002') return SQLSTATE.uniqueViolation;
    const meta = o.meta as Record<string, unknown> | undefined;
    return walk(meta?.driverAdapterError) ?? walk(meta) ?? walk(o.cause);
  };
  return walk(err);
}

/** The named condition of a driver error, when it is one the table lists. */
export function sqlConditionOf(err: unknown): SqlCondition | undefined {
  const state = sqlStateOf(err);
  return state === undefined ? undefined : CONDITION_BY_CODE.get(state);
}

export const isUniqueViolation = (err: unknown) => sqlConditionOf(err) === 'uniqueViolation';
export const isExclusionViolation = (err: unknown) => sqlConditionOf(err) === 'exclusionViolation';
export const isSerializationFailure = (err: unknown) => {
  const c = sqlConditionOf(err);
  return c === 'serializationFailure' || c === 'deadlockDetected';
};
/** Another booking holds the time, or the session is full: the slot is taken whichever way. */
export const isSlotTaken = (err: unknown) => {
  const c = sqlConditionOf(err);
  return c === 'exclusionViolation' || c === 'sessionFull' || c === 'noCandidateFree';
};
