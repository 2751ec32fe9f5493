import { StoreRefusal } from '../../ports/errors';
import type { PrismaClient } from '../../generated/prisma/client';
import { inputErrorOf, isSerializationFailure } from '../postgres/sql-errors';

/** The transaction client every repository of a request works through. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

const MAX_ATTEMPTS = 4;

export interface TenantTxOptions {
  isolationLevel?: 'ReadCommitted' | 'RepeatableRead' | 'Serializable';
  timeoutMs?: number;
}

/**
 * Runs fn in an interactive transaction with app.tenant_id set for that transaction only, so
 * row-level security scopes every query in it, even one that forgets `where: { tenantId }`.
 * (Client extensions would not work here: they ignore surrounding transactions.)
 */
export async function withTenant<T>(
  prisma: PrismaClient,
  tenantId: string,
  fn: (tx: Tx) => Promise<T>,
  opts: TenantTxOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
          return fn(tx);
        },
        { isolationLevel: opts.isolationLevel, timeout: opts.timeoutMs ?? 15_000, maxWait: 10_000 },
      );
    } catch (err) {
      // PostgreSQL aborted the whole transaction (serialization failure or deadlock), so running
      // fn again is safe and is what the database asks for; a lasting race becomes a clean 409.
      if (!isSerializationFailure(err)) throw inputErrorOf(err) ?? err;
      if (attempt >= MAX_ATTEMPTS) throw new StoreRefusal('contention', 'The data changed while this request ran; retry it');
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20 * attempt));
    }
  }
}
