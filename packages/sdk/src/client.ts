import { ApiPromise, type WithResponse } from './api-promise';
import type { SlotwiseApi } from './generated/api';
import { ADMIN_SHORTCUTS, ROUTES } from './generated/routes';
import type { Hooks } from './options';
import { PagePromise, type Page } from './pagination';
import { isRouteSpec, type RouteSpec, type RouteTable } from './route-table';
import { Transport, type CallInput, type FetchLike } from './transport';

export interface SlotwiseOptions {
  /** Origin of the API, e.g. `https://api.example.com` (paths already start with /v1). */
  baseUrl: string;
  /** `sk_test_…` / `sk_live_…`, for server-to-server integrations. */
  apiKey?: string;
  /** A session access token (from `auth.login`); takes precedence over `apiKey`. */
  accessToken?: string;
  /**
   * Set to true for a client without a credential on purpose: the public booking routes and
   * `auth.signup` / `auth.login`. Without it, a missing credential is a construction error.
   */
  anonymous?: boolean;
  /** Custom fetch (tests, proxies, instrumentation); the global fetch otherwise. */
  fetch?: FetchLike;
  /** Per-attempt timeout. Default 30 000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt for network errors, timeouts, 408/429/5xx. Default 2. */
  maxRetries?: number;
  /** Prepended to the SDK's own User-Agent (server runtimes only; browsers forbid the header). */
  userAgent?: string;
  /**
   * The dated API version sent as `Slotwise-Version`. Defaults to the version this SDK release was
   * written against (`API_VERSION`), so upgrading the server never changes what your code receives.
   */
  apiVersion?: string;
  /** Called around every HTTP attempt, for logging and tracing. */
  hooks?: Hooks;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;

function routeMethod(route: RouteSpec, transport: Transport) {
  if (!route.paginated) return (args?: CallInput) => new ApiPromise(transport.call(route, args));
  return (args: CallInput = {}) => {
    const fetchPage = (cursor?: string) =>
      transport.call(
        route,
        cursor === undefined
          ? args
          : { ...args, query: { ...(args.query as object | undefined), cursor } },
      ) as Promise<WithResponse<Page<unknown>>>;
    return new PagePromise(fetchPage(), fetchPage);
  };
}

/** Walks the generated route table, so a route added to the contracts is an SDK method after `npm run generate`. */
function buildClient(table: RouteTable, transport: Transport): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(table)) {
    out[key] = isRouteSpec(value) ? routeMethod(value, transport) : buildClient(value, transport);
  }
  return out;
}

function credentialProblem(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '')
    return `\`${name}\` is ${value === '' ? 'an empty string' : typeof value}; pass the ${name === 'apiKey' ? 'API key (sk_test_… / sk_live_…)' : 'access token'} as a non-empty string`;
  return undefined;
}

class SlotwiseClient {
  #accessToken: string | undefined;
  readonly #apiKey: string | undefined;

  constructor(options: SlotwiseOptions) {
    if (!options || typeof options.baseUrl !== 'string' || !/^https?:\/\//i.test(options.baseUrl)) {
      throw new TypeError(
        'new Slotwise({ baseUrl }) needs an absolute http(s) URL, e.g. https://api.example.com',
      );
    }
    // `process.env.SLOTWISE_API_KEY` unset is the usual mistake: say so now, not at the first 401.
    const problem =
      credentialProblem(options.apiKey, 'apiKey') ??
      credentialProblem(options.accessToken, 'accessToken');
    if (problem) throw new TypeError(`new Slotwise(...): ${problem}`);
    if (options.apiKey === undefined && options.accessToken === undefined && !options.anonymous) {
      throw new TypeError(
        'new Slotwise(...) needs a credential: { apiKey: "sk_test_…" } or { accessToken }. ' +
          'For the public routes only (booking pages, signup, login), pass { anonymous: true }.',
      );
    }
    this.#accessToken = options.accessToken;
    this.#apiKey = options.apiKey;
    const transport = new Transport({
      baseUrl: options.baseUrl,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxRetries: Math.max(0, options.maxRetries ?? DEFAULT_MAX_RETRIES),
      userAgent: options.userAgent,
      apiVersion: options.apiVersion,
      hooks: options.hooks,
      credential: () => this.#accessToken ?? this.#apiKey,
    });
    const tree = buildClient(ROUTES, transport);
    Object.assign(this, tree);
    const admin = tree.admin as Record<string, unknown>;
    for (const key of ADMIN_SHORTCUTS) {
      if (!(key in this)) Object.defineProperty(this, key, { value: admin[key], enumerable: true });
    }
  }

  /** Use a session token from now on (after `auth.login` / `auth.refresh`); null to fall back to the API key. */
  setAccessToken(token: string | null): void {
    this.#accessToken = token ?? undefined;
  }
}

/** The Slotwise API client: `sdk.admin.members.list()`, `sdk.public.tenants.get(...)`, `sdk.members.list()`, … */
export type Slotwise = SlotwiseClient & SlotwiseApi;
export const Slotwise = SlotwiseClient as new (options: SlotwiseOptions) => Slotwise;
