import type { TenantRepositories, UnitOfWork } from '../../ports/repositories';
import type { PrismaClient } from '../../generated/prisma/client';
import { prismaApiKeyRepository } from './repositories/api-keys';
import { prismaMemberRepository } from './repositories/members';
import { prismaOutboxRepository } from './repositories/outbox';
import { prismaTenantRepository } from './repositories/tenant';
import { withTenant, type Tx } from './with-tenant';

/** Every tenant repository bound to one transaction. New repositories are registered here. */
export function tenantRepositories(tx: Tx, tenantId: string): TenantRepositories {
  return {
    tenant: prismaTenantRepository(tx, tenantId),
    members: prismaMemberRepository(tx, tenantId),
    apiKeys: prismaApiKeyRepository(tx, tenantId),
    outbox: prismaOutboxRepository(tx, tenantId),
  };
}

export function prismaUnitOfWork(prisma: PrismaClient): UnitOfWork {
  return {
    run(tenantId, fn, opts) {
      return withTenant(prisma, tenantId, (tx) => fn(tenantRepositories(tx, tenantId)), opts);
    },
  };
}
