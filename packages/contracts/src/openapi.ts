import { generateOpenApi as tsRestOpenApi } from '@ts-rest/open-api';
import type { RouteMeta } from './common/contract';
import { contract } from './contract';

type OpenApiDoc = ReturnType<typeof tsRestOpenApi>;

/** OpenAPI 3 for the whole contract, with security schemes derived from each route's metadata. */
export function generateOpenApi(opts: { version?: string; serverUrl?: string } = {}): OpenApiDoc {
  const doc = tsRestOpenApi(
    contract,
    {
      info: {
        title: 'Slotwise API',
        version: opts.version ?? '0.1.0',
        description:
          'Multi-tenant booking engine. Admin routes take a session token or an API key (`Authorization: Bearer sk_test_…`). ' +
          'Errors always have the shape `{ "error": { "code", "message", "details"? } }`.',
      },
      servers: opts.serverUrl ? [{ url: opts.serverUrl }] : [],
      components: {
        securitySchemes: {
          session: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from /v1/auth/login' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'API key sk_test_… / sk_live_…' },
        },
      },
    },
    {
      setOperationId: 'concatenated-path',
      operationMapper: (operation, route) => {
        const m = (route.metadata ?? { auth: 'none' }) as RouteMeta;
        const security: Record<string, string[]>[] =
          m.auth === 'none' ? [] : m.auth === 'session' || m.sessionOnly ? [{ session: [] }] : [{ session: [] }, { apiKey: [] }];
        const headers =
          route.method === 'POST' || route.method === 'PATCH'
            ? [
                {
                  name: 'Idempotency-Key',
                  in: 'header' as const,
                  required: false,
                  description: 'Replays within 24 h return the first response; reuse with a different body → 422',
                  schema: { type: 'string' as const, maxLength: 255 },
                },
              ]
            : [];
        return {
          ...operation,
          tags: m.tags ?? operation.tags,
          security,
          parameters: [...(operation.parameters ?? []), ...headers],
        };
      },
    },
  );
  return doc;
}
