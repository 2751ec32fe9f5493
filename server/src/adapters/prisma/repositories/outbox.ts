import type { OutboxRepository } from '../../../ports/repositories';
import type { Tx } from '../with-tenant';

export function prismaOutboxRepository(tx: Tx, tenantId: string): OutboxRepository {
  return {
    async add(topic, payload) {
      await tx.outboxEvent.create({ data: { tenantId, topic, payload: payload as object } });
    },
  };
}
