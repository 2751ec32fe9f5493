import type { Express } from 'express';
import { pgIdempotencyStore } from './adapters/prisma/idempotency-store';
import type { Core } from './compose';
import { createHttpApp } from './http/app';
import { staticApps } from './http/static-apps';
import { paths } from './paths';

/**
 * The HTTP half of the composition root: the express app of an API process on top of the core.
 * Kept apart from compose.ts so that worker processes never load it.
 */
export function composeHttp(core: Core, mounts?: (app: Express) => void): Express {
  const { config, logger, services, db, redis } = core;
  return createHttpApp({
    logger,
    services,
    probes: {
      database: () => db.ping(),
      redis: redis
        ? async () => {
            const t = performance.now();
            await redis.ping();
            return performance.now() - t;
          }
        : undefined,
    },
    idempotencyStore: pgIdempotencyStore(db.pool, core.secrets),
    rateLimit: {
      enabled: config.RATE_LIMITS_ENABLED,
      publicPerMinute: config.RATE_LIMIT_PUBLIC_PER_MINUTE,
      authPerMinute: config.RATE_LIMIT_AUTH_PER_MINUTE,
      adminPerMinute: config.RATE_LIMIT_ADMIN_PER_MINUTE,
      loginFailuresPerAccount: config.LOGIN_FAILURES_PER_ACCOUNT,
      redis,
      redisKeyPrefix: `${config.REDIS_PREFIX.slice(1, -1)}:`,
    },
    corsOrigins: config.CORS_ORIGINS,
    bodyLimit: config.BODY_LIMIT,
    mounts: (app) => {
      staticApps({ distDir: paths.clientDist, tenants: services.tenants })(app);
      mounts?.(app);
    },
  });
}
