import type { ApiKeyRecord, MemberRecord, Page, TenantRecord, UserRecord } from '../ports/records';

/** Records → contract DTOs: instants become ISO strings, internal fields stay inside. */
export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function page<R, T>(p: Page<R>, map: (r: R) => T) {
  return { items: p.items.map(map), nextCursor: p.nextCursor };
}

export const tenantDto = (t: TenantRecord) => ({ ...t, createdAt: iso(t.createdAt), updatedAt: iso(t.updatedAt) });

export const publicTenantDto = (t: TenantRecord) => ({
  slug: t.slug,
  name: t.name,
  description: t.description,
  timeZone: t.timeZone,
  currency: t.currency,
  locale: t.locale,
  logoUrl: t.logoUrl,
  brandColor: t.brandColor,
  policiesText: t.policiesText,
  email: t.email,
  phone: t.phone,
  address: t.address,
  cancellationPolicy: t.settings.cancellationPolicy,
});

export const userDto = (u: Pick<UserRecord, 'id' | 'email' | 'name'>) => ({ id: u.id, email: u.email, name: u.name });

export const memberDto = (m: MemberRecord) => ({ ...m, createdAt: iso(m.createdAt) });

export const apiKeyDto = (k: ApiKeyRecord) => ({
  id: k.id,
  name: k.name,
  mode: k.mode,
  prefix: k.prefix,
  scopes: k.scopes,
  createdAt: iso(k.createdAt),
  lastUsedAt: isoOrNull(k.lastUsedAt),
  revokedAt: isoOrNull(k.revokedAt),
});
