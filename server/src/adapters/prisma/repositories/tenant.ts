import { tenantSettingsSchema } from '@slotwise/contracts';
import type { TenantRecord } from '../../../ports/records';
import type { TenantRepository } from '../../../ports/repositories';
import type { Tx } from '../with-tenant';
import type { Tenant } from '../../../generated/prisma/client';

/**
 * The settings of a row read as text, parsed (and completed with defaults) once per distinct text:
 * every public request resolves its tenant, and the schema's parse was a few percent of a
 * booking's CPU. The result is shared between requests; nothing mutates a tenant's settings.
 */
const settingsByText = new Map<string, TenantRecord['settings']>();
export function settingsFromText(text: string | null): TenantRecord['settings'] {
  const key = text ?? '{}';
  let settings = settingsByText.get(key);
  if (!settings) {
    if (settingsByText.size >= 1000) settingsByText.clear();
    settings = tenantSettingsSchema.parse(JSON.parse(key) ?? {});
    settingsByText.set(key, settings);
  }
  return settings;
}

export function toTenantRecord(t: Tenant, settings?: TenantRecord['settings']): TenantRecord {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    description: t.description,
    timeZone: t.timeZone,
    currency: t.currency,
    locale: t.locale,
    email: t.email,
    phone: t.phone,
    address: t.address,
    logoUrl: t.logoUrl,
    brandColor: t.brandColor,
    policiesText: t.policiesText,
    // Stored settings are completed with today's defaults so older rows read like new ones.
    settings: settings ?? tenantSettingsSchema.parse(t.settings ?? {}),
    embedOrigins: t.embedOrigins,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

export function prismaTenantRepository(tx: Tx, tenantId: string): TenantRepository {
  return {
    async get() {
      return toTenantRecord(await tx.tenant.findUniqueOrThrow({ where: { id: tenantId } }));
    },
    async update(patch) {
      const { settings, ...rest } = patch;
      return toTenantRecord(
        await tx.tenant.update({ where: { id: tenantId }, data: { ...rest, ...(settings ? { settings } : {}) } }),
      );
    },
  };
}
