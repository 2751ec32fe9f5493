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
import { resourceCatalogue } from './app/catalogue/resources';
import { locationCatalogue } from './app/catalogue/locations';
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
import { prismaMessageReader, prismaMessageTemplateStore, prismaReminderStore } from './adapters/prisma/message-store';
import { messageTemplateService } from './app/messages/template-service';
import { pgOutboxFeed } from './adapters/postgres/outbox-feed';
import { jobRuntime, type JobRuntime } from './jobs/runtime';
import { customerService } from './app/customers/customers';
import { reportService } from './app/reports/reports';
import { waitlistService } from './app/waitlist/waitlist';
import { pgStalledDeliveries } from './adapters/prisma/webhook-sweep';
import { pgReportBacklog } from './adapters/postgres/report-backlog';
import { httpWebhookSender } from './adapters/webhooks-http/http-sender';
import type { WebhookDeps } from './app/webhooks/deps';
import { webhookDeliveryService } from './app/webhooks/deliveries';
import { webhookDelivery, type WebhookDelivery } from './app/webhooks/delivery';
import { webhookEndpointService } from './app/webhooks/endpoints';
// Messages: SMS channel, message log, account emails (issue 14, ADR 0012).
import { localMessenger } from './adapters/sms-local/local-messenger';
import { twilioMessenger } from './adapters/sms-twilio/twilio-messenger';
import { prismaSmsConsents } from './adapters/prisma/sms-consents';
import { prismaMessageLog } from './adapters/prisma/message-log';
import { smsSender, type SmsSender } from './app/messages/sms';
import type { MessageLog } from './ports/message-log';
import type { SmsConsents } from './ports/messenger';
import { prismaAccountTokens } from './adapters/prisma/account-tokens';
import { accountRecovery } from './app/auth/account-recovery';
import { providerReports } from './app/messages/provider-reports';
import { messageLogService } from './app/messages/message-log';
import { localPaymentGateway } from './adapters/payments-local/local-gateway';
import { stripePaymentGateway } from './adapters/payments-stripe/stripe-gateway';
import { pgPaymentSweepSource, pgProcessedEvents } from './adapters/postgres/payment-sweep';
import type { PaymentDeps } from './app/payments/deps';
import { paymentService } from './app/payments/payment-service';
import { paymentEventHandlers, stripeWebhooks } from './app/payments/stripe-webhooks';
import type { PaymentGateway } from './ports/payment-gateway';
import { calendarService } from './app/calendar';
import { googleCalendar } from './adapters/calendar-google/google-calendar';
import { localCalendar } from './adapters/calendar-local/local-calendar';
import { pgCalendarStore } from './adapters/postgres/calendar-store';
// Tenant plans, Stripe Billing and Connect (docs/guides/plans-and-billing.md).
import { PLAN_IDS, PLANS } from './domain/plans';
import { planGate } from './app/plans/gate';
import { billingService } from './app/plans/billing';
import { connectService } from './app/plans/connect';
import { planEventHandlers } from './app/plans/stripe-events';
import { pgPlanLimits } from './adapters/postgres/plan-limits';
import { platformStripe } from './adapters/payments-stripe/platform-client';
import { stripeConnectAccounts } from './adapters/payments-stripe/connect-accounts';
import { stripePlatformBilling } from './adapters/payments-stripe/billing';
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
  /** The SMS channel sender (consent-checked) and its consents, for the message dispatch and webhooks. */
  sms: SmsSender;
  smsConsents: SmsConsents;
  messageLog: MessageLog;
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
  const queue = config.REDIS_URL
    ? bullmqQueue({ url: config.REDIS_URL, cluster: config.REDIS_CLUSTER, prefix: config.REDIS_PREFIX })
    : inProcessQueue({ onError: (job, err) => logger.warn({ err, job: job.name }, 'job failed') });
  // Payments (docs/guides/payments.md): Stripe when STRIPE_SECRET_KEY is set, else the local gateway.
  // One Stripe client (platform-client.ts) for the gateway, Connect and Billing.
  const stripe = config.STRIPE_SECRET_KEY
    ? platformStripe({ secretKey: config.STRIPE_SECRET_KEY, host: config.STRIPE_API_HOST, port: config.STRIPE_API_PORT, protocol: config.STRIPE_API_PROTOCOL })
    : undefined;
  const gateway: PaymentGateway = stripe
    ? stripePaymentGateway({
        stripe,
        webhookSecret: config.STRIPE_WEBHOOK_SECRET,
        webhookToleranceSeconds: config.STRIPE_WEBHOOK_TOLERANCE_SECONDS,
      })
    : localPaymentGateway();
  const paymentDeps: PaymentDeps = {
    uow,
    gateway,
    clock,
    queue,
    sweep: pgPaymentSweepSource(db.pool),
    events: pgProcessedEvents(db.pool),
    holdMinutes: config.PAYMENT_HOLD_MINUTES,
    platformFeeBps: config.PLATFORM_FEE_BPS,
    platformPublishableKey: config.STRIPE_PUBLISHABLE_KEY ?? null,
    publicUrl: config.publicUrl,
    plans,
    warn: (msg, data) => logger.warn(data, msg),
  };
  const payments = paymentService({ ...paymentDeps, links: prismaManageLinkDirectory(db.prisma) });
  // The Stripe webhook dispatch table; other modules add their event types with register().
  const stripeEvents = stripeWebhooks({ gateway, events: paymentDeps.events, warn: (msg, data) => logger.warn(data, msg) });
  stripeEvents.register(paymentEventHandlers(paymentDeps));
  const locations = locationCatalogue({ uow, directory });
  const bookingDeps: BookingDeps = {
    uow,
    locations,
    snapshots,
    bookingStore: pgBookingStore(db.pool, db.prisma),
    directory,
    links: prismaManageLinkDirectory(db.prisma),
    clock,
    secrets,
    publicUrl: config.publicUrl,
    // Same host as the invite emails (jobs runtime), so a download and an email update one event.
    icsDomain: new URL(config.publicUrl).hostname,
    payments,
    plans,
  };
  const mailer = config.POSTMARK_SERVER_TOKEN
    ? postmarkMailer(db.prisma, { serverToken: config.POSTMARK_SERVER_TOKEN, from: config.MAIL_FROM, apiBase: config.POSTMARK_API_BASE })
    : localMailer(db.prisma);
  // SMS (ADR 0012): Twilio when configured, else the local messenger that only records.
  const smsConsents = prismaSmsConsents(db.prisma);
  const messenger =
    config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.TWILIO_FROM
      ? twilioMessenger(
          db.prisma,
          {
            accountSid: config.TWILIO_ACCOUNT_SID,
            authToken: config.TWILIO_AUTH_TOKEN,
            from: config.TWILIO_FROM,
            apiBase: config.TWILIO_API_BASE,
            statusCallback: `${config.publicUrl}/v1/webhooks/twilio/status`,
          },
          { onUnsubscribed: (phone) => smsConsents.setOptOut(phone, true) },
        )
      : localMessenger(db.prisma);
  const sms = smsSender({ messenger, consents: smsConsents });
  const messageLog = prismaMessageLog(db.prisma);
  const accountTokens = prismaAccountTokens(db.prisma);
  // The one reader of what messages say about a booking or business (ADR 0011).
  const messageReader = prismaMessageReader(db.prisma);
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
    platformFeeBps: config.PLATFORM_FEE_BPS,
    warn,
  });
  const stripeHandlers = planEventHandlers(billing, connect);
  localEvents.connect(async (event) => stripeHandlers[event.type]?.(event));
  stripeEvents.register(stripeHandlers);
  // Calendar sync: Google when a client is configured, else the in-process local calendar.
  const calendarRedirect = `${config.publicUrl}/admin/calendars/callback`;
  const oauthRoot = config.GOOGLE_OAUTH_ROOT?.replace(/\/+$/, '');
  const calendar = calendarService({
    store: pgCalendarStore(db.pool),
    providers: {
      google:
        config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET
          ? googleCalendar({
              clientId: config.GOOGLE_CLIENT_ID,
              clientSecret: config.GOOGLE_CLIENT_SECRET,
              redirectUri: calendarRedirect,
              apiRoot: config.GOOGLE_API_ROOT,
              ...(oauthRoot ? { oauthAuthUrl: `${oauthRoot}/o/oauth2/v2/auth`, oauthTokenUrl: `${oauthRoot}/token`, oauthRevokeUrl: `${oauthRoot}/revoke` } : {}),
            })
          : localCalendar({ redirectUri: calendarRedirect }),
    },
    secrets,
    queue,
    mailer,
    clock,
    pushAddress: (vendor) => `${config.publicUrl}/v1/webhooks/calendar/${vendor}`,
    adminUrl: `${config.publicUrl}/admin/calendars`,
    // The plan's calendar_sync feature, read in the tenant's own transaction (RLS).
    gate: (tenantId) => uow.run(tenantId, (r) => plans.requireFeature(r, 'calendar_sync')),
    warn: (msg, data) => logger.warn(data, msg),
  });
  const services: Services = {
    auth: authService({ directory, uow, tokens, passwords, clock, refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS }),
    tenants: tenantService({ uow, directory }),
    members: memberService({ uow, directory, passwords }),
    apiKeys: apiKeyService({ uow }),
    serviceCatalogue: serviceCatalogue({ uow, directory, clock, plans }),
    providerCatalogue: providerCatalogue({ uow, directory, clock, plans }),
    resourceCatalogue: resourceCatalogue({ uow, clock }),
    locations,
    schedules: scheduleService({ uow }),
    intakeFields: intakeFieldCatalogue({ uow }),
    // Version and snapshot from the same server, version first: an entry is then never newer than
    // its version, however far the replica lags (SlotCache). Booking re-reads on the primary.
    availability: availabilityService({
      snapshots: pgAvailabilitySnapshots(db.replica.pool),
      directory,
      clock,
      versions: pgAvailabilityVersions(db.replica.pool),
      locations,
    }),
    customers: customerService({ uow, reads, clock }),
    waitlist: waitlistService({ uow, directory, clock }),
    reports: reportService({ uow: reads, clock }),
    bookings: bookingService(bookingDeps),
    manageLinks: manageLinkService(bookingDeps),
    webhookEndpoints: webhookEndpointService({ ...webhookDeps, plans }),
    webhookDeliveries: webhookDeliveryService(webhookDeps),
    accountRecovery: accountRecovery({ directory, tokens: accountTokens, passwords, secrets, clock, uniformResponseMs: config.NODE_ENV === 'test' ? 50 : 400 }),
    messages: messageLogService({ log: messageLog, mailer, sms, reader: messageReader, secrets }),
    providerReports: providerReports({ consents: smsConsents, log: messageLog }),
    payments,
    stripeWebhooks: stripeEvents,
    calendar,
    messageTemplates: messageTemplateService({
      store: prismaMessageTemplateStore(db.prisma),
      reader: messageReader,
      clock,
      publicUrl: config.publicUrl,
    }),
    billing,
    connect,
  };

  const jobs = jobRuntime({
    outbox: pgOutboxFeed(db.pool),
    queue,
    mailer,
    secrets,
    publicUrl: config.publicUrl,
    logger,
    webhooks,
    accountTokens,
    directory,
    now: () => clock.now(),
    payments,
    calendar,
    reports: { uow, backlog: pgReportBacklog(db.pool) },
    // Messages and reminders (ADR 0011): one dispatch table per channel.
    messages: {
      reader: messageReader,
      reminders: prismaReminderStore(db.prisma),
      smsConsents,
      channels: {
        email: (m) => mailer.send(m),
        // The SMS sender checks consent and STOP, and records the delivery key first (ADR 0012).
        sms: (m) =>
          sms.send({ tenantId: m.tenantId, bookingId: m.bookingId ?? null, to: m.to, body: m.text, key: m.deliveryKey, template: m.template, redact: m.redact }),
      },
      queue,
      clock,
      secrets,
      publicUrl: config.publicUrl,
      warn: (msg, data) => logger.warn(data, msg),
    },
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
    sms,
    smsConsents,
    messageLog,
    async close() {
      await jobs.stop();
      redis?.disconnect();
      await db.close();
      await embedded?.stop();
    },
  };
}
