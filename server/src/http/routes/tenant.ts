import { contract } from '@slotwise/contracts';
import type { TenantService } from '../../app/tenant/settings';
import type { BillingService } from '../../app/plans/billing';
import { principalOf } from '../context';
import { publicTenantDto, tenantDto } from '../presenters';
import { s } from '../server';

export function tenantRouter(tenants: TenantService) {
  return s.router(contract.admin.tenant, {
    get: async ({ req }) => ({ status: 200, body: tenantDto(await tenants.get(principalOf(req))) }),
    update: async ({ body, req }) => ({
      status: 200,
      body: tenantDto(await tenants.update(principalOf(req), body)),
    }),
  });
}

export function publicTenantRouter(tenants: TenantService, billing: BillingService) {
  return s.router(contract.public.tenants, {
    get: async ({ params }) => {
      const t = await tenants.publicProfile(params.slug);
      return { status: 200, body: publicTenantDto(t, await billing.acceptingBookings(t.id)) };
    },
  });
}
