import { z } from 'zod';

/**
 * Zod schema → a plain TypeScript type expression. `input` is what a caller may send (defaults
 * make a field optional, coercions and preprocessors take their inner type); `output` is what the
 * API answers. Shared objects print as their name (see contracts' schema-names.ts) and are
 * declared once by the caller, so the published types are interfaces, not inferred generics.
 */
export type Mode = 'input' | 'output';

export interface Emitter {
  /** A type expression for `schema`, referring to named schemas by name. */
  type(schema: z.ZodTypeAny, mode: Mode): string;
  /** The body of a named schema (its own definition, never its name). */
  definition(schema: z.ZodTypeAny, mode: Mode): string;
  /** Named schemas referred to so far, with the modes they were used in. */
  used: Map<z.ZodTypeAny, Set<Mode>>;
  /** The name of a schema in a mode: `Foo`, or `FooInput` when its input type differs. */
  nameOf(schema: z.ZodTypeAny, mode: Mode): string;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (k: string) => (IDENT.test(k) ? k : JSON.stringify(k));
const doc = (d: string | undefined, indent: string) =>
  d ? `${indent}/** ${d.replace(/\*\//g, '*\\/').replace(/\n/g, ' ')} */\n` : '';

function paren(t: string): string {
  return /[|&]/.test(t) && !/^[{(]/.test(t) ? `(${t})` : t;
}

/** Whether a field may be left out: in input, whatever accepts undefined; in output, only `.optional()`. */
function isOptionalField(s: z.ZodTypeAny, mode: Mode): boolean {
  if (mode === 'input') return s.isOptional();
  if (s instanceof z.ZodOptional) return true;
  if (s instanceof z.ZodEffects) return isOptionalField(s.innerType(), mode);
  return false;
}

/**
 * `usage`: the modes each named schema is used in (from a first pass). A schema used only as input
 * (a request body) takes its plain name for its input type; one used both ways whose input differs
 * (defaults) gets `FooInput` for requests.
 */
export function createEmitter(
  names: Map<z.ZodTypeAny, string>,
  usage?: Map<z.ZodTypeAny, Set<Mode>>,
): Emitter {
  const used = new Map<z.ZodTypeAny, Set<Mode>>();
  const differs = new Map<z.ZodTypeAny, boolean>();

  function nameOf(schema: z.ZodTypeAny, mode: Mode): string {
    const base = names.get(schema)!;
    if (mode === 'output' || !usage) return base;
    if (!usage.get(schema)?.has('output')) return base;
    let d = differs.get(schema);
    if (d === undefined) {
      d = definition(schema, 'input', true) !== definition(schema, 'output', true);
      differs.set(schema, d);
    }
    return d ? `${base}Input` : base;
  }

  function type(s: z.ZodTypeAny, mode: Mode, indent = '', inline = false): string {
    if (!inline && names.has(s)) {
      if (!used.has(s)) used.set(s, new Set());
      used.get(s)!.add(mode);
      return nameOf(s, mode);
    }
    return body(s, mode, indent, inline);
  }

  function definition(s: z.ZodTypeAny, mode: Mode, inline = false): string {
    return body(s, mode, '', inline);
  }

  function body(s: z.ZodTypeAny, mode: Mode, indent: string, inline: boolean): string {
    const t = (x: z.ZodTypeAny) => type(x, mode, indent, inline);
    if (s instanceof z.ZodString) return 'string';
    if (s instanceof z.ZodNumber) return 'number';
    if (s instanceof z.ZodBigInt) return 'bigint';
    if (s instanceof z.ZodBoolean) return 'boolean';
    // Dates travel as ISO strings in JSON.
    if (s instanceof z.ZodDate) return 'string';
    if (s instanceof z.ZodNull) return 'null';
    if (s instanceof z.ZodUndefined || s instanceof z.ZodVoid) return 'undefined';
    if (s instanceof z.ZodNever) return 'never';
    if (s instanceof z.ZodAny || s instanceof z.ZodUnknown) return 'unknown';
    if (s instanceof z.ZodLiteral) return JSON.stringify(s.value);
    if (s instanceof z.ZodEnum)
      return (s.options as string[]).map((o) => JSON.stringify(o)).join(' | ');
    if (s instanceof z.ZodNativeEnum)
      return Object.values(s.enum as Record<string, string | number>)
        .map((o) => JSON.stringify(o))
        .join(' | ');
    if (s instanceof z.ZodOptional) return `${paren(t(s.unwrap()))} | undefined`;
    if (s instanceof z.ZodNullable) return `${paren(t(s.unwrap()))} | null`;
    if (s instanceof z.ZodDefault) return t(s.removeDefault());
    if (s instanceof z.ZodCatch) return t(s.removeCatch());
    if (s instanceof z.ZodBranded) return t(s.unwrap());
    if (s instanceof z.ZodReadonly) return t(s._def.innerType);
    if (s instanceof z.ZodLazy) return 'unknown';
    if (s instanceof z.ZodPipeline) return t(mode === 'input' ? s._def.in : s._def.out);
    if (s instanceof z.ZodEffects) {
      const inner = s.innerType();
      // A preprocessed list (`?status=a,b`) also takes one value.
      if (mode === 'input' && s._def.effect.type === 'preprocess' && inner instanceof z.ZodArray)
        return `${paren(t(inner.element))} | ${paren(t(inner.element))}[]`;
      return t(inner);
    }
    if (s instanceof z.ZodArray) return `${paren(t(s.element))}[]`;
    if (s instanceof z.ZodTuple) return `[${(s.items as z.ZodTypeAny[]).map(t).join(', ')}]`;
    if (s instanceof z.ZodUnion || s instanceof z.ZodDiscriminatedUnion) {
      const options = [...(s.options as Iterable<z.ZodTypeAny>)];
      return [...new Set(options.map((o) => paren(t(o))))].join(' | ');
    }
    if (s instanceof z.ZodIntersection)
      return `${paren(t(s._def.left))} & ${paren(t(s._def.right))}`;
    if (s instanceof z.ZodRecord) {
      const k = s.keySchema as z.ZodTypeAny;
      const v = t(s.valueSchema);
      if (k instanceof z.ZodEnum) return `{ [K in ${t(k)}]?: ${v} }`;
      return `{ [key: string]: ${v} }`;
    }
    if (s instanceof z.ZodObject) {
      const inner = `${indent}  `;
      const fields = Object.entries(s.shape as Record<string, z.ZodTypeAny>).map(([k, f]) => {
        const opt = isOptionalField(f, mode);
        const ft = opt && f instanceof z.ZodOptional ? t(f.unwrap()) : type(f, mode, inner, inline);
        return `${doc(f.description, inner)}${inner}${key(k)}${opt ? '?' : ''}: ${ft};`;
      });
      if (s._def.unknownKeys === 'passthrough') fields.push(`${inner}[key: string]: unknown;`);
      return fields.length ? `{\n${fields.join('\n')}\n${indent}}` : '{}';
    }
    throw new Error(`zod-to-ts: unsupported schema ${s.constructor.name}`);
  }

  return {
    type: (s, m) => type(s, m),
    definition: (s, m) => definition(s, m, false),
    used,
    nameOf,
  };
}
