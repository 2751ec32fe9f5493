import type { WebhookEventType } from '@slotwise/contracts';
import type { WebhookDelivery, WebhookEndpoint } from '../../../generated/prisma/client';
import type {
  WebhookDeliveryRecord,
  WebhookDeliveryStatus,
  WebhookEndpointRecord,
  WebhookRepository,
} from '../../../ports/webhooks';
import { keyset, toPage } from '../pagination';
import type { Tx } from '../with-tenant';

const toEndpoint = (e: WebhookEndpoint): WebhookEndpointRecord => ({
  id: e.id,
  tenantId: e.tenantId,
  url: e.url,
  description: e.description,
  events: e.events as WebhookEventType[],
  active: e.active,
  disabledReason: e.disabledReason,
  failingSince: e.failingSince,
  secretCiphertext: e.secretCiphertext,
  previousSecretCiphertext: e.previousSecretCiphertext,
  previousSecretExpiresAt: e.previousSecretExpiresAt,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

const toDelivery = (d: WebhookDelivery): WebhookDeliveryRecord => ({
  id: d.id,
  tenantId: d.tenantId,
  endpointId: d.endpointId,
  eventId: d.eventId,
  eventType: d.eventType,
  eventSeq: d.eventSeq,
  orderKey: d.orderKey,
  payload: d.payload as Record<string, unknown>,
  status: d.status as WebhookDeliveryStatus,
  attempts: d.attempts,
  nextAttemptAt: d.nextAttemptAt,
  responseStatus: d.responseStatus,
  lastError: d.lastError,
  deliveredAt: d.deliveredAt,
  createdAt: d.createdAt,
});

/** Raw rows of webhook_deliveries (claim's RETURNING) in Prisma's field names. */
interface DeliveryRow {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  event_seq: bigint;
  order_key: string;
  payload: Record<string, unknown>;
  status: string;
  attempts: number;
  next_attempt_at: Date | null;
  response_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

const fromRow = (r: DeliveryRow): WebhookDeliveryRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  endpointId: r.endpoint_id,
  eventId: r.event_id,
  eventType: r.event_type,
  eventSeq: BigInt(r.event_seq),
  orderKey: r.order_key,
  payload: r.payload,
  status: r.status as WebhookDeliveryStatus,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  responseStatus: r.response_status,
  lastError: r.last_error,
  deliveredAt: r.delivered_at,
  createdAt: r.created_at,
});

export function prismaWebhookRepository(tx: Tx, tenantId: string): WebhookRepository {
  return {
    async listEndpoints(page) {
      const k = keyset(page, 'desc');
      const rows = await tx.webhookEndpoint.findMany({
        where: { tenantId, ...k.where },
        orderBy: k.orderBy,
        take: k.take,
      });
      return toPage(rows, page.limit, toEndpoint);
    },
    countEndpoints: () => tx.webhookEndpoint.count({ where: { tenantId } }),
    async getEndpoint(id) {
      const e = await tx.webhookEndpoint.findFirst({ where: { tenantId, id } });
      return e ? toEndpoint(e) : null;
    },
    async subscribers(types) {
      const rows = await tx.webhookEndpoint.findMany({
        where: { tenantId, active: true, events: { hasSome: types } },
        orderBy: { createdAt: 'asc' },
      });
      return rows.map(toEndpoint);
    },
    async createEndpoint(input) {
      return toEndpoint(await tx.webhookEndpoint.create({ data: { tenantId, ...input } }));
    },
    async updateEndpoint(id, patch) {
      return toEndpoint(
        await tx.webhookEndpoint.update({ where: { tenantId_id: { tenantId, id } }, data: patch }),
      );
    },
    async deleteEndpoint(id) {
      const { count } = await tx.webhookEndpoint.deleteMany({ where: { tenantId, id } });
      return count > 0;
    },

    async addDeliveries(rows) {
      if (rows.length === 0) return [];
      await tx.webhookDelivery.createMany({
        data: rows.map((r) => ({ tenantId, ...r, payload: r.payload as object })),
        skipDuplicates: true,
      });
      const found = await tx.webhookDelivery.findMany({
        where: {
          tenantId,
          status: 'pending',
          OR: rows.map((r) => ({ endpointId: r.endpointId, eventId: r.eventId })),
        },
        select: { id: true, attempts: true },
        orderBy: [{ eventSeq: 'asc' }, { eventId: 'asc' }],
      });
      return found;
    },
    async listDeliveries(filter, page) {
      const k = keyset(page, 'desc');
      const rows = await tx.webhookDelivery.findMany({
        where: { tenantId, ...filter, ...k.where },
        orderBy: k.orderBy,
        take: k.take,
      });
      return toPage(rows, page.limit, toDelivery);
    },
    async getDelivery(id) {
      const d = await tx.webhookDelivery.findFirst({ where: { tenantId, id } });
      return d ? toDelivery(d) : null;
    },
    async attempts(deliveryId) {
      return tx.webhookDeliveryAttempt.findMany({
        where: { tenantId, deliveryId },
        orderBy: [{ startedAt: 'asc' }, { attempt: 'asc' }],
        select: {
          attempt: true,
          startedAt: true,
          durationMs: true,
          responseStatus: true,
          responseExcerpt: true,
          error: true,
        },
      });
    },
    async claim(id, now, leaseUntil) {
      const rows = await tx.$queryRaw<DeliveryRow[]>`
        UPDATE webhook_deliveries d SET locked_until = ${leaseUntil}, updated_at = ${now}
        WHERE d.tenant_id = ${tenantId}::uuid AND d.id = ${id}::uuid AND d.status = 'pending'
          AND d.next_attempt_at <= ${now} AND (d.locked_until IS NULL OR d.locked_until <= ${now})
          AND NOT EXISTS (
            SELECT 1 FROM webhook_deliveries p
            WHERE p.tenant_id = d.tenant_id AND p.endpoint_id = d.endpoint_id AND p.order_key = d.order_key
              AND p.status = 'pending' AND (p.event_seq, p.event_id) < (d.event_seq, d.event_id))
          AND NOT EXISTS (
            SELECT 1 FROM outbox_events o
            WHERE o.dispatched_at IS NULL AND o.tenant_id = d.tenant_id AND o.id < d.event_seq)
        RETURNING d.*`;
      return rows[0] ? fromRow(rows[0]) : null;
    },
    async finishAttempt(id, attempt, next) {
      await tx.webhookDeliveryAttempt.create({ data: { tenantId, deliveryId: id, ...attempt } });
      // Only a delivery still pending: one failed meanwhile (its endpoint was disabled) stays failed,
      // so nothing resumes on re-enabling ahead of a replay.
      await tx.webhookDelivery.updateMany({
        where: { tenantId, id, status: 'pending' },
        data: {
          ...next,
          attempts: { increment: 1 },
          responseStatus: attempt.responseStatus,
          lockedUntil: null,
          updatedAt: attempt.startedAt,
        },
      });
    },
    async releaseLease(id) {
      await tx.webhookDelivery.updateMany({ where: { tenantId, id }, data: { lockedUntil: null } });
    },
    async failPending(endpointId, error) {
      await tx.webhookDelivery.updateMany({
        where: { tenantId, endpointId, status: 'pending' },
        data: { status: 'failed', lastError: error, nextAttemptAt: null },
      });
    },
    async successor(d) {
      return tx.webhookDelivery.findFirst({
        where: {
          tenantId,
          endpointId: d.endpointId,
          orderKey: d.orderKey,
          status: 'pending',
          id: { not: d.id },
        },
        orderBy: [{ eventSeq: 'asc' }, { eventId: 'asc' }],
        select: { id: true, attempts: true },
      });
    },
    async requeue(ids, at) {
      if (ids.length === 0) return [];
      await tx.webhookDelivery.updateMany({
        where: { tenantId, id: { in: ids } },
        data: {
          status: 'pending',
          attempts: 0,
          nextAttemptAt: at,
          lockedUntil: null,
          updatedAt: at,
        },
      });
      return tx.webhookDelivery.findMany({
        where: { tenantId, id: { in: ids } },
        select: { id: true, attempts: true },
        orderBy: [{ eventSeq: 'asc' }, { eventId: 'asc' }],
      });
    },
    async unacknowledgedSince(endpointId, since) {
      const rows = await tx.webhookDelivery.findMany({
        where: { tenantId, endpointId, createdAt: { gte: since }, status: { not: 'succeeded' } },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },
    async outboxSince(topics, since, limit) {
      const rows = await tx.outboxEvent.findMany({
        where: { tenantId, topic: { in: topics }, createdAt: { gte: since } },
        orderBy: { id: 'asc' },
        take: limit,
      });
      return rows.map((r) => ({
        id: String(r.id),
        topic: r.topic,
        payload: r.payload as Record<string, unknown>,
        createdAt: r.createdAt,
      }));
    },
  };
}
