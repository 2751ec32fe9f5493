import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { generateOpenApi } from '@slotwise/contracts';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

// Every response a test receives from the test app is checked against the served OpenAPI document
// (startTestApp wraps the app with this): the status must be one the operation declares, declared
// required headers must be there and well-formed, the media type must be a declared one, and a
// JSON body must validate against the declared schema. Violations fail the test file at close().

type Json = Record<string, unknown>;
type Doc = ReturnType<typeof generateOpenApi>;

interface Operation {
  method: string;
  template: string;
  regex: RegExp;
  params: number;
  op: Json;
}

/** OpenAPI 3.0 `nullable` → JSON Schema, so Ajv checks exactly what the document says. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === 'example' || k === 'discriminator' || k.startsWith('x-')) continue;
    if (k === '$ref' && typeof v === 'string') out.$ref = v.replace(/^#/, 'spec#');
    else out[k] = k === 'properties' ? mapValues(v as Json) : toJsonSchema(v);
  }
  if (out.nullable !== true) {
    delete out.nullable;
    return out;
  }
  delete out.nullable;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}
function mapValues(o: Json): Json {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toJsonSchema(v)]));
}

export class SpecValidator {
  readonly #doc: Doc;
  readonly #ops: Operation[] = [];
  readonly #ajv = new Ajv({ strict: false, allErrors: false, logger: false });
  readonly #compiled = new Map<unknown, ValidateFunction>();

  constructor(doc: Doc = generateOpenApi()) {
    this.#doc = doc;
    addFormats(this.#ajv, ['uuid', 'date-time', 'date']);
    this.#ajv.addSchema({ components: toJsonSchema(doc.components) } as Json, 'spec');
    for (const [template, item] of Object.entries(
      doc.paths as Record<string, Record<string, Json>>,
    )) {
      const names = [...template.matchAll(/\{[^}]+\}/g)];
      const regex = new RegExp(
        `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)')}$`,
      );
      for (const [method, op] of Object.entries(item)) {
        if (typeof op === 'object')
          this.#ops.push({
            method: method.toUpperCase(),
            template,
            regex,
            params: names.length,
            op,
          });
      }
    }
    // A literal segment beats a parameter: /bookings/export before /bookings/{id}.
    this.#ops.sort((a, b) => a.params - b.params);
  }

  operation(method: string, path: string): Operation | undefined {
    return this.#ops.find((o) => o.method === method && o.regex.test(path));
  }

  #resolve(obj: Json): Json {
    const ref = obj.$ref;
    if (typeof ref !== 'string') return obj;
    const [, kind, name] = /^#\/components\/(\w+)\/(.+)$/.exec(ref) ?? [];
    return ((this.#doc.components as Json)[kind!] as Record<string, Json>)[name!]!;
  }

  #validator(schema: unknown): ValidateFunction {
    let v = this.#compiled.get(schema);
    if (!v) {
      v = this.#ajv.compile(toJsonSchema(schema) as Json);
      this.#compiled.set(schema, v);
    }
    return v;
  }

  /** Problems with a value against a schema of the document (examples, in the tests). */
  validateSchema(schema: unknown, value: unknown): string[] {
    const v = this.#validator(schema);
    return v(value) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  }

  /** Problems with one response; empty when it is what the document promises. */
  check(
    method: string,
    path: string,
    status: number,
    headers: Record<string, unknown>,
    body: Buffer,
  ): string[] {
    const found = this.operation(method, path);
    if (!found) return [];
    const where = `${method} ${found.template} → ${status}`;
    const declared = (found.op.responses as Record<string, Json>)[String(status)];
    if (!declared) return [`${where}: status ${status} is not declared for this operation`];
    const response = this.#resolve(declared);
    const problems: string[] = [];
    for (const [name, h] of Object.entries((response.headers as Record<string, Json>) ?? {})) {
      const header = this.#resolve(h);
      const value = headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) problems.push(`${where}: required header ${name} is missing`);
        continue;
      }
      const schema = header.schema as Json;
      const typed =
        schema.type === 'integer' && /^\d+$/.test(String(value)) ? Number(value) : String(value);
      if (!this.#validator(schema)(typed))
        problems.push(`${where}: header ${name}: "${String(value)}" does not match its schema`);
    }
    const content = response.content as Record<string, Json> | undefined;
    if (status === 204 || body.length === 0) {
      if (content && status !== 204)
        problems.push(`${where}: empty body where ${Object.keys(content).join(', ')} is declared`);
      return problems;
    }
    const type = String(headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    const media = content && Object.keys(content).find((k) => k.split(';')[0]!.trim() === type);
    if (!media)
      return [
        ...problems,
        `${where}: content-type ${type || '(none)'} is not declared (${Object.keys(content ?? {}).join(', ') || 'no body'})`,
      ];
    if (type !== 'application/json') return problems;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return [...problems, `${where}: body is not JSON`];
    }
    const validate = this.#validator(content[media]!.schema);
    if (!validate(parsed)) {
      const e = validate.errors?.[0];
      problems.push(
        `${where}: body does not match the schema at ${e?.instancePath || '/'}: ${e?.message} (${JSON.stringify(e?.params)})`,
      );
    }
    return problems;
  }
}

let shared: SpecValidator | undefined;
/** One per test file: building the document and compiling schemas is not free. */
export function specValidator(): SpecValidator {
  return (shared ??= new SpecValidator());
}

/** Wraps a request listener so every response it sends is checked; problems go to `onViolation`. */
export function checkingResponses(
  app: RequestListener,
  onViolation: (problem: string) => void,
): RequestListener {
  const validator = specValidator();
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!validator.operation(req.method ?? 'GET', path)) return app(req, res);
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(
              chunk as string,
              typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
            ),
      );
    };
    const write = res.write.bind(res) as (...a: unknown[]) => boolean;
    const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as typeof res.end;
    res.on('finish', () => {
      const headers = res.getHeaders() as Record<string, unknown>;
      for (const p of validator.check(
        req.method ?? 'GET',
        path,
        res.statusCode,
        headers,
        Buffer.concat(chunks),
      ))
        onViolation(p);
    });
    app(req, res);
  };
}
