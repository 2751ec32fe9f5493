import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import {
  API_VERSION,
  contract,
  ERROR_CODES,
  type ErrorCode,
  type RouteMeta,
} from '@slotwise/contracts';
import { loadConfig, lintFromString } from '@redocly/openapi-core';
import { isAppRoute, type AppRoute, type AppRouter } from '@ts-rest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_CSP } from '../../src/http/docs';
import { STATUS_BY_CODE } from '../../src/http/error-mapper';
import { SpecValidator } from '../support/spec-validator';
import { startTestApp, type TestApp } from '../support/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let app: TestApp;
let doc: Json;
beforeAll(async () => {
  app = await startTestApp();
  const res = await app.http.get('/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  doc = res.body as Json;
});
afterAll(async () => app?.close());

function routes(router: AppRouter, path: string[] = []): { path: string[]; route: AppRoute }[] {
  return Object.entries(router).flatMap(([k, v]) =>
    isAppRoute(v) ? [{ path: [...path, k], route: v }] : routes(v, [...path, k]),
  );
}
const allRoutes = routes(contract);
const operationOf = (route: AppRoute): Json =>
  doc.paths[route.path.replace(/:(\w+)/g, '{$1}')][route.method.toLowerCase()];

describe('/openapi.json', () => {
  it('is a valid OpenAPI document (swagger-parser, with every $ref resolved)', async () => {
    const api = await SwaggerParser.validate(structuredClone(doc) as never);
    expect(api.info.title).toBe('Slotwise API');
  });

  it('lints clean with Redocly (server/test/openapi/redocly.yaml), warnings included', async () => {
    const config = await loadConfig({
      configPath: fileURLToPath(new URL('./redocly.yaml', import.meta.url)),
    });
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: 'openapi.json',
      config,
    });
    // Webhook names are event types (booking.no_show), not URL paths: kebab-case does not apply.
    const exempt = (p: (typeof problems)[number]) =>
      (p.ruleId === 'operation-4xx-response' &&
        /^#\/paths\/~1health~1/.test(p.location[0]?.pointer ?? '')) ||
      (p.ruleId === 'paths-kebab-case' && /^#\/x-webhooks\//.test(p.location[0]?.pointer ?? ''));
    const report = problems
      .filter((p) => !exempt(p))
      .map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(report).toEqual([]);
  });

  it('documents every route of the contract, with a unique readable operationId and a tag', () => {
    const ids = new Set<string>();
    for (const { path, route } of allRoutes) {
      const op = operationOf(route);
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(op.operationId).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(op.operationId.toLowerCase()).toBe(path.join('').toLowerCase());
      expect(ids.has(op.operationId)).toBe(false);
      ids.add(op.operationId);
      expect(op.summary, op.operationId).toBeTruthy();
      expect(op.tags).toHaveLength(1);
      expect(doc.tags.map((t: Json) => t.name)).toContain(op.tags[0]);
    }
  });

  it('derives security from route metadata: public, session only, or session or API key', () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'session']);
    for (const { route } of allRoutes) {
      const m = (route.metadata ?? { auth: 'none' }) as RouteMeta;
      const schemes = operationOf(route)
        .security.map((s: Json) => Object.keys(s)[0])
        .sort();
      if (m.auth === 'none') expect(schemes).toEqual([]);
      else if (m.auth === 'session' || m.sessionOnly) expect(schemes).toEqual(['session']);
      else expect(schemes).toEqual(['apiKey', 'session']);
    }
    expect(operationOf(contract.admin.apiKeys.create).security).toEqual([{ session: [] }]);
    expect(operationOf(contract.admin.members.list).security).toEqual([
      { session: [] },
      { apiKey: [] },
    ]);
  });

  it('offers the Idempotency-Key header on every POST and PATCH, and only there', () => {
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
    });
    for (const { route } of allRoutes) {
      const has = (operationOf(route).parameters ?? []).some(
        (p: Json) => p.$ref === '#/components/parameters/IdempotencyKey',
      );
      expect(has, `${route.method} ${route.path}`).toBe(
        route.method === 'POST' || route.method === 'PATCH',
      );
    }
  });

  it('describes every error response through one Error schema whose code is an enum of every code', () => {
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual([
      ...ERROR_CODES,
    ]);
    for (const { route } of allRoutes) {
      const op = operationOf(route);
      for (const [status, r] of Object.entries(op.responses as Record<string, Json>)) {
        if (Number(status) < 400 && status !== 'default') continue;
        if (!r.$ref) continue; // health/ready's own 503 body
        const response = doc.components.responses[(r.$ref as string).split('/').pop()!];
        expect(response.content['application/json'].schema).toEqual({
          $ref: '#/components/schemas/Error',
        });
        const code = response.content['application/json'].example.error.code as ErrorCode;
        if (status !== 'default')
          expect(STATUS_BY_CODE[code], `${status} example`).toBe(Number(status));
        expect(response.headers['X-Request-Id']).toEqual({
          $ref: '#/components/headers/XRequestId',
        });
      }
    }
  });

  it('declares only the errors an operation can give, derived from its metadata, plus 413, 500 and 503', () => {
    for (const { route } of allRoutes) {
      const m = (route.metadata ?? { auth: 'none' }) as RouteMeta;
      const statuses = Object.keys(operationOf(route).responses);
      const where = `${route.method} ${route.path}`;
      for (const s of ['413', '500', '503']) expect(statuses, where).toContain(s);
      const authStatuses = statuses.filter((s) => s === '401' || s === '403');
      // A public route answers 401/403 only when its metadata says so (login); `errors` may also
      // name other statuses (402 for a declined card), which add no auth status.
      const declaredAuth = (m.errors ?? []).filter((s) => s === 401 || s === 403).map(String);
      if (m.auth === 'none') expect(authStatuses, where).toEqual(declaredAuth);
      else expect(authStatuses, where).toEqual(['401', '403']);
      for (const s of m.errors ?? []) expect(statuses, where).toContain(String(s));
      expect(statuses.includes('409'), where).toBe(route.method !== 'GET');
    }
    // Public booking: no credential, so no 401/403; login refuses credentials with 401.
    expect(Object.keys(operationOf(contract.public.bookings.create).responses)).not.toContain(
      '401',
    );
    expect(Object.keys(operationOf(contract.auth.login).responses)).toContain('401');
    expect(Object.keys(operationOf(contract.health.live).responses)).not.toContain('429');
  });

  it('names every error code under the status the server gives it (kept in sync with STATUS_BY_CODE)', () => {
    const declaredStatuses = new Set(
      Object.values(doc.paths as Record<string, Record<string, Json>>).flatMap((item) =>
        Object.values(item).flatMap((op) => Object.keys(op.responses)),
      ),
    );
    for (const [code, status] of Object.entries(STATUS_BY_CODE)) {
      // A status no route answers yet (402 until payments land) has no response component.
      if (!declaredStatuses.has(String(status))) continue;
      const response = Object.values(doc.components.responses as Record<string, Json>).find(
        (r) =>
          r.content['application/json'].example.error.code && r.description.includes(`\`${code}\``),
      );
      expect(response, `${code} (${status}) is in no error response`).toBeDefined();
      const name = Object.entries(doc.components.responses as Record<string, Json>).find(
        ([, r]) => r === response,
      )![0];
      const usedAt = Object.values(doc.paths as Record<string, Record<string, Json>>)
        .flatMap((item) => Object.values(item))
        .map((op) => op.responses[String(status)]?.$ref)
        .filter(Boolean);
      expect(usedAt, `${code}: ${name} is used under ${status}`).toContain(
        `#/components/responses/${name}`,
      );
    }
  });

  it('has one component per shared object, referenced instead of repeated', () => {
    const schemas = doc.components.schemas as Record<string, Json>;
    for (const name of [
      'Booking',
      'AdminBooking',
      'BookingDetail',
      'Service',
      'Provider',
      'Customer',
      'AvailabilityDay',
      'Availability',
      'Error',
      'AdminBookingPage',
      'ManageBooking',
    ])
      expect(schemas[name], name).toBeDefined();
    const text = JSON.stringify(doc.paths);
    expect(text.split('"#/components/schemas/BookingDetail"').length - 1).toBeGreaterThan(5);
    // No operation repeats the Booking shape inline (its `code` description is unique to it).
    expect(text).not.toContain('8-character confirmation code');
    expect(
      operationOf(contract.admin.bookings.list).responses['200'].content['application/json'].schema,
    ).toEqual({
      $ref: '#/components/schemas/AdminBookingPage',
    });
  });

  it('declares text/calendar and text/csv bodies and the response headers', () => {
    const ics = operationOf(contract.public.manage.calendar).responses['200'];
    expect(Object.keys(ics.content)).toEqual(['text/calendar; charset=utf-8']);
    expect(ics.content['text/calendar; charset=utf-8'].example).toMatch(/^BEGIN:VCALENDAR/);
    const csv = allRoutes
      .map((r) => operationOf(r.route).responses['200']?.content)
      .find((c) => c?.['text/csv']);
    expect(csv).toBeDefined();
    const created = operationOf(contract.public.bookings.create).responses['201'];
    expect(Object.keys(created.headers).sort()).toEqual(
      [
        'Idempotent-Replayed',
        'RateLimit-Limit',
        'RateLimit-Remaining',
        'Slotwise-Version',
        'X-Request-Id',
      ].sort(),
    );
    expect(doc.components.responses.RateLimited.headers['Retry-After']).toEqual({
      $ref: '#/components/headers/RetryAfter',
    });
    expect(doc.components.responses.ServiceUnavailable.headers['Retry-After']).toBeDefined();
  });

  it('gives every component schema an example that validates against it', () => {
    const validator = new SpecValidator(doc as never);
    for (const [name, schema] of Object.entries(doc.components.schemas as Record<string, Json>)) {
      if (name.startsWith('Webhook') && !('example' in schema)) continue;
      expect(schema.example, name).toBeDefined();
      expect(validator.validateSchema(schema, schema.example), name).toEqual([]);
    }
  });

  it('checks responses: an undeclared status, a wrong body or a missing header is a violation', () => {
    const validator = new SpecValidator(doc as never);
    const headers = {
      'content-type': 'application/json',
      'x-request-id': 'r1',
      'slotwise-version': API_VERSION,
    };
    const body = (x: unknown) => Buffer.from(JSON.stringify(x));
    const err = { error: { code: 'not_found', message: 'No such business' } };
    expect(validator.check('GET', '/v1/public/tenants/acme', 404, headers, body(err))).toEqual([]);
    expect(validator.check('GET', '/v1/public/tenants/acme', 401, headers, body(err))[0]).toMatch(
      /not declared/,
    );
    expect(
      validator.check(
        'GET',
        '/v1/public/tenants/acme',
        404,
        headers,
        body({ error: { code: 'nope', message: 'x' } }),
      )[0],
    ).toMatch(/schema/);
    expect(
      validator.check(
        'GET',
        '/v1/public/tenants/acme',
        404,
        { 'content-type': 'application/json' },
        body(err),
      )[0],
    ).toMatch(/X-Request-Id/);
  });

  it('marks list routes with documented limit and cursor parameters', () => {
    const list = operationOf(contract.admin.members.list);
    const limit = list.parameters.find((p: Json) => p.name === 'limit');
    expect(limit).toMatchObject({
      in: 'query',
      schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    });
    expect(limit.description).toMatch(/1–200/);
    expect(list.parameters.find((p: Json) => p.name === 'cursor').description).toMatch(
      /nextCursor/,
    );
  });
});

describe('/docs', () => {
  it('redirects to the trailing-slash URL so relative assets resolve', async () => {
    const res = await app.http.get('/docs');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/docs/');
  });

  it('serves Swagger UI from our own origin with a self-only CSP, pointed at /openapi.json', async () => {
    const page = await app.http.get('/docs/');
    expect(page.status).toBe(200);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toBe(DOCS_CSP);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:|unsafe-inline|unsafe-eval|\*/);
    const html = page.text;
    expect(html).not.toMatch(/<script>/); // no inline script
    expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toEqual(['swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'init.js']);
    for (const asset of [...scripts, 'swagger-ui.css']) {
      const res = await app.http
        .get(`/docs/${asset}`)
        .buffer(true)
        .parse((r, cb) => {
          let data = '';
          r.on('data', (c: Buffer) => (data += c.toString()));
          r.on('end', () => cb(null, data));
        });
      expect(res.status, asset).toBe(200);
      expect(res.headers['content-security-policy']).toBe(DOCS_CSP);
      expect((res.body as string).length, asset).toBeGreaterThan(asset === 'init.js' ? 50 : 10_000);
      if (asset === 'init.js') expect(res.body).toContain("'../openapi.json'");
    }
  });

  it('does not serve the package’s own petstore page or anything else from its folder', async () => {
    for (const f of ['index.html', 'swagger-initializer.js', 'package.json', '..%2Fpackage.json']) {
      expect((await app.http.get(`/docs/${f}`)).status, f).toBe(404);
    }
  });
});
