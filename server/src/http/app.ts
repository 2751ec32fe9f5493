import { randomUUID } from 'node:crypto';
import { contract, generateOpenApi } from '@slotwise/contracts';
import { createExpressEndpoints } from '@ts-rest/express';
import cors from 'cors';
import express, { type Express, type Request, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Services } from '../app/services';
import type { IdempotencyStore } from '../ports/idempotency';
import type { AttemptCounter, RateLimiters } from '../ports/rate-limiter';
import { authorize } from './authorize';
import { apiVersion } from './api-version';
import { apiDocs } from './docs';
import { errorHandler, sendError } from './error-mapper';
import { idempotency, noStoreForSecrets } from './idempotency';
import { mcpEndpoint } from './mcp';
import { loginThrottle, rateLimits } from './rate-limit';
import {
  catchRejections,
  jsonBody,
  parseQuery,
  rejectNulCharacters,
  requireJsonBody,
} from './request-guards';
import { stripeWebhookEndpoint } from './stripe-webhook';
import { apiRouter } from './router';
import type { HealthProbes } from './routes/health';

export interface HttpOptions {
  logger: Logger;
  services: Services;
  probes: HealthProbes;
  idempotencyStore: IdempotencyStore;
  /** Absent: no rate limits (RATE_LIMITS_ENABLED=false). */
  rateLimiters?: RateLimiters;
  /** Failed logins per account: a defence against password guessing, on whatever RATE_LIMITS_ENABLED says. */
  loginFailures: AttemptCounter;
  /** Whether an error means the database went away (503 with Retry-After rather than a 500). */
  isStoreUnavailable?: (err: unknown) => boolean;
  corsOrigins: string;
  bodyLimit: string;
  /** Validate every response against the contract (on in tests: a wrong DTO fails loudly). */
  validateResponses?: boolean;
  /** Extra handlers mounted before the API (static apps, docs). */
  mounts?: (app: Express) => void;
}

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

// Login and refresh start or continue a session: a stored response would keep its tokens in clear,
// and replaying a refresh would hand out the live token past reuse detection. They ignore
// Idempotency-Key; a retried login or refresh simply runs again (a new session, or a reuse).
const SESSION_ROUTES = new Set<unknown>([contract.auth.login, contract.auth.refresh]);
const exceptSessionRoutes =
  (handler: RequestHandler): RequestHandler =>
  (req, res, next) =>
    SESSION_ROUTES.has((req as { tsRestRoute?: unknown }).tsRestRoute)
      ? next()
      : handler(req, res, next);

// Routes that only read before their first write, which claims the Idempotency-Key with it
// (ADR 0008 §6): the public booking, the SDK's hot path, always sent with a key.
const DEFERRED_CLAIM_ROUTES = new Set<unknown>([contract.public.bookings.create]);
const deferClaim = (req: Request) => DEFERRED_CLAIM_ROUTES.has((req as { tsRestRoute?: unknown }).tsRestRoute);

export function createHttpApp(opts: HttpOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('etag', false);
  app.set('query parser', parseQuery);

  app.use((req, res, next) => {
    const given = req.header('x-request-id');
    const id = given && REQUEST_ID_RE.test(given) ? given : randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    next();
  });
  app.use(
    pinoHttp({
      logger: opts.logger,
      genReqId: (_req, res) => res.locals?.requestId ?? randomUUID(),
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: false, // set per app by the static mounts, which know their needs
      crossOriginEmbedderPolicy: false,
    }),
  );
  const origins = opts.corsOrigins
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  app.use(
    cors({
      origin: origins.includes('*') ? true : origins,
      // Mcp-Protocol-Version and WWW-Authenticate: browser-based MCP clients of /mcp (http/mcp.ts).
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id', 'Mcp-Protocol-Version', 'Slotwise-Version'],
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'Idempotent-Replayed', 'WWW-Authenticate', 'Slotwise-Version'],
      maxAge: 600,
    }),
  );
  app.use(apiVersion());
  // Before the JSON parser: the Stripe signature covers the raw bytes.
  stripeWebhookEndpoint(opts.services.stripeWebhooks)(app);
  app.use(jsonBody(opts.bodyLimit));

  const openapi = generateOpenApi();
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/docs', apiDocs());
  // One limiter for the API and the MCP endpoint: an MCP message and the API calls of its tools share the counters.
  const limiter = opts.rateLimiters ? rateLimits(opts.rateLimiters) : undefined;
  mcpEndpoint({ auth: opts.services.auth, rateLimit: limiter })(app);
  opts.mounts?.(app);

  const chain: RequestHandler[] = [requireJsonBody(), authorize(opts.services.auth)];
  if (limiter) chain.push(limiter);
  // A defence against password guessing, not a capacity limit: RATE_LIMITS_ENABLED leaves it on.
  chain.push(loginThrottle(opts.loginFailures));
  chain.push(
    noStoreForSecrets(),
    exceptSessionRoutes(idempotency(opts.idempotencyStore, { deferClaim })),
    rejectNulCharacters(),
  );

  createExpressEndpoints(contract, apiRouter(opts.services, opts.probes), app, {
    // ts-rest types its middleware per route; ours reads the route from req.tsRestRoute instead.
    globalMiddleware: chain.map(catchRejections) as never,
    logInitialization: false,
    jsonQuery: false,
    responseValidation: opts.validateResponses ?? false,
    requestValidationErrorHandler: (err, _req, _res, next) => next(err),
  });

  app.use((req, res) => sendError(res, 'route_not_found', `No route ${req.method} ${req.path}`));
  app.use(errorHandler(opts.logger, opts.isStoreUnavailable));
  return app;
}
