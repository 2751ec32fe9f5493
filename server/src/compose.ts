import type { Logger } from 'pino';
import { Redis } from 'ioredis';
import type { Express } from 'express';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './adapters/pglite/embedded-postgres';
import { openDatabase, type Database } from './adapters/prisma/database';
import { pgAvailabilityVersions } from './adapters/postgres/availability-versions';
import { pgAvailabilitySnapshots, pgBookingStore } from './adapters/postgres/booking-store';
import { prismaDirectory } from './adapters/prisma/directory';
import { pgIdempotencyStore } from './adapters/postgres/idempotency-store';
import { migrate, readMigrations } from './adapters/postgres/migrate';
import { pgSession } from './adapters/postgres/sql-session';
import { prismaUnitOfWork } from './adapters/prisma/unit-of-work';
import { flexibleRateLimiters } from './adapters/rate-limit-flexible/rate-limiters';
import { accessTokens } from './app/auth/access-tokens';
import { authService } from './app/auth/auth-service';
import { availabilityService } from './app/availability';
import { bookingService } from './app/bookings/booking-service';
import type { BookingDeps } from './app/bookings/deps';
import { manageLinkService } from './app/bookings/manage-link';
import { prismaManageLinkDirectory } from './adapters/prisma/repositories/bookings';
import { intakeFieldCatalogue } from './app/catalogue/intake-fields';
import { providerCatalogue } from './app/catalogue/providers';
import { scheduleService } from './app/catalogue/schedules';
import { serviceCatalogue } from './app/catalogue/services';
import type { Services } from './app/services';
import { apiKeyService } from './app/team/api-keys';
import { memberService } from './app/team/members';
import { tenantService } from './app/tenant/settings';
import type { Config } from './config';
import { createHttpApp } from './http/app';
import { staticApps } from './http/static-apps';
import { paths } from './paths';
import { systemClock, type Clock } from './ports/clock';
import type { Directory, UnitOfWork } from './ports/repositories';
import pg from 'pg';
import { bullmqQueue } from './adapters/queue-bullmq/bullmq-queue';
import { inProcessQueue } from './adapters/queue-local/in-process-queue';
import { localMailer } from './adapters/mail-local/local-mailer';
import { postmarkMailer } from './adapters/mail-postmark/postmark-mailer';
import { prismaNotificationReader } from './adapters/prisma/notification-reader';
import { jobRuntime, type JobRuntime } from './jobs/runtime';
import { customerService } from './app/customers/customers';
import { reportService } from './app/reports/reports';
import { waitlistService } from './app/waitlist/waitlist';

export interface System {
  app: Express;
  db: Database;
  services: Services;
  uow: UnitOfWork;
  directory: Directory;
  redis?: Redis;
  jobs: JobRuntime;
  close(): Promise<void>;
}

/** Applies pending migrations to a real PostgreSQL (PGlite migrates itself at start). */
export async function migrateDatabase(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await migrate(pgSession(client), readMigrations(paths.migrations));
  } finally {
    await client.end();
  }
}

/**
 * Migrates the configured database: PostgreSQL when `url` (DATABASE_URL, or MIGRATE_DATABASE_URL
 * for an owner login) is given, else the embedded PGlite database under DATA_DIR, which migrates
 * itself when it starts.
 */
export async function migrateConfiguredDatabase(config: Config, url: string | undefined): Promise<string> {
  if (url) {
    const r = await migrateDatabase(url);
    return [`migrations: ${r.applied.length} applied, ${r.alreadyApplied.length} already applied`, ...r.applied.map((m) => `  applied ${m}`)].join('\n');
  }
  const embedded = await startEmbeddedPostgres({ dataDir: paths.dataDir(`${config.DATA_DIR}/pglite`), migrationsDir: paths.migrations });
  await embedded.stop();
  return `embedded database under ${config.DATA_DIR} is migrated`;
}

/**
 * The composition root: picks adapters from the configuration and wires use cases to them.
 * Nothing else in the codebase constructs an adapter.
 */
export async function composeSystem(config: Config, logger: Logger, opts: { clock?: Clock; mounts?: (app: Express) => void; validateResponses?: boolean } = {}): Promise<System> {
  const clock = opts.clock ?? systemClock;
  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: paths.dataDir(`${config.DATA_DIR}/pglite`), migrationsDir: paths.migrations });
    url = embedded.url;
  }
  const db = await openDatabase({ url, appRole: config.DATABASE_APP_ROLE, poolSize: embedded ? 1 : config.DATABASE_POOL_SIZE });
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: false }) : undefined;
  redis?.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));

  const uow = prismaUnitOfWork(db.prisma);
  const directory = prismaDirectory(db.prisma, db.pool);
  const tokens = accessTokens(config.jwtSecret, config.ACCESS_TOKEN_TTL_SECONDS);
  const snapshots = pgAvailabilitySnapshots(db.pool);
  const bookingDeps: BookingDeps = {
    uow,
    snapshots,
    bookingStore: pgBookingStore(db.pool),
    directory,
    links: prismaManageLinkDirectory(db.prisma),
    clock,
    publicUrl: config.PUBLIC_URL,
    // Same host as the invite emails (jobs runtime), so a download and an email update one event.
    icsDomain: new URL(config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).hostname,
  };
  const services: Services = {
    auth: authService({ directory, uow, tokens, clock, refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS }),
    tenants: tenantService({ uow, directory }),
    members: memberService({ uow, directory }),
    apiKeys: apiKeyService({ uow }),
    serviceCatalogue: serviceCatalogue({ uow, directory, clock }),
    providerCatalogue: providerCatalogue({ uow, directory, clock }),
    schedules: scheduleService({ uow }),
    intakeFields: intakeFieldCatalogue({ uow }),
    availability: availabilityService({ snapshots, directory, clock, versions: pgAvailabilityVersions(db.pool) }),
    customers: customerService({ uow, clock }),
    waitlist: waitlistService({ uow, directory, clock }),
    reports: reportService({ uow }),
    bookings: bookingService(bookingDeps),
    manageLinks: manageLinkService(bookingDeps),
  };

  const jobs = jobRuntime({
    pool: db.pool,
    queue: config.REDIS_URL ? bullmqQueue(config.REDIS_URL) : inProcessQueue({ onError: (job, err) => logger.warn({ err, job: job.name }, 'job failed') }),
    mailer: config.POSTMARK_SERVER_TOKEN
      ? postmarkMailer(db.prisma, { serverToken: config.POSTMARK_SERVER_TOKEN, from: config.MAIL_FROM, apiBase: config.POSTMARK_API_BASE })
      : localMailer(db.prisma),
    reader: prismaNotificationReader(db.prisma),
    logger,
    publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    mailFrom: config.MAIL_FROM,
  });

  const app = createHttpApp({
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
    idempotencyStore: pgIdempotencyStore(db.pool),
    rateLimiters: config.RATE_LIMITS_ENABLED
      ? flexibleRateLimiters({
          publicPerMinute: config.RATE_LIMIT_PUBLIC_PER_MINUTE,
          authPerMinute: config.RATE_LIMIT_AUTH_PER_MINUTE,
          adminPerMinute: config.RATE_LIMIT_ADMIN_PER_MINUTE,
          redis,
        })
      : undefined,
    validateResponses: opts.validateResponses,
    corsOrigins: config.CORS_ORIGINS,
    bodyLimit: config.BODY_LIMIT,
    mounts: (app) => {
      staticApps({ distDir: paths.clientDist, tenants: services.tenants })(app);
      opts.mounts?.(app);
    },
  });

  return {
    app,
    db,
    services,
    uow,
    directory,
    redis,
    jobs,
    async close() {
      await jobs.stop();
      redis?.disconnect();
      await db.close();
      await embedded?.stop();
    },
  };
}
