import { contract } from '@slotwise/contracts';
import type { TenantService } from '../../app/tenant/settings';
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

export function publicTenantRouter(tenants: TenantService) {
  return s.router(contract.public.tenants, {
    get: async ({ params }) => ({
      status: 200,
      body: publicTenantDto(await tenants.publicProfile(params.slug)),
    }),
  });
}
