import { randomUUID } from 'node:crypto';
import type { BookingSource, IntakeValue } from '@slotwise/contracts';
import {
  generateConfirmationCode,
  generateManageToken,
  hashToken,
} from '../../domain/booking/confirmation-code';
import { money, percentOf } from '../../domain/money';
import { DAY_MS, MINUTE_MS } from '../../domain/time';
import type { BookingRecord, ServiceRecord, TenantRecord } from '../../ports/records';
import { ConfirmationCodeTaken } from '../../ports/repositories';
import { notFound, validationFailed } from '../errors';
import { changeRows, customerActor, type Actor } from './audit';
import type { BookingDeps } from './deps';
import { customerIdentity } from './customer-identity';
import { checkIntakeAnswers } from './intake';
import { chooseProviders, classSessionKey } from './slot-choice';

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
  source: BookingSource;
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
 * Creates a booking: re-validates the slot with the availability engine against a fresh read,
 * then writes the customer (found or created), the booking, its intake answers, history row and
 * outbox events in one statement and one transaction (BookingStore.create), where the exclusion
 * constraint and the session capacity trigger make double booking impossible. A loser of a race
 * gets 409 slot_unavailable and leaves nothing behind, not even the customer.
 */
export async function createBooking(
  deps: BookingDeps,
  tenant: TenantRecord,
  req: NewBookingRequest,
  opts: CreateOptions,
): Promise<CreatedBooking> {
  const start = Date.parse(req.start);
  const manageUrlBase = deps.publicUrl ?? opts.origin;
  const identity = customerIdentity({ ...req.customer, timeZone: req.timeZone });
  // "Any provider" compares each provider's bookings on their local day, so it loads a day around.
  const around = req.providerId ? 0 : DAY_MS;
  const loaded = await deps.snapshots.load(
    tenant.id,
    {
      serviceId: req.serviceId,
      providerId: req.providerId ?? undefined,
      fromUtc: new Date(start - around),
      toUtc: new Date(start + 1 + around),
    },
    { withIntake: true },
  );
  if (!loaded) throw notFound('Service');
  const { snapshot: snap } = loaded;
  const service = snap.service;
  if (!service.active && opts.source === 'public') throw notFound('Service');

  const intake = checkIntakeAnswers(loaded.intake, req.answers);
  if (!intake.ok) throw validationFailed(intake.issues);

  const choice = chooseProviders(snap, {
    providerId: req.providerId,
    start,
    now: deps.clock.now().getTime(),
    override: opts.overrideAvailability,
  });
  const isClass = service.capacity > 1;
  const status =
    service.requiresApproval || tenant.settings.bookingConfirmationMode === 'manual'
      ? 'pending'
      : 'confirmed';
  const topics =
    status === 'confirmed' ? ['booking.created', 'booking.confirmed'] : ['booking.created'];

  for (let attempt = 1; ; attempt++) {
    const manageToken = generateManageToken();
    const manageUrl = manageUrlOf(manageUrlBase, manageToken);
    const booking = {
      id: randomUUID(),
      serviceId: service.id,
      status,
      startAt: new Date(start),
      endAt: new Date(start + service.durationMinutes * MINUTE_MS),
      bufferBeforeMinutes: service.bufferBeforeMinutes,
      bufferAfterMinutes: service.bufferAfterMinutes,
      sessionKey: isClass ? classSessionKey(service.id, start) : null,
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
    } as const;
    // Provider, customer and whether the slot is outside availability are settled by the write
    // (it tries the candidates in order); the history and events get them filled in there.
    const audit = changeRows(
      { ...booking, providerId: '', customerId: '' },
      {
        action: 'create',
        from: null,
        to: status,
        actor: opts.actor ?? customerActor(''),
        data: {
          source: opts.source,
          ...(opts.overrideAvailability
            ? { overrideAvailability: true, outsideAvailability: false }
            : {}),
        },
        topics,
        extra: { manageUrl },
      },
    );
    try {
      const created = await deps.bookingStore.create(tenant.id, {
        booking,
        customer: identity,
        candidates: choice.candidates,
        free: [...choice.free],
        capacity: service.capacity,
        answers: intake.answers,
        ...audit,
      });
      return { booking: created, manageToken, manageUrl };
    } catch (err) {
      // Codes are random; a collision is rare enough that retrying the whole write is cheapest.
      if (err instanceof ConfirmationCodeTaken && attempt < CODE_ATTEMPTS) continue;
      throw err;
    }
  }
}
