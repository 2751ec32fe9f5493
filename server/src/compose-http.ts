import type { Express } from 'express';
import type { Logger } from 'pino';
import { pgIdempotencyStore } from './adapters/postgres/idempotency-store';
import { isStoreUnavailable } from './adapters/postgres/sql-errors';
import { flexibleLoginFailures, flexibleRateLimiters } from './adapters/rate-limit-flexible/rate-limiters';
import { composeCore, type Core, type System } from './compose';
import type { Config } from './config';
import { createHttpApp } from './http/app';
import { LOGIN_THROTTLE_WINDOW_SECONDS } from './http/rate-limit';
import { staticApps } from './http/static-apps';
import { paths } from './paths';
import type { Clock } from './ports/clock';
import { twilioSignatureCheck } from './adapters/sms-twilio/signature';
import { vendorWebhooks } from './http/vendor-webhooks';

/** An API process: the core (compose.ts) plus the HTTP app. */
export async function composeSystem(config: Config, logger: Logger, opts: { clock?: Clock; mounts?: (app: Express) => void; validateResponses?: boolean } = {}): Promise<System> {
  const core = await composeCore(config, logger, opts);
  return { ...core, app: composeHttp(core, { mounts: opts.mounts, validateResponses: opts.validateResponses }) };
}

/**
 * The HTTP half of the composition root: the express app of an API process on top of the core.
 * Kept apart from compose.ts so that worker processes (which import compose.ts only) never load it.
 */
export function composeHttp(core: Core, opts: { mounts?: (app: Express) => void; validateResponses?: boolean } = {}): Express {
  const { config, logger, services, db, redis } = core;
  // Counters' keys start with REDIS_PREFIX without its hash-tag braces, so they spread over a cluster.
  const redisKeyPrefix = `${config.REDIS_PREFIX.slice(1, -1)}:`;
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
    rateLimiters: config.RATE_LIMITS_ENABLED
      ? flexibleRateLimiters({
          publicPerMinute: config.RATE_LIMIT_PUBLIC_PER_MINUTE,
          authPerMinute: config.RATE_LIMIT_AUTH_PER_MINUTE,
          adminPerMinute: config.RATE_LIMIT_ADMIN_PER_MINUTE,
          redis,
          redisKeyPrefix,
        })
      : undefined,
    loginFailures: flexibleLoginFailures({
      failuresPerAccount: config.LOGIN_FAILURES_PER_ACCOUNT,
      windowSeconds: LOGIN_THROTTLE_WINDOW_SECONDS,
      redis,
      redisKeyPrefix,
    }),
    validateResponses: opts.validateResponses,
    isStoreUnavailable,
    corsOrigins: config.CORS_ORIGINS,
    bodyLimit: config.BODY_LIMIT,
    mounts: (app) => {
      // Providers' callbacks (Twilio STOP/status, Postmark delivery/bounce), ADR 0012.
      vendorWebhooks({
        reports: services.providerReports,
        publicUrl: config.publicUrl,
        twilioSignature: config.TWILIO_AUTH_TOKEN ? twilioSignatureCheck(config.TWILIO_AUTH_TOKEN) : undefined,
        postmarkSecret: config.POSTMARK_WEBHOOK_SECRET,
      })(app);
      staticApps({ distDir: paths.clientDist, tenants: services.tenants })(app);
      opts.mounts?.(app);
    },
  });
}
