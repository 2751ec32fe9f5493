import type { Logger } from 'pino';
import { PAYMENT_EXPIRE_JOB, PAYMENT_EXPIRED_TOPIC } from '../app/payments/deps';
import type { PaymentService } from '../app/payments/payment-service';
import type { Job, JobHandler } from '../ports/job-queue';

const ids = (job: Job) => ({ tenantId: String(job.data.tenantId), bookingId: String(job.data.bookingId) });

/** Job handlers of payments: a hold's expiry, and voiding the intent of a hold booking_create expired. */
export function paymentJobHandlers(payments: PaymentService): Record<string, JobHandler> {
  return {
    [PAYMENT_EXPIRE_JOB]: async (job) => {
      const { tenantId, bookingId } = ids(job);
      await payments.expire(tenantId, bookingId);
    },
    [PAYMENT_EXPIRED_TOPIC]: async (job) => {
      const { tenantId, bookingId } = ids(job);
      await payments.voidIntent(tenantId, bookingId);
    },
  };
}

/**
 * Every few seconds: holds past their expiry whose job was lost, and money operations a crash left
 * pending (re-run with the same idempotency key). Availability and the booking write never wait
 * for it: both treat an expired hold as free on their own.
 */
export function paymentSweeper(deps: { payments: PaymentService; logger: Logger; intervalMs?: number }) {
  const interval = deps.intervalMs ?? 15_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let running: Promise<unknown> = Promise.resolve();
  const loop = async () => {
    if (stopped) return;
    running = deps.payments.sweep().catch((err) => deps.logger.warn({ err }, 'payment sweep failed'));
    await running;
    if (!stopped) {
      timer = setTimeout(loop, interval);
      timer.unref();
    }
  };
  return {
    start() {
      stopped = false;
      void loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
