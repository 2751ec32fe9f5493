import { contract } from '@slotwise/contracts';
import type { Services } from '../app/services';
import type { HealthProbes } from './routes/health';
import { authRouter } from './routes/auth';
import { healthRouter } from './routes/health';
import { apiKeysRouter, membersRouter } from './routes/team';
import { publicTenantRouter, tenantRouter } from './routes/tenant';
import { s } from './server';

/** Every route of the contract, implemented. ts-rest fails to compile if one is missing. */
export function apiRouter(services: Services, probes: HealthProbes) {
  return s.router(contract, {
    health: healthRouter(probes),
    auth: authRouter(services.auth),
    admin: {
      tenant: tenantRouter(services.tenants),
      members: membersRouter(services.members),
      apiKeys: apiKeysRouter(services.apiKeys),
    },
    public: {
      tenants: publicTenantRouter(services.tenants),
    },
  });
}
