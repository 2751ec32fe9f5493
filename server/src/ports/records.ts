import type { Address, BookingParticipants, ParticipantMode, ResourceKind, ProviderKind, ApiKeyMode, ApiKeyScope, BookingLimits, BookingSource, Deposit, PaymentPolicy, Role, SlotPlacement, TenantSettings, WaitlistStatus } from '@slotwise/contracts';
import type { Blackout, BusyInterval, DateOverride, DayLoad, ExistingBooking, OccupiedRanges, ProviderInput, ResourceAllocation, ResourceInput, TeamSettings, WeeklyRule } from '../domain/availability';
import type { BookingStatus } from '../domain/booking/lifecycle';

/** Plain records the repositories return; http/presenters turn them into contract DTOs. */
export interface TenantRecord {
  id: string;
  slug: string;
  name: string;
  description: string;
  timeZone: string;
  currency: string;
  locale: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  logoUrl: string | null;
  brandColor: string;
  policiesText: string;
  settings: TenantSettings;
  embedOrigins: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  /** Set by an emailed verification (or password reset) link; absent in older fixtures. */
  emailVerifiedAt?: Date | null;
}

export interface SessionRecord {
  id: string;
  userId: string;
  tenantId: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface MembershipSummary {
  tenantId: string;
  slug: string;
  name: string;
  role: Role;
}

export interface MemberRecord {
  id: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
}

export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  name: string;
  mode: ApiKeyMode;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

// --- Customers, waitlist, reports ---------------------------------------------------------

export type { WaitlistStatus };

export interface NamedRef {
  id: string;
  name: string;
}

export interface CustomerRecord {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  notes: string;
  locale: string | null;
  timeZone: string | null;
  erasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CustomerBookingRecord {
  id: string;
  confirmationCode: string;
  status: BookingStatus;
  startAt: Date;
  endAt: Date;
  service: NamedRef;
  provider: NamedRef;
  priceCents: number;
  currency: string;
}

export interface CustomerStatsRecord {
  visits: number;
  noShows: number;
  cancellations: number;
  upcoming: number;
  /** Price of completed bookings in the business currency. */
  completedCents: number;
  /** Captures − refunds in the business currency; null when the ledger has no capture for them. */
  capturedNetCents: number | null;
}

export interface CustomerExportRecord {
  customer: CustomerRecord;
  bookings: (CustomerBookingRecord & {
    depositCents: number;
    customerTimeZone: string | null;
    customerNotes: string;
    staffNotes: string;
    source: string;
    cancelReason: string | null;
    cancelledAt: Date | null;
    createdAt: Date;
    intakeAnswers: { key: string; label: string; value: unknown }[];
    history: { action: string; fromStatus: BookingStatus | null; toStatus: BookingStatus | null; actorType: string; reason: string | null; createdAt: Date }[];
  })[];
  payments: { id: string; bookingId: string | null; kind: string; status: string; amountCents: number; currency: string; gateway: string; createdAt: Date }[];
  waitlist: WaitlistEntryRecord[];
}

export interface WaitlistEntryRecord {
  id: string;
  service: NamedRef;
  providerId: string | null;
  customer: { id: string; name: string; email: string | null; phone: string | null };
  fromDate: string; // YYYY-MM-DD, tenant zone
  toDate: string; // inclusive
  status: WaitlistStatus;
  notifiedAt: Date | null;
  createdAt: Date;
}

/**
 * Raw aggregates of a range of local days, read from the daily roll-ups (report_* tables, ADR
 * 0017); the reports use case derives the rest. Money in minor units.
 */
export interface ReportAggregates {
  /** Bookings starting in the range; `paidCents`: net ledger money already held for them. */
  byStatusAndCurrency: { status: BookingStatus; currency: string; bookings: number; cents: number; paidCents: number }[];
  bookedMinutes: { providerId: string; minutes: number }[];
  providers: { id: string; name: string; deleted: boolean; availableMinutes: number }[];
  busyHours: { weekday: number; hour: number; bookings: number }[];
  services: { serviceId: string; name: string; currency: string; bookings: number; cents: number }[];
  /** Bookings neither cancelled nor no-shows, per local day of their start (days with none left out). */
  daily: { date: string; bookings: number }[];
  /** Ledger money per local day of the movement (succeeded rows only). */
  money: { date: string; currency: string; capturedCents: number; feeCents: number; refundedCents: number }[];
  /** Whether the tenant has any ledger row at all (takes payments through Slotwise). */
  ledgerInUse: boolean;
}

/** The days of a report in the business zone, optionally narrowed to some providers. */
export interface ReportAggregatesQuery {
  fromDate: string;
  toDate: string;
  timeZone: string;
  /** Only these providers' bookings and money (absent: all). */
  providerIds?: readonly string[];
}

export interface BookingExportRow {
  id: string;
  confirmationCode: string;
  status: BookingStatus;
  startAt: Date;
  endAt: Date;
  serviceName: string;
  providerName: string;
  customerName: string;
  customerEmail: string | null;
  customerPhone: string | null;
  priceCents: number;
  currency: string;
  source: string;
  createdAt: Date;
}

/** Catalogue: a bookable service. Deleted services are never returned by repositories. */
export interface ServiceRecord {
  id: string;
  name: string;
  description: string;
  category: string | null;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  priceCents: number;
  currency: string;
  deposit: Deposit;
  /** What the customer pays at booking and what cancelling or not showing up costs. */
  paymentPolicy: PaymentPolicy;
  capacity: number;
  minNoticeMinutes: number;
  maxAdvanceDays: number;
  slotIntervalMinutes: number | null;
  slotPlacement: SlotPlacement;
  limits: BookingLimits;
  requiresApproval: boolean;
  active: boolean;
  sortOrder: number;
  /** Assigned providers that are not deleted (active or not). */
  providerIds: string[];
  /** Locations offering the service; empty = every location (ADR 0019). */
  locationIds: string[];
  /** Who attends each booking (ADR 0018); edited through ServiceParticipantsRecord. */
  participantMode: ParticipantMode;
  /** round_robin: the providers attending every booking; empty otherwise. */
  hostProviderIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** Catalogue: a person or room that delivers services. Deleted providers are never returned. */
export interface ProviderRecord {
  id: string;
  name: string;
  kind: ProviderKind;
  email: string | null;
  bio: string;
  timeZone: string;
  color: string | null;
  active: boolean;
  sortOrder: number;
  /** Assigned services that are not deleted (active or not). */
  serviceIds: string[];
  limits: BookingLimits;
  /** Where the provider works; timeZone is then the location's (ADR 0019). */
  locationId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A site of the business (ADR 0019). */
export interface LocationRecord {
  id: string;
  name: string;
  address: Address;
  phone: string | null;
  timeZone: string;
  active: boolean;
  sortOrder: number;
  /** Providers (not deleted) working here. */
  providerIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** One weekly working interval (wall clock, provider zone); serviceIds null = every service. */
export interface WeeklyIntervalRecord {
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  startTime: string;
  endTime: string;
  serviceIds: string[] | null;
}

export interface DateOverrideRecord {
  id: string;
  providerId: string;
  startDate: string; // YYYY-MM-DD
  endDate: string; // inclusive
  intervals: { startTime: string; endTime: string }[];
  reason: string;
  createdAt: Date;
}

export interface BlackoutRecord {
  id: string;
  name: string;
  startDate: string; // YYYY-MM-DD, tenant zone
  endDate: string; // inclusive
  createdAt: Date;
}

export interface BookingRecord {
  id: string;
  status: BookingStatus;
  serviceId: string;
  providerId: string;
  customerId: string;
  startAt: Date;
  endAt: Date;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** Seats of one class session share it; an appointment's is its own id. */
  sessionKey: string;
  seats: number;
  confirmationCode: string;
  manageTokenHash: string;
  icsSequence: number;
  priceCents: number;
  currency: string;
  depositCents: number;
  customerTimeZone: string | null;
  customerNotes: string;
  staffNotes: string;
  source: BookingSource;
  outsideAvailability: boolean;
  cancelReason: string | null;
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  service: { id: string; name: string; durationMinutes: number };
  provider: { id: string; name: string };
  customer: { id: string; name: string; email: string | null; phone: string | null };
}

export interface BookingEventRecord {
  id: string;
  action: string;
  fromStatus: BookingStatus | null;
  toStatus: BookingStatus | null;
  actorType: string;
  actorId: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface IntakeFieldRecord {
  id: string;
  key: string;
  label: string;
  type: string;
  required: boolean;
  options: string[];
}

/** An intake question as the admin manages it: the form's view plus scope, position and age. */
export interface IntakeFieldDetailRecord extends IntakeFieldRecord {
  /** null: asked for every service. */
  serviceId: string | null;
  sortOrder: number;
  createdAt: Date;
}

export interface IntakeAnswerRecord {
  fieldId: string | null;
  key: string;
  label: string;
  value: unknown;
}

export interface BookingDetailRecord extends BookingRecord {
  /** Every provider (its own first) and resource the booking holds (ADR 0018). */
  participants: BookingParticipants;
  answers: IntakeAnswerRecord[];
  history: BookingEventRecord[];
}

/**
 * The slot engine's inputs for one service, as loaded in one tenant transaction: the active,
 * assigned providers and only the rows that can matter for the requested window.
 */
export interface AvailabilitySnapshot {
  tenantTimeZone: string;
  service: Omit<ServiceRecord, 'providerIds' | 'locationIds' | 'participantMode' | 'hostProviderIds'>;
  providers: ProviderInput[];
  rules: WeeklyRule[];
  overrides: DateOverride[];
  blackouts: Blackout[];
  /** Active bookings (pending, confirmed, checked in) of those providers. */
  bookings: ExistingBooking[];
  /** Or, in an appointment's public read, those bookings as occupied ranges only (ADR 0024). */
  occupied?: OccupiedRanges[];
  busy: BusyInterval[];
  /** Booked load per provider-local date, only where a count limit applies. */
  loads: DayLoad[];
  /** Team services only (docs/decisions/0018): the participant mode, resources and their allocations. */
  team?: TeamSettings;
  resources?: ResourceInput[];
  allocations?: ResourceAllocation[];
}

export interface ResourceRecord {
  id: string;
  name: string;
  kind: ResourceKind;
  capacity: number;
  active: boolean;
  locationId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Who a booking of a service needs (ADR 0018). */
export interface ServiceParticipantsRecord {
  mode: ParticipantMode;
  hostProviderIds: string[];
  resourceIds: string[];
}
