import { contract } from '@slotwise/contracts';
import { isAppRoute, type AppRouter } from '@ts-rest/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  Slotwise,
  type AdminBooking,
  type BookingStatus,
  type GetPublicTenantParams,
  type ListBookingsParams,
  type Member,
  type RequestOptions,
} from '../src';
import { fakeFetch, json } from './fake-fetch';

const base = 'https://api.test';
const member = {
  id: '7d0f2f4e-4d55-4d7c-9d1a-0d7f7b0f2a11',
  userId: '7d0f2f4e-4d55-4d7c-9d1a-0d7f7b0f2a12',
  email: 'a@b.co',
  name: 'A',
  role: 'staff',
  createdAt: '2026-01-01T00:00:00.000Z',
};

function routePaths(router: AppRouter, prefix: string[] = []): string[][] {
  return Object.entries(router).flatMap(([k, v]) =>
    isAppRoute(v) ? [[...prefix, k]] : routePaths(v, [...prefix, k]),
  );
}

function at(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

describe('Slotwise client surface', () => {
  it('has a method for every route of the contract, found by walking it', () => {
    const sdk = new Slotwise({
      baseUrl: base,
      anonymous: true,
      fetch: fakeFetch(json(200, {})).fetch,
    });
    const paths = routePaths(contract);
    expect(paths.length).toBeGreaterThan(10);
    for (const p of paths) expect(typeof at(sdk, p), p.join('.')).toBe('function');
  });

  it('exposes every admin namespace at the top level too, as the same object', () => {
    const sdk = new Slotwise({ baseUrl: base, anonymous: true });
    const adminKeys = Object.keys(contract.admin);
    expect(adminKeys).toContain('members');
    for (const k of adminKeys) {
      if (k in contract) continue; // a top-level namespace of the same name wins
      expect((sdk as unknown as Record<string, unknown>)[k], k).toBe(
        (sdk.admin as unknown as Record<string, unknown>)[k],
      );
    }
    expect(sdk.members).toBe(sdk.admin.members);
    expect(sdk.apiKeys).toBe(sdk.admin.apiKeys);
  });

  it('rejects a missing or relative baseUrl', () => {
    expect(() => new Slotwise({ baseUrl: '/v1' })).toThrow(/absolute http/);
    expect(() => new Slotwise(undefined as never)).toThrow(TypeError);
  });
});

describe('requests', () => {
  it('builds method, URL with encoded path params, JSON body and headers from the route', async () => {
    const f = fakeFetch(json(200, member));
    const sdk = new Slotwise({
      baseUrl: `${base}/`,
      apiKey: 'sk_test_abc',
      fetch: f.fetch,
      userAgent: 'acme/1.0',
    });
    const res = await sdk.admin.members.update({
      params: { id: 'a/../b' },
      body: { role: 'admin' },
    });
    expect(res).toEqual(member);
    const call = f.calls[0]!;
    expect(call.method).toBe('PATCH');
    expect(call.url).toBe(`${base}/v1/admin/members/a%2F..%2Fb`);
    expect(call.body).toEqual({ role: 'admin' });
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers.authorization).toBe('Bearer sk_test_abc');
    expect(call.headers['user-agent']).toMatch(/^acme\/1\.0 slotwise-sdk-js\/\d+\.\d+\.\d+/);
    expect(call.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serialises the query like the server parses it and sends no body or key on GET', async () => {
    const f = fakeFetch(json(200, { items: [], nextCursor: null }));
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch });
    await sdk.members.list({ query: { limit: 5, cursor: 'c 1&x' } });
    expect(f.calls[0]!.url).toBe(`${base}/v1/admin/members?limit=5&cursor=c%201%26x`);
    expect(f.calls[0]!.method).toBe('GET');
    expect(f.calls[0]!.body).toBeUndefined();
    expect(f.calls[0]!.headers['idempotency-key']).toBeUndefined();
    expect(f.calls[0]!.headers.authorization).toBeUndefined();
  });

  it('gives one fresh Idempotency-Key per POST/PATCH call, or the caller’s own', async () => {
    const f = fakeFetch(json(201, member));
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch });
    await sdk.members.add({ body: { email: 'a@b.co', name: 'A', role: 'staff' } });
    await sdk.members.add({ body: { email: 'a@b.co', name: 'A', role: 'staff' } });
    await sdk.members.add({
      body: { email: 'a@b.co', name: 'A', role: 'staff' },
      idempotencyKey: 'mine-1',
    });
    const keys = f.calls.map((c) => c.headers['idempotency-key']);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe('mine-1');
  });

  it('prefers the access token over the API key and follows setAccessToken', async () => {
    const f = fakeFetch(json(204, undefined));
    const sdk = new Slotwise({
      baseUrl: base,
      apiKey: 'sk_test_k',
      accessToken: 'jwt-1',
      fetch: f.fetch,
    });
    await sdk.auth.logout();
    sdk.setAccessToken('jwt-2');
    await sdk.auth.logout();
    sdk.setAccessToken(null);
    await sdk.auth.logout();
    expect(f.calls.map((c) => c.headers.authorization)).toEqual([
      'Bearer jwt-1',
      'Bearer jwt-2',
      'Bearer sk_test_k',
    ]);
  });

  it('resolves 204 to undefined and a 2xx body to the parsed JSON', async () => {
    const sdk = new Slotwise({
      baseUrl: base,
      anonymous: true,
      fetch: fakeFetch(json(204, undefined)).fetch,
    });
    await expect(sdk.members.remove({ params: { id: member.id } })).resolves.toBeUndefined();
  });

  it('returns text for routes that answer another media type (the .ics invite), asking for that type', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';
    const f = fakeFetch(
      new Response(ics, {
        status: 200,
        headers: { 'content-type': 'text/calendar; charset=utf-8' },
      }),
    );
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch });
    const body = await sdk.public.manage.calendar({ params: { token: 'a'.repeat(32) } });
    expectTypeOf(body).toEqualTypeOf<string>();
    expect(body).toBe(ics);
    expect(f.calls[0]!.headers.accept).toMatch(/^text\/calendar/);
  });

  it('throws a TypeError for a missing path parameter instead of calling a wrong URL', async () => {
    const f = fakeFetch(json(200, {}));
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch });
    await expect(sdk.public.tenants.get({ params: { slug: '' } })).rejects.toThrow(
      /Missing path parameter "slug"/,
    );
    expect(f.calls).toHaveLength(0);
  });

  it('types arguments and results with the generated named types', () => {
    const sdk = new Slotwise({ baseUrl: base, anonymous: true });
    expectTypeOf(sdk.public.tenants.get)
      .parameter(0)
      .toEqualTypeOf<GetPublicTenantParams & RequestOptions>();
    expectTypeOf<GetPublicTenantParams['params']['slug']>().toEqualTypeOf<string>();
    expectTypeOf(sdk.auth.me).parameter(0).toEqualTypeOf<RequestOptions | undefined>();
    expectTypeOf<Awaited<ReturnType<typeof sdk.auth.logout>>>().toEqualTypeOf<void>();
    // Filters are enums, not `unknown`.
    expectTypeOf<NonNullable<ListBookingsParams['query']>['status']>().toEqualTypeOf<
      BookingStatus | BookingStatus[] | undefined
    >();
    expectTypeOf<
      Awaited<ReturnType<typeof sdk.bookings.list>>['items'][number]
    >().toEqualTypeOf<AdminBooking>();
    expectTypeOf<
      Awaited<ReturnType<typeof sdk.members.list>>['items'][number]
    >().toEqualTypeOf<Member>();
    expectTypeOf<
      Awaited<ReturnType<typeof sdk.members.list>>['items'][number]['email']
    >().toEqualTypeOf<string>();
    // @ts-expect-error params are required for this route
    void (() => sdk.public.tenants.get());
  });
});
