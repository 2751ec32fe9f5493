import type { BookingParticipants, ManageBooking, manageContract } from '@slotwise/contracts';
import type { z } from 'zod';
import {
  cancellationOutcome,
  customerRescheduleBlockReason,
  type CancellationOutcome,
  type CancellationPolicy,
} from '../../domain/booking/cancellation-policy';
import { hashToken, tokensEqual } from '../../domain/booking/confirmation-code';
import {
  bookingIcsUid,
  buildBookingIcs,
  icsContentType,
  type IcsMethod,
  type IcsStatus,
} from '../../domain/booking/ics';
import { transition } from '../../domain/booking/lifecycle';
import type { BookingRecord, TenantRecord } from '../../ports/records';
import type { TenantRepositories } from '../../ports/repositories';
import { AppError, notFound } from '../errors';
import { customerActor } from './audit';
import { manageUrlOf } from './create-booking';
import type { BookingDeps } from './deps';
import { moveBooking } from './move-booking';
import { manageMoney, type ManageMoney } from '../payments/manage-money';
import { applyAction, cancellable } from './transitions';

export interface ManageView {
  booking: BookingRecord;
  /** Everyone the booking holds (ADR 0018): a team booking names every provider and resource. */
  participants: BookingParticipants;
  tenant: TenantRecord;
  policy: CancellationPolicy;
  cancellation: Omit<CancellationOutcome, 'reason'> & {
    reason?: NonNullable<ManageBooking['cancellation']['reason']>;
  };
  reschedule: ManageBooking['reschedule'];
  /** Bookings that take a payment: its amounts; `cancellation` then follows its policy's tiers. */
  money: ManageMoney | null;
}

export interface BookingCalendar {
  ics: string;
  contentType: string;
  filename: string;
}

function viewOf(
  b: BookingRecord,
  participants: BookingParticipants,
  tenant: TenantRecord,
  now: Date,
  paid: ManageMoney | null = null,
): ManageView {
  const policy = tenant.settings.cancellationPolicy;
  const legacy = cancellationOutcome(policy, cancellable(b), now, { initiatedBy: 'customer' });
  const outcome = paid
    ? { ...legacy, ...paid.cancellation, ...(now >= b.startAt ? { allowed: false, reason: 'booking_started' as const } : {}) }
    : legacy;
  const cancellation: ManageView['cancellation'] = transition(b.status, 'cancel').ok
    ? outcome
    : { ...outcome, allowed: false, reason: 'not_cancellable' };
  const movable = transition(b.status, 'reschedule').ok;
  const blocked = movable
    ? customerRescheduleBlockReason(policy, b.startAt, now)
    : 'not_reschedulable';
  return {
    booking: b,
    participants,
    tenant,
    policy,
    cancellation,
    reschedule: { allowed: blocked === null, reason: blocked },
    money: paid,
  };
}

/**
 * The customer's side of a booking, reached through the secret of its manage link: view it with
 * what cancelling or rescheduling would imply now, cancel it, move it, download the invite. Only
 * the token's hash is stored; it is looked up before the tenant is known through a SECURITY
 * DEFINER function, then compared again in constant time inside the tenant's transaction.
 */
export function manageLinkService(deps: BookingDeps) {
  const { uow, links, clock } = deps;

  async function withBooking<T>(
    token: string,
    lock: boolean,
    fn: (repos: TenantRepositories, b: BookingRecord) => Promise<T>,
  ): Promise<T> {
    const hash = hashToken(token);
    const ref = await links.find(hash);
    if (!ref) throw notFound('Booking');
    return uow.run(ref.tenantId, async (repos) => {
      const b = lock
        ? await repos.bookings.findForUpdate(ref.bookingId)
        : await repos.bookings.find(ref.bookingId);
      if (!b || !tokensEqual(hash, b.manageTokenHash)) throw notFound('Booking');
      return fn(repos, b);
    });
  }

  // Read in the request's tenant transaction, after any change it made (a move moves every participant).
  const viewIn = async (repos: TenantRepositories, b: BookingRecord, tenant: TenantRecord) =>
    viewOf(
      b,
      await repos.bookings.participants(b),
      tenant,
      clock.now(),
      await manageMoney(repos, b, clock.now()),
    );
  const freshView = async (repos: TenantRepositories, id: string, tenant: TenantRecord) =>
    viewIn(repos, (await repos.bookings.find(id))!, tenant);

  return {
    view: (token: string) =>
      withBooking(token, false, async (repos, b) => viewIn(repos, b, await repos.tenant.get())),

    cancel: async (token: string, reason?: string) => {
      const view = await withBooking(token, true, async (repos, b) => {
        const tenant = await repos.tenant.get();
        await applyAction(repos, b, {
          action: 'cancel',
          reason: reason || null,
          actor: customerActor(b.customerId),
          initiatedBy: 'customer',
          tenant,
          now: clock.now(),
        });
        return freshView(repos, b.id, tenant);
      });
      if (deps.payments) {
        // The fee and the refund move after the cancellation committed (app/payments/operations.ts).
        const ref = await links.find(hashToken(token));
        if (ref) await deps.payments.afterChange(ref.tenantId, ref.bookingId);
      }
      return view;
    },

    reschedule: (token: string, body: z.infer<typeof manageContract.reschedule.body>) =>
      withBooking(token, true, async (repos, b) => {
        const tenant = await repos.tenant.get();
        const now = clock.now();
        const blocked = transition(b.status, 'reschedule').ok
          ? customerRescheduleBlockReason(tenant.settings.cancellationPolicy, b.startAt, now)
          : null;
        if (blocked) {
          const message =
            blocked === 'reschedule_disabled'
              ? 'This business does not allow rescheduling online'
              : 'It is too late to reschedule this booking online';
          throw new AppError('unprocessable', message, { reason: blocked });
        }
        await moveBooking(
          repos,
          b,
          {
            start: Date.parse(body.start),
            providerId: body.providerId ?? b.providerId,
            override: false,
          },
          { action: 'reschedule', actor: customerActor(b.customerId), now },
        );
        return freshView(repos, b.id, tenant);
      }),

    /** RFC 5545 invite; METHOD:CANCEL once cancelled, TENTATIVE while awaiting approval. */
    calendar: (token: string) =>
      withBooking(token, false, async (repos, b): Promise<BookingCalendar> => {
        const tenant = await repos.tenant.get();
        const cancelled = b.status === 'cancelled';
        // RFC 5546: a REQUEST or CANCEL names its attendee; without an email it is a plain PUBLISH.
        const method: IcsMethod = !b.customer.email ? 'PUBLISH' : cancelled ? 'CANCEL' : 'REQUEST';
        const status: IcsStatus = cancelled
          ? 'CANCELLED'
          : b.status === 'pending'
            ? 'TENTATIVE'
            : 'CONFIRMED';
        const ics = buildBookingIcs({
          uid: bookingIcsUid(b.id, deps.icsDomain),
          sequence: b.icsSequence,
          method,
          status,
          start: b.startAt,
          end: b.endAt,
          summary: `${b.service.name} \u2014 ${tenant.name}`,
          description: `${b.service.name} with ${b.provider.name}. Confirmation code ${b.confirmationCode}.`,
          location: tenant.address ?? undefined,
          organizer: { name: tenant.name, email: tenant.email ?? 'bookings@slotwise.local' },
          // Only a PUBLISH lacks the customer's email, and a PUBLISH carries no attendee.
          attendee: { name: b.customer.name, email: b.customer.email ?? 'bookings@slotwise.local' },
          url: manageUrlOf(deps.publicUrl, token),
          stamp: clock.now(),
          prodId: '-//Slotwise//Booking//EN',
        });
        return {
          ics,
          contentType: icsContentType(method),
          filename: `booking-${b.confirmationCode}.ics`,
        };
      }),
  };
}
export type ManageLinkService = ReturnType<typeof manageLinkService>;
