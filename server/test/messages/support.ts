import type { TestApp } from '../support/test-app';
import { ownerQuery } from '../bookings/fixtures';

/**
 * Runs the outbox through the real job handlers, in outbox order, until nothing is left: what the
 * dispatcher and queue do, without their timers, so a test decides when events are handled.
 */
export async function drainOutbox(app: TestApp): Promise<number> {
  let n = 0;
  for (;;) {
    const rows = await ownerQuery<{
      id: string;
      tenant_id: string;
      topic: string;
      payload: Record<string, unknown>;
      created_at: Date;
    }>(
      app,
      'SELECT id::text, tenant_id, topic, payload, created_at FROM outbox_events WHERE dispatched_at IS NULL ORDER BY id',
    );
    if (!rows.length) return n;
    for (const r of rows) {
      const h = app.system.jobs.handlers[r.topic];
      if (h)
        await h({
          id: `outbox-${r.id}`,
          name: r.topic,
          data: {
            ...r.payload,
            tenantId: r.tenant_id,
            eventId: `evt_${r.id}`,
            occurredAt: r.created_at.toISOString(),
          },
          attempt: 1,
        });
      await ownerQuery(
        app,
        'UPDATE outbox_events SET dispatched_at = now() WHERE id = $1::bigint',
        [r.id],
      );
      n++;
    }
  }
}

export interface LoggedMessage {
  to: string;
  template: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  delivery_key: string;
  booking_id: string | null;
  status: string;
}

export const messagesOf = (app: TestApp, tenantId: string) =>
  ownerQuery<LoggedMessage>(
    app,
    `SELECT "to", template, subject, text_body, html_body, delivery_key, booking_id, status
       FROM email_messages WHERE tenant_id = $1 ORDER BY created_at, delivery_key`,
    [tenantId],
  );
