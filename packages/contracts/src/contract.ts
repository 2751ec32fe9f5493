import { c } from './common/contract';
import { apiKeysContract } from './routes/api-keys';
import { authContract } from './routes/auth';
import { healthContract } from './routes/health';
import { membersContract } from './routes/members';
import { publicTenantContract, tenantContract } from './routes/tenant';

/**
 * The whole API. Integrators depend on the URL layout: /v1/auth/*, /v1/admin/* (session or API
 * key; tenant from the credential), /v1/public/tenants/{slug}/* (no auth), /v1/webhooks/*.
 * Group keys here become the SDK's namespaces (sdk.admin.members.list, ...).
 */
export const contract = c.router({
  health: healthContract,
  auth: authContract,
  admin: c.router({
    tenant: tenantContract,
    members: membersContract,
    apiKeys: apiKeysContract,
  }),
  public: c.router({
    tenants: publicTenantContract,
  }),
});

export type Contract = typeof contract;
