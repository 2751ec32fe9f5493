/** Inputs and outputs of the availability (slot) engine. All instants are epoch ms (UTC). */

export type LocalDate = string; // 'YYYY-MM-DD'
export type WallTime = string; // 'HH:mm', '00:00'..'24:00'

/** Only providers assigned to the service. */
export interface ProviderInput {
  id: string;
  timeZone: string;
  sortOrder: number;
  /** The provider's own limits (all its bookings count); absent = none. */
  limits?: BookingLimits;
  /** Round robin: a host attends every booking of the service (team.ts). */
  host?: boolean;
  /** The site the provider works at; null/absent: any (a resource elsewhere excludes it: site.ts). */
  locationId?: string | null;
}

/**
 * Who a service needs (team.ts): 'single' one provider of the service (the "any provider" rule
 * picks), 'collective' every provider of the service, 'round_robin' every host plus one of the
 * other providers (the pool, picked by the same rule).
 */
export type ParticipantMode = 'single' | 'collective' | 'round_robin';

export interface TeamSettings {
  mode: ParticipantMode;
  /** Providers the mode requires that are inactive or deleted: then nothing is offered. */
  missing: number;
}

/** A room, chair or piece of equipment: at most `capacity` sessions hold it at once. */
export interface ResourceInput {
  id: string;
  capacity: number;
  /**
   * Active, not deleted and, seen from a location, not at another one (ADR 0019): a service
   * needing an unusable resource offers nothing.
   */
  usable: boolean;
  /** The site it is at; null/absent: it serves every location. */
  locationId?: string | null;
}

/** A booking's hold on a resource: its occupied range (buffers included) and session key. */
export interface ResourceAllocation {
  resourceId: string;
  start: number;
  end: number;
  sessionKey: string;
}

/**
 * Booking limits of a provider or a service (see limits.ts). Counts are per provider-local date
 * and ISO week (Monday first) and include every booking but cancelled ones.
 */
export interface BookingLimits {
  bookingsPerDay?: number;
  bookingsPerWeek?: number;
  minutesPerDay?: number;
  minutesPerWeek?: number;
  /** Minutes kept free between two bookings of the provider (beyond buffers). */
  minGapMinutes?: number;
  /** Offered starts move this many minutes later (09:00 -> 09:10), provider's and service's added. */
  startOffsetMinutes?: number;
}

/** What a provider has booked on one of its local dates: all services, and this service. */
export interface DayLoad {
  providerId: string;
  date: LocalDate;
  bookings: number;
  minutes: number;
  serviceBookings: number;
  serviceMinutes: number;
}

export interface WeeklyRule {
  providerId: string;
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; // ISO, Monday=1
  startTime: WallTime;
  endTime: WallTime;
  serviceIds: string[] | null; // null = all services
}

export interface DateOverride {
  providerId: string;
  startDate: LocalDate;
  endDate: LocalDate; // inclusive
  intervals: { startTime: WallTime; endTime: WallTime }[]; // empty = day off
}

/** Whole days in the tenant's zone, tenant-wide. */
export interface Blackout {
  startDate: LocalDate;
  endDate: LocalDate; // inclusive
}

export interface ExistingBooking {
  providerId: string;
  serviceId: string;
  start: number;
  end: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  seats: number; // seats this booking holds, 1 for appointments
}

/**
 * Occupied ranges of existing bookings as columns, without an object per booking: all an
 * appointment's engine reads of them (start − its buffer before, end + its buffer after; no
 * seats or service, so never for classes). `provider[i]` indexes `providerIds`; instants are ms
 * after `base`.
 */
export interface OccupiedRanges {
  providerIds: readonly string[];
  base: number;
  provider: readonly number[];
  start: readonly number[];
  end: readonly number[];
}

/** External calendar busy time. */
export interface BusyInterval {
  providerId: string;
  start: number;
  end: number;
}

export interface ServiceSettings {
  id: string;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  capacity: number; // 1 = appointment, >1 = class with seats
  minNoticeMinutes: number;
  maxAdvanceDays: number;
  slotIntervalMinutes: number | null; // null => use durationMinutes
  /**
   * How starts are placed: 'grid' (default) steps from each working interval's start; 'fill'
   * also offers the first start after each booking, busy interval, blackout and the notice
   * boundary, then continues on clock-aligned marks (see fill.ts).
   */
  slotPlacement?: SlotPlacement;
  /** This service's limits, counted over its bookings with each provider; absent = none. */
  limits?: BookingLimits;
}

export type SlotPlacement = 'grid' | 'fill';

export interface AvailabilityQuery {
  service: ServiceSettings;
  providers: ProviderInput[];
  rules: WeeklyRule[];
  overrides: DateOverride[];
  blackouts: Blackout[];
  bookings: ExistingBooking[];
  /** More bookings, as occupied ranges only (an appointment's public read); absent = none. */
  occupied?: readonly OccupiedRanges[];
  busy: BusyInterval[];
  /** Booked load per provider and local date, needed only where a count limit is set. */
  loads?: DayLoad[];
  /** Team services only (absent: one provider, no resources, as before). */
  team?: TeamSettings;
  /** Resources every booking of the service holds one place of. */
  resources?: ResourceInput[];
  /** Allocations of those resources near the window. */
  allocations?: ResourceAllocation[];
  tenantTimeZone: string; // blackouts are whole days in this zone
  from: LocalDate; // inclusive, interpreted in viewerTimeZone
  to: LocalDate; // inclusive, interpreted in viewerTimeZone
  viewerTimeZone: string;
  now: number; // injected clock, epoch ms
  providerId?: string; // restrict to one provider (team services: the pool member)
}

export interface Slot {
  start: number;
  end: number;
  // Free providers, in provider order (sortOrder, then id). Collective: every member (all attend);
  // round robin: the free pool members (the hosts attend too).
  providerIds: string[];
  seatsLeft: number; // sum of seats left across the free providers
}

export interface LocalSlot extends Slot {
  localTime: string; // 'HH:mm' in the viewer's zone
  localStart: string; // ISO-8601 with the viewer's offset
  utcOffset: string; // '+HH:MM' / '-HH:MM': tells apart the two 01:00 of a fall-back night
}

export interface SlotDay {
  date: LocalDate;
  slots: LocalSlot[];
}
