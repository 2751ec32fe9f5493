import { z } from 'zod';
import { text } from '../common/primitives';
import { c, meta } from '../common/contract';

const checkSchema = z.object({ status: z.enum(['ok', 'error', 'skipped']), latencyMs: z.number().optional(), error: text().optional() });

export const healthContract = c.router({
  live: {
    method: 'GET',
    path: '/health/live',
    summary: 'Liveness: the process is up',
    responses: { 200: z.object({ status: z.literal('ok') }) },
    metadata: meta({ auth: 'none', tags: ['Health'] }),
  },
  ready: {
    method: 'GET',
    path: '/health/ready',
    summary: 'Readiness: the database (and Redis, when configured) answer',
    responses: {
      200: z.object({ status: z.literal('ok'), checks: z.object({ database: checkSchema, redis: checkSchema }) }),
      503: z.object({ status: z.literal('error'), checks: z.object({ database: checkSchema, redis: checkSchema }) }),
    },
    metadata: meta({ auth: 'none', tags: ['Health'] }),
  },
});
