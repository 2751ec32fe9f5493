import { AppError } from '../../app/errors';

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
export const isSerializationFailure = (err: unknown) => classifySqlError(err) === 'retry';

/**
 * What an error from the database means to the application, by SQLSTATE: the one table. Rows are
 * grouped by who raises them; a code not listed is a bug (500).
 */
export type SqlErrorKind =
  /** The provider is taken (no free slot left, or the class session is full): 409 slot_unavailable. */
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
  | 'bad_input';

const SQLSTATE_KINDS: Record<string, SqlErrorKind> = {
  // Booking path: prisma/functions/booking_create.sql and bookings_enforce_capacity.sql.
  SW001: 'slot_taken', // the capacity trigger: the class session is full
  SW002: 'slot_taken', // booking_create: an active booking overlaps
  SW004: 'schedule_changed', // booking_create: schedule_versions moved since the snapshot read
  SW005: 'customer_changed', // booking_create: the "new" customer exists now
  // Concurrency.
  '40001': 'retry', // serialization_failure
  '40P01': 'retry', // deadlock_detected
  // Lost connection or server (pg_terminate_backend, restart, failover, too many connections).
  '57P01': 'unavailable', // admin_shutdown (also pg_terminate_backend)
  '57P02': 'unavailable', // crash_shutdown
  '57P03': 'unavailable', // cannot_connect_now (starting up, recovery)
  '53300': 'unavailable', // too_many_connections
  '08000': 'unavailable', // connection_exception
  '08001': 'unavailable', // sqlclient_unable_to_establish_sqlconnection
  '08003': 'unavailable', // connection_does_not_exist
  '08004': 'unavailable', // sqlserver_rejected_establishment_of_sqlconnection
  '08006': 'unavailable', // connection_failure
  '25P03': 'unavailable', // idle_in_transaction_session_timeout (the server closed the session)
  // Input PostgreSQL refuses (issue 10). The contracts bound what a request may carry (dates
  // 1970–2200, well-formed text, limits), so these are a backstop: only states that name a bad
  // value, never ones that signal a bug.
  '22001': 'bad_input', // string_data_right_truncation
  '22003': 'bad_input', // numeric_value_out_of_range
  '22007': 'bad_input', // invalid_datetime_format
  '22008': 'bad_input', // datetime_field_overflow
  '22021': 'bad_input', // character_not_in_repertoire
  '22P02': 'bad_input', // invalid_text_representation
  '22P05': 'bad_input', // untranslatable_character (e.g. "\ud800" in JSON)
  '54000': 'bad_input', // program_limit_exceeded
};

/** The 400 for a value PostgreSQL refused, or undefined for any other error. */
export function inputErrorOf(err: unknown): AppError | undefined {
  if (classifySqlError(err) !== 'bad_input') return undefined;
  return new AppError('bad_request', 'A value in the request is outside what can be stored (dates, numbers or text)', { sqlState: sqlStateOf(err) });
}

/**
 * A connection lost below SQL has no SQLSTATE: node's socket errors, and the messages pg and
 * Prisma's driver adapter give for a connection that died (or a pool that could not hand one out).
 */
const LOST_CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN']);
const LOST_CONNECTION_MESSAGE =
  /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|server closed the connection unexpectedly|terminating connection|timeout exceeded when trying to connect|Unable to start a transaction in the given time|ECONNREFUSED|ECONNRESET/i;

export function classifySqlError(err: unknown): SqlErrorKind | undefined {
  const state = sqlStateOf(err);
  const kind = state ? SQLSTATE_KINDS[state] : undefined;
  if (kind) return kind;
  return isLostConnection(err) ? 'unavailable' : undefined;
}

function isLostConnection(err: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (e: unknown): boolean => {
    if (!e || typeof e !== 'object' || seen.has(e)) return false;
    seen.add(e);
    if (Array.isArray(e)) return e.some(walk);
    const o = e as Record<string, unknown>;
    if (typeof o.code === 'string' && LOST_CONNECTION_ERRNOS.has(o.code)) return true;
    if (typeof o.message === 'string' && LOST_CONNECTION_MESSAGE.test(o.message)) return true;
    const meta = o.meta as Record<string, unknown> | undefined;
    return walk(meta?.driverAdapterError) || walk(meta) || walk(o.cause) || walk(o.errors);
  };
  return walk(err);
}
