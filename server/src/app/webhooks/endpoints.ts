import { randomBytes } from 'node:crypto';
import {
  MAX_WEBHOOK_ENDPOINTS,
  type createWebhookEndpointSchema,
  type updateWebhookEndpointSchema,
} from '@slotwise/contracts';
import type { z } from 'zod';
import { formatSecret } from '../../domain/webhooks/signature';
import type { PageRequest } from '../../ports/records';
import type { TenantRepositories } from '../../ports/repositories';
import type { WebhookEndpointRecord } from '../../ports/webhooks';
import { AppError, notFound, validationFailed } from '../errors';
import type { Principal } from '../principal';
import type { WebhookDeps } from './deps';
import type { PlanGate } from '../plans/gate';

type NewEndpoint = z.infer<typeof createWebhookEndpointSchema>;
type EndpointPatch = z.infer<typeof updateWebhookEndpointSchema>;

export async function existingEndpoint(
  r: TenantRepositories,
  id: string,
): Promise<WebhookEndpointRecord> {
  const ep = await r.webhooks.getEndpoint(id);
  if (!ep) throw notFound('Webhook endpoint');
  return ep;
}

/** Tenants' webhook endpoints: the secret is shown on create and rotate only, and kept encrypted. */
export function webhookEndpointService(
  deps: Pick<WebhookDeps, 'uow' | 'clock' | 'sender' | 'secrets'> & { plans?: PlanGate },
) {
  const { uow, clock, sender, secrets } = deps;

  async function checkUrl(url: string) {
    const refused = await sender.refuseUrl(url);
    if (refused)
      throw validationFailed(
        [{ path: 'body.url', message: `This URL cannot receive webhooks: ${refused}` }],
        `body.url: ${refused}`,
      );
  }
  const newSecret = () => formatSecret(randomBytes(24));

  return {
    list: (p: Principal, page: PageRequest) =>
      uow.run(p.tenantId, (r) => r.webhooks.listEndpoints(page)),
    get: (p: Principal, id: string) => uow.run(p.tenantId, (r) => existingEndpoint(r, id)),

    async create(p: Principal, input: NewEndpoint) {
      await checkUrl(input.url);
      const secret = newSecret();
      const endpoint = await uow.run(p.tenantId, async (r) => {
        await deps.plans?.requireFeature(r, 'webhooks');
        if ((await r.webhooks.countEndpoints()) >= MAX_WEBHOOK_ENDPOINTS) {
          throw new AppError(
            'conflict',
            `A business can have at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints`,
          );
        }
        return r.webhooks.createEndpoint({
          url: input.url,
          description: input.description,
          events: input.events,
          secretCiphertext: secrets.seal(secret),
        });
      });
      return { endpoint, secret };
    },

    async update(p: Principal, id: string, patch: EndpointPatch) {
      if (patch.url !== undefined) await checkUrl(patch.url);
      return uow.run(p.tenantId, async (r) => {
        await existingEndpoint(r, id);
        // Nothing resumes by itself on re-enabling, so nothing can overtake what a replay will send.
        if (patch.enabled === false)
          await r.webhooks.failPending(id, 'Endpoint disabled: Disabled by an admin');
        return r.webhooks.updateEndpoint(id, {
          ...(patch.url !== undefined ? { url: patch.url } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.events !== undefined ? { events: patch.events } : {}),
          // Re-enabling starts afresh: the 5-day failure clock restarts with the next failure.
          ...(patch.enabled === true
            ? { active: true, disabledReason: null, failingSince: null }
            : {}),
          ...(patch.enabled === false
            ? { active: false, disabledReason: 'Disabled by an admin' }
            : {}),
        });
      });
    },

    remove: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        if (!(await r.webhooks.deleteEndpoint(id))) throw notFound('Webhook endpoint');
      }),

    /** A new secret signs from now on; the old one also signs until the overlap ends. */
    async rotateSecret(p: Principal, id: string, overlapSeconds: number) {
      const secret = newSecret();
      const endpoint = await uow.run(p.tenantId, async (r) => {
        const ep = await existingEndpoint(r, id);
        return r.webhooks.updateEndpoint(id, {
          secretCiphertext: secrets.seal(secret),
          previousSecretCiphertext: overlapSeconds > 0 ? ep.secretCiphertext : null,
          previousSecretExpiresAt:
            overlapSeconds > 0 ? new Date(clock.now().getTime() + overlapSeconds * 1000) : null,
        });
      });
      return { endpoint, secret };
    },
  };
}
export type WebhookEndpointService = ReturnType<typeof webhookEndpointService>;
