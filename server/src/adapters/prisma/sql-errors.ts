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
export const isSerializationFailure = (err: unknown) => ['40001', '40P01'].includes(sqlStateOf(err) ?? '');

// ── Input PostgreSQL refuses (issue 10) ─────────────────────────────────────────────────────
// The contracts bound what a request may carry (dates 1970–2200, well-formed text, limits), so
// these should never be reached; they are the backstop that keeps a value the contracts missed
// a 400 instead of a 500. Only states that name a bad value, never ones that signal a bug.
const INPUT_SQLSTATES = new Set([
  '22001', // string_data_right_truncation
  '22003', // numeric_value_out_of_range
  '22007', // invalid_datetime_format
  '22008', // datetime_field_overflow
  '22021', // character_not_in_repertoire
  '22P02', // invalid_text_representation
  '22P05', // untranslatable_character (e.g. "\ud800" in JSON)
  '54000', // program_limit_exceeded
]);

/** The 400 for a value PostgreSQL refused, or undefined for any other error. */
export function inputErrorOf(err: unknown): AppError | undefined {
  const state = sqlStateOf(err);
  if (!state || !INPUT_SQLSTATES.has(state)) return undefined;
  return new AppError('bad_request', 'A value in the request is outside what can be stored (dates, numbers or text)', { sqlState: state });
}
