import type { TenantRecord } from '../../ports/records';
import type { Directory } from '../../ports/repositories';
import { tenantBySlug } from '../catalogue/public-tenant';

/** The booking read no longer shows the business under the slug it was cached by. */
export class StaleTenant extends Error {
  constructor() {
    super('The business read from the cache no longer has that slug');
    this.name = 'StaleTenant';
  }
}

/**
 * The businesses public bookings name by slug, kept after their first lookup: the lookup was a
 * round trip of its own before every booking. A cached record is never trusted for what the
 * booking decides: the booking's snapshot read returns the business's slug, settings and language
 * from the same snapshot as the schedule (BookingSnapshot.tenant), the decisions take those, and
 * a read that no longer shows the cached slug (or no longer finds the business) throws StaleTenant
 * before anything is written; the booking then runs once more with the business looked up again.
 * Only the id, which never changes, is used from the cache. At most `max` slugs are kept.
 */
export function publicTenants(directory: Pick<Directory, 'findTenantBySlug'>, max = 1000) {
  const bySlug = new Map<string, TenantRecord>();
  return {
    /** fn gets `cachedSlug` when the record came from the cache: its read must check it. */
    async run<T>(
      slug: string,
      fn: (tenant: TenantRecord, cachedSlug?: string) => Promise<T>,
    ): Promise<T> {
      const key = slug.toLowerCase();
      const cached = bySlug.get(key);
      if (cached) {
        try {
          return await fn(cached, key);
        } catch (err) {
          if (!(err instanceof StaleTenant)) throw err;
          bySlug.delete(key);
        }
      }
      const tenant = await tenantBySlug(directory, key);
      if (bySlug.size >= max) bySlug.delete(bySlug.keys().next().value!);
      bySlug.set(key, tenant);
      return fn(tenant);
    },
  };
}
