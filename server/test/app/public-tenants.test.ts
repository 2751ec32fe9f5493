import { describe, expect, it } from 'vitest';
import { publicTenants, StaleTenant } from '../../src/app/bookings/public-tenants';
import { AppError } from '../../src/app/errors';
import type { TenantRecord } from '../../src/ports/records';
import type { Directory } from '../../src/ports/repositories';
import { tenant } from '../support/in-memory/booking-ports';

/** Slugs to businesses, counting lookups. */
function directory(bySlug: Record<string, TenantRecord>) {
  const lookups: string[] = [];
  const dir: Pick<Directory, 'findTenantBySlug'> = {
    findTenantBySlug: async (slug) => {
      lookups.push(slug);
      return bySlug[slug] ?? null;
    },
  };
  return { dir, lookups, bySlug };
}

const seen = (t: TenantRecord, cachedSlug?: string) => Promise.resolve({ id: t.id, cachedSlug });

describe('publicTenants', () => {
  it('looks a slug up once and then hands the record over as cached, under the slug it was asked by', async () => {
    const d = directory({ acme: tenant({ id: 't1', slug: 'acme' }) });
    const cache = publicTenants(d.dir);
    expect(await cache.run('acme', seen)).toEqual({ id: 't1', cachedSlug: undefined });
    expect(await cache.run('ACME', seen)).toEqual({ id: 't1', cachedSlug: 'acme' });
    expect(d.lookups).toEqual(['acme']);
  });

  it('runs once more with a fresh lookup when the cached business is stale', async () => {
    const d = directory({ acme: tenant({ id: 't1', slug: 'acme' }) });
    const cache = publicTenants(d.dir);
    await cache.run('acme', seen);
    d.bySlug.acme = tenant({ id: 't2', slug: 'acme' });
    const calls: (string | undefined)[] = [];
    const result = await cache.run('acme', async (t, cachedSlug) => {
      calls.push(cachedSlug);
      if (cachedSlug) throw new StaleTenant();
      return t.id;
    });
    expect(result).toBe('t2');
    expect(calls).toEqual(['acme', undefined]);
    expect(await cache.run('acme', seen)).toEqual({ id: 't2', cachedSlug: 'acme' });
    expect(d.lookups).toEqual(['acme', 'acme']);
  });

  it('passes any other error on, without a second run, and keeps the entry', async () => {
    const d = directory({ acme: tenant() });
    const cache = publicTenants(d.dir);
    await cache.run('acme', seen);
    let runs = 0;
    const failing = cache.run('acme', async () => {
      runs++;
      throw new Error('slot taken');
    });
    await expect(failing).rejects.toThrow('slot taken');
    expect(runs).toBe(1);
    expect(d.lookups).toEqual(['acme']);
  });

  it('answers 404 for an unknown slug and remembers nothing', async () => {
    const d = directory({});
    const cache = publicTenants(d.dir);
    for (let i = 0; i < 2; i++) {
      const err = await cache.run('nope', seen).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('not_found');
    }
    expect(d.lookups).toEqual(['nope', 'nope']);
  });

  it('keeps at most max slugs, dropping the oldest', async () => {
    const d = directory({ a: tenant({ id: 'a' }), b: tenant({ id: 'b' }), c: tenant({ id: 'c' }) });
    const cache = publicTenants(d.dir, 2);
    for (const slug of ['a', 'b', 'c', 'c', 'b', 'a']) await cache.run(slug, seen);
    expect(d.lookups).toEqual(['a', 'b', 'c', 'a']);
  });
});
