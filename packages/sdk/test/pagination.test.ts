import { describe, expect, it } from 'vitest';
import { ApiPromise, PagePromise, Slotwise } from '../src';
import { apiError, fakeFetch, json } from './fake-fetch';

const base = 'https://api.test';
const key = (n: number) => ({ id: `k${n}`, name: `key ${n}` });

function pagedFetch(pages: { items: unknown[]; nextCursor: string | null }[]) {
  return fakeFetch((call) => {
    const cursor = new URL(call.url).searchParams.get('cursor');
    const i = cursor === null ? 0 : Number(cursor.replace('c', ''));
    return json(200, pages[i]);
  });
}

describe('pagination', () => {
  const pages = [
    { items: [key(1), key(2)], nextCursor: 'c1' },
    { items: [key(3), key(4)], nextCursor: 'c2' },
    { items: [key(5)], nextCursor: null },
  ];

  it('awaiting a list gives the first page only', async () => {
    const f = pagedFetch(pages);
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch });
    const list = sdk.apiKeys.list({ query: { limit: 2 } });
    expect(list).toBeInstanceOf(PagePromise);
    expect(await list).toEqual(pages[0]);
    expect(f.calls).toHaveLength(1);
  });

  it('for await iterates every item across pages, passing the cursor and keeping the query', async () => {
    const f = pagedFetch(pages);
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch });
    const ids: string[] = [];
    for await (const k of sdk.apiKeys.list({ query: { limit: 2 } })) ids.push(k.id);
    expect(ids).toEqual(['k1', 'k2', 'k3', 'k4', 'k5']);
    expect(f.calls.map((c) => c.url)).toEqual([
      `${base}/v1/admin/api-keys?limit=2`,
      `${base}/v1/admin/api-keys?limit=2&cursor=c1`,
      `${base}/v1/admin/api-keys?limit=2&cursor=c2`,
    ]);
  });

  it('.pages() yields page by page and stops early without fetching more', async () => {
    const f = pagedFetch(pages);
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch });
    const seen = [];
    for await (const page of sdk.members.list().pages()) {
      seen.push(page.items.length);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([2, 2]);
    expect(f.calls).toHaveLength(2);
  });

  it('awaiting then iterating reuses the first page instead of fetching it again', async () => {
    const f = pagedFetch(pages);
    const list = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch }).members.list();
    await list;
    let n = 0;
    for await (const _ of list) n++;
    expect(n).toBe(5);
    expect(f.calls).toHaveLength(3);
  });

  it('a failing page rejects the iteration with the typed error', async () => {
    const f = fakeFetch(json(200, pages[0]), apiError(401, 'token_expired'));
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch });
    const ids: string[] = [];
    await expect(
      (async () => {
        for await (const k of sdk.apiKeys.list()) ids.push(k.id);
      })(),
    ).rejects.toMatchObject({ name: 'AuthenticationError', code: 'token_expired' });
    expect(ids).toEqual(['k1', 'k2']);
  });

  it('stops with an error instead of looping when the API repeats a cursor', async () => {
    const f = fakeFetch(json(200, { items: [key(1)], nextCursor: 'same' }));
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch });
    await expect(
      (async () => {
        for await (const _ of sdk.members.list()) void _;
      })(),
    ).rejects.toMatchObject({ code: 'pagination_loop' });
    expect(f.calls).toHaveLength(2);
  });

  it('non-list routes return an ApiPromise (thenable, with withResponse), not a page', async () => {
    const sdk = new Slotwise({
      baseUrl: base,
      anonymous: true,
      fetch: fakeFetch(json(200, {})).fetch,
    });
    const p = sdk.auth.me();
    expect(p).toBeInstanceOf(ApiPromise);
    expect(p).not.toBeInstanceOf(PagePromise);
    expect(await p).toEqual({});
  });
});
