import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/** Every environment variable Slotwise reads. README's configuration table mirrors this. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_APP_ROLE: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('slotwise_app'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** A streaming replica for lag-tolerant reads (docs/guides/scaling.md); needs DATABASE_URL. */
  DATABASE_REPLICA_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('.data'),
  REDIS_URL: z.string().url().optional(),
  /** REDIS_URL is one node of a Redis Cluster. */
  REDIS_CLUSTER: bool.default('false'),
  /** Prefix of every Redis key; a hash tag, so BullMQ's multi-key scripts work on a cluster. */
  REDIS_PREFIX: z.string().regex(/^\{[A-Za-z0-9_:.-]{1,64}\}$/, 'REDIS_PREFIX must be a hash tag such as {slotwise}').default('{slotwise}'),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  /** log2 of scrypt's N for password hashes; below the recommended 17 only with NODE_ENV=test. */
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(17),
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(10),
  SECRETS_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'SECRETS_KEY must be 32 bytes, base64 (openssl rand -base64 32)')
    .optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  CORS_ORIGINS: z.string().default('*'),
  BODY_LIMIT: z.string().default('100kb'),
  RATE_LIMIT_PUBLIC_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_ADMIN_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  RATE_LIMITS_ENABLED: bool.default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: bool.optional(),
  RUN_WORKERS: bool.default('true'),
  /** On SIGTERM: how long in-flight requests and jobs may take to finish before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  POSTMARK_SERVER_TOKEN: z.string().optional(),
  POSTMARK_API_BASE: z.string().url().optional(),
  MAIL_FROM: z.string().default('Slotwise <bookings@slotwise.local>'),
  // Postmark's delivery/bounce webhooks (ADR 0012): the basic-auth password their URL carries.
  POSTMARK_WEBHOOK_SECRET: z.string().min(16).optional(),
  // SMS through Twilio (ADR 0012); unset: the local messenger only records (message log).
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_FROM: z.string().optional(),
  TWILIO_API_BASE: z.string().url().optional(),
  WEBHOOKS_ALLOW_LOOPBACK: bool.default('false'),
  // Payments (docs/guides/payments.md). Without STRIPE_SECRET_KEY the local gateway takes payments
  // with test cards (the embedded default; never real money).
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, 'STRIPE_SECRET_KEY must look like sk_test_… or sk_live_…').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9_+/=]+$/, 'STRIPE_WEBHOOK_SECRET must look like whsec_…').optional(),
  /** The platform's publishable key, used by tenants that have none of their own. */
  STRIPE_PUBLISHABLE_KEY: z.string().regex(/^pk_(test|live)_[A-Za-z0-9_]+$/, 'STRIPE_PUBLISHABLE_KEY must look like pk_test_…').optional(),
  /** Where the Stripe API is: tests point the SDK at a local stand-in. */
  STRIPE_API_HOST: z.string().optional(),
  STRIPE_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  STRIPE_API_PROTOCOL: z.enum(['http', 'https']).optional(),
  STRIPE_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  /** How long a booking waiting for its payment holds the slot. */
  PAYMENT_HOLD_MINUTES: z.coerce.number().int().min(1).max(120).default(15),
  /** The platform's fee on Connect destination charges, in basis points of the amount (250 = 2.5 %). */
  PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(5000).default(0),
  /** Stripe price id (recurring) of the pro plan; unset: plans cannot be bought. */
  STRIPE_PRICE_PRO: z.string().regex(/^price_[A-Za-z0-9_]+$/, 'STRIPE_PRICE_PRO must be a Stripe price id (price_…)').optional(),
  // Tenant plans (docs/guides/plans-and-billing.md): limits and features per plan.
  PLANS_ENABLED: bool.default('false'),
  // Calendar sync (docs/guides/calendar-sync.md): a Google OAuth client; unset, the local calendar.
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  /** Google's API root and OAuth root: tests (and egress proxies) point them elsewhere. */
  GOOGLE_API_ROOT: z.string().url().optional(),
  GOOGLE_OAUTH_ROOT: z.string().url().optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  /** No DATABASE_URL: PGlite in-process under DATA_DIR. */
  embedded: boolean;
  jwtSecret: string;
  /** The one base of every link Slotwise hands out (emails, invites, manage links); never the Host header. */
  publicUrl: string;
}

export class ConfigError extends Error {}

/** OWASP's scrypt recommendation (N=2^17, r=8, p=1); lower only for test suites. */
export const RECOMMENDED_PASSWORD_HASH_COST = 17;

// Embedded demo only: a fixed secret keeps sessions valid across restarts of `npm start`.
const DEVELOPMENT_JWT_SECRET = 'slotwise-development-secret-change-me-please';
const GENERATE_SECRET = `node -e "console.log(require('crypto').randomBytes(48).toString('base64url'))"`;

const invalid = (lines: string[]) => new ConfigError(`Invalid configuration:\n${lines.map((l) => `  - ${l}`).join('\n')}`);

// Development only, like the JWT secret: the embedded default keeps sealed replays and manage links
// valid across restarts of the demo.
const DEV_SECRETS_KEY = Buffer.from('slotwise-development-key-32bytes', 'utf8');

/**
 * The key that seals secrets at rest and derives manage links (ports/secrets.ts). Required with
 * DATABASE_URL: a real database never gets the development key. Checked where the system is
 * composed, so `db:migrate`, which needs no key, runs without it.
 */
export function secretsKeyOf(config: Pick<Env, 'SECRETS_KEY' | 'DATABASE_URL'>): Buffer {
  if (config.SECRETS_KEY) return Buffer.from(config.SECRETS_KEY, 'base64');
  if (config.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  - SECRETS_KEY: required with DATABASE_URL (32 bytes, base64: openssl rand -base64 32)');
  }
  return DEV_SECRETS_KEY;
}

/** Validates the variables' shapes only: enough for tools that do not serve (migrations). */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable (`REDIS_URL=` in a .env or compose file) means "not set", not "invalid".
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return parsed.data;
}

/**
 * The configuration of a serving process (API, worker, seed). Anything but the embedded default
 * (DATABASE_URL set) or NODE_ENV=production is a deployment: it needs its own JWT secret and its
 * PUBLIC_URL, whatever NODE_ENV says, so a forgotten variable cannot leave tokens forgeable with
 * the published development secret or links pointing wherever a request's Host header said.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const env = readEnv(source);
  const embedded = !env.DATABASE_URL;
  const deployed = !embedded || env.NODE_ENV === 'production';
  const problems: string[] = [];
  if (deployed && (!env.JWT_SECRET || env.JWT_SECRET === DEVELOPMENT_JWT_SECRET)) {
    const why = embedded ? 'with NODE_ENV=production' : 'when DATABASE_URL is set';
    problems.push(
      `JWT_SECRET: required ${why} (at least 32 random characters; the built-in development secret is refused). Generate one with: ${GENERATE_SECRET}`,
    );
  }
  if (deployed && !env.PUBLIC_URL) {
    problems.push(
      'PUBLIC_URL: required when DATABASE_URL is set or NODE_ENV=production: the public origin customers reach, e.g. https://booking.example.com (links in emails and invites are built from it, never from the Host header)',
    );
  }
  const base = env.PUBLIC_URL ? new URL(env.PUBLIC_URL) : null;
  if (base && (!/^https?:$/.test(base.protocol) || base.search || base.hash || base.username || base.password)) {
    problems.push('PUBLIC_URL: must be an http:// or https:// origin (a path prefix is fine), without credentials, query or fragment');
  }
  if (env.PASSWORD_HASH_COST < RECOMMENDED_PASSWORD_HASH_COST && env.NODE_ENV !== 'test') {
    problems.push(`PASSWORD_HASH_COST: below ${RECOMMENDED_PASSWORD_HASH_COST} (scrypt N=2^17) only with NODE_ENV=test`);
  }
  if (env.NODE_ENV === 'production' && env.WEBHOOKS_ALLOW_LOOPBACK) {
    problems.push('WEBHOOKS_ALLOW_LOOPBACK: test-only; never allowed in production');
  }
  if (!env.GOOGLE_CLIENT_ID !== !env.GOOGLE_CLIENT_SECRET) {
    problems.push('GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET: set both (a Google OAuth client of type "Web application") or neither');
  }
  if (env.DATABASE_REPLICA_URL && embedded) {
    problems.push('DATABASE_REPLICA_URL: needs DATABASE_URL (the embedded database has no replicas)');
  }
  const twilio = [env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN, env.TWILIO_FROM];
  if (twilio.some(Boolean) && !twilio.every(Boolean)) {
    problems.push('TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM: set all three to send SMS through Twilio, or none');
  }
  if (env.NODE_ENV === 'production' && env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
    problems.push('STRIPE_WEBHOOK_SECRET: required with STRIPE_SECRET_KEY in production (payments are confirmed by webhooks)');
  }
  if (env.STRIPE_PRICE_PRO && !env.STRIPE_SECRET_KEY) {
    problems.push('STRIPE_SECRET_KEY: required with STRIPE_PRICE_PRO (plans are bought through Stripe Billing)');
  }
  if (problems.length) throw invalid(problems);
  return {
    ...env,
    embedded,
    jwtSecret: env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
  };
}
