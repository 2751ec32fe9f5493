import { randomUUID } from 'node:crypto';
import type { IntakeValue } from '@slotwise/contracts';
import {
  generateConfirmationCode,
  generateManageToken,
  hashToken,
} from '../../domain/booking/confirmation-code';
import { money, percentOf } from '../../domain/money';
import { DAY_MS, MINUTE_MS } from '../../domain/time';
import type { BookingRecord, ServiceRecord, TenantRecord } from '../../ports/records';
import { ConfirmationCodeTaken, type TenantRepositories } from '../../ports/repositories';
import { loadAvailabilityInput } from '../availability';
import { notFound, validationFailed } from '../errors';
import { changeRows, customerActor, type Actor } from './audit';
import type { BookingDeps } from './deps';
import { findOrCreateCustomer } from './customer-identity';
import { checkIntakeAnswers } from './intake';
import { chooseProviders, classSessionKey, slotUnavailable } from './slot-choice';

export interface NewBookingRequest {
  serviceId: string;
  /** null: any free provider. */
  providerId: string | null;
  start: string;
  customer: { name: string; email?: string; phone?: string };
  timeZone: string;
  notes: string;
  answers: Record<string, IntakeValue>;
}

export interface CreateOptions {
  source: 'public' | 'admin';
  /** Staff only: book outside availability (never over another booking). */
  overrideAvailability: boolean;
  staffNotes: string;
  /** Staff who booked; null when the customer did. */
  actor: Actor | null;
  /** Where the manage link points: PUBLIC_URL, else the origin the request came to. */
  origin: string;
}

export interface CreatedBooking {
  booking: BookingRecord;
  manageToken: string;
  manageUrl: string;
}

const CODE_ATTEMPTS = 5;

export function depositCents(
  service: Pick<ServiceRecord, 'deposit' | 'priceCents' | 'currency'>,
): number {
  const { type, value } = service.deposit;
  if (type === 'fixed') return Math.min(value, service.priceCents);
  if (type === 'percent')
    return percentOf(money(service.priceCents, service.currency), value).amountMinor;
  return 0;
}

export const manageUrlOf = (base: string, token: string) =>
  `${base.replace(/\/+$/, '')}/manage/${token}`;

/**
 * Creates a booking in one transaction: re-validates the slot with the availability engine,
 * finds or creates the customer, inserts the booking (the exclusion constraint and the session
 * capacity trigger make double booking impossible), stores the intake answers, the history row
 * and the outbox events. A loser of a race gets 409 slot_unavailable and leaves nothing behind.
 */
export async function createBooking(
  deps: BookingDeps,
  tenant: TenantRecord,
  req: NewBookingRequest,
  opts: CreateOptions,
): Promise<CreatedBooking> {
  const start = Date.parse(req.start);
  const manageUrlBase = deps.publicUrl ?? opts.origin;
  for (let attempt = 1; ; attempt++) {
    const manageToken = generateManageToken();
    const manageUrl = manageUrlOf(manageUrlBase, manageToken);
    try {
      const booking = await deps.uow.run(tenant.id, (repos) =>
        insertBooking(repos, {
          tenant,
          req,
          opts,
          start,
          now: deps.clock.now(),
          manageToken,
          manageUrl,
        }),
      );
      return { booking, manageToken, manageUrl };
    } catch (err) {
      // Codes are random; a collision is rare enough that retrying the whole transaction is cheapest.
      if (err instanceof ConfirmationCodeTaken && attempt < CODE_ATTEMPTS) continue;
      throw err;
    }
  }
}

async function insertBooking(
  repos: TenantRepositories,
  c: {
    tenant: TenantRecord;
    req: NewBookingRequest;
    opts: CreateOptions;
    start: number;
    now: Date;
    manageToken: string;
    manageUrl: string;
  },
): Promise<BookingRecord> {
  const { tenant, req, opts, start } = c;
  // "Any provider" compares each provider's bookings on their local day, so it loads a day around.
  const around = req.providerId ? 0 : DAY_MS;
  const snap = await loadAvailabilityInput(repos, {
    serviceId: req.serviceId,
    providerId: req.providerId ?? undefined,
    fromUtc: start - around,
    toUtc: start + 1 + around,
  });
  const service = snap.service;
  if (!service.active && opts.source === 'public') throw notFound('Service');

  const intake = checkIntakeAnswers(await repos.bookings.intakeFields(service.id), req.answers);
  if (!intake.ok) throw validationFailed(intake.issues);

  const choice = chooseProviders(snap, {
    providerId: req.providerId,
    start,
    now: c.now.getTime(),
    override: opts.overrideAvailability,
  });
  const customer = await findOrCreateCustomer(repos, { ...req.customer, timeZone: req.timeZone });
  const isClass = service.capacity > 1;
  const sessionKey = isClass ? classSessionKey(service.id, start) : null;
  const status =
    service.requiresApproval || tenant.settings.bookingConfirmationMode === 'manual'
      ? 'pending'
      : 'confirmed';

  const actor = opts.actor ?? customerActor(customer.id);
  const topics =
    status === 'confirmed' ? ['booking.created', 'booking.confirmed'] : ['booking.created'];
  const base = {
    id: randomUUID(),
    serviceId: service.id,
    customerId: customer.id,
    status,
    startAt: new Date(start),
    endAt: new Date(start + service.durationMinutes * MINUTE_MS),
    bufferBeforeMinutes: service.bufferBeforeMinutes,
    bufferAfterMinutes: service.bufferAfterMinutes,
    sessionKey,
    seats: 1,
    confirmationCode: generateConfirmationCode(),
    manageTokenHash: hashToken(c.manageToken),
    priceCents: service.priceCents,
    currency: service.currency,
    depositCents: depositCents(service),
    customerTimeZone: req.timeZone,
    customerNotes: req.notes,
    staffNotes: opts.staffNotes,
    source: opts.source,
  } as const;

  let booking: BookingRecord | null = null;
  for (const providerId of choice.candidates) {
    if (sessionKey) {
      // Same lock as the capacity trigger: seats are counted by one transaction at a time.
      await repos.bookings.lockSession(providerId, sessionKey);
      if ((await repos.bookings.seatsTaken(providerId, sessionKey)) + 1 > service.capacity)
        continue;
    }
    const row = { ...base, providerId, outsideAvailability: !choice.free.has(providerId) };
    const audit = changeRows(row, {
      action: 'create',
      from: null,
      to: status,
      actor,
      data: {
        source: opts.source,
        ...(opts.overrideAvailability
          ? { overrideAvailability: true, outsideAvailability: row.outsideAvailability }
          : {}),
      },
      topics,
      extra: { manageUrl: c.manageUrl },
    });
    booking = await repos.bookings.insert(row, { answers: intake.answers, ...audit });
    if (booking) break;
  }
  if (!booking) throw slotUnavailable();
  return booking;
}
