import { WELL_FORMED_TEXT } from '@slotwise/contracts';
import fc from 'fast-check';
import type { ZodTypeAny } from 'zod';

/**
 * Valid-ish values for a zod schema of the contracts: right shape, mostly right formats. They
 * are the starting point the fuzz test mutates, so they need to get past validation often, not
 * always. Reads zod 3's `_def`; a schema kind not handled here fails loudly, so a new kind in the
 * contracts cannot silently shrink what the fuzzer covers.
 */
export interface ArbitraryContext {
  /** Values known to fit common formats (ids of existing rows, dates, zones…), tried first. */
  samples: readonly unknown[];
}

type Def = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const defOf = (s: ZodTypeAny): Def => (s as unknown as { _def: Def })._def;

const MAX_GENERATED = 1e6;

/**
 * Strings matching `regex` within [min, max]. stringMatching draws short repetitions, so for a
 * long minimum (an emailed token: /^[A-Za-z0-9_-]+$/ with min 20) filtering on the length almost
 * never succeeds and generation spins: a single repeated class gets the bounds in the pattern.
 */
function matchingArbitrary(regex: RegExp, min: number, max: number): fc.Arbitrary<string> {
  const single = /^\^(\[[^\]]+\]|\\[dw])[+*]\$$/.exec(regex.source);
  if (single) return fc.stringMatching(new RegExp(`^${single[1]}{${min},${Math.min(max, min + 40)}}$`, regex.flags));
  return fc.stringMatching(regex).filter((s) => s.length >= min && s.length <= max);
}

function stringArbitrary(schema: ZodTypeAny, ctx: ArbitraryContext): fc.Arbitrary<unknown> {
  const checks = (defOf(schema).checks ?? []) as Def[];
  const min = checks.find((c) => c.kind === 'min' || c.kind === 'length')?.value ?? 0;
  const max = checks.find((c) => c.kind === 'max' || c.kind === 'length')?.value ?? 40;
  const fitting = ctx.samples.filter((v) => typeof v === 'string' && schema.safeParse(v).success);
  const regex = [...checks].reverse().find((c) => c.kind === 'regex')?.regex as RegExp | undefined;
  const options: fc.Arbitrary<unknown>[] = [fc.string({ minLength: Math.min(min, 40), maxLength: Math.min(max, 40), unit: fc.constantFrom('grapheme', 'grapheme-ascii') })];
  // A format's own pattern is worth matching; text()'s well-formedness is what fc.string gives anyway.
  if (regex && regex !== WELL_FORMED_TEXT && checks.every((c) => c.kind !== 'datetime')) options.push(matchingArbitrary(regex, min, max));
  if (fitting.length) options.push(fc.constantFrom(...fitting), fc.constantFrom(...fitting));
  return fc.oneof(...options);
}

function numberArbitrary(schema: ZodTypeAny): fc.Arbitrary<unknown> {
  const checks = (defOf(schema).checks ?? []) as Def[];
  const min = Math.max(-MAX_GENERATED, checks.find((c) => c.kind === 'min')?.value ?? -MAX_GENERATED);
  const max = Math.min(MAX_GENERATED, checks.find((c) => c.kind === 'max')?.value ?? MAX_GENERATED);
  if (checks.some((c) => c.kind === 'int')) return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.constantFrom(Math.ceil(min), Math.floor(max)));
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

export function arbitraryFor(schema: ZodTypeAny, ctx: ArbitraryContext, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (s: ZodTypeAny) => arbitraryFor(s, ctx, depth + 1);
  switch (def.typeName as string) {
    case 'ZodString':
      return stringArbitrary(schema, ctx);
    case 'ZodNumber':
      return numberArbitrary(schema);
    case 'ZodBoolean':
      return fc.boolean();
    case 'ZodEnum':
      return fc.constantFrom(...(def.values as string[]));
    case 'ZodNativeEnum':
      return fc.constantFrom(...Object.values(def.values as object));
    case 'ZodLiteral':
      return fc.constant(def.value);
    case 'ZodNull':
      return fc.constant(null);
    case 'ZodAny':
    case 'ZodUnknown':
      return fc.jsonValue({ maxDepth: 2 });
    case 'ZodOptional':
    case 'ZodDefault':
      return fc.option(inner(def.innerType), { nil: undefined, freq: 4 });
    case 'ZodNullable':
      return fc.option(inner(def.innerType), { nil: null, freq: 4 });
    case 'ZodCatch':
    case 'ZodReadonly':
      return inner(def.innerType);
    case 'ZodBranded':
      return inner(def.type);
    case 'ZodEffects':
      return inner(def.schema);
    case 'ZodPipeline':
      return inner(def.in);
    case 'ZodLazy':
      return depth > 4 ? fc.constant(null) : inner(def.getter());
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      return fc.oneof(...(def.options as ZodTypeAny[]).map(inner));
    case 'ZodIntersection':
      return fc.tuple(inner(def.left), inner(def.right)).map(([a, b]) => (a && b && typeof a === 'object' && typeof b === 'object' ? { ...a, ...b } : b));
    case 'ZodArray': {
      const minLength = def.exactLength?.value ?? def.minLength?.value ?? 0;
      const maxLength = Math.min(def.exactLength?.value ?? def.maxLength?.value ?? 3, Math.max(minLength, 3));
      return fc.array(inner(def.type), { minLength, maxLength });
    }
    case 'ZodTuple':
      return fc.tuple(...(def.items as ZodTypeAny[]).map(inner));
    case 'ZodRecord':
      return fc.dictionary(inner(def.keyType) as fc.Arbitrary<string>, inner(def.valueType), { maxKeys: 3 });
    case 'ZodObject': {
      const shape = (typeof def.shape === 'function' ? def.shape() : def.shape) as Record<string, ZodTypeAny>;
      const entries = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, inner(s)]));
      // Optional fields are left out by their own generator (undefined), dropped here.
      return fc.record(entries).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    }
    default:
      throw new Error(`zod-arbitrary: no generator for ${def.typeName as string}`);
  }
}

/** Every ZodString reachable from a schema (through wrappers, objects, arrays, unions, records). */
export function stringSchemasOf(schema: ZodTypeAny, at = '', out: { path: string; schema: ZodTypeAny }[] = [], seen = new Set<unknown>()) {
  if (seen.has(schema)) return out;
  seen.add(schema);
  const def = defOf(schema);
  const walk = (s: ZodTypeAny | undefined, p: string) => s && stringSchemasOf(s, p, out, seen);
  switch (def.typeName as string) {
    case 'ZodString':
      out.push({ path: at, schema });
      break;
    case 'ZodObject':
      for (const [k, s] of Object.entries((typeof def.shape === 'function' ? def.shape() : def.shape) as Record<string, ZodTypeAny>)) walk(s, `${at}.${k}`);
      break;
    case 'ZodRecord':
      walk(def.keyType, `${at}.<key>`);
      walk(def.valueType, `${at}.<value>`);
      break;
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      (def.options as ZodTypeAny[]).forEach((s, i) => walk(s, `${at}|${i}`));
      break;
    case 'ZodIntersection':
      walk(def.left, at);
      walk(def.right, at);
      break;
    case 'ZodTuple':
      (def.items as ZodTypeAny[]).forEach((s, i) => walk(s, `${at}.${i}`));
      break;
    default:
      walk(def.innerType ?? def.schema ?? def.type ?? def.in ?? (def.getter ? def.getter() : undefined), def.type && def.typeName === 'ZodArray' ? `${at}.[]` : at);
  }
  return out;
}
