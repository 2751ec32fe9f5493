import type { Express } from 'express';
import type { Logger } from 'pino';
import { startEmbeddedPostgres, writePgliteTemplate, type EmbeddedPostgres } from './adapters/pglite/embedded-postgres';
import { openDatabase, type Database } from './adapters/prisma/database';
import { pgAvailabilityVersions } from './adapters/postgres/availability-versions';
import { pgAvailabilitySnapshots, pgBookingStore } from './adapters/postgres/booking-store';
import { prismaDirectory } from './adapters/prisma/directory';
import { migrate, readFunctions, readMigrations } from './adapters/postgres/migrate';
import { pgSession } from './adapters/postgres/sql-session';
import { prismaUnitOfWork } from './adapters/prisma/unit-of-work';
import { accessTokens } from './app/auth/access-tokens';
import { passwordHasher, type PasswordHasher } from './app/auth/passwords';
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
import { secretsKeyOf, type Config, type Env } from './config';
import { keyedSecrets } from './adapters/crypto/keyed-secrets';
import type { Secrets } from './ports/secrets';
import { paths } from './paths';
import { systemClock, type Clock } from './ports/clock';
import type { Directory, UnitOfWork } from './ports/repositories';
import pg from 'pg';
import { bullmqQueue } from './adapters/queue-bullmq/bullmq-queue';
import { openRedis, type RedisClient } from './adapters/queue-bullmq/redis';
import { inProcessQueue } from './adapters/queue-local/in-process-queue';
import { localMailer } from './adapters/mail-local/local-mailer';
import { postmarkMailer } from './adapters/mail-postmark/postmark-mailer';
import { prismaNotificationReader } from './adapters/prisma/notification-reader';
import { pgOutboxFeed } from './adapters/postgres/outbox-feed';
import { jobRuntime, type JobRuntime } from './jobs/runtime';
import { customerService } from './app/customers/customers';
import { reportService } from './app/reports/reports';
import { waitlistService } from './app/waitlist/waitlist';
import { pgStalledDeliveries } from './adapters/prisma/webhook-sweep';
import { httpWebhookSender } from './adapters/webhooks-http/http-sender';
import type { WebhookDeps } from './app/webhooks/deps';
import { webhookDeliveryService } from './app/webhooks/deliveries';
import { webhookDelivery, type WebhookDelivery } from './app/webhooks/delivery';
import { webhookEndpointService } from './app/webhooks/endpoints';
// Tenant plans, Stripe Billing and Connect (docs/guides/plans-and-billing.md).
import { PLAN_IDS, PLANS } from './domain/plans';
import { planGate } from './app/plans/gate';
import { billingService } from './app/plans/billing';
import { connectService } from './app/plans/connect';
import { planEventHandlers, stripeWebhookReceiver } from './app/plans/stripe-events';
import { pgPlanLimits, pgStripeEventLog } from './adapters/postgres/plan-limits';
import { platformStripe } from './adapters/payments-stripe/platform-client';
import { stripeConnectAccounts } from './adapters/payments-stripe/connect-accounts';
import { stripeEventVerifier, stripePlatformBilling } from './adapters/payments-stripe/billing';
import { localEventSink } from './adapters/payments-local/local-events';
import { localConnectAccounts } from './adapters/payments-local/connect-accounts';
import { localPlatformBilling } from './adapters/payments-local/billing';

/** Everything but HTTP: what a worker process runs (`npm run worker`), and what the API builds on. */
export interface Core {
  config: Config;
  logger: Logger;
  db: Database;
  services: Services;
  uow: UnitOfWork;
  directory: Directory;
  passwords: PasswordHasher;
  redis?: RedisClient;
  /** Seals secrets at rest and derives manage links (SECRETS_KEY). */
  secrets: Secrets;
  jobs: JobRuntime;
  webhooks: WebhookDelivery;
  close(): Promise<void>;
}

/** An API process: the core plus the HTTP app (server/src/compose-http.ts). */
export interface System extends Core {
  app: Express;
}

/** Applies pending migrations and the function files to a real PostgreSQL (PGlite does both itself at start). */
export async function migrateDatabase(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await migrate(pgSession(client), readMigrations(paths.migrations), readFunctions(paths.functions));
  } finally {
    await client.end();
  }
}

/**
 * Migrates the configured database: PostgreSQL when `url` (DATABASE_URL, or MIGRATE_DATABASE_URL
 * for an owner login) is given, else the embedded PGlite database under DATA_DIR, which migrates
 * itself when it starts. Returns the lines to print.
 */
export async function migrateConfiguredDatabase(config: Pick<Env, 'DATA_DIR'>, url: string | undefined): Promise<string[]> {
  if (url) {
    const r = await migrateDatabase(url);
    return [
      `migrations: ${r.applied.length} applied, ${r.alreadyApplied.length} already applied`,
      ...r.applied.map((m) => `  applied ${m}`),
      `functions: ${r.functions.length} (re)applied from prisma/functions`,
    ];
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: paths.dataDir(`${config.DATA_DIR}/pglite`),
    migrationsDir: paths.migrations,
    functionsDir: paths.functions,
    template: paths.pgliteTemplate,
  });
  await embedded.stop();
  return [`embedded database under ${config.DATA_DIR} is migrated`];
}

/**
 * Build step (`cli/pglite-template.ts`): the embedded database's initdb + migrations, done once at
 * build time instead of on a fresh clone's first `npm start`.
 */
export async function writeEmbeddedTemplate(): Promise<void> {
  await writePgliteTemplate({ file: paths.pgliteTemplate, migrationsDir: paths.migrations });
}

/**
 * The composition root (this file, and compose-http.ts for an API process's HTTP half): picks
 * adapters from the configuration and wires use cases to them. Nothing else in the codebase
 * constructs an adapter. This is the core: database, Redis, use cases and the job runtime, no
 * HTTP (what a worker process runs).
 */
export async function composeCore(config: Config, logger: Logger, opts: { clock?: Clock } = {}): Promise<Core> {
  const clock = opts.clock ?? systemClock;
  const secrets = keyedSecrets(secretsKeyOf(config));
  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: paths.dataDir(`${config.DATA_DIR}/pglite`),
      migrationsDir: paths.migrations,
      functionsDir: paths.functions,
      template: paths.pgliteTemplate,
    });
    url = embedded.url;
  }
  const db = await openDatabase({ url, appRole: config.DATABASE_APP_ROLE, poolSize: embedded ? 1 : config.DATABASE_POOL_SIZE, replicaUrl: embedded ? undefined : config.DATABASE_REPLICA_URL });
  const redis = config.REDIS_URL ? openRedis(config.REDIS_URL, { cluster: config.REDIS_CLUSTER }) : undefined;
  redis?.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));

  const uow = prismaUnitOfWork(db.prisma);
  // Lag-tolerant reads (a replica when DATABASE_REPLICA_URL is set); the rule is in docs/guides/scaling.md.
  const reads = db.replica.pool === db.pool ? uow : prismaUnitOfWork(db.replica.prisma);
  const directory = prismaDirectory(db.prisma, db.pool);
  const tokens = accessTokens(config.jwtSecret, config.ACCESS_TOKEN_TTL_SECONDS);
  const passwords = passwordHasher(config.PASSWORD_HASH_COST);
  const snapshots = pgAvailabilitySnapshots(db.pool);
  // Plans: the database enforces the monthly booking cap from plan_limits, written here.
  const plans = planGate({ enabled: config.PLANS_ENABLED, publicUrl: config.publicUrl });
  await pgPlanLimits(db.pool).sync(
    config.PLANS_ENABLED ? (Object.fromEntries(PLAN_IDS.map((id) => [id, PLANS[id].monthlyBookings])) as Record<(typeof PLAN_IDS)[number], number | null>) : null,
  );
  const bookingDeps: BookingDeps = {
    uow,
    snapshots,
    bookingStore: pgBookingStore(db.pool),
    directory,
    links: prismaManageLinkDirectory(db.prisma),
    clock,
    secrets,
    publicUrl: config.publicUrl,
    // Same host as the invite emails (jobs runtime), so a download and an email update one event.
    icsDomain: new URL(config.publicUrl).hostname,
    plans,
  };
  const queue = config.REDIS_URL
    ? bullmqQueue({ url: config.REDIS_URL, cluster: config.REDIS_CLUSTER, prefix: config.REDIS_PREFIX })
    : inProcessQueue({ onError: (job, err) => logger.warn({ err, job: job.name }, 'job failed') });
  const mailer = config.POSTMARK_SERVER_TOKEN
    ? postmarkMailer(db.prisma, { serverToken: config.POSTMARK_SERVER_TOKEN, from: config.MAIL_FROM, apiBase: config.POSTMARK_API_BASE })
    : localMailer(db.prisma);
  const webhookDeps: WebhookDeps = {
    uow,
    clock,
    queue,
    mailer,
    sender: httpWebhookSender({ allowLoopback: config.WEBHOOKS_ALLOW_LOOPBACK }),
    secrets,
    stalled: pgStalledDeliveries(db.pool),
    warn: (msg, data) => logger.warn(data, msg),
  };
  const webhooks = webhookDelivery(webhookDeps);
  // Stripe for the platform (Billing) and the tenants' accounts (Connect); the embedded default
  // plays both locally, a deployment without STRIPE_SECRET_KEY offers neither.
  const warn = (msg: string, data: Record<string, unknown>) => logger.warn(data, msg);
  const stripe = config.STRIPE_SECRET_KEY ? platformStripe({ secretKey: config.STRIPE_SECRET_KEY, apiBase: config.STRIPE_API_BASE }) : undefined;
  const localEvents = localEventSink((err) => logger.warn({ err }, 'local stripe event failed'));
  const stripeAccounts = stripe ? stripeConnectAccounts(stripe) : config.embedded ? localConnectAccounts(localEvents) : undefined;
  const platformBilling = stripe
    ? config.STRIPE_PRICE_PRO
      ? stripePlatformBilling(stripe, { pro: config.STRIPE_PRICE_PRO })
      : undefined
    : config.embedded
      ? localPlatformBilling(localEvents)
      : undefined;
  const billing = billingService({ uow, directory, billing: platformBilling, plansEnabled: config.PLANS_ENABLED, publicUrl: config.publicUrl, warn });
  const connect = connectService({
    uow,
    directory,
    accounts: stripeAccounts,
    publicUrl: config.publicUrl,
    applicationFeePercent: config.STRIPE_APPLICATION_FEE_PERCENT,
    warn,
  });
  const stripeHandlers = planEventHandlers(billing, connect);
  localEvents.connect(async (event) => stripeHandlers[event.type]?.(event));
  const stripeWebhooks =
    stripe && config.STRIPE_WEBHOOK_SECRET
      ? stripeWebhookReceiver({ verifier: stripeEventVerifier(stripe, config.STRIPE_WEBHOOK_SECRET), log: pgStripeEventLog(db.pool), handlers: stripeHandlers, warn })
      : undefined;
  const services: Services = {
    auth: authService({ directory, uow, tokens, passwords, clock, refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS }),
    tenants: tenantService({ uow, directory }),
    members: memberService({ uow, directory, passwords }),
    apiKeys: apiKeyService({ uow }),
    serviceCatalogue: serviceCatalogue({ uow, directory, clock }),
    providerCatalogue: providerCatalogue({ uow, directory, clock, plans }),
    schedules: scheduleService({ uow }),
    intakeFields: intakeFieldCatalogue({ uow }),
    // Version and snapshot from the same server, version first: an entry is then never newer than
    // its version, however far the replica lags (SlotCache). Booking re-reads on the primary.
    availability: availabilityService({
      snapshots: pgAvailabilitySnapshots(db.replica.pool),
      directory,
      clock,
      versions: pgAvailabilityVersions(db.replica.pool),
    }),
    customers: customerService({ uow, reads, clock }),
    waitlist: waitlistService({ uow, directory, clock }),
    reports: reportService({ uow: reads }),
    bookings: bookingService(bookingDeps),
    manageLinks: manageLinkService(bookingDeps),
    webhookEndpoints: webhookEndpointService({ ...webhookDeps, plans }),
    webhookDeliveries: webhookDeliveryService(webhookDeps),
    billing,
    connect,
    stripeWebhooks,
  };

  const jobs = jobRuntime({
    outbox: pgOutboxFeed(db.pool),
    queue,
    mailer,
    reader: prismaNotificationReader(db.prisma),
    secrets,
    logger,
    publicUrl: config.publicUrl,
    mailFrom: config.MAIL_FROM,
    webhooks,
  });

  return {
    config,
    logger,
    db,
    services,
    uow,
    directory,
    passwords,
    secrets,
    redis,
    jobs,
    webhooks,
    async close() {
      await jobs.stop();
      redis?.disconnect();
      await db.close();
      await embedded?.stop();
    },
  };
}
