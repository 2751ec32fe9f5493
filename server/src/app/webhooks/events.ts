import { webhookEventSchemas, type WebhookEvent, type WebhookEventType } from '@slotwise/contracts';

/** A committed outbox row, as the dispatcher reads it. */
import type { OutboxEvent } from '../../ports/outbox';

export type { OutboxEvent };

export interface OutgoingEvent {
  event: WebhookEvent;
  /** Deliveries with the same key keep their order on an endpoint (one booking's events). */
  orderKey: string;
  /** The outbox row's id: the order within a key. */
  seq: bigint;
}

/**
 * Outbox topic → the public event types it becomes. An approval is a confirmation with a reason to
 * be told apart, a decline a cancellation: both send the general event and the specific one.
 * A reassignment (other provider) is a reschedule whose `previous` shows the old provider.
 */
function typesOf(topic: string, action: unknown): WebhookEventType[] {
  switch (topic) {
    case 'booking.confirmed':
      return action === 'approve'
        ? ['booking.confirmed', 'booking.approved']
        : ['booking.confirmed'];
    case 'booking.cancelled':
      return action === 'decline'
        ? ['booking.cancelled', 'booking.declined']
        : ['booking.cancelled'];
    case 'booking.reassigned':
      return ['booking.rescheduled'];
    case 'booking.created':
    case 'booking.rescheduled':
    case 'booking.checked_in':
    case 'booking.completed':
    case 'booking.no_show':
    case 'customer.created':
    case 'customer.updated':
    case 'customer.erased':
    case 'waitlist.slot_available':
      return [topic];
    default:
      return [];
  }
}

function dataOf(type: WebhookEventType, p: Record<string, unknown>): unknown {
  if (type.startsWith('booking.')) {
    return {
      booking: {
        id: p.bookingId,
        code: p.code,
        status: p.status,
        serviceId: p.serviceId,
        providerId: p.providerId,
        customerId: p.customerId,
        start: p.start,
        end: p.end,
      },
      action: p.action,
      actor: p.actor,
      reason: p.reason ?? null,
      ...(type === 'booking.rescheduled' ? { previous: p.previous } : {}),
    };
  }
  // Customer and waitlist payloads are already the event's data; the schema keeps only its fields.
  return p;
}

function orderKeyOf(type: WebhookEventType, p: Record<string, unknown>, id: string): string {
  if (type.startsWith('booking.')) return `booking:${String(p.bookingId)}`;
  if (type.startsWith('customer.')) return `customer:${String(p.customerId)}`;
  return `event:${id}`;
}

/**
 * The webhook events of one outbox row. Each goes through its contract schema, which keeps only
 * the catalogue's fields: whatever else an outbox payload carries for other consumers (the manage
 * link of the confirmation email, internal flags) never leaves in a webhook. A row whose payload
 * does not fit (a bug upstream) yields nothing rather than an event that breaks the promise.
 */
export function webhookEventsOf(row: OutboxEvent): { events: OutgoingEvent[]; invalid: string[] } {
  const events: OutgoingEvent[] = [];
  const invalid: string[] = [];
  const types = typesOf(row.topic, row.payload.action);
  for (const [i, type] of types.entries()) {
    const id = i === 0 ? `evt_${row.id}` : `evt_${row.id}_${type.split('.')[1]}`;
    const parsed = webhookEventSchemas[type].safeParse({
      id,
      type,
      createdAt: row.createdAt.toISOString(),
      tenantId: row.tenantId,
      data: dataOf(type, row.payload),
    });
    if (!parsed.success) {
      invalid.push(type);
      continue;
    }
    events.push({
      event: parsed.data as WebhookEvent,
      orderKey: orderKeyOf(type, row.payload, id),
      seq: BigInt(row.id),
    });
  }
  return { events, invalid };
}

/** Every outbox topic that can become a webhook event (the replay reads only these). */
export const WEBHOOK_SOURCE_TOPICS = [
  'booking.created',
  'booking.confirmed',
  'booking.cancelled',
  'booking.reassigned',
  'booking.rescheduled',
  'booking.checked_in',
  'booking.completed',
  'booking.no_show',
  'customer.created',
  'customer.updated',
  'customer.erased',
  'waitlist.slot_available',
];
