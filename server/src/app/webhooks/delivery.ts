import { WEBHOOK_HEADERS } from '@slotwise/contracts';
import { DISABLE_AFTER_FAILING_MS, outcomeOf, retryDelayMs } from '../../domain/webhooks/schedule';
import { webhookSignature } from '../../domain/webhooks/signature';
import type { Job } from '../../ports/job-queue';
import type { WebhookDeliveryStatus, WebhookEndpointRecord } from '../../ports/webhooks';
import { queueDeliveries, type WebhookDeps } from './deps';
import { webhookEventsOf, type OutboxEvent } from './events';

/** Receivers get this long to answer. */
export const DELIVERY_TIMEOUT_MS = 15_000;
/** A claimed delivery is someone's for this long; a worker that dies mid-send gives it up then. */
export const LEASE_MS = DELIVERY_TIMEOUT_MS + 15_000;
/** The sweeper re-queues pending deliveries overdue by this much (their job was lost). */
export const SWEEP_GRACE_MS = 30_000;

/** Endpoint changes an attempt's outcome calls for, and whether it disabled the endpoint. */
function endpointAfter(
  ep: WebhookEndpointRecord,
  outcome: ReturnType<typeof outcomeOf>,
  now: Date,
) {
  if (outcome === 'succeeded')
    return ep.failingSince ? { patch: { failingSince: null }, disabled: false } : null;
  if (outcome === 'gone')
    return {
      patch: { active: false, disabledReason: 'The endpoint answered 410 Gone' },
      disabled: false,
    };
  const since = ep.failingSince ?? now;
  if (now.getTime() - since.getTime() >= DISABLE_AFTER_FAILING_MS) {
    return {
      patch: {
        active: false,
        failingSince: since,
        disabledReason: 'Every delivery failed for 5 days',
      },
      disabled: true,
    };
  }
  return ep.failingSince ? null : { patch: { failingSince: now }, disabled: false };
}

/**
 * The delivery pipeline: outbox event → one delivery row per subscribed endpoint → a queued try per
 * delivery → signed POST → attempt recorded, retried on the Standard Webhooks schedule. Rows in the
 * database are the truth (at-least-once): a lost job or a killed worker leaves a pending row that
 * the sweeper queues again, and receivers deduplicate on `webhook-id`.
 */
export function webhookDelivery(deps: WebhookDeps) {
  const { uow, clock, queue } = deps;

  /** Called by the outbox dispatcher, in outbox order, before the row is marked dispatched. */
  async function fanOut(row: OutboxEvent): Promise<void> {
    const { events, invalid } = webhookEventsOf(row);
    if (invalid.length)
      deps.warn?.('outbox payload does not fit the webhook catalogue; not sent', {
        outboxId: row.id,
        types: invalid,
      });
    if (events.length === 0) return;
    const now = clock.now();
    const refs = await uow.run(row.tenantId, async (r) => {
      const endpoints = await r.webhooks.subscribers(events.map((e) => e.event.type));
      return r.webhooks.addDeliveries(
        events.flatMap((e) =>
          endpoints
            .filter((ep) => ep.events.includes(e.event.type))
            .map((ep) => ({
              endpointId: ep.id,
              eventId: e.event.id,
              eventType: e.event.type,
              eventSeq: e.seq,
              orderKey: e.orderKey,
              payload: e.event as unknown as Record<string, unknown>,
              nextAttemptAt: now,
            })),
        ),
      );
    });
    await queueDeliveries(queue, row.tenantId, refs, 'new');
  }

  async function notifyDisabled(tenantId: string, ep: WebhookEndpointRecord) {
    const recipients = await uow.run(tenantId, async (r) => {
      const tenant = await r.tenant.get();
      if (tenant.email) return [tenant.email];
      const members = await r.members.list({ limit: 200 });
      return members.items.filter((m) => m.role === 'owner').map((m) => m.email);
    });
    for (const to of recipients) {
      await deps.mailer.send({
        tenantId,
        to,
        subject: 'A webhook endpoint was disabled',
        // One notice per recipient per outage: a retried job finds the key and sends nothing.
        deliveryKey: `webhook-disabled:${ep.id}:${ep.failingSince?.getTime() ?? 0}:${to}`,
        template: 'webhook.endpoint_disabled',
        text: [
          `Every delivery to ${ep.url} has failed for 5 days, so Slotwise stopped sending to it.`,
          '',
          'Fix the receiver, re-enable the endpoint in Settings → Webhooks, then use "Replay" to send',
          'everything it missed since the outage began.',
        ].join('\n'),
      });
    }
  }

  /** One try of one delivery (the queue's job). Does nothing unless the claim says it is its turn. */
  async function deliver(tenantId: string, deliveryId: string): Promise<void> {
    const now = clock.now();
    const claimed = await uow.run(tenantId, async (r) => {
      const d = await r.webhooks.claim(deliveryId, now, new Date(now.getTime() + LEASE_MS));
      if (!d) return null;
      const ep = await r.webhooks.getEndpoint(d.endpointId);
      if (!ep?.active) {
        await r.webhooks.releaseLease(d.id);
        return null;
      }
      return { d, ep };
    });
    if (!claimed) return;
    const { d, ep } = claimed;

    const secrets = [deps.secrets.open(ep.secretCiphertext)];
    if (
      ep.previousSecretCiphertext &&
      ep.previousSecretExpiresAt &&
      ep.previousSecretExpiresAt > now
    ) {
      secrets.push(deps.secrets.open(ep.previousSecretCiphertext));
    }
    const body = JSON.stringify(d.payload);
    // The wall clock, not the (possibly simulated) scheduling clock: receivers compare it with theirs.
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await deps.sender.send({
      url: ep.url,
      body,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Slotwise-Webhooks/1',
        [WEBHOOK_HEADERS.id]: d.eventId,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: webhookSignature({ id: d.eventId, timestamp, body, secrets }),
      },
    });

    const outcome = outcomeOf(res.status);
    const attempt = d.attempts + 1;
    const delay = outcome === 'failed' ? retryDelayMs(attempt) : null;
    const status: WebhookDeliveryStatus =
      outcome === 'succeeded' ? 'succeeded' : delay !== null ? 'pending' : 'failed';
    const error = res.error ?? (outcome === 'succeeded' ? null : `HTTP ${res.status}`);
    const change = endpointAfter(ep, outcome, now);
    await uow.run(tenantId, async (r) => {
      await r.webhooks.finishAttempt(
        d.id,
        {
          attempt,
          startedAt: now,
          durationMs: res.durationMs,
          responseStatus: res.status,
          responseExcerpt: res.excerpt,
          error,
        },
        {
          status,
          nextAttemptAt: delay !== null ? new Date(now.getTime() + delay) : null,
          deliveredAt: outcome === 'succeeded' ? clock.now() : null,
          lastError: error,
        },
      );
      if (change) await r.webhooks.updateEndpoint(ep.id, change.patch);
      if (change && 'disabledReason' in change.patch)
        await r.webhooks.failPending(ep.id, `Endpoint disabled: ${change.patch.disabledReason}`);
    });
    if (change?.disabled) await notifyDisabled(tenantId, ep);

    if (status === 'pending') {
      await queueDeliveries(queue, tenantId, [{ id: d.id, attempts: attempt }], 'retry', delay!);
    } else {
      // Its turn is over: the next event of the same booking on this endpoint may go.
      const next = await uow.run(tenantId, (r) => r.webhooks.successor(d));
      if (next) await queueDeliveries(queue, tenantId, [next], `after-${d.id}`);
    }
  }

  /** Queues pending deliveries whose job was lost (a killed worker, a flushed queue). */
  async function sweep(limit = 200): Promise<number> {
    const now = clock.now().getTime();
    const rows = await deps.stalled.find(new Date(now - SWEEP_GRACE_MS), limit);
    const window = Math.floor(now / SWEEP_GRACE_MS);
    for (const row of rows) await queueDeliveries(queue, row.tenantId, [row], `sweep${window}`);
    return rows.length;
  }

  const handler = async (job: Job) => {
    const { tenantId, deliveryId } = job.data as { tenantId?: string; deliveryId?: string };
    if (typeof tenantId === 'string' && typeof deliveryId === 'string')
      await deliver(tenantId, deliveryId);
  };

  return { fanOut, deliver, sweep, handler };
}
export type WebhookDelivery = ReturnType<typeof webhookDelivery>;
