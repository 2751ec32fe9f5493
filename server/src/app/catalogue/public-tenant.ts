import type { Directory } from '../../ports/repositories';
import type { TenantRecord } from '../../ports/records';
import { notFound } from '../errors';

/** The tenant behind a public URL slug, or 404. */
export async function tenantBySlug(
  directory: Pick<Directory, 'findTenantBySlug'>,
  slug: string,
): Promise<TenantRecord> {
  const t = await directory.findTenantBySlug(slug.toLowerCase());
  if (!t) throw notFound('Business');
  return t;
}
