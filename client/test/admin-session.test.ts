import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminSession } from '../src/admin/session';

// The API's refresh rotation is strict: a spent refresh token presented again ends the session
// (401 refresh_token_reused). Two tabs share the stored token, so they must not race.

/** The server's side of rotation: one live token; a spent one ends the family. */
function rotatingServer(first: string) {
  let live: string | null = first;
  const spent = new Set<string>();
  let n = 0;
  const reuses: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.endsWith('/v1/auth/refresh')) return new Response('{}', { status: 404 });
    const raw = input instanceof Request ? await input.text() : String(init?.body);
    const { refreshToken } = JSON.parse(raw) as { refreshToken: string };
    // Let the other tab's request interleave, as a network would.
    await new Promise((r) => setTimeout(r, 5));
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    if (refreshToken !== live) {
      if (spent.has(refreshToken)) {
        reuses.push(refreshToken);
        live = null;
        return json(401, { error: { code: 'refresh_token_reused', message: 'reused' } });
      }
      return json(401, { error: { code: 'unauthenticated', message: 'unknown' } });
    }
    spent.add(refreshToken);
    live = `rt_${++n}`;
    return json(200, {
      accessToken: `at_${n}`,
      refreshToken: live,
      expiresIn: 900,
      tokenType: 'Bearer',
    });
  });
  return { fetch, reuses, live: () => live };
}

/** A minimal Web Locks API: one holder per name at a time, in request order. */
function installLocks() {
  const tails = new Map<string, Promise<unknown>>();
  const locks = {
    request: (name: string, fn: () => Promise<unknown>) => {
      const run = (tails.get(name) ?? Promise.resolve()).then(fn, fn);
      tails.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
  };
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
}

function sharedStorage(initial: Record<string, string>) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, 'locks');
});

describe('AdminSession refresh across tabs', () => {
  it('never presents a spent refresh token when two tabs refresh at once', async () => {
    const server = rotatingServer('rt_0');
    vi.stubGlobal('fetch', server.fetch);
    installLocks();
    const storage = sharedStorage({ 'slotwise.admin.refreshToken': 'rt_0' });
    const [tabA, tabB] = [new AdminSession(storage), new AdminSession(storage)];

    const [a, b] = await Promise.all([tabA.refresh(), tabB.refresh()]);

    expect(server.reuses).toEqual([]);
    expect(a).toBe('at_1');
    expect(b).toBe('at_2');
    expect(storage.getItem('slotwise.admin.refreshToken')).toBe('rt_2');
    expect(server.live()).toBe('rt_2');
  });
});
