import type { Clock } from '../../ports/clock';
import type { JobQueue } from '../../ports/job-queue';
import type { Mailer } from '../../ports/mailer';
import type { UnitOfWork } from '../../ports/repositories';
import type {
  DeliveryRef,
  SecretBox,
  StalledDeliveries,
  WebhookSender,
} from '../../ports/webhooks';

export interface WebhookDeps {
  uow: UnitOfWork;
  clock: Clock;
  sender: WebhookSender;
  secrets: SecretBox;
  queue: JobQueue;
  mailer: Mailer;
  stalled: StalledDeliveries;
  warn?: (msg: string, data: Record<string, unknown>) => void;
}

export const WEBHOOK_DELIVER_JOB = 'webhooks.deliver';

/**
 * Queues a try of each delivery. The job id names the delivery, its attempt count and why it is
 * queued, so the same reason never queues it twice while a new reason (a retry, the predecessor
 * finishing, a redelivery, the sweeper's next window) always can. Whether the try does anything
 * is decided by the claim in the database, never by the queue.
 */
export async function queueDeliveries(
  queue: JobQueue,
  tenantId: string,
  refs: DeliveryRef[],
  why: string,
  delayMs?: number,
) {
  for (const r of refs) {
    await queue.enqueue(
      WEBHOOK_DELIVER_JOB,
      { tenantId, deliveryId: r.id },
      { jobId: `whd-${r.id}-${r.attempts}-${why}`, delayMs },
    );
  }
}
