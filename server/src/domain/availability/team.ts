/**
 * Teams and resources (docs/decisions/0018-teams-and-resources.md): a slot of a service that
 * needs several participants is the intersection of what each of them can take.
 *
 * - Candidates are the union of every participant's own starts (their grid or 'fill' placement,
 *   exactly as for one provider), so no participant's hours anchor the others'.
 * - A candidate is kept when every required provider (collective: all of them; round robin: the
 *   hosts) is free at that instant, and, for round robin, at least one pool member is. "Free at s"
 *   is the one-provider engine's own answer for a minute grid (every minute a start could fall
 *   on), so working hours, DST, buffers, bookings in any role, busy time, blackouts, notice,
 *   horizon, class seats and limits mean exactly what they mean for one provider.
 * - Then every resource must have a place left: at no instant of the occupied range do
 *   `capacity` other sessions hold it (seats of one class session share one place).
 * - seatsLeft is the fewest any required provider has (round robin: and the pool's total).
 * - Providers and resources at different locations never combine (site.ts): only the providers
 *   that fit the resources' location take part.
 */
import { MINUTE_MS } from '../time';
import { orderProviders } from './provider-order';
import { sitedProviders } from './site';
import type { AvailabilityQuery, ProviderInput, ResourceAllocation, Slot } from './types';

/** Seats of one class session share this key (and with it a resource place); see bookings.session_key. */
export const classSessionKey = (serviceId: string, start: number) =>
  `${serviceId}:${new Date(start).toISOString()}`;

type Engine = (q: AvailabilityQuery) => Slot[];

/** True when the query needs more than the one-provider engine. */
export const isTeamQuery = (q: AvailabilityQuery): boolean =>
  (q.team !== undefined && q.team.mode !== 'single') ||
  (q.team?.missing ?? 0) > 0 ||
  (q.resources?.length ?? 0) > 0;

export function computeTeamSlots(q: AvailabilityQuery, single: Engine): Slot[] {
  if ((q.team?.missing ?? 0) > 0) return [];
  if (q.resources?.some((r) => !r.usable)) return [];
  const mode = q.team?.mode ?? 'single';
  // Only providers that fit the resources' location take part (site.ts), so no start is ever
  // offered for a provider with a room elsewhere.
  const providers = sitedProviders(q.providers, q.resources ?? [], mode);
  const plain: AvailabilityQuery = { ...q, providers, team: undefined, resources: undefined, allocations: undefined };
  let slots = mode === 'single' ? single(plain) : teamSlots(plain, mode, single);
  if (q.resources && q.resources.length > 0) slots = slots.filter(resourceCheck(q));
  return slots;
}

function teamSlots(q: AvailabilityQuery, mode: 'collective' | 'round_robin', single: Engine): Slot[] {
  const all = orderProviders(q.providers);
  const hosts = mode === 'collective' ? all : all.filter((p) => p.host === true);
  const fullPool = mode === 'collective' ? [] : all.filter((p) => p.host !== true);
  let pool = fullPool;
  if (q.providerId !== undefined) {
    // The customer's pick narrows the pool (not the candidates: the same instants either way);
    // a collective service has every member anyway.
    if (mode === 'round_robin') pool = pool.filter((p) => p.id === q.providerId);
    else if (!all.some((p) => p.id === q.providerId)) return [];
  }
  if (hosts.length === 0 || (mode === 'round_robin' && pool.length === 0)) return [];
  const candidates = single({ ...q, providers: [...hosts, ...fullPool], providerId: undefined });
  if (candidates.length === 0) return [];
  const free = new Map<string, Map<number, number>>();
  for (const p of [...hosts, ...pool]) free.set(p.id, freeStarts(q, p, single));

  const out: Slot[] = [];
  for (const c of candidates) {
    let seats = Number.POSITIVE_INFINITY;
    let ok = true;
    for (const h of hosts) {
      const s = free.get(h.id)!.get(c.start);
      if (s === undefined) {
        ok = false;
        break;
      }
      seats = Math.min(seats, s);
    }
    if (!ok) continue;
    if (mode === 'collective') {
      out.push({ start: c.start, end: c.end, providerIds: hosts.map((h) => h.id), seatsLeft: seats });
      continue;
    }
    const freePool: string[] = [];
    let poolSeats = 0;
    for (const p of pool) {
      const s = free.get(p.id)!.get(c.start);
      if (s === undefined) continue;
      freePool.push(p.id);
      poolSeats += s;
    }
    if (freePool.length === 0) continue;
    out.push({ start: c.start, end: c.end, providerIds: freePool, seatsLeft: Math.min(seats, poolSeats) });
  }
  return out;
}

/**
 * Every start one provider could take alone, with its seats left: the engine on a one-minute grid
 * (starts of any placement fall on whole minutes of working intervals that begin on whole minutes).
 */
function freeStarts(q: AvailabilityQuery, p: ProviderInput, single: Engine): Map<number, number> {
  const slots = single({
    ...q,
    providers: [p],
    providerId: undefined,
    service: { ...q.service, slotIntervalMinutes: 1, slotPlacement: 'grid' },
  });
  const m = new Map<number, number>();
  for (const s of slots) m.set(s.start, s.seatsLeft);
  return m;
}

/** Whether every resource of the query has a place left for a booking starting at a slot's start. */
function resourceCheck(q: AvailabilityQuery): (slot: Slot) => boolean {
  const svc = q.service;
  const beforeMs = Math.max(0, svc.bufferBeforeMinutes) * MINUTE_MS;
  const afterMs = Math.max(0, svc.bufferAfterMinutes) * MINUTE_MS;
  const byResource = new Map<string, ResourceAllocation[]>();
  for (const a of q.allocations ?? []) {
    const list = byResource.get(a.resourceId);
    if (list) list.push(a);
    else byResource.set(a.resourceId, [a]);
  }
  for (const list of byResource.values()) list.sort((x, y) => x.start - y.start);
  const resources = q.resources ?? [];
  return (slot) => {
    const from = slot.start - beforeMs;
    const to = slot.end + afterMs;
    const session = svc.capacity > 1 ? classSessionKey(svc.id, slot.start) : null;
    return resources.every(
      (r) => peakSessions(byResource.get(r.id) ?? [], from, to, session) + 1 <= Math.max(1, r.capacity),
    );
  };
}

/**
 * The most distinct sessions (other than `own`) holding a resource at one instant of [from, to).
 * That peak is reached at `from` or at the start of an allocation inside the range.
 */
export function peakSessions(
  sorted: readonly ResourceAllocation[],
  from: number,
  to: number,
  own: string | null,
): number {
  const overlapping = sorted.filter(
    (a) => a.start < to && a.end > from && a.sessionKey !== own,
  );
  if (overlapping.length === 0) return 0;
  let peak = 0;
  const points = [from, ...overlapping.map((a) => a.start).filter((t) => t > from)];
  for (const t of points) {
    const sessions = new Set<string>();
    for (const a of overlapping) if (a.start <= t && a.end > t) sessions.add(a.sessionKey);
    peak = Math.max(peak, sessions.size);
  }
  return peak;
}
