import { generateSchema } from '@anatine/zod-openapi';
import type { AppRoute } from '@ts-rest/core';
import type { z } from 'zod';
import type { RouteMeta } from './common/contract';
import { schemaNames } from './schema-names';

type Json = Record<string, unknown>;

/** Component names that differ from the export rule (`errorBodySchema` is the API's `Error`). */
const RENAMED: Record<string, string> = { ErrorBody: 'Error' };

/**
 * Every named schema (contracts' schema-names.ts: the exported `…Schema`s) becomes a component,
 * and every place in the document where ts-rest inlined it becomes a `$ref`: so a generator in
 * another language gets one `Booking` class, not one per operation. The output shape is `Name`,
 * and when a request takes something different (defaults make fields optional) `NameInput`, as
 * in the SDK. Lists get `NamePage`. Matching is structural (the JSON ts-rest generated from the
 * same zod schema), so routes added to the contracts need nothing here.
 */
export function extractComponents(doc: Json): void {
  const components = (doc.components ??= {}) as Json;
  const schemas = (components.schemas ??= {}) as Record<string, Json>;
  const byKey = new Map<string, string>();
  // Components already there (the webhook events) are referenced too.
  for (const [name, schema] of Object.entries(schemas)) byKey.set(keyOf(schema), name);
  for (const [schema, base] of schemaNames()) {
    const name = RENAMED[base] ?? base;
    const out = generateSchema(schema as z.ZodTypeAny, true) as Json;
    const input = generateSchema(schema as z.ZodTypeAny, false) as Json;
    schemas[name] = out;
    byKey.set(keyOf(out), name);
    if (keyOf(input) !== keyOf(out)) {
      schemas[`${name}Input`] = input;
      byKey.set(keyOf(input), `${name}Input`);
    }
  }
  const replace = (node: unknown, isRoot = false): unknown => {
    if (Array.isArray(node)) return node.map((n) => replace(n));
    if (!node || typeof node !== 'object') return node;
    const o = node as Json;
    if (!isRoot) {
      const exact = byKey.get(keyOf(o));
      if (exact) return { $ref: `#/components/schemas/${exact}` };
      // The same object with a use-site description: keep the description next to the reference.
      if (typeof o.description === 'string') {
        const { description, ...rest } = o;
        const named = byKey.get(keyOf(rest));
        if (named) return { allOf: [{ $ref: `#/components/schemas/${named}` }], description };
      }
    }
    const out: Json = {};
    for (const [k, v] of Object.entries(o)) out[k] = k === 'example' ? v : replace(v);
    return pageRef(out, schemas) ?? out;
  };
  for (const name of Object.keys(schemas)) {
    if (byKey.has(keyOf(schemas[name]!)) && byKey.get(keyOf(schemas[name]!)) === name)
      schemas[name] = replace(schemas[name], true) as Json;
  }
  doc.paths = replace(doc.paths);
  pruneUnused(doc, schemas);
}

/** Named schemas no operation, event or other component refers to (no-unused-components). */
function pruneUnused(doc: Json, schemas: Record<string, Json>): void {
  for (;;) {
    const refs = new Set<string>();
    const collect = (n: unknown, self?: string): void => {
      if (Array.isArray(n)) return n.forEach((x) => collect(x, self));
      if (!n || typeof n !== 'object') return;
      for (const [k, v] of Object.entries(n as Json)) {
        if (k === '$ref' && typeof v === 'string') {
          const name = v.split('/').pop()!;
          if (name !== self) refs.add(name);
        } else collect(v, self);
      }
    };
    collect(doc.paths);
    collect(doc['x-webhooks']);
    collect((doc.components as Json).responses);
    for (const [name, s] of Object.entries(schemas)) collect(s, name);
    const unused = Object.keys(schemas).filter((n) => !refs.has(n));
    if (!unused.length) return;
    for (const n of unused) delete schemas[n];
  }
}

function keyOf(x: unknown): string {
  return JSON.stringify(x);
}

/** `{ items: [$ref X], nextCursor }` → `#/components/schemas/XPage`, created on first sight. */
function pageRef(o: Json, schemas: Record<string, Json>): Json | undefined {
  const props = o.properties as Json | undefined;
  if (o.type !== 'object' || !props || Object.keys(props).sort().join() !== 'items,nextCursor')
    return undefined;
  const ref = ((props.items as Json).items as Json | undefined)?.$ref;
  if (typeof ref !== 'string') return undefined;
  const name = `${ref.split('/').pop()}Page`;
  schemas[name] ??= { ...o, description: `A page of ${ref.split('/').pop()} items` };
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * The error statuses an operation can answer, from its metadata and shape, so routes added in
 * the contracts are right without a hand edit. `meta.errors` adds what cannot be derived (login
 * answers 401 without requiring auth). Every operation can also answer 413, 500 and 503.
 */
export function errorStatusesOf(route: AppRoute): number[] {
  const m = (route.metadata ?? { auth: 'none' }) as RouteMeta;
  const authed = m.auth !== 'none';
  const mutation = route.method !== 'GET';
  const hasPathParams = /:[A-Za-z]/.test(route.path);
  const hasInput =
    hasPathParams ||
    Boolean((route as { query?: unknown }).query) ||
    (typeof (route as { body?: unknown }).body === 'object' &&
      (route as { body?: unknown }).body !== null);
  const health = route.path.startsWith('/health');
  const s = new Set<number>([400, 413, 500, 503, ...(m.errors ?? [])]);
  if (authed) s.add(401).add(403);
  if (authed || hasPathParams) s.add(404);
  if (mutation) s.add(409);
  if (hasInput || mutation) s.add(422);
  if (!health) s.add(429);
  return [...s].sort((a, b) => a - b);
}

/** Example values: plausible, and valid against the schema they illustrate (a test checks). */
const FIELD_EXAMPLES: Record<string, unknown> = {
  name: 'Ada Lovelace',
  businessName: 'Harbour Barbers',
  email: 'ada@example.com',
  phone: '+447700900123',
  slug: 'harbour-barbers',
  code: 'K7M2QX9P',
  currency: 'EUR',
  timeZone: 'Europe/London',
  timezone: 'Europe/London',
  country: 'GB',
  localTime: '14:30',
  startTime: '09:00',
  endTime: '17:30',
  url: 'https://example.com/hooks/slotwise',
  reason: 'Running late, please move me',
  notes: 'First visit',
  message: 'Something happened',
  // The local gateway's test card (LocalCard): the one that succeeds.
  number: '4242 4242 4242 4242',
  cvc: '123',
};

const NAMES_BY_PARENT: Record<string, string> = {
  service: 'Beard trim',
  provider: 'Sam Carter',
  tenant: 'Harbour Barbers',
  user: 'Ada Lovelace',
};

export function exampleOf(
  schema: unknown,
  schemas: Record<string, Json>,
  field = '',
  depth = 0,
  parent = '',
): unknown {
  if (!schema || typeof schema !== 'object' || depth > 8) return undefined;
  const s = schema as Json;
  if (s.example !== undefined) return s.example;
  // Nothing has been cancelled, revoked or deleted in the example world.
  if (s.nullable === true && /^(cancel|revoked|deleted|disabled|failing)/i.test(field)) return null;
  if (field === 'name' && NAMES_BY_PARENT[parent]) return NAMES_BY_PARENT[parent];
  if (typeof s.$ref === 'string')
    return exampleOf(schemas[s.$ref.split('/').pop()!], schemas, field, depth + 1);
  for (const k of ['allOf', 'anyOf', 'oneOf'])
    if (Array.isArray(s[k])) return exampleOf((s[k] as unknown[])[0], schemas, field, depth + 1);
  if (Array.isArray(s.enum)) return s.enum[0];
  switch (s.type) {
    case 'object': {
      const out: Json = {};
      for (const [k, v] of Object.entries((s.properties as Json | undefined) ?? {})) {
        const e = exampleOf(v, schemas, k, depth + 1, field);
        if (e !== undefined) out[k] = e;
      }
      return out;
    }
    case 'array': {
      const item = exampleOf(s.items, schemas, field, depth + 1);
      return item === undefined ? [] : [item];
    }
    case 'integer':
    case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum : 0;
      const pick = /cents|amount/i.test(field)
        ? 4500
        : /minutes/i.test(field)
          ? 45
          : /year/i.test(field)
            ? 2030
            : 1;
      const max = typeof s.maximum === 'number' ? s.maximum : Number.MAX_SAFE_INTEGER;
      return Math.min(max, Math.max(min, pick));
    }
    case 'boolean':
      return field.startsWith('is') || /allowed|required|active/i.test(field);
    case 'string':
      return stringExample(s, field);
    default:
      return undefined;
  }
}

let uuidCounter = 0;

function stringExample(s: Json, field: string): string {
  // Distinct ids: one example never reuses another's, as real data would not.
  if (s.format === 'uuid')
    return `3f1c2a9e-5b7d-4e8a-9c61-${(0x2d4b8f0a7e13 + ++uuidCounter).toString(16).padStart(12, '0')}`;
  const pattern = typeof s.pattern === 'string' ? s.pattern : '';
  // A `start`/`end` with a pattern is a clock time (quiet hours), not an instant: the pattern decides.
  const instant = (v: string) => (!pattern || safeTest(pattern, v) ? v : null);
  if (field === 'end' && instant('2026-03-08T15:15:00Z')) return '2026-03-08T15:15:00Z';
  if (
    (s.format === 'date-time' || /^(start|createdAt|updatedAt|at)$/.test(field)) &&
    instant('2026-03-08T14:30:00Z')
  )
    return '2026-03-08T14:30:00Z';
  if (s.format === 'email') return 'ada@example.com';
  if (s.format === 'uri' || s.format === 'url') return 'https://example.com/hooks/slotwise';
  if (field === 'id') return `evt_01JD7QK${String(++uuidCounter).padStart(6, '0')}`;
  if (
    /\\d\{2\}-\\d\{2\}\$/.test(pattern) ||
    /date$/i.test(field) ||
    field === 'from' ||
    field === 'to'
  )
    return '2026-03-08';
  let v =
    typeof FIELD_EXAMPLES[field] === 'string' ? (FIELD_EXAMPLES[field] as string) : 'Example text';
  if (pattern && !safeTest(pattern, v))
    v =
      ['EUR', '14:30', 'harbour-barbers', '+447700900123', '2026-03-08', '#1E6FD9'].find((c) =>
        safeTest(pattern, c),
      ) ?? v;
  if (typeof s.maxLength === 'number') v = v.slice(0, s.maxLength);
  if (typeof s.minLength === 'number' && v.length < s.minLength) v = v.padEnd(s.minLength, 'x');
  return v;
}

function safeTest(pattern: string, v: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(v);
  } catch {
    return false;
  }
}

/** Adds an `example` to every component schema that has none (an object, so the whole shape shows). */
export function addExamples(doc: Json): void {
  uuidCounter = 0;
  const schemas = ((doc.components as Json).schemas ?? {}) as Record<string, Json>;
  for (const s of Object.values(schemas)) {
    if (s.example === undefined) {
      const e = exampleOf(s, schemas);
      if (e !== undefined) s.example = e;
    }
  }
}

/**
 * Removes one pattern everywhere. text()'s "well-formed Unicode, no NUL" rule is written with
 * JavaScript's \\uXXXX escapes, which regex engines of other languages (Perl, PCRE, Go) read
 * differently or reject, so a generated client would refuse valid input. The server enforces it.
 */
export function stripPattern(node: unknown, pattern: string): void {
  if (Array.isArray(node)) return node.forEach((n) => stripPattern(n, pattern));
  if (!node || typeof node !== 'object') return;
  const o = node as Json;
  if (o.pattern === pattern) delete o.pattern;
  for (const [k, v] of Object.entries(o)) if (k !== 'example') stripPattern(v, pattern);
}
