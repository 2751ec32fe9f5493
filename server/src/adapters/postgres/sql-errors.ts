import { StoreRefusal } from '../../ports/errors';

/**
 * What an error from the database means to the application, by SQLSTATE. A code not listed, or
 * listed without a kind, is for the adapter at hand to judge (e.g. a unique violation), else a bug
 * (500).
 */
export type SqlErrorKind =
  /** The provider is taken (another booking overlaps, or the class session is full): 409 slot_unavailable. */
  | 'slot_taken'
  /** The schedule the availability engine used changed before the write: 409 slot_unavailable. */
  | 'schedule_changed'
  /** A customer the app decided to create was created by someone else meanwhile: decide again. */
  | 'customer_changed'
  /** PostgreSQL aborted the whole transaction; running it again is what it asks for. */
  | 'retry'
  /** The connection or the server went away: 503 service_unavailable with Retry-After. */
  | 'unavailable'
  /** A value PostgreSQL refused (the contracts should have): 400 bad_request, never a 500. */
  | 'bad_input'
  /** The tenant's plan caps what was being created (the monthly bookings): 402 payment_required. */
  | 'plan_limit';

interface Row {
  code: string;
  kind?: SqlErrorKind;
}

/**
 * The one SQLSTATE table: every condition the code reacts to, named once, with what it means.
 * Standard codes come from PostgreSQL; the `SW` class is raised by our own PL/pgSQL
 * (`RAISE ... USING ERRCODE`), and a new custom code is one line here
 * (test/architecture/sqlstate-table.test.ts checks that every code raised by a migration or a
 * function file is listed).
 */
const CONDITIONS = {
  uniqueViolation: { code: '23505' },
  exclusionViolation: { code: '23P01', kind: 'slot_taken' },
  // Booking path: prisma/functions/booking_create.sql and bookings_enforce_capacity.sql.
  /** The capacity trigger: the class session would exceed the service's capacity. */
  sessionFull: { code: 'SW001', kind: 'slot_taken' },
  /** booking_create: an active booking of the provider overlaps (no candidate could take the slot). */
  slotTaken: { code: 'SW002', kind: 'slot_taken' },
  /** customer_find_or_create (migration *_booking_write_functions): the email and the phone belong to two customers being created at once. */
  customerConflict: { code: 'SW003', kind: 'customer_changed' },
  /** booking_create: schedule_versions moved since the snapshot read. */
  scheduleChanged: { code: 'SW004', kind: 'schedule_changed' },
  /** bookings_enforce_plan_cap (prisma/functions/plan_limits.sql): the plan's monthly booking cap is reached; DETAIL "limit,usage". */
  planCapReached: { code: 'SW011', kind: 'plan_limit' },
  /** booking_create: the "new" customer exists now. */
  customerChanged: { code: 'SW005', kind: 'customer_changed' },
  /** payment_ledger is append-only (trigger of migration *_payments_ledger): an UPDATE or DELETE is a bug. */
  ledgerAppendOnly: { code: 'SW010' },
  /** bookings_enforce_limits (a booking's own provider or one of its hosts): a day/week limit or the minimum gap would be broken. */
  limitReached: { code: 'SW006', kind: 'slot_taken' },
  /** booking_participants_enforce_capacity: a resource the booking needs has no place left. */
  resourceFull: { code: 'SW013', kind: 'slot_taken' },
  /** booking_participants_same_site: a provider and a resource (or two resources) of the booking are at different locations; the provider cannot take this slot (the app refuses the same before writing, so only a concurrent move gets here). */
  siteMismatch: { code: 'SW012', kind: 'slot_taken' },
  /** location_offering_check: a provider at a location would offer a service not offered there (a race the catalogue's own check could not see). */
  locationOffering: { code: 'SW014' },
  // Idempotency (prisma/functions/idempotency_*.sql, ADR 0008): read by idempotent-commit.ts.
  /** idempotency_claim: a claim deferred to the request's first write found the key owned by another attempt. */
  idempotencyTaken: { code: 'SW015' },
  /** idempotency_complete: the attempt no longer owns its key (taken over or abandoned); its effect must not commit. */
  idempotencyLost: { code: 'SW016' },
  /** lock_timeout: a claim of an Idempotency-Key waited on a running attempt's uncommitted claim longer than its duplicate had left to wait. */
  lockNotAvailable: { code: '55P03' },
  // Concurrency.
  serializationFailure: { code: '40001', kind: 'retry' },
  deadlockDetected: { code: '40P01', kind: 'retry' },
  // Lost connection or server (pg_terminate_backend, restart, failover, too many connections).
  adminShutdown: { code: '57P01', kind: 'unavailable' }, // also pg_terminate_backend
  crashShutdown: { code: '57P02', kind: 'unavailable' },
  cannotConnectNow: { code: '57P03', kind: 'unavailable' }, // starting up, recovery
  tooManyConnections: { code: '53300', kind: 'unavailable' },
  connectionException: { code: '08000', kind: 'unavailable' },
  unableToConnect: { code: '08001', kind: 'unavailable' },
  connectionDoesNotExist: { code: '08003', kind: 'unavailable' },
  connectionRejected: { code: '08004', kind: 'unavailable' },
  connectionFailure: { code: '08006', kind: 'unavailable' },
  idleInTransactionTimeout: { code: '25P03', kind: 'unavailable' }, // the server closed the session
  // Input PostgreSQL refuses. The contracts bound what a request may carry (dates 1970–2200,
  // well-formed text, limits), so these are a backstop: only states that name a bad value, never
  // ones that signal a bug.
  stringDataRightTruncation: { code: '22001', kind: 'bad_input' },
  numericValueOutOfRange: { code: '22003', kind: 'bad_input' },
  invalidDatetimeFormat: { code: '22007', kind: 'bad_input' },
  datetimeFieldOverflow: { code: '22008', kind: 'bad_input' },
  characterNotInRepertoire: { code: '22021', kind: 'bad_input' },
  invalidTextRepresentation: { code: '22P02', kind: 'bad_input' },
  untranslatableCharacter: { code: '22P05', kind: 'bad_input' }, // e.g. "\ud800" in JSON
  programLimitExceeded: { code: '54000', kind: 'bad_input' },
} as const satisfies Record<string, Row>;

export type SqlCondition = keyof typeof CONDITIONS;

/** Each condition's SQLSTATE, by name. */
export const SQLSTATE = Object.fromEntries(
  Object.entries(CONDITIONS).map(([name, row]) => [name, row.code]),
) as { readonly [K in SqlCondition]: (typeof CONDITIONS)[K]['code'] };

const CONDITION_BY_CODE = new Map<string, SqlCondition>(
  Object.entries(CONDITIONS).map(([name, row]) => [row.code, name as SqlCondition]),
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

/**
 * A connection lost below SQL has no SQLSTATE: node's socket errors, and the messages pg and
 * Prisma's driver adapter give for a connection that died (or a pool that could not hand one out).
 */
const LOST_CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN']);
const LOST_CONNECTION_MESSAGE =
  /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|server closed the connection unexpectedly|terminating connection|timeout exceeded when trying to connect|Unable to start a transaction in the given time|ECONNREFUSED|ECONNRESET/i;

/**
 * Prisma's interactive transaction outlived its timeout (15 s, with-tenant.ts): Prisma rolled it
 * back, and a statement sent after that fails in the client, without a SQLSTATE. Nothing of the
 * transaction committed, so the work can be asked for again.
 */
const EXPIRED_TRANSACTION_MESSAGE = /cannot be executed on an expired transaction/i;

/** What the error means (the table's kind), or undefined. */
export function classifySqlError(err: unknown): SqlErrorKind | undefined {
  const condition = sqlConditionOf(err);
  const kind: SqlErrorKind | undefined = condition ? (CONDITIONS[condition] as Row).kind : undefined;
  if (kind) return kind;
  return isLostConnection(err) || isTransactionExpired(err) ? 'unavailable' : undefined;
}

const isLostConnection = (err: unknown) =>
  someCause(err, (o) =>
    (typeof o.code === 'string' && LOST_CONNECTION_ERRNOS.has(o.code)) ||
    (typeof o.message === 'string' && LOST_CONNECTION_MESSAGE.test(o.message)));

/** The request's Prisma transaction had timed out when a statement was sent (rolled back, nothing committed). */
export const isTransactionExpired = (err: unknown) =>
  someCause(err, (o) => typeof o.message === 'string' && EXPIRED_TRANSACTION_MESSAGE.test(o.message));

/** Whether the error, or one it wraps (driver adapter error, cause, aggregate), passes `test`. */
function someCause(err: unknown, test: (o: Record<string, unknown>) => boolean): boolean {
  const seen = new Set<unknown>();
  const walk = (e: unknown): boolean => {
    if (!e || typeof e !== 'object' || seen.has(e)) return false;
    seen.add(e);
    if (Array.isArray(e)) return e.some(walk);
    const o = e as Record<string, unknown>;
    if (test(o)) return true;
    const meta = o.meta as Record<string, unknown> | undefined;
    return walk(meta?.driverAdapterError) || walk(meta) || walk(o.cause) || walk(o.errors);
  };
  return walk(err);
}

export const isUniqueViolation = (err: unknown) => sqlConditionOf(err) === 'uniqueViolation';
export const isExclusionViolation = (err: unknown) => sqlConditionOf(err) === 'exclusionViolation';
export const isSerializationFailure = (err: unknown) => classifySqlError(err) === 'retry';
/** Another booking holds the time, or the session is full: the slot is taken whichever way. */
export const isSlotTaken = (err: unknown) => classifySqlError(err) === 'slot_taken';
/** The database connection or server went away (the error mapper answers 503). */
export const isStoreUnavailable = (err: unknown) => classifySqlError(err) === 'unavailable';

/** The port's refusal for a value PostgreSQL refused (400), or undefined for any other error. */
export function inputErrorOf(err: unknown): StoreRefusal | undefined {
  // The catalogue checks the rule before writing, so only a concurrent change gets here.
  if (sqlConditionOf(err) === 'locationOffering')
    return new StoreRefusal('contention', 'A location, service or provider changed at the same time; reload and retry');
  if (classifySqlError(err) !== 'bad_input') return undefined;
  return new StoreRefusal('bad_input', 'A value in the request is outside what can be stored (dates, numbers or text)', { sqlState: sqlStateOf(err) });
}
