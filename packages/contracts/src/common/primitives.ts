import { z } from 'zod';

/**
 * Well-formed Unicode without NUL: no lone UTF-16 surrogate (PostgreSQL rejects `\ud800` inside
 * JSON, and UTF-8 cannot encode it) and no U+0000 (PostgreSQL text cannot hold it).
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what it refuses
export const WELL_FORMED_TEXT = /^(?:[^\ud800-\udfff\u0000]|[\ud800-\udbff][\udc00-\udfff])*$/;
const WELL_FORMED_MESSAGE = 'Must be well-formed Unicode text (no lone surrogates, no NUL characters)';

/**
 * The one string primitive of request schemas: `text()` wherever a contract would say
 * `z.string()` for input (a server test walks every request schema to keep it so). It stays a
 * ZodString, so `.trim().min().max().regex()` chain as usual; a later `.regex()` is the pattern
 * OpenAPI shows.
 */
export const text = () => z.string().regex(WELL_FORMED_TEXT, WELL_FORMED_MESSAGE);

export const idSchema = z.string().uuid().describe('Identifier (UUID)');

/**
 * Dates and instants the API accepts: years 1970 to 2200. Far enough for any booking, narrow
 * enough that every layer (JS Date, luxon, PostgreSQL timestamptz and date) represents them.
 */
export const MIN_DATE = '1970-01-01';
export const MAX_DATE = '2200-12-31';
const YEAR_IN_RANGE = '(?:19[7-9]\\d|2[01]\\d\\d|2200)';
// UTC offsets in use run from -12:00 to +14:00; anything beyond ±14:00 is not a real zone.
const OFFSET_IN_RANGE = '(?:Z|[+-](?:0\\d|1[0-3]):?[0-5]\\d|[+-]14:?00)';
const RANGE_MESSAGE = `Must be between ${MIN_DATE} and ${MAX_DATE}`;

/** An instant, always ISO-8601 in UTC on output; any offset up to ±14:00 accepted on input. */
export const instantSchema = text()
  .datetime({ offset: true })
  .regex(new RegExp(`^${YEAR_IN_RANGE}-.+${OFFSET_IN_RANGE}$`), `${RANGE_MESSAGE}, with an offset within ±14:00`)
  .describe(`ISO-8601 instant between ${MIN_DATE} and ${MAX_DATE}, e.g. 2026-03-08T14:30:00Z`);

export const localDateSchema = text()
  .regex(new RegExp(`^${YEAR_IN_RANGE}-\\d{2}-\\d{2}$`), `Expected a date as YYYY-MM-DD, ${RANGE_MESSAGE.toLowerCase()}`)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'Not a real calendar date')
  .describe(`Calendar date, YYYY-MM-DD, between ${MIN_DATE} and ${MAX_DATE}`);

export const wallTimeSchema = text()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Expected a time as HH:mm (00:00–24:00)')
  .describe('Wall-clock time HH:mm');

// The email, phone, IANA zone and intake answer rules live in ./fields (shared with the apps).

export const currencySchema = text()
  .regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 currency code such as USD')
  .describe('ISO 4217 currency code');

export const moneySchema = z
  .object({
    amount: z.number().int().nonnegative().describe('Integer amount in minor units (cents)'),
    currency: currencySchema,
  })
  .describe('Money in integer minor units');

export const slugSchema = text()
  .min(2)
  .max(48)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'Lower-case letters, digits and dashes');

export const roleSchema = z.enum(['owner', 'admin', 'staff', 'viewer']);
export type Role = z.infer<typeof roleSchema>;
