import type { z } from 'zod';
import type { Page } from '../ports/records';

/**
 * Records → contract DTOs: instants become ISO strings, internal fields stay inside. Every DTO
 * names its fields one by one (no spreading of a record) and `satisfies` its response schema, so
 * a field added to a record reaches no client until it is added here and to the contract; the
 * tests run with ts-rest response validation on (test/support/test-app.ts).
 */
export type Dto<S extends z.ZodTypeAny> = z.input<S>;

export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function page<R, T>(p: Page<R>, map: (r: R) => T) {
  return { items: p.items.map(map), nextCursor: p.nextCursor };
}

export const ref = (r: { id: string; name: string }) => ({ id: r.id, name: r.name });

/**
 * The public face of a full DTO: exactly the fields of its public schema, which the contract
 * derives with `.pick` from the full one. One mapping serves both routes, and a field the public
 * schema does not name never leaves, whatever the full DTO gains.
 */
export function pickDto<P extends z.AnyZodObject, F extends Dto<P>>(schema: P, dto: F): Dto<P> {
  return Object.fromEntries(Object.keys(schema.shape).map((k) => [k, dto[k as keyof F]])) as Dto<P>;
}
