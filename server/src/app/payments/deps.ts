import type { Clock } from '../../ports/clock';
import type { JobQueue } from '../../ports/job-queue';
import type { PaymentGateway } from '../../ports/payment-gateway';
import type { PaymentSweepSource, ProcessedEvents } from '../../ports/payments';
import type { UnitOfWork } from '../../ports/repositories';
import type { PlanGate } from '../plans/gate';

/** What the payment use cases need, wired at the composition root. */
export interface PaymentDeps {
  uow: UnitOfWork;
  gateway: PaymentGateway;
  clock: Clock;
  queue: JobQueue;
  sweep: PaymentSweepSource;
  events: ProcessedEvents;
  /** PAYMENT_HOLD_MINUTES */
  holdMinutes: number;
  /** PLATFORM_FEE_BPS: application_fee_amount of Connect destination charges. */
  platformFeeBps: number;
  /** STRIPE_PUBLISHABLE_KEY: for tenants without their own. */
  platformPublishableKey: string | null;
  publicUrl: string;
  /** Tenant plans: taking a payment needs the plan's 'payments' feature (absent: no plans). */
  plans?: PlanGate;
  warn: (msg: string, data?: Record<string, unknown>) => void;
}

/** A booking's hold is checked again (and expired) when this job runs, hold + a second later. */
export const PAYMENT_EXPIRE_JOB = 'payments.expire-hold';
/** Outbox topic of a hold that booking_create expired in SQL: the job voids its intent. */
export const PAYMENT_EXPIRED_TOPIC = 'booking.payment_expired';
/** Outbox topic for the customer's "please pay" email (rendered by the messaging module). */
export const PAYMENT_REQUIRED_TOPIC = 'booking.payment_required';

/** The gateway idempotency key of an operation: deterministic, so a retry is the same request. */
export const gatewayKey = (operationKey: string) => `slotwise:${operationKey}`;

export const systemActor = { actorType: 'system' as const, actorId: null };
