import type { TenantRepositories, UnitOfWork } from '../../ports/repositories';
import type { PrismaClient } from '../../generated/prisma/client';
import { prismaApiKeyRepository } from './repositories/api-keys';
import { prismaAvailabilityRepository } from './repositories/availability';
import { prismaBlackoutRepository } from './repositories/blackouts';
import { prismaBookingRepository } from './repositories/bookings';
import { prismaCustomerRepository } from './repositories/customers';
import { prismaIntakeFieldRepository } from './repositories/intake-fields';
import { prismaReportRepository } from './repositories/reports';
import { prismaWaitlistRepository } from './repositories/waitlist';
import { prismaMemberRepository } from './repositories/members';
import { prismaOutboxRepository } from './repositories/outbox';
import { prismaProviderRepository } from './repositories/providers';
import { prismaScheduleRepository } from './repositories/schedules';
import { prismaServiceRepository } from './repositories/services';
import { prismaTenantRepository } from './repositories/tenant';
import { prismaWebhookRepository } from './repositories/webhooks';
import { withTenant, type Tx } from './with-tenant';

/** Every tenant repository bound to one transaction. New repositories are registered here. */
export function tenantRepositories(tx: Tx, tenantId: string): TenantRepositories {
  return {
    tenant: prismaTenantRepository(tx, tenantId),
    members: prismaMemberRepository(tx, tenantId),
    apiKeys: prismaApiKeyRepository(tx, tenantId),
    outbox: prismaOutboxRepository(tx, tenantId),
    services: prismaServiceRepository(tx, tenantId),
    providers: prismaProviderRepository(tx, tenantId),
    schedules: prismaScheduleRepository(tx, tenantId),
    blackouts: prismaBlackoutRepository(tx, tenantId),
    intakeFields: prismaIntakeFieldRepository(tx, tenantId),
    availability: prismaAvailabilityRepository(tx, tenantId),
    customers: prismaCustomerRepository(tx, tenantId),
    waitlist: prismaWaitlistRepository(tx, tenantId),
    reports: prismaReportRepository(tx, tenantId),
    bookings: prismaBookingRepository(tx, tenantId),
    webhooks: prismaWebhookRepository(tx, tenantId),
  };
}

export function prismaUnitOfWork(prisma: PrismaClient): UnitOfWork {
  return {
    run(tenantId, fn, opts) {
      return withTenant(prisma, tenantId, (tx) => fn(tenantRepositories(tx, tenantId)), opts);
    },
  };
}
