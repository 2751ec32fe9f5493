import { z } from 'zod';

export const idSchema = z.string().uuid().describe('Identifier (UUID)');

/** An instant, always ISO-8601 in UTC on output; any offset accepted on input. */
export const instantSchema = z
  .string()
  .datetime({ offset: true })
  .describe('ISO-8601 instant, e.g. 2026-03-08T14:30:00Z');

export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'Not a real calendar date')
  .describe('Calendar date, YYYY-MM-DD');

export const wallTimeSchema = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Expected a time as HH:mm (00:00–24:00)')
  .describe('Wall-clock time HH:mm');

// The email, phone, IANA zone and intake answer rules live in ./fields (shared with the apps).

export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 currency code such as USD')
  .describe('ISO 4217 currency code');

export const moneySchema = z
  .object({
    amount: z.number().int().nonnegative().describe('Integer amount in minor units (cents)'),
    currency: currencySchema,
  })
  .describe('Money in integer minor units');

export const slugSchema = z
  .string()
  .min(2)
  .max(48)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'Lower-case letters, digits and dashes');

export const roleSchema = z.enum(['owner', 'admin', 'staff', 'viewer']);
export type Role = z.infer<typeof roleSchema>;
