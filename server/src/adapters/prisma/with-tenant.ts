import type { PrismaClient } from '../../generated/prisma/client';

/** The transaction client every repository of a request works through. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export interface TenantTxOptions {
  isolationLevel?: 'ReadCommitted' | 'RepeatableRead' | 'Serializable';
  timeoutMs?: number;
}

/**
 * Runs fn in an interactive transaction with app.tenant_id set for that transaction only, so
 * row-level security scopes every query in it, even one that forgets `where: { tenantId }`.
 * (Client extensions would not work here: they ignore surrounding transactions.)
 */
export function withTenant<T>(
  prisma: PrismaClient,
  tenantId: string,
  fn: (tx: Tx) => Promise<T>,
  opts: TenantTxOptions = {},
): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
      return fn(tx);
    },
    { isolationLevel: opts.isolationLevel, timeout: opts.timeoutMs ?? 15_000, maxWait: 10_000 },
  );
}
