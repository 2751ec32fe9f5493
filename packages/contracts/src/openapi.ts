import {
  isAppRoute,
  isAppRouteOtherResponse,
  isZodType,
  type AppRoute,
  type AppRouter,
} from '@ts-rest/core';
import { generateOpenApi as tsRestOpenApi } from '@ts-rest/open-api';
import type { RouteMeta } from './common/contract';
import { errorBodySchema } from './common/errors';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from './common/pagination';
import { contract } from './contract';
import { webhookDocument } from './openapi-webhooks';

type OpenApiDoc = ReturnType<typeof tsRestOpenApi>;
type Operation = Parameters<
  NonNullable<NonNullable<Parameters<typeof tsRestOpenApi>[2]>['operationMapper']>
>[0];
type Json = Record<string, unknown>;

/**
 * One reusable response per error status the contracts declare. The codes listed are the ones the
 * server maps to that status (server/src/http/error-mapper.ts); a server test keeps them in sync.
 */
const ERROR_RESPONSES: Record<
  string,
  { name: string; description: string; example: { code: string; message: string; details?: Json } }
> = {
  400: {
    name: 'BadRequest',
    description: 'Malformed request (`bad_request`, `invalid_json`; `invalid_signature` on the Stripe webhook endpoint).',
    example: { code: 'invalid_json', message: 'Request body is not valid JSON' },
  },
  401: {
    name: 'Unauthenticated',
    description:
      'Missing, malformed, expired or revoked credentials (`unauthenticated`, `invalid_credentials`, `token_expired`, `refresh_token_reused`).',
    example: {
      code: 'unauthenticated',
      message: 'Authentication required: send a session token or API key',
    },
  },
  403: {
    name: 'Forbidden',
    description:
      'Authenticated, but the role, API-key scope or credential kind does not allow this (`forbidden`, `insufficient_scope`).',
    example: { code: 'insufficient_scope', message: 'This API key lacks the "write" scope' },
  },
  404: {
    name: 'NotFound',
    description:
      'No such resource in this business, or a malformed id in the URL (`not_found`, `route_not_found`).',
    example: { code: 'not_found', message: 'No such resource' },
  },
  409: {
    name: 'Conflict',
    description:
      'The current state does not allow it (`conflict`, `email_taken`, `slug_taken`, `slot_unavailable`, `invalid_transition`, `idempotency_in_progress`). ' +
      'Retry `idempotency_in_progress` after a moment with the same key.',
    example: { code: 'slot_unavailable', message: 'That time is no longer available' },
  },
  422: {
    name: 'Unprocessable',
    description:
      'Validation failed (`validation_failed`, with `details.issues[{ path, message }]`), the Idempotency-Key was reused with a different request ' +
      '(`idempotency_key_reused`), or the request cannot be processed (`unprocessable`).',
    example: {
      code: 'validation_failed',
      message: 'body.email: Invalid email',
      details: { issues: [{ path: 'body.email', message: 'Invalid email' }] },
    },
  },
  429: {
    name: 'RateLimited',
    description:
      'Too many requests (`rate_limited`); wait for the `Retry-After` header (seconds) before retrying.',
    example: {
      code: 'rate_limited',
      message: 'Too many requests; retry in 12 s',
      details: { retryAfterSeconds: 12 },
    },
  },
};

/** Statuses no route declares but any route can produce. */
const DEFAULT_ERROR_DESCRIPTION =
  'Any other error, same shape: 402 `payment_required`, 402 `card_declined`, 413 `payload_too_large`, 500 `internal_error` (a bug, logged with the request id), ' +
  '503 `service_unavailable`.';

const SUCCESS_TEXT: Record<string, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
};

const TAG_DESCRIPTIONS: Record<string, string> = {
  Health: 'Liveness and readiness probes for load balancers and orchestrators.',
  Auth: 'Sign up, log in, refresh and inspect the current session.',
  Tenant: 'The business profile, booking rules, branding and embed origins.',
  Members: 'The team: who can use the admin, with which role.',
  'API keys': 'Secret keys for server-to-server integrations (session only).',
  Services: 'The catalogue: what can be booked, for how long, at what price and deposit.',
  Providers: 'Staff members and resources (rooms, equipment) who deliver services.',
  Schedules: 'Weekly working hours and date-specific exceptions of providers.',
  'Intake fields': 'Questions of the booking form, asked for one service or for every service.',
  Bookings: 'Appointments and class seats: create, confirm, reschedule, cancel, complete.',
  Customers: 'The people who book, with their history and data export.',
  Waitlist: 'Customers waiting for a slot to free up.',
  Reports: 'Aggregates over bookings and revenue.',
  Webhooks:
    'Endpoints that receive signed events (Standard Webhooks), their delivery log, test events and replays. The events are under `x-webhooks`.',
  Public: 'No authentication: what the booking app and widget use.',
};

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Any unique string (a UUID is ideal). A retry with the same key within 24 h returns the first response (with `Idempotent-Replayed: true`) ' +
    'instead of acting twice; a concurrent duplicate waits or gets 409 `idempotency_in_progress`; the same key with a different request gets 422 ' +
    '`idempotency_key_reused`. The SDK sends one automatically.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
  example: '5f0c6b1e-2f43-4c8e-9a55-1d2a3b4c5d6e',
};

const QUERY_PARAM_DESCRIPTIONS: Record<string, string> = {
  limit: `Page size, 1–${MAX_PAGE_LIMIT} (default ${DEFAULT_PAGE_LIMIT}).`,
  cursor: 'The `nextCursor` of the previous page; omit for the first page.',
};

/**
 * The zod converter writes `nullable` without a `type` for z.unknown() and for nullable unions.
 * OpenAPI 3.0 gives such a `nullable` no meaning and strict tools reject it, so: an untyped schema
 * (which already admits null) drops it, and a nullable union moves it into typed alternatives,
 * as `anyOf` (null would match every alternative of a `oneOf`; zod unions are first-match anyway).
 */
function fixUntypedNullable(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(fixUntypedNullable);
  if (!node || typeof node !== 'object') return;
  const o = node as Json;
  for (const v of Object.values(o)) fixUntypedNullable(v);
  if (o.nullable !== true || 'type' in o) return;
  const alts = (o.oneOf ?? o.anyOf) as Json[] | undefined;
  if (alts && !o.discriminator && alts.every((a) => 'type' in a)) {
    delete o.oneOf;
    delete o.nullable;
    o.anyOf = alts.map((a) => ({ ...a, nullable: true }));
  } else if (!alts && !('$ref' in o) && !('allOf' in o)) {
    delete o.nullable;
  }
}

function walk(router: AppRouter, path: string[] = []): { path: string[]; route: AppRoute }[] {
  return Object.entries(router).flatMap(([k, v]) =>
    isAppRoute(v) ? [{ path: [...path, k], route: v }] : walk(v, [...path, k]),
  );
}

/** `admin.apiKeys.create` → `adminApiKeysCreate`: stable, unique (keys are), and valid in every code generator. */
function operationIdOf(path: string[]): string {
  return path.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('');
}

function authText(m: RouteMeta): string {
  if (m.auth === 'none') return '**Auth:** none (public).';
  const who =
    m.auth === 'session' || m.sessionOnly
      ? 'a session token (API keys are refused)'
      : `a session token or an API key with the \`${m.scope ?? 'read'}\` scope`;
  return `**Auth:** ${who}${m.minRole ? `; role ${m.minRole} or higher` : ''}.`;
}

/** OpenAPI 3 for the whole contract: security, tags, error responses and idempotency all derived from route metadata. */
export function generateOpenApi(opts: { version?: string; serverUrl?: string } = {}): OpenApiDoc {
  const ids = new Map<AppRoute, string>();
  for (const { path, route } of walk(contract)) {
    const id = operationIdOf(path);
    if ([...ids.values()].includes(id)) throw new Error(`Duplicate operationId ${id}`);
    ids.set(route, id);
  }
  const tagsInOrder: string[] = [];
  let errorSchema: unknown;

  const doc = tsRestOpenApi(
    contract,
    {
      info: {
        title: 'Slotwise API',
        version: opts.version ?? '0.1.0',
        license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
        description: [
          'Multi-tenant booking engine. `/v1/admin/*` routes act on the business of the credential: a session token from `/v1/auth/login` ',
          'or an API key (`Authorization: Bearer sk_test_…`). `/v1/public/tenants/{slug}/*` routes need no credential.',
          '',
          'Errors always have the shape `{ "error": { "code", "message", "details"?, "requestId"? } }`; codes are stable. ',
          'Lists are cursor-paginated: `?limit=&cursor=` → `{ items, nextCursor }`. POST and PATCH accept an `Idempotency-Key`. ',
          'Rate limits answer 429 with `Retry-After`.',
        ].join('\n'),
      },
      // Relative by default, so the document is right wherever it is served from.
      servers: [
        {
          url: opts.serverUrl ?? '/',
          description: opts.serverUrl ? 'API server' : 'The server that served this document',
        },
      ],
      components: {
        securitySchemes: {
          session: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description:
              'Access token from `POST /v1/auth/login` or `/v1/auth/signup` (expires; renew with `/v1/auth/refresh`).',
          },
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'sk_test_… / sk_live_…',
            description:
              'API key created in the admin (`POST /v1/admin/api-keys`), with `read` and/or `write` scope.',
          },
        },
      },
    },
    {
      operationMapper: (operation: Operation, route: AppRoute): Operation => {
        const m = (route.metadata ?? { auth: 'none' }) as RouteMeta;
        const tags = m.tags ?? operation.tags ?? [];
        for (const t of tags) if (!tagsInOrder.includes(t)) tagsInOrder.push(t);
        const mutation = route.method === 'POST' || route.method === 'PATCH';

        const responses: Json = {};
        for (const [status, response] of Object.entries(
          operation.responses as Record<string, Json>,
        )) {
          const declared = (route.responses as Record<string, unknown>)[status];
          const err = ERROR_RESPONSES[status];
          if (declared === errorBodySchema && err) {
            errorSchema ??= (
              (response.content as Json | undefined)?.['application/json'] as Json | undefined
            )?.schema;
            responses[status] = { $ref: `#/components/responses/${err.name}` };
          } else {
            const r = /^\d+$/.test(String(response.description))
              ? { ...response, description: SUCCESS_TEXT[status] ?? `HTTP ${status}` }
              : response;
            // ts-rest files every response under application/json, even a declared text/calendar one.
            const content = r.content as Json | undefined;
            if (isAppRouteOtherResponse(declared as never) && content?.['application/json']) {
              r.content = {
                [(declared as { contentType: string }).contentType]: content['application/json'],
              };
            }
            responses[status] = r;
          }
        }
        if (Object.keys(responses).some((s) => ERROR_RESPONSES[s]))
          responses.default = { $ref: '#/components/responses/Error' };

        const parameters = (operation.parameters ?? []).map((p) => {
          const param = p as Json;
          const extra =
            param.in === 'query' && !param.description
              ? QUERY_PARAM_DESCRIPTIONS[String(param.name)]
              : undefined;
          return extra ? { ...param, description: extra } : param;
        });
        const body = 'body' in route ? route.body : undefined;
        // ts-rest labels every body "Body" and leaves it optional; the schema knows better.
        const { description: _label, ...bodyObject } = (operation.requestBody ?? {}) as Json;
        const requestBody = operation.requestBody
          ? { ...bodyObject, required: isZodType(body) ? !body.isOptional() : true }
          : undefined;

        const notes = [
          authText(m),
          mutation ? 'Send an `Idempotency-Key` to make retries safe.' : '',
          operation.description ?? '',
        ].filter(Boolean);
        return {
          ...operation,
          operationId: ids.get(route),
          tags,
          description: notes.join('\n\n'),
          security:
            m.auth === 'none'
              ? []
              : m.auth === 'session' || m.sessionOnly
                ? [{ session: [] }]
                : [{ session: [] }, { apiKey: [] }],
          parameters: [
            ...parameters,
            ...(mutation ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
          ],
          ...(requestBody ? { requestBody } : {}),
          responses,
          'x-slotwise-auth': {
            auth: m.auth,
            ...(m.minRole ? { minRole: m.minRole } : {}),
            ...(m.scope ? { apiKeyScope: m.scope } : {}),
            sessionOnly: Boolean(m.auth === 'session' || m.sessionOnly),
          },
        } as unknown as Operation;
      },
    },
  );

  const usedStatuses = Object.keys(ERROR_RESPONSES).filter((s) =>
    Object.values(doc.paths as Record<string, Record<string, { responses: Json }>>).some((item) =>
      Object.values(item).some((op) => (op.responses[s] as Json | undefined)?.$ref),
    ),
  );
  const errorRef = { $ref: '#/components/schemas/Error' };
  const components = (doc.components ??= {});
  const events = webhookDocument();
  components.schemas = {
    ...components.schemas,
    ...(errorSchema ? { Error: errorSchema as Json } : {}),
    ...events.schemas,
  };
  (doc as Json)['x-webhooks'] = events.webhooks;
  components.parameters = { ...components.parameters, IdempotencyKey: IDEMPOTENCY_HEADER as never };
  components.responses = {
    ...Object.fromEntries(
      usedStatuses.map((s) => {
        const e = ERROR_RESPONSES[s]!;
        return [
          e.name,
          {
            description: e.description,
            content: {
              'application/json': {
                schema: errorRef,
                example: { error: { ...e.example, requestId: 'req_8f14e45f' } },
              },
            },
          },
        ];
      }),
    ),
    Error: {
      description: DEFAULT_ERROR_DESCRIPTION,
      content: {
        'application/json': {
          schema: errorRef,
          example: {
            error: {
              code: 'internal_error',
              message: 'Something went wrong on our side; it has been logged',
              requestId: 'req_8f14e45f',
            },
          },
        },
      },
    },
  };
  fixUntypedNullable(doc.paths);
  fixUntypedNullable(doc.components);
  fixUntypedNullable((doc as Json)['x-webhooks']);
  doc.tags = tagsInOrder.map((name) => ({
    name,
    description: TAG_DESCRIPTIONS[name] ?? `${name} operations.`,
  }));
  return doc;
}
