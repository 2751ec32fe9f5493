import { findSlot, sitedProviders } from '../../domain/availability';
import { MINUTE_MS } from '../../domain/time';
import type { BookingRecord } from '../../ports/records';
import type { TenantRepositories } from '../../ports/repositories';
import { engineInput, loadAvailabilityInput } from '../availability';
import { AppError, validationFailed } from '../errors';
import { recordChange, type Actor } from './audit';
import { classSessionKey, slotUnavailable } from './slot-choice';
import { checkTransition, slotFreed } from './transitions';

export interface MoveTarget {
  start: number;
  providerId: string;
  /** Staff only: allow a time outside availability (never over another booking). */
  override: boolean;
}

/**
 * Moves a row-locked booking to another time and/or provider in the caller's transaction: the
 * new slot is validated by the engine (ignoring the booking's own occupancy) and taken by the
 * same UPDATE that releases the old one, so there is no moment with both or neither. The
 * exclusion constraint and the capacity trigger settle races: the loser gets slot_unavailable and
 * keeps its old time. Same booking id and manage link; a reschedule bumps the invite's SEQUENCE.
 */
export async function moveBooking(
  repos: TenantRepositories,
  b: BookingRecord,
  target: MoveTarget,
  m: { action: 'reschedule' | 'reassign'; actor: Actor; reason?: string | null; now: Date },
): Promise<void> {
  checkTransition(b, 'reschedule');
  if (target.start === b.startAt.getTime() && target.providerId === b.providerId) {
    throw new AppError('unprocessable', 'The booking is already at that time with that provider', {
      reason: 'unchanged',
    });
  }
  const snap = await loadAvailabilityInput(repos, {
    serviceId: b.serviceId,
    providerId: target.providerId,
    fromUtc: target.start,
    toUtc: target.start + 1,
    excludeBookingId: b.id,
  });
  const service = snap.service;
  if (!snap.providers.some((p) => p.id === target.providerId)) {
    throw validationFailed([
      {
        path: 'body.providerId',
        message: 'This provider does not offer the service (or is inactive)',
      },
    ]);
  }
  // Team services (ADR 0018): the hosts and resources move with the booking (the participants
  // trigger), so only the booking's own provider can change, and only within the pool.
  const team = snap.team?.mode ?? 'single';
  const targetIsHost = snap.providers.some((p) => p.id === target.providerId && p.host);
  if (
    target.providerId !== b.providerId &&
    (team === 'collective' || (team === 'round_robin' && targetIsHost))
  ) {
    throw validationFailed([
      { path: 'body.providerId', message: 'Every member of this team already attends the booking' },
    ]);
  }
  const slot = findSlot(engineInput(snap, m.now.getTime()), target.start);
  const free = slot !== null && slot.providerIds.includes(target.providerId);
  // Overriding availability never puts the provider with a resource at another location (site.ts).
  const sited = sitedProviders(snap.providers, snap.resources ?? [], team).some(
    (p) => p.id === target.providerId,
  );
  if (!free && !(target.override && sited)) throw slotUnavailable({ reason: 'not_free' });

  // Seats: the engine counted them (a full session is not a free slot); a seat taken since is
  // refused by the capacity trigger, as an overlap is by the exclusion constraint (slot_unavailable).
  const sessionKey = service.capacity > 1 ? classSessionKey(service.id, target.start) : b.id;
  const change = {
    providerId: target.providerId,
    startAt: new Date(target.start),
    endAt: new Date(target.start + service.durationMinutes * MINUTE_MS),
    bufferBeforeMinutes: service.bufferBeforeMinutes,
    bufferAfterMinutes: service.bufferAfterMinutes,
    sessionKey,
    outsideAvailability: !free,
    icsSequence: m.action === 'reschedule' ? b.icsSequence + 1 : b.icsSequence,
  };
  await repos.bookings.update(b.id, change);
  const after: BookingRecord = { ...b, ...change, updatedAt: m.now };
  await recordChange(repos, after, {
    action: m.action,
    from: b.status,
    to: b.status,
    actor: m.actor,
    reason: m.reason,
    data: {
      previous: {
        start: b.startAt.toISOString(),
        end: b.endAt.toISOString(),
        providerId: b.providerId,
      },
      ...(target.override ? { overrideAvailability: true, outsideAvailability: !free } : {}),
    },
    topics: [m.action === 'reschedule' ? 'booking.rescheduled' : 'booking.reassigned'],
  });
  await slotFreed(repos, b, m.now);
}
