import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { idSchema, instantSchema, text } from '../common/primitives';
import { pageSchema, paginationQuerySchema } from '../common/pagination';

export const apiKeyScopeSchema = z.enum(['read', 'write']);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;
export const apiKeyModeSchema = z.enum(['test', 'live']);
export type ApiKeyMode = z.infer<typeof apiKeyModeSchema>;

export const apiKeySchema = z.object({
  id: idSchema,
  name: text(),
  mode: apiKeyModeSchema,
  prefix: text().describe('First characters of the secret, to recognise it'),
  scopes: z.array(apiKeyScopeSchema),
  createdAt: instantSchema,
  lastUsedAt: instantSchema.nullable(),
  revokedAt: instantSchema.nullable(),
});

export const apiKeysContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/admin/api-keys',
      summary: 'List API keys (secrets are never shown again)',
      query: paginationQuerySchema,
      responses: { 200: pageSchema(apiKeySchema) },
      metadata: meta({ auth: 'session', minRole: 'admin', scope: 'read', sessionOnly: true, tags: ['API keys'] }),
    },
    create: {
      method: 'POST',
      path: '/v1/admin/api-keys',
      summary: 'Create an API key; the secret is in this response only',
      body: z
        .object({
          name: text().trim().min(1).max(100),
          mode: apiKeyModeSchema.default('test'),
          scopes: z.array(apiKeyScopeSchema).min(1).default(['read', 'write']),
        })
        .strict(),
      responses: { 201: z.object({ apiKey: apiKeySchema, secret: text().describe('sk_test_… or sk_live_…; shown once') }) },
      metadata: meta({ auth: 'session', minRole: 'admin', scope: 'write', sessionOnly: true, tags: ['API keys'], secrets: ['secret'] }),
    },
    revoke: {
      method: 'DELETE',
      path: '/v1/admin/api-keys/:id',
      summary: 'Revoke an API key; it stops working at once',
      pathParams: z.object({ id: idSchema }),
      body: c.noBody(),
      responses: { 200: apiKeySchema },
      metadata: meta({ auth: 'session', minRole: 'admin', scope: 'write', sessionOnly: true, tags: ['API keys'] }),
    },
  },
  { commonResponses: errorResponses },
);
