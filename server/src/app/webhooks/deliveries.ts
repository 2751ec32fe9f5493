import { randomUUID } from 'node:crypto';
import type { PageRequest } from '../../ports/records';
import type { WebhookDeliveryStatus } from '../../ports/webhooks';
import { AppError, notFound, validationFailed } from '../errors';
import type { Principal } from '../principal';
import { queueDeliveries, type WebhookDeps } from './deps';
import { existingEndpoint } from './endpoints';
import { WEBHOOK_SOURCE_TOPICS, webhookEventsOf } from './events';

/** How far back a replay may reach, and how many events it takes at most. */
export const REPLAY_MAX_DAYS = 30;
export const REPLAY_MAX_EVENTS = 10_000;

function enabledOrConflict(ep: { active: boolean }) {
  if (!ep.active) throw new AppError('conflict', 'This endpoint is disabled; enable it first');
}

/** The delivery log and what an admin does with it: redeliver, test, replay after an outage. */
export function webhookDeliveryService(deps: Pick<WebhookDeps, 'uow' | 'clock' | 'queue'>) {
  const { uow, clock, queue } = deps;
  return {
    list: (
      p: Principal,
      filter: { endpointId?: string; status?: WebhookDeliveryStatus },
      page: PageRequest,
    ) => uow.run(p.tenantId, (r) => r.webhooks.listDeliveries(filter, page)),

    get: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        const delivery = await r.webhooks.getDelivery(id);
        if (!delivery) throw notFound('Webhook delivery');
        return { delivery, attempts: await r.webhooks.attempts(id) };
      }),

    /** Same event, same webhook-id: a receiver that already has it can tell. */
    async redeliver(p: Principal, id: string) {
      const now = clock.now();
      const { delivery, refs } = await uow.run(p.tenantId, async (r) => {
        const d = await r.webhooks.getDelivery(id);
        if (!d) throw notFound('Webhook delivery');
        enabledOrConflict(await existingEndpoint(r, d.endpointId));
        const refs = await r.webhooks.requeue([id], now);
        return { delivery: (await r.webhooks.getDelivery(id))!, refs };
      });
      await queueDeliveries(queue, p.tenantId, refs, `re${now.getTime()}`);
      return delivery;
    },

    async sendTest(p: Principal, endpointId: string) {
      const now = clock.now();
      const eventId = `evt_test_${randomUUID().replace(/-/g, '')}`;
      const { delivery, refs } = await uow.run(p.tenantId, async (r) => {
        enabledOrConflict(await existingEndpoint(r, endpointId));
        const payload = {
          id: eventId,
          type: 'webhook.test',
          createdAt: now.toISOString(),
          tenantId: p.tenantId,
          data: { message: 'This is a test event from Slotwise.' },
        };
        const refs = await r.webhooks.addDeliveries([
          {
            endpointId,
            eventId,
            eventType: 'webhook.test',
            eventSeq: 0n,
            orderKey: `event:${eventId}`,
            payload,
            nextAttemptAt: now,
          },
        ]);
        return { delivery: (await r.webhooks.getDelivery(refs[0]!.id))!, refs };
      });
      await queueDeliveries(queue, p.tenantId, refs, 'test');
      return delivery;
    },

    /**
     * Everything the endpoint subscribes to since `since` that it has not acknowledged goes out
     * again, in the original order: events it never got a delivery for (it was disabled) are
     * fanned out from the outbox, failed and pending ones start a fresh retry schedule. What it
     * acknowledged (2xx) is not sent twice. A disabled endpoint is enabled again by it.
     */
    async replay(p: Principal, endpointId: string, since: Date) {
      const now = clock.now();
      if (now.getTime() - since.getTime() > REPLAY_MAX_DAYS * 86_400_000) {
        throw validationFailed([
          { path: 'body.since', message: `At most ${REPLAY_MAX_DAYS} days back` },
        ]);
      }
      const refs = await uow.run(p.tenantId, async (r) => {
        const ep = await existingEndpoint(r, endpointId);
        // Re-enabling in the same transaction: an event fanned out after it commits has a later
        // outbox id than everything replayed, so it waits behind them instead of overtaking.
        if (!ep.active)
          await r.webhooks.updateEndpoint(endpointId, {
            active: true,
            disabledReason: null,
            failingSince: null,
          });
        const rows = await r.webhooks.outboxSince(WEBHOOK_SOURCE_TOPICS, since, REPLAY_MAX_EVENTS);
        const missing = rows.flatMap((row) =>
          webhookEventsOf({ ...row, tenantId: p.tenantId })
            .events.filter((e) => ep.events.includes(e.event.type))
            .map((e) => ({
              endpointId,
              eventId: e.event.id,
              eventType: e.event.type,
              eventSeq: e.seq,
              orderKey: e.orderKey,
              payload: e.event as unknown as Record<string, unknown>,
              nextAttemptAt: now,
            })),
        );
        await r.webhooks.addDeliveries(missing);
        return r.webhooks.requeue(await r.webhooks.unacknowledgedSince(endpointId, since), now);
      });
      await queueDeliveries(queue, p.tenantId, refs, `rp${now.getTime()}`);
      return { queued: refs.length };
    },
  };
}
export type WebhookDeliveryService = ReturnType<typeof webhookDeliveryService>;
