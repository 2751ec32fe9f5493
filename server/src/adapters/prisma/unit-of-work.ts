import type { TenantRepositories, UnitOfWork, UnitOfWorkOptions } from '../../ports/repositories';
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
import { prismaResourceRepository } from './repositories/resources';
import { prismaLocationRepository } from './repositories/locations';
import { prismaScheduleRepository } from './repositories/schedules';
import { prismaServiceRepository } from './repositories/services';
import { prismaTenantRepository } from './repositories/tenant';
import { prismaWebhookRepository } from './repositories/webhooks';
import { prismaPaymentRepository } from './repositories/payments';
import { prismaBillingRepository } from './repositories/billing';
import { withTenant, type Tx } from './with-tenant';
import { holdOpen, pendingCompletion } from '../postgres/idempotent-commit';

/** Every tenant repository bound to one transaction. New repositories are registered here. */
export function tenantRepositories(tx: Tx, tenantId: string): TenantRepositories {
  return {
    tenant: prismaTenantRepository(tx, tenantId),
    members: prismaMemberRepository(tx, tenantId),
    apiKeys: prismaApiKeyRepository(tx, tenantId),
    outbox: prismaOutboxRepository(tx, tenantId),
    services: prismaServiceRepository(tx, tenantId),
    providers: prismaProviderRepository(tx, tenantId),
    resources: prismaResourceRepository(tx, tenantId),
    locations: prismaLocationRepository(tx, tenantId),
    schedules: prismaScheduleRepository(tx, tenantId),
    blackouts: prismaBlackoutRepository(tx, tenantId),
    intakeFields: prismaIntakeFieldRepository(tx, tenantId),
    availability: prismaAvailabilityRepository(tx, tenantId),
    customers: prismaCustomerRepository(tx, tenantId),
    waitlist: prismaWaitlistRepository(tx, tenantId),
    reports: prismaReportRepository(tx, tenantId),
    bookings: prismaBookingRepository(tx, tenantId),
    webhooks: prismaWebhookRepository(tx, tenantId),
    payments: prismaPaymentRepository(tx, tenantId),
    billing: prismaBillingRepository(tx, tenantId),
  };
}

/**
 * In a request with an Idempotency-Key, the first transaction stays open until the response is
 * known and commits it with the effect; later units of work of the request join it
 * (idempotent-commit.ts, ADR 0008).
 */
export function prismaUnitOfWork(prisma: PrismaClient): UnitOfWork {
  return {
    run<T>(tenantId: string, fn: (repos: TenantRepositories) => Promise<T>, opts?: UnitOfWorkOptions): Promise<T> {
      return requestTransaction(prisma, tenantId, (tx) => fn(tenantRepositories(tx, tenantId)), opts);
    },
  };
}

/**
 * The request's transaction for `work`: its own one, or with an Idempotency-Key the held one
 * (opened here if none is held yet, joined in a savepoint if one is) — also the booking write's
 * (booking-store.ts), so the payment prepared after it sees the booking.
 */
export function requestTransaction<T>(
  prisma: PrismaClient,
  tenantId: string,
  work: (tx: Tx) => Promise<T>,
  opts?: UnitOfWorkOptions,
): Promise<T> {
  const p = pendingCompletion();
  if (!p) return withTenant(prisma, tenantId, work, opts);
  if (p.held) {
    return p.held.join && p.held.tenantId === tenantId
      ? p.held.join((tx) => work(tx as Tx))
      : withTenant(prisma, tenantId, work, opts);
  }
  return holdOpen<Tx, T>(
    p,
    {
      tenantId,
      transaction: (body) => withTenant(prisma, tenantId, body, opts),
      exec: (tx, w) => tx.$executeRawUnsafe(w.text, ...w.values),
      claim: (tx, c) => tx.$queryRawUnsafe(c.text, ...c.values),
      savepoint: (tx, step) =>
        tx.$executeRawUnsafe(
          step === 'begin' ? 'SAVEPOINT uow_join' : step === 'release' ? 'RELEASE SAVEPOINT uow_join' : 'ROLLBACK TO SAVEPOINT uow_join',
        ),
    },
    work,
  );
}
