import { contract } from '@slotwise/contracts';
import type { WebhookDeliveryService } from '../../app/webhooks/deliveries';
import type { WebhookEndpointService } from '../../app/webhooks/endpoints';
import type {
  WebhookAttemptRecord,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
} from '../../ports/webhooks';
import { principalOf } from '../context';
import { iso, isoOrNull, page } from '../presenters';
import { s } from '../server';

/** Secrets (encrypted or not) never leave: the clear one is in the create/rotate response only. */
export const webhookEndpointDto = (e: WebhookEndpointRecord) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  events: e.events,
  enabled: e.active,
  disabledReason: e.disabledReason,
  failingSince: isoOrNull(e.failingSince),
  secretRotationEndsAt: e.previousSecretCiphertext ? isoOrNull(e.previousSecretExpiresAt) : null,
  createdAt: iso(e.createdAt),
  updatedAt: iso(e.updatedAt),
});

export const webhookDeliveryDto = (d: WebhookDeliveryRecord) => ({
  id: d.id,
  endpointId: d.endpointId,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.status === 'pending' ? isoOrNull(d.nextAttemptAt) : null,
  responseStatus: d.responseStatus,
  lastError: d.lastError,
  deliveredAt: isoOrNull(d.deliveredAt),
  createdAt: iso(d.createdAt),
});

const attemptDto = (a: WebhookAttemptRecord) => ({ ...a, startedAt: iso(a.startedAt) });

export function webhookEndpointsRouter(
  endpoints: WebhookEndpointService,
  deliveries: WebhookDeliveryService,
) {
  return s.router(contract.admin.webhookEndpoints, {
    list: async ({ query, req }) => ({
      status: 200,
      body: page(await endpoints.list(principalOf(req), query), webhookEndpointDto),
    }),
    create: async ({ body, req }) => {
      const r = await endpoints.create(principalOf(req), body);
      return { status: 201, body: { endpoint: webhookEndpointDto(r.endpoint), secret: r.secret } };
    },
    get: async ({ params, req }) => ({
      status: 200,
      body: webhookEndpointDto(await endpoints.get(principalOf(req), params.id)),
    }),
    update: async ({ params, body, req }) => ({
      status: 200,
      body: webhookEndpointDto(await endpoints.update(principalOf(req), params.id, body)),
    }),
    delete: async ({ params, req }) => {
      await endpoints.remove(principalOf(req), params.id);
      return { status: 204, body: undefined };
    },
    rotateSecret: async ({ params, body, req }) => {
      const r = await endpoints.rotateSecret(principalOf(req), params.id, body.overlapSeconds);
      return { status: 200, body: { endpoint: webhookEndpointDto(r.endpoint), secret: r.secret } };
    },
    sendTest: async ({ params, req }) => ({
      status: 202,
      body: webhookDeliveryDto(await deliveries.sendTest(principalOf(req), params.id)),
    }),
    replay: async ({ params, body, req }) => ({
      status: 202,
      body: await deliveries.replay(principalOf(req), params.id, new Date(body.since)),
    }),
  });
}

export function webhookDeliveriesRouter(deliveries: WebhookDeliveryService) {
  return s.router(contract.admin.webhookDeliveries, {
    list: async ({ query, req }) => {
      const { endpointId, status, ...pg } = query;
      return {
        status: 200,
        body: page(
          await deliveries.list(principalOf(req), { endpointId, status }, pg),
          webhookDeliveryDto,
        ),
      };
    },
    get: async ({ params, req }) => {
      const r = await deliveries.get(principalOf(req), params.id);
      return {
        status: 200,
        body: {
          ...webhookDeliveryDto(r.delivery),
          payload: r.delivery.payload,
          attemptLog: r.attempts.map(attemptDto),
        },
      };
    },
    redeliver: async ({ params, req }) => ({
      status: 202,
      body: webhookDeliveryDto(await deliveries.redeliver(principalOf(req), params.id)),
    }),
  });
}
