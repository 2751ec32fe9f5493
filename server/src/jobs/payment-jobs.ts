import { everyInterval } from './recurring';
import type { Logger } from 'pino';
import { PAYMENT_EXPIRE_JOB, PAYMENT_EXPIRED_TOPIC } from '../app/payments/deps';
import type { PaymentService } from '../app/payments/payment-service';
import type { Job, JobHandler } from '../ports/job-queue';

const ids = (job: Job) => ({
  tenantId: String(job.data.tenantId),
  bookingId: String(job.data.bookingId),
});

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
export function paymentSweeper(deps: {
  payments: PaymentService;
  logger: Logger;
  intervalMs?: number;
}) {
  const interval = deps.intervalMs ?? 15_000;
  return everyInterval(interval, () => deps.payments.sweep(), deps.logger, 'payment sweep');
}
