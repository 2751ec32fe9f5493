import { MonthlyCapReached } from '../../ports/plans';
import { noPlanGate } from '../plans/gate';
import { randomUUID } from 'node:crypto';
import type { BookingSource, IntakeValue } from '@slotwise/contracts';
import { generateConfirmationCode, hashToken } from '../../domain/booking/confirmation-code';
import { matchCustomer } from '../../domain/booking/customer-match';
import { money, percentOf } from '../../domain/money';
import { amountDueAtBooking, needsPaymentAtBooking } from '../../domain/payments/policy';
import { PAYMENT_REQUIRED_TOPIC } from '../payments/deps';
import { paymentDueAtBooking } from '../payments/amounts';
import type { PaymentView } from '../payments/checkout';
import { DAY_MS, MINUTE_MS } from '../../domain/time';
import type {
  BookingRecord,
  IntakeAnswerRecord,
  LocationRecord,
  ServiceRecord,
  TenantRecord,
} from '../../ports/records';
import {
  ConfirmationCodeTaken,
  CustomerChanged,
  ScheduleChanged,
  SlotTaken,
  type BookingSnapshot,
  type NewBooking,
} from '../../ports/repositories';
import { AppError, notFound, validationFailed } from '../errors';
import { changeRows, customerActor, type Actor } from './audit';
import type { BookingDeps } from './deps';
import { customerIdentity, normalizePhone } from './customer-identity';
import { checkIntakeAnswers } from './intake';
import { chooseProviders, classSessionKey, slotUnavailable, type SlotChoice } from './slot-choice';
import { atLocation } from '../availability/at-location';
import { StaleTenant } from './public-tenants';

export interface NewBookingRequest {
  serviceId: string;
  /** null: any free provider. */
  providerId: string | null;
  /** The location the customer chose: only providers working there are candidates. */
  locationId?: string;
  start: string;
  customer: { name: string; email?: string; phone?: string; smsOptIn?: boolean };
  timeZone: string;
  notes: string;
  answers: Record<string, IntakeValue>;
  /** The language the customer booked in; the business's when omitted. */
  language?: 'en' | 'es' | 'fr';
}

export interface CreateOptions {
  source: BookingSource;
  /** Staff only: book outside availability (never over another booking). */
  overrideAvailability: boolean;
  staffNotes: string;
  /** Staff who booked; null when the customer did. */
  actor: Actor | null;
  /**
   * The business came from the cache of public-tenants.ts under this slug: the read must still
   * show it under that slug, or StaleTenant is thrown before anything is written.
   */
  cachedSlug?: string;
}

export interface CreatedBooking {
  booking: BookingRecord;
  manageToken: string;
  manageUrl: string;
  /** A pending_payment booking's payment (null when it could not be prepared yet: retry via the manage link). */
  payment?: PaymentView | null;
  /** Where the visit takes place (public confirmations show it); null: no location. */
  location?: LocationRecord | null;
  /** The booked provider's location as the snapshot read it (the booking's trigger records the same). */
  providerLocationId?: string | null;
}

const CODE_ATTEMPTS = 5;
/** Reads and decisions made again when the customer chosen as new was created meanwhile. */
const DECIDE_ATTEMPTS = 3;

export function depositCents(
  service: Pick<ServiceRecord, 'deposit' | 'priceCents' | 'currency'> &
    Partial<Pick<ServiceRecord, 'paymentPolicy'>>,
): number {
  const policy = service.paymentPolicy;
  // With a payment policy, the deposit is what the policy takes at booking (the price when in full).
  if (policy && policy.mode !== 'none' && policy.mode !== 'card_on_file')
    return amountDueAtBooking(policy, money(service.priceCents, service.currency)).amountMinor;
  const { type, value } = service.deposit;
  if (type === 'fixed') return Math.min(value, service.priceCents);
  if (type === 'percent')
    return percentOf(money(service.priceCents, service.currency), value).amountMinor;
  return 0;
}

export const manageUrlOf = (base: string, token: string) =>
  `${base.replace(/\/+$/, '')}/manage/${token}`;

/**
 * Creates a booking. Every decision is made here, on one snapshot read (availability_snapshot):
 * the engine re-validates the slot and offers the free providers (seats of a class included),
 * chooseProviders orders them, matchCustomer picks the customer, and the row, its history and its
 * outbox payloads are built whole. The write (BookingStore.create, one statement) stores them and
 * only re-checks what the decisions relied on: the schedule version the read saw (a schedule
 * change in between → 409 slot_unavailable), that a "new" customer is still new (else read and
 * decide again), and the invariants (exclusion constraint, capacity trigger: that provider is
 * taken → the next candidate). A loser leaves nothing behind, not even the customer.
 */
export async function createBooking(
  deps: BookingDeps,
  tenant: TenantRecord,
  req: NewBookingRequest,
  opts: CreateOptions,
): Promise<CreatedBooking> {
  const identity = customerIdentity({ ...req.customer, timeZone: req.timeZone });
  for (let attempt = 1; ; attempt++) {
    try {
      return await readDecideWrite(deps, tenant, req, opts, identity);
    } catch (err) {
      if (err instanceof MonthlyCapReached) throw (deps.plans ?? noPlanGate).monthlyCapError(err);
      if (!(err instanceof CustomerChanged)) throw err;
      if (attempt >= DECIDE_ATTEMPTS)
        throw new AppError('conflict', 'This customer is being created by another request; retry');
    }
  }
}

async function readDecideWrite(
  deps: BookingDeps,
  tenant: TenantRecord,
  req: NewBookingRequest,
  opts: CreateOptions,
  identity: ReturnType<typeof customerIdentity>,
): Promise<CreatedBooking> {
  const start = Date.parse(req.start);
  // "Any provider" compares each provider's bookings on their local day, so it loads a day around.
  const around = req.providerId ? 0 : DAY_MS;
  const read = await deps.snapshots.loadForBooking(
    tenant.id,
    {
      serviceId: req.serviceId,
      providerId: req.providerId ?? undefined,
      fromUtc: new Date(start - around),
      toUtc: new Date(start + 1 + around),
    },
    identity,
  );
  if (opts.cachedSlug !== undefined && read?.tenant?.slug !== opts.cachedSlug) throw new StaleTenant();
  if (!read) throw notFound('Service');
  // The business as this snapshot saw it decides, not the record the caller holds.
  const business = read.tenant ?? tenant;
  // After the slug check: a stale business's locations would refuse the right one.
  const here = req.locationId ? await providersAt(deps, tenant.id, req.locationId, req.providerId) : null;
  const loaded =
    here && req.locationId
      ? { ...read, snapshot: atLocation(read.snapshot, { locationId: req.locationId, providerIds: here }) }
      : read;
  const service = loaded.snapshot.service;
  if (!service.active && opts.source === 'public') throw notFound('Service');

  const intake = checkIntakeAnswers(loaded.intake, req.answers);
  if (!intake.ok) throw validationFailed(intake.issues);

  const choice = chooseProviders(loaded.snapshot, {
    providerId: req.providerId,
    start,
    now: deps.clock.now().getTime(),
    override: opts.overrideAvailability,
  });
  const existing = matchCustomer(loaded.customers, identity);
  const customerId = existing ?? randomUUID();
  const price = money(service.priceCents, service.currency);
  // A customer's booking that needs money waits for it, holding the slot (app/payments). Staff
  // bookings never do: staff take payment in person.
  const status =
    opts.source === 'public' && deps.payments && needsPaymentAtBooking(service.paymentPolicy, price)
      ? 'pending_payment'
      : service.requiresApproval || business.settings.bookingConfirmationMode === 'manual'
        ? 'pending'
        : 'confirmed';
  const decided: Decided = {
    loaded,
    choice,
    start,
    status,
    customerId,
    newCustomer: existing ? null : identity,
    answers: intake.answers,
    locale: business.locale,
  };
  // Candidates best first: one that is taken by now (a race lost) hands over to the next.
  for (const providerId of choice.candidates) {
    try {
      return await write(deps, tenant, req, opts, decided, providerId);
    } catch (err) {
      if (!(err instanceof SlotTaken)) throw err;
    }
  }
  throw slotUnavailable();
}

/** The providers at the chosen location; 422 for an unknown location or a provider elsewhere. */
async function providersAt(
  deps: BookingDeps,
  tenantId: string,
  locationId: string,
  providerId: string | null,
): Promise<string[]> {
  const here = (await deps.locations?.providersAt(tenantId, locationId)) ?? null;
  if (!here)
    throw validationFailed([{ path: 'body.locationId', message: `Unknown location ${locationId}` }]);
  if (providerId && !here.includes(providerId))
    throw validationFailed([
      { path: 'body.providerId', message: 'This provider does not work at the chosen location' },
    ]);
  return here;
}

interface Decided {
  loaded: BookingSnapshot;
  choice: SlotChoice;
  start: number;
  status: 'pending' | 'pending_payment' | 'confirmed';
  customerId: string;
  newCustomer: ReturnType<typeof customerIdentity> | null;
  answers: IntakeAnswerRecord[];
  /** The business's language: a booking's when the customer did not choose one. */
  locale: string;
}

/** One write for one provider: the row, history and events as decided, with a fresh code on a collision. */
async function write(
  deps: BookingDeps,
  tenant: TenantRecord,
  req: NewBookingRequest,
  opts: CreateOptions,
  d: Decided,
  providerId: string,
): Promise<CreatedBooking> {
  const service = d.loaded.snapshot.service;
  const outsideAvailability = !d.choice.free.has(providerId);
  const topics =
    d.status === 'confirmed'
      ? ['booking.created', 'booking.confirmed']
      : d.status === 'pending_payment'
        ? ['booking.created', PAYMENT_REQUIRED_TOPIC]
        : ['booking.created'];
  const holdMinutes = d.status === 'pending_payment' ? (deps.payments?.holdMinutes ?? 15) : null;
  const due =
    d.status === 'pending_payment' ? paymentDueAtBooking(service, d.start, deps.clock.now()) : null;
  for (let attempt = 1; ; attempt++) {
    // Derived from the id (ADR 0008): the email sender and an idempotent replay recompute it, so
    // no table and no outbox payload holds the link; the booking keeps only its hash.
    const id = randomUUID();
    const manageToken = deps.secrets.manageToken(id);
    const manageUrl = manageUrlOf(deps.publicUrl, manageToken);
    const booking: NewBooking = {
      id,
      serviceId: service.id,
      providerId,
      customerId: d.customerId,
      status: d.status,
      startAt: new Date(d.start),
      endAt: new Date(d.start + service.durationMinutes * MINUTE_MS),
      bufferBeforeMinutes: service.bufferBeforeMinutes,
      bufferAfterMinutes: service.bufferAfterMinutes,
      sessionKey: service.capacity > 1 ? classSessionKey(service.id, d.start) : null,
      seats: 1,
      confirmationCode: generateConfirmationCode(),
      manageTokenHash: hashToken(manageToken),
      priceCents: service.priceCents,
      currency: service.currency,
      depositCents: depositCents(service),
      customerTimeZone: req.timeZone,
      customerNotes: req.notes,
      staffNotes: opts.staffNotes,
      source: opts.source,
      outsideAvailability,
      holdMinutes,
      language: req.language ?? d.locale,
      ...(d.choice.hosts.length > 0 || d.choice.resources.length > 0
        ? { participants: { hosts: d.choice.hosts, resources: d.choice.resources } }
        : {}),
    };
    const audit = changeRows(booking, {
      action: 'create',
      from: null,
      to: d.status,
      actor: opts.actor ?? customerActor(d.customerId),
      data: {
        source: opts.source,
        ...(opts.overrideAvailability ? { overrideAvailability: true, outsideAvailability } : {}),
      },
      topics,
      // The link base only: the email job re-derives the token (ADR 0008). SMS consent travels
      // with the booking's own outbox rows, so it commits with the booking (ADR 0012).
      extra: {
        manageLinkBase: deps.publicUrl,
        ...(req.customer.smsOptIn && req.customer.phone ? { smsConsent: { phone: normalizePhone(req.customer.phone) } } : {}),
        ...(due && holdMinutes
          ? {
              // What the "please pay" email needs; the pay link is the manage link.
              payment: {
                amountMinor: due.amountMinor,
                currency: due.currency,
                mode: service.paymentPolicy.mode,
                payLinkBase: deps.publicUrl,
                expiresAt: new Date(deps.clock.now().getTime() + holdMinutes * MINUTE_MS).toISOString(),
              },
            }
          : {}),
      },
    });
    const providerLocationId =
      d.loaded.snapshot.providers.find((p) => p.id === providerId)?.locationId ?? null;
    try {
      const created = await deps.bookingStore.create(tenant.id, {
        booking,
        newCustomer: d.newCustomer,
        scheduleVersion: scheduleVersion(d.loaded, providerId, d.choice),
        answers: d.answers,
        ...audit,
        // What booking-service reads after the write: the payment it prepares, the place it names.
        joinedLater: d.status === 'pending_payment' || providerLocationId !== null,
      });
      return { booking: created, manageToken, manageUrl, providerLocationId };
    } catch (err) {
      // The hours, overrides, blackouts, busy time, service or provider the engine used changed
      // before the write: the slot it validated may be gone.
      if (err instanceof ScheduleChanged) throw slotUnavailable({ reason: 'schedule_changed' });
      // Codes are random; a collision is rare enough that retrying the whole write is cheapest.
      if (err instanceof ConfirmationCodeTaken && attempt < CODE_ATTEMPTS) continue;
      throw err;
    }
  }
}

/**
 * The version the write compares (ADR 0007): the primary provider's (tenant + service + provider
 * counters), plus each host's own counter and the resources' (ADR 0018), as booking_create sums them.
 */
function scheduleVersion(loaded: BookingSnapshot, providerId: string, choice: SlotChoice): string {
  const v = (id: string) => BigInt(loaded.versions.get(id) ?? '0');
  if (choice.hosts.length === 0 && choice.resources.length === 0) return String(v(providerId));
  const base = BigInt(loaded.baseVersion ?? '0');
  let sum = v(providerId) + BigInt(choice.resources.length > 0 ? (loaded.resourceVersion ?? '0') : '0');
  for (const h of choice.hosts) sum += v(h) - base;
  return String(sum);
}
