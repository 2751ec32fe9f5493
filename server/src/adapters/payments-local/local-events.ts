import { randomBytes } from 'node:crypto';
import type { GatewayEvent } from '../../ports/payment-gateway';

/**
 * The embedded default has no Stripe to send webhooks: the local adapters hand their events to
 * the same dispatch table the webhook endpoint uses, after the call that caused them returned
 * (as Stripe would), so the app's state still changes only through events.
 */
export interface LocalEventSink {
  connect(deliver: (event: GatewayEvent) => Promise<void>): void;
  emit(type: string, objectId: string, account?: string): void;
}

export function localEventSink(onError: (err: unknown) => void): LocalEventSink {
  let deliver: ((event: GatewayEvent) => Promise<void>) | undefined;
  return {
    connect(d) {
      deliver = d;
    },
    emit(type, objectId, account) {
      const event: GatewayEvent = {
        id: `evt_local_${randomBytes(12).toString('hex')}`,
        type,
        objectId,
        account: account ?? null,
        object: { id: objectId },
      };
      setImmediate(() => {
        deliver?.(event).catch(onError);
      });
    },
  };
}

export const localId = (prefix: string) => `${prefix}_local_${randomBytes(12).toString('hex')}`;
