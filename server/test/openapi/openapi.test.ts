import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { contract, type RouteMeta } from '@slotwise/contracts';
import { loadConfig, lintFromString } from '@redocly/openapi-core';
import { isAppRoute, type AppRoute, type AppRouter } from '@ts-rest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_CSP } from '../../src/http/docs';
import { STATUS_BY_CODE } from '../../src/http/error-mapper';
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

  it('describes every error response through one Error schema, with examples', () => {
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);
    for (const { route } of allRoutes.filter((r) => r.path[0] !== 'health')) {
      const op = operationOf(route);
      for (const status of ['400', '401', '403', '404', '409', '422', '429']) {
        const ref = op.responses[status]?.$ref as string;
        expect(ref, `${route.method} ${route.path} ${status}`).toMatch(
          /^#\/components\/responses\//,
        );
        const response = doc.components.responses[ref.split('/').pop()!];
        expect(response.content['application/json'].schema).toEqual({
          $ref: '#/components/schemas/Error',
        });
        expect(response.content['application/json'].example.error.code).toEqual(expect.any(String));
      }
      expect(op.responses.default).toEqual({ $ref: '#/components/responses/Error' });
    }
  });

  it('names every error code under the status the server gives it (kept in sync with STATUS_BY_CODE)', () => {
    const declared = operationOf(contract.auth.me).responses as Record<string, Json>;
    for (const [code, status] of Object.entries(STATUS_BY_CODE)) {
      const ref = (declared[String(status)] ?? declared.default)!.$ref as string;
      const description = doc.components.responses[ref.split('/').pop()!].description as string;
      expect(description, `${code} (${status})`).toContain(`\`${code}\``);
      // Statuses without their own response are spelled out in the default one.
      if (!declared[String(status)])
        expect(description, `${code} (${status})`).toContain(`${status} \`${code}\``);
    }
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
