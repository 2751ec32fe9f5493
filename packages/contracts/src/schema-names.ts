import { z } from 'zod';
import * as api from './index';

/**
 * The names of the API's shared objects, used by the OpenAPI components and the SDK's generated
 * types alike. The rule is the export: every `fooBarSchema` exported from this package that is an
 * object, an enum or a union is called `FooBar`, so a route added with exported schemas gets named
 * types and `$ref`s without touching any generator. Query schemas (`…QuerySchema`) stay inline:
 * they become parameters, not objects.
 */
export function schemaNames(): Map<z.ZodTypeAny, string> {
  const names = new Map<z.ZodTypeAny, string>();
  // Sorted so a schema exported under two names always gets the same one.
  for (const [exportName, value] of Object.entries(api).sort(([a], [b]) => a.localeCompare(b))) {
    if (!exportName.endsWith('Schema') || exportName.endsWith('QuerySchema')) continue;
    if (!(value instanceof z.ZodType) || names.has(value)) continue;
    if (!isNamedKind(value)) continue;
    const base = exportName.slice(0, -'Schema'.length);
    names.set(value, base.charAt(0).toUpperCase() + base.slice(1));
  }
  return names;
}

function isNamedKind(s: z.ZodTypeAny): boolean {
  if (s instanceof z.ZodEffects) return isNamedKind(s.innerType());
  return (
    s instanceof z.ZodObject ||
    s instanceof z.ZodEnum ||
    s instanceof z.ZodUnion ||
    s instanceof z.ZodDiscriminatedUnion
  );
}
