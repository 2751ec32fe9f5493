import { tenantSettingsSchema, type updateTenantSchema } from '@slotwise/contracts';
import type { z } from 'zod';
import type { Principal } from '../principal';
import type { Directory, UnitOfWork } from '../../ports/repositories';
import { notFound } from '../errors';

type TenantPatch = z.infer<typeof updateTenantSchema>;

export function tenantService(deps: { uow: UnitOfWork; directory: Directory }) {
  const { uow, directory } = deps;
  return {
    get: (p: Principal) => uow.run(p.tenantId, (r) => r.tenant.get()),

    update: (p: Principal, patch: TenantPatch) =>
      uow.run(p.tenantId, async (r) => {
        const current = await r.tenant.get();
        const { settings, ...rest } = patch;
        // Settings merge one level deep so a client can change one rule without resending all.
        const merged = settings
          ? tenantSettingsSchema.parse({
              ...current.settings,
              ...settings,
              cancellationPolicy: { ...current.settings.cancellationPolicy, ...(settings.cancellationPolicy ?? {}) },
            })
          : undefined;
        return r.tenant.update({ ...rest, ...(merged ? { settings: merged } : {}) });
      }),

    async publicProfile(slug: string) {
      const t = await directory.findTenantBySlug(slug.toLowerCase());
      if (!t) throw notFound('Business');
      return t;
    },
  };
}
export type TenantService = ReturnType<typeof tenantService>;
