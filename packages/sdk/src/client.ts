import { contract, type Contract } from '@slotwise/contracts';
import { isAppRoute, type AppRoute, type AppRouter } from '@ts-rest/core';
import { PagePromise } from './pagination';
import { isPaginated } from './routes';
import { Transport, type CallInput, type FetchLike } from './transport';
import type { Page, RouterClient } from './types';

export interface SlotwiseOptions {
  /** Origin of the API, e.g. `https://api.example.com` (paths already start with /v1). */
  baseUrl: string;
  /** `sk_test_…` / `sk_live_…`, for server-to-server integrations. */
  apiKey?: string;
  /** A session access token (from `auth.login`); takes precedence over `apiKey`. */
  accessToken?: string;
  /** Custom fetch (tests, proxies, instrumentation); the global fetch otherwise. */
  fetch?: FetchLike;
  /** Per-attempt timeout. Default 30 000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt for network errors, timeouts, 408/429/5xx. Default 2. */
  maxRetries?: number;
  /** Prepended to the SDK's own User-Agent (server runtimes only; browsers forbid the header). */
  userAgent?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;

function routeMethod(route: AppRoute, transport: Transport) {
  if (!isPaginated(route)) return (args?: CallInput) => transport.call(route, args);
  return (args: CallInput = {}) => {
    const fetchPage = (cursor?: string) =>
      transport.call(
        route,
        cursor === undefined
          ? args
          : { ...args, query: { ...(args.query as object | undefined), cursor } },
      ) as Promise<Page<unknown>>;
    return new PagePromise(fetchPage(), fetchPage);
  };
}

/** Walks the contract, so a route added there is an SDK method with no SDK change. */
function buildRouterClient(router: AppRouter, transport: Transport): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(router)) {
    out[key] = isAppRoute(value)
      ? routeMethod(value, transport)
      : buildRouterClient(value, transport);
  }
  return out;
}

type Namespaces = RouterClient<Contract>;
type OwnMembers = 'setAccessToken';
/** Every `admin.<x>` namespace again at the top level (`sdk.members` is `sdk.admin.members`), unless the name is taken. */
type AdminShortcuts = Omit<Namespaces['admin'], keyof Namespaces | OwnMembers>;

class SlotwiseClient {
  #accessToken: string | undefined;
  readonly #apiKey: string | undefined;

  constructor(options: SlotwiseOptions) {
    if (!options || typeof options.baseUrl !== 'string' || !/^https?:\/\//i.test(options.baseUrl)) {
      throw new TypeError(
        'new Slotwise({ baseUrl }) needs an absolute http(s) URL, e.g. https://api.example.com',
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
      credential: () => this.#accessToken ?? this.#apiKey,
    });
    const tree = buildRouterClient(contract, transport);
    Object.assign(this, tree);
    for (const [key, ns] of Object.entries(tree.admin as Record<string, unknown>)) {
      if (!(key in this)) Object.defineProperty(this, key, { value: ns, enumerable: true });
    }
  }

  /** Use a session token from now on (after `auth.login` / `auth.refresh`); null to fall back to the API key. */
  setAccessToken(token: string | null): void {
    this.#accessToken = token ?? undefined;
  }
}

/** The Slotwise API client: `sdk.admin.members.list()`, `sdk.public.tenants.get(...)`, `sdk.members.list()`, … */
export type Slotwise = SlotwiseClient & Namespaces & AdminShortcuts;
export const Slotwise = SlotwiseClient as new (options: SlotwiseOptions) => Slotwise;
