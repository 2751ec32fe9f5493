import type { Slotwise } from '@slotwise/sdk';
import type { z } from 'zod';
import type { sessionSchema, tokensSchema } from '@slotwise/contracts';
import { createSdk } from '../shared/api';

type Tokens = z.infer<typeof tokensSchema>;
type SessionBody = z.infer<typeof sessionSchema>;
export type Me = Awaited<ReturnType<Slotwise['auth']['me']>>;

const REFRESH_KEY = 'slotwise.admin.refreshToken';

/**
 * Refresh tokens are single-use, and a spent one presented again ends the whole session
 * (refresh_token_reused). Every tab shares the stored token, so tabs refresh one at a time under
 * a Web Lock; browsers without the Web Locks API fall back to refreshing unguarded.
 */
function acrossTabs<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? (locks.request('slotwise.admin.refresh', fn) as Promise<T>) : fn();
}

/**
 * The admin's credentials: the access token lives in memory only, the refresh token in
 * localStorage so a reload keeps you logged in. Every SDK call goes through `fetchWithRefresh`,
 * which answers a 401 token_expired by refreshing once (shared by concurrent calls) and replaying.
 */
export class AdminSession {
  readonly sdk: Slotwise;
  /** Unauthenticated twin used for the refresh call itself, so it can never recurse. */
  readonly #auth: Slotwise;
  #accessToken: string | null = null;
  #refreshing: Promise<string | null> | null = null;
  #onExpired: () => void = () => undefined;

  constructor(
    private readonly storage: Pick<
      Storage,
      'getItem' | 'setItem' | 'removeItem'
    > = window.localStorage,
  ) {
    this.#auth = createSdk();
    this.sdk = createSdk({ fetch: (url, init) => this.fetchWithRefresh(url, init) });
  }

  get hasRefreshToken() {
    return Boolean(this.storage.getItem(REFRESH_KEY));
  }

  /** Called when the session cannot be renewed: the UI goes back to the login screen. */
  onExpired(fn: () => void) {
    this.#onExpired = fn;
  }

  adopt(session: SessionBody | { tokens: Tokens }) {
    this.#setTokens(session.tokens);
  }

  #setTokens(tokens: Tokens) {
    this.#accessToken = tokens.accessToken;
    this.sdk.setAccessToken(tokens.accessToken);
    this.storage.setItem(REFRESH_KEY, tokens.refreshToken);
  }

  clear() {
    this.#accessToken = null;
    this.sdk.setAccessToken(null);
    this.storage.removeItem(REFRESH_KEY);
  }

  /** Exchanges the stored refresh token; null (and logged out) when that is no longer possible. */
  refresh(): Promise<string | null> {
    this.#refreshing ??= acrossTabs(async () => {
      // Read inside the lock: another tab may have just rotated the token we last saw.
      const refreshToken = this.storage.getItem(REFRESH_KEY);
      if (!refreshToken) return null;
      try {
        const tokens = await this.#auth.auth.refresh({ body: { refreshToken } });
        this.#setTokens(tokens);
        return tokens.accessToken;
      } catch {
        this.clear();
        this.#onExpired();
        return null;
      }
    }).finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async fetchWithRefresh(url: string, init: RequestInit): Promise<Response> {
    const res = await fetch(url, init);
    if (res.status !== 401 || !this.#accessToken) return res;
    const body = (await res
      .clone()
      .json()
      .catch(() => null)) as { error?: { code?: string } } | null;
    if (body?.error?.code !== 'token_expired') return res;
    const token = await this.refresh();
    if (!token) return res;
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    return fetch(url, { ...init, headers });
  }
}
