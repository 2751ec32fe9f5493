import { generateOpenApi, WEBHOOK_EVENT_TYPES } from '@slotwise/contracts';
import { describe, expect, it } from 'vitest';
import { webhookEventsOf } from '../../src/app/webhooks/events';

const ids = {
  bookingId: '11111111-1111-4111-8111-111111111111',
  serviceId: '22222222-2222-4222-8222-222222222222',
  providerId: '33333333-3333-4333-8333-333333333333',
  customerId: '44444444-4444-4444-8444-444444444444',
};
const bookingPayload = (action: string, status: string) => ({
  ...ids,
  code: 'ABCD2345',
  status,
  action,
  start: '2030-01-08T10:00:00.000Z',
  end: '2030-01-08T11:00:00.000Z',
  actor: { type: 'user', id: 'u1' },
  manageUrl: 'https://book.example.com/manage/SECRET-TOKEN',
  overrideAvailability: true,
});
const row = (topic: string, payload: Record<string, unknown>, id = '42') => ({
  id,
  tenantId: '55555555-5555-4555-8555-555555555555',
  topic,
  payload,
  createdAt: new Date('2030-01-07T08:00:00Z'),
});

describe('outbox → webhook events', () => {
  it('keeps only the catalogue fields: the manage link and internal flags never leave', () => {
    const { events } = webhookEventsOf(row('booking.created', bookingPayload('create', 'pending')));
    expect(events).toHaveLength(1);
    const json = JSON.stringify(events[0]!.event);
    expect(json).not.toContain('SECRET-TOKEN');
    expect(json).not.toContain('overrideAvailability');
    expect(events[0]).toMatchObject({
      orderKey: `booking:${ids.bookingId}`,
      seq: 42n,
      event: {
        id: 'evt_42',
        type: 'booking.created',
        createdAt: '2030-01-07T08:00:00.000Z',
        data: { booking: { id: ids.bookingId, status: 'pending' }, reason: null },
      },
    });
  });

  it('an approval and a decline also send their specific event, after the general one', () => {
    expect(
      webhookEventsOf(row('booking.confirmed', bookingPayload('approve', 'confirmed'))).events.map(
        (e) => [e.event.id, e.event.type],
      ),
    ).toEqual([
      ['evt_42', 'booking.confirmed'],
      ['evt_42_approved', 'booking.approved'],
    ]);
    expect(
      webhookEventsOf(row('booking.cancelled', bookingPayload('decline', 'cancelled'))).events.map(
        (e) => e.event.type,
      ),
    ).toEqual(['booking.cancelled', 'booking.declined']);
    expect(
      webhookEventsOf(row('booking.confirmed', bookingPayload('confirm', 'confirmed'))).events.map(
        (e) => e.event.type,
      ),
    ).toEqual(['booking.confirmed']);
  });

  it('ignores topics outside the catalogue and refuses payloads that do not fit it', () => {
    expect(webhookEventsOf(row('booking.pending', bookingPayload('x', 'pending')))).toEqual({
      events: [],
      invalid: [],
    });
    expect(webhookEventsOf(row('booking.created', { bookingId: 'nope' }))).toEqual({
      events: [],
      invalid: ['booking.created'],
    });
  });
});

describe('OpenAPI', () => {
  it('documents every event type under x-webhooks with its envelope schema', () => {
    const doc = generateOpenApi() as unknown as {
      'x-webhooks': Record<
        string,
        { post: { requestBody: { content: { 'application/json': { schema: { $ref: string } } } } } }
      >;
      components: { schemas: Record<string, { required?: string[] }> };
    };
    expect(Object.keys(doc['x-webhooks']).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const type of WEBHOOK_EVENT_TYPES) {
      const ref = doc['x-webhooks'][type]!.post.requestBody.content['application/json'].schema.$ref;
      const schema = doc.components.schemas[ref.replace('#/components/schemas/', '')]!;
      expect(schema.required?.sort(), type).toEqual([
        'createdAt',
        'data',
        'id',
        'tenantId',
        'type',
      ]);
    }
  });
});

describe('the test-only setting', () => {
  it('refuses WEBHOOKS_ALLOW_LOOPBACK in production', async () => {
    const { loadConfig } = await import('../../src/config');
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 's'.repeat(40),
        PUBLIC_URL: 'https://book.example.com',
        WEBHOOKS_ALLOW_LOOPBACK: 'true',
      }),
    ).toThrow(/WEBHOOKS_ALLOW_LOOPBACK/);
    expect(
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40), PUBLIC_URL: 'https://book.example.com' }).WEBHOOKS_ALLOW_LOOPBACK,
    ).toBe(false);
  });
});
