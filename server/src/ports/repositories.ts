import type { PaymentRepository } from './payments';
import type { BillingRepository } from './plans';
import type { ApiKeyMode, ApiKeyScope, BookingParticipants, BookingSource, Role } from '@slotwise/contracts';
import type { BookingStatus } from '../domain/booking/lifecycle';
import type { BookingDetailRecord, ResourceRecord, ServiceParticipantsRecord, BookingRecord, IntakeAnswerRecord, IntakeFieldDetailRecord, IntakeFieldRecord } from './records';
import type { WebhookRepository } from './webhooks';
import type {
  ApiKeyRecord,
  AvailabilitySnapshot,
  BlackoutRecord,
  BookingExportRow,
  CustomerBookingRecord,
  CustomerExportRecord,
  CustomerRecord,
  CustomerStatsRecord,
  DateOverrideRecord,
  ReportAggregates,
  ReportAggregatesQuery,
  WaitlistEntryRecord,
  WaitlistStatus,
  MemberRecord,
  MembershipSummary,
  Page,
  PageRequest,
  LocationRecord,
  ProviderRecord,
  ServiceRecord,
  SessionRecord,
  TenantRecord,
  UserRecord,
  WeeklyIntervalRecord,
} from './records';

/** Tenant-scoped repositories: every method runs inside the request's tenant transaction. */
export interface TenantRepository {
  get(): Promise<TenantRecord>;
  update(patch: Partial<Omit<TenantRecord, 'id' | 'slug' | 'createdAt' | 'updatedAt'>>): Promise<TenantRecord>;
}

export interface MemberRepository {
  list(page: PageRequest): Promise<Page<MemberRecord>>;
  get(id: string): Promise<MemberRecord | null>;
  findByUserId(userId: string): Promise<MemberRecord | null>;
  add(userId: string, role: Role): Promise<MemberRecord>;
  setRole(id: string, role: Role): Promise<MemberRecord>;
  remove(id: string): Promise<void>;
  countOwners(): Promise<number>;
}

export interface ApiKeyRepository {
  list(page: PageRequest): Promise<Page<ApiKeyRecord>>;
  get(id: string): Promise<ApiKeyRecord | null>;
  create(input: { name: string; mode: ApiKeyMode; prefix: string; secretHash: string; scopes: ApiKeyScope[]; createdById: string | null }): Promise<ApiKeyRecord>;
  revoke(id: string): Promise<ApiKeyRecord | null>;
  touch(id: string, at: Date): Promise<void>;
}

export interface OutboxRepository {
  /** Recorded in the caller's transaction: it commits or rolls back with the change. */
  add(topic: string, payload: Record<string, unknown>): Promise<void>;
}

export type CustomerFields = Pick<CustomerRecord, 'name' | 'email' | 'phone' | 'notes' | 'locale' | 'timeZone'>;

/** Customers. Email is stored lower-cased and phone as + and digits; both are unique per tenant. */
export interface CustomerRepository {
  /** Live (not erased) customers, newest first; `search` is a prefix of a name word, the email or the phone. */
  search(search: string | undefined, page: PageRequest): Promise<Page<CustomerRecord>>;
  get(id: string): Promise<CustomerRecord | null>;
  findByEmail(email: string): Promise<CustomerRecord | null>;
  findByPhone(phone: string): Promise<CustomerRecord | null>;
  /** Throws AppError 'conflict' when the email or phone belongs to another customer. */
  create(fields: CustomerFields): Promise<CustomerRecord>;
  /**
   * Creates the customer unless one with this email or phone exists (waiting for one being
   * inserted by another transaction): null then. Never a unique violation, so the caller's
   * transaction stays usable. Which customer an identity is, is decided by matchCustomer.
   */
  insertIfAbsent(identity: { name: string; email: string | null; phone: string | null; timeZone: string | null }): Promise<CustomerRecord | null>;
  /** Throws AppError 'conflict' when the email or phone belongs to another customer. */
  update(id: string, patch: Partial<CustomerFields>): Promise<CustomerRecord>;
  recentBookings(id: string, limit: number): Promise<CustomerBookingRecord[]>;
  stats(id: string, opts: { now: Date; currency: string }): Promise<CustomerStatsRecord>;
  exportData(id: string): Promise<CustomerExportRecord | null>;
  /**
   * Anonymises the customer and the personal data tied to their bookings, and records a
   * 'customer_erased' event on each booking. Money and statuses are untouched.
   */
  erase(id: string, opts: { at: Date; actorType: string; actorId: string | null }): Promise<CustomerRecord>;
}

export interface WaitlistRepository {
  list(filter: { serviceId?: string; status?: WaitlistStatus }, page: PageRequest): Promise<Page<WaitlistEntryRecord>>;
  /** The customer's open (waiting) entry for exactly this request, to make joining twice harmless. */
  findOpen(q: { serviceId: string; providerId: string | null; customerId: string; fromDate: string; toDate: string }): Promise<WaitlistEntryRecord | null>;
  add(e: { serviceId: string; providerId: string | null; customerId: string; fromDate: string; toDate: string }): Promise<WaitlistEntryRecord>;
  /** Marks the entry cancelled; null when there is no such entry. */
  cancel(id: string): Promise<WaitlistEntryRecord | null>;
  /**
   * Atomically moves the waiting entries of the service (any provider or this one) whose date
   * range contains `date` to notified, and returns them. Concurrent callers never share an entry.
   */
  claimForSlot(q: { serviceId: string; providerId: string; date: string; at: Date }): Promise<{ id: string; customerId: string }[]>;
}

export interface ReportRepository {
  /** Aggregates of the range's local days from the roll-ups; available hours use the given dates. */
  aggregates(q: ReportAggregatesQuery): Promise<ReportAggregates>;
  /** Bookings starting in [start, end) ordered by (startAt, id), after the given position. */
  bookingRows(q: { start: Date; end: Date; after: { startAt: Date; id: string } | null; limit: number }): Promise<BookingExportRow[]>;
  /** Adds up to `limit` queued booking creates to the roll-ups (ADR 0022); how many it added. */
  fold(limit: number): Promise<number>;
}

/** Cross-tenant view for the report fold job: tenants with booking creates queued (ADR 0022). */
export interface ReportBacklog {
  tenants(limit: number): Promise<string[]>;
}

/** What the service form writes; who attends is written through ServiceParticipantsRecord. */
export type ServiceFields = Omit<
  ServiceRecord,
  'id' | 'providerIds' | 'locationIds' | 'participantMode' | 'hostProviderIds' | 'createdAt' | 'updatedAt'
>;

/** Catalogue services. Soft-deleted rows are invisible to every method. */
export interface ServiceRepository {
  /**
   * `publicOnly`: active services, with only active providers in providerIds. `locationId`: only
   * services offered there that an active provider working there offers.
   */
  list(page: PageRequest, opts?: { publicOnly?: boolean; locationId?: string }): Promise<Page<ServiceRecord>>;
  get(id: string): Promise<ServiceRecord | null>;
  create(fields: ServiceFields, providerIds: string[], locationIds?: string[]): Promise<ServiceRecord>;
  /** `providerIds` / `locationIds`, when given, replace the assignment. Null when the service does not exist. */
  update(id: string, patch: Partial<ServiceFields>, providerIds?: string[], locationIds?: string[]): Promise<ServiceRecord | null>;
  softDelete(id: string, at: Date): Promise<boolean>;
  /** The subset of `ids` naming existing services of this tenant. */
  existing(ids: readonly string[]): Promise<string[]>;
}

export type ResourceFields = Omit<ResourceRecord, 'id' | 'createdAt' | 'updatedAt'>;

/** Rooms, chairs, equipment (ADR 0018). Soft-deleted rows are invisible to every method. */
export interface ResourceRepository {
  list(page: PageRequest): Promise<Page<ResourceRecord>>;
  get(id: string): Promise<ResourceRecord | null>;
  create(fields: ResourceFields): Promise<ResourceRecord>;
  update(id: string, patch: Partial<ResourceFields>): Promise<ResourceRecord | null>;
  softDelete(id: string, at: Date): Promise<boolean>;
  /** The subset of `ids` naming existing resources of this tenant. */
  existing(ids: readonly string[]): Promise<string[]>;
  /** A service's participant configuration; null when the service does not exist. */
  participants(serviceId: string): Promise<ServiceParticipantsRecord | null>;
  /** Replaces it (the caller checked the service exists and the ids). */
  setParticipants(serviceId: string, p: ServiceParticipantsRecord): Promise<void>;
}

export type ProviderFields = Omit<ProviderRecord, 'id' | 'serviceIds' | 'createdAt' | 'updatedAt'>;

/** Catalogue providers (staff and rooms). Soft-deleted rows are invisible to every method. */
export interface ProviderRepository {
  /** `publicOnly`: active providers with only active services in serviceIds; `serviceId`: offering it; `locationId`: working there. */
  list(page: PageRequest, opts?: { publicOnly?: boolean; serviceId?: string; locationId?: string }): Promise<Page<ProviderRecord>>;
  get(id: string): Promise<ProviderRecord | null>;
  create(fields: ProviderFields, serviceIds: string[]): Promise<ProviderRecord>;
  update(id: string, patch: Partial<ProviderFields>, serviceIds?: string[]): Promise<ProviderRecord | null>;
  softDelete(id: string, at: Date): Promise<boolean>;
  existing(ids: readonly string[]): Promise<string[]>;
}

export type LocationFields = Omit<LocationRecord, 'id' | 'providerIds' | 'createdAt' | 'updatedAt'>;

/** A tenant's locations (ADR 0019) and the offering facts the catalogue checks against them. */
export interface LocationRepository {
  /** In display order; `activeOnly` for customers. */
  list(page: PageRequest, opts?: { activeOnly?: boolean }): Promise<Page<LocationRecord>>;
  get(id: string): Promise<LocationRecord | null>;
  create(fields: LocationFields): Promise<LocationRecord>;
  update(id: string, patch: Partial<LocationFields>): Promise<LocationRecord | null>;
  /** 'in_use' when a provider or resource (even deleted), a service's offering or a booking refers to it. */
  delete(id: string): Promise<'deleted' | 'in_use' | 'not_found'>;
  existing(ids: readonly string[]): Promise<string[]>;
  /** Each given service's offering locations (empty = every location). */
  offeringsOf(serviceIds: readonly string[]): Promise<Map<string, string[]>>;
  /** Each given (not deleted) provider's location. */
  locationsOfProviders(providerIds: readonly string[]): Promise<Map<string, string | null>>;
  /** Every provider ever placed here and still here, deleted ones included (reports). */
  allProviderIdsAt(locationId: string): Promise<string[]>;
}

export interface DateWindow {
  from?: string;
  to?: string;
}

/** Weekly hours and date overrides of providers. Callers check the provider exists first. */
export interface ScheduleRepository {
  weeklyHours(providerId: string): Promise<WeeklyIntervalRecord[]>;
  replaceWeeklyHours(providerId: string, intervals: readonly WeeklyIntervalRecord[]): Promise<WeeklyIntervalRecord[]>;
  listOverrides(providerId: string, page: PageRequest, window: DateWindow): Promise<Page<DateOverrideRecord>>;
  getOverride(providerId: string, id: string): Promise<DateOverrideRecord | null>;
  /** Overrides of the provider covering any date of [startDate, endDate], except `exceptId`. */
  overlappingOverrides(providerId: string, startDate: string, endDate: string, exceptId?: string): Promise<DateOverrideRecord[]>;
  createOverride(providerId: string, o: Pick<DateOverrideRecord, 'startDate' | 'endDate' | 'intervals' | 'reason'>): Promise<DateOverrideRecord>;
  updateOverride(providerId: string, id: string, o: Pick<DateOverrideRecord, 'startDate' | 'endDate' | 'intervals' | 'reason'>): Promise<DateOverrideRecord>;
  deleteOverride(providerId: string, id: string): Promise<boolean>;
}

/** Tenant-wide closed days. */
export interface BlackoutRepository {
  list(page: PageRequest, window: DateWindow): Promise<Page<BlackoutRecord>>;
  create(b: Pick<BlackoutRecord, 'name' | 'startDate' | 'endDate'>): Promise<BlackoutRecord>;
  delete(id: string): Promise<boolean>;
}

export type IntakeFieldFields = Omit<IntakeFieldDetailRecord, 'id' | 'createdAt'>;

/**
 * Booking-form questions. Those of deleted services are invisible to every method. Deleting one
 * keeps the answers already given (they hold copies of key, label and value; field_id is cleared).
 */
export interface IntakeFieldRepository {
  /** In form order (sortOrder, then oldest first); `serviceId`: its questions plus the business-wide ones. */
  list(filter?: { serviceId?: string }): Promise<IntakeFieldDetailRecord[]>;
  get(id: string): Promise<IntakeFieldDetailRecord | null>;
  /**
   * Questions with this key that one booking would be asked together with a question of
   * `serviceId` (null: of every service, so any question with the key), except `exceptId`.
   */
  keyClashes(key: string, serviceId: string | null, exceptId?: string): Promise<IntakeFieldDetailRecord[]>;
  create(fields: IntakeFieldFields): Promise<IntakeFieldDetailRecord>;
  /** Null when the question does not exist. */
  update(id: string, patch: Partial<IntakeFieldFields>): Promise<IntakeFieldDetailRecord | null>;
  delete(id: string): Promise<boolean>;
}

/**
 * Everything the slot engine needs for one service over an instant window, read in one round
 * trip (this is the hot path of every availability request and booking).
 */
export interface AvailabilityLoadQuery {
  serviceId: string;
  providerId?: string;
  /** Window of slot STARTS; bookings and busy time are widened by the service's buffers and duration. */
  fromUtc: Date;
  toUtc: Date;
  /** Ignore this booking's own occupancy (rescheduling it). */
  excludeBookingId?: string;
}

export interface AvailabilityRepository {
  /** Null when the service does not exist (or is deleted). */
  load(q: AvailabilityLoadQuery): Promise<AvailabilitySnapshot | null>;
}

/**
 * A tenant's availability data version: changes whenever a committed write could change any slot
 * (catalogue, schedules, bookings, busy time, business zone). Read outside a tenant transaction,
 * in one round trip, to validate cached slots.
 */
export interface AvailabilityVersions {
  current(tenantId: string): Promise<string>;
}

export interface TenantRepositories {
  tenant: TenantRepository;
  members: MemberRepository;
  apiKeys: ApiKeyRepository;
  outbox: OutboxRepository;
  webhooks: WebhookRepository;
  services: ServiceRepository;
  providers: ProviderRepository;
  resources: ResourceRepository;
  locations: LocationRepository;
  schedules: ScheduleRepository;
  blackouts: BlackoutRepository;
  intakeFields: IntakeFieldRepository;
  availability: AvailabilityRepository;
  customers: CustomerRepository;
  waitlist: WaitlistRepository;
  reports: ReportRepository;
  bookings: BookingRepository;
  /** Payment state, ledger and tenant payment settings (ports/payments.ts). */
  payments: PaymentRepository;
  /** Plan, subscription and Connect account (ports/plans.ts). */
  billing: BillingRepository;
}

export interface UnitOfWorkOptions {
  isolationLevel?: 'ReadCommitted' | 'RepeatableRead' | 'Serializable';
}

/** Runs a use case's work for one tenant in one transaction. */
export interface UnitOfWork {
  run<T>(tenantId: string, fn: (repos: TenantRepositories) => Promise<T>, opts?: UnitOfWorkOptions): Promise<T>;
}

/** Lookups that happen before a tenant is known: accounts, sessions, credentials, slugs. */
export interface Directory {
  findUserByEmail(email: string): Promise<UserRecord | null>;
  findUserById(id: string): Promise<UserRecord | null>;
  /** Creates user (if new), tenant and owner membership atomically. */
  createAccount(input: {
    user: { email: string; name: string; passwordHash: string } | { existingUserId: string };
    tenant: { slug: string; name: string; timeZone: string; currency: string };
  }): Promise<{ user: UserRecord; tenant: TenantRecord }>;
  createUser(input: { email: string; name: string; passwordHash: string }): Promise<UserRecord>;
  /** Replaces a password hash if it is still `oldHash` (a concurrent change wins). */
  setPasswordHash(userId: string, oldHash: string, newHash: string): Promise<void>;
  membershipsOf(userId: string): Promise<MembershipSummary[]>;
  findTenantBySlug(slug: string): Promise<TenantRecord | null>;
  findTenantById(id: string): Promise<TenantRecord | null>;
  slugTaken(slug: string): Promise<boolean>;
  createSession(input: { userId: string; tenantId: string; tokenHash: string; expiresAt: Date; userAgent?: string }): Promise<SessionRecord>;
  findSessionByTokenHash(tokenHash: string): Promise<SessionRecord | null>;
  findSession(id: string): Promise<SessionRecord | null>;
  /**
   * Swaps the refresh token of a live session and records the old one as spent, atomically;
   * false when the old one was no longer the session's live token (spent, revoked, expired).
   */
  rotateSession(id: string, oldHash: string, newHash: string, expiresAt: Date): Promise<boolean>;
  /** The session (token family) a rotated-out refresh token belonged to. */
  findSpentRefreshToken(tokenHash: string): Promise<{ sessionId: string } | null>;
  revokeSession(id: string, reason: 'logout' | 'refresh_token_reused'): Promise<void>;
  findApiKeyBySecretHash(secretHash: string): Promise<{ id: string; tenantId: string; mode: ApiKeyMode; scopes: ApiKeyScope[]; revokedAt: Date | null } | null>;
}

/** What a new booking row holds; the repository adds the tenant and the timestamps. */
export interface NewBooking {
  id: string;
  serviceId: string;
  providerId: string;
  customerId: string;
  status: BookingStatus;
  startAt: Date;
  endAt: Date;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** Shared by the seats of one class session; null for an appointment (its own id is used). */
  sessionKey: string | null;
  seats: number;
  confirmationCode: string;
  manageTokenHash: string;
  priceCents: number;
  currency: string;
  depositCents: number;
  customerTimeZone: string | null;
  customerNotes: string;
  staffNotes: string;
  source: BookingSource;
  outsideAvailability: boolean;
  /** pending_payment only: the hold ends this many minutes after the database's clock. */
  holdMinutes?: number | null;
  /** Team services (ADR 0018): the other providers and the resources the booking holds, sorted. */
  participants?: { hosts: string[]; resources: string[] };
  /** The customer's language (en/es/fr) for their messages; English when omitted. */
  language?: string;
}

export type BookingChange = Partial<
  Pick<
    BookingRecord,
    | 'status'
    | 'providerId'
    | 'startAt'
    | 'endAt'
    | 'bufferBeforeMinutes'
    | 'bufferAfterMinutes'
    | 'sessionKey'
    | 'icsSequence'
    | 'staffNotes'
    | 'outsideAvailability'
    | 'cancelReason'
    | 'cancelledAt'
  >
>;

export interface BookingListFilter {
  /** Bookings starting in [from, to). */
  from?: Date;
  to?: Date;
  statuses?: BookingStatus[];
  providerId?: string;
  serviceId?: string;
  customerId?: string;
  code?: string;
  /** Customer name, email or phone containing the text (phone: its digits), or the exact code. */
  search?: { text: string; digits: string | null; code: string | null };
  /** By start time or by booking time; `-` is newest / latest first. Default `-created`. */
  sort?: BookingSort;
}
export type BookingSort = 'start' | '-start' | 'created' | '-created';

export interface OutboxMessage {
  topic: string;
  payload: Record<string, unknown>;
}

export interface NewBookingEvent {
  action: string;
  fromStatus: BookingStatus | null;
  toStatus: BookingStatus | null;
  actorType: string;
  actorId: string | null;
  reason?: string | null;
  data?: Record<string, unknown>;
}

/** The confirmation code drawn for a new booking is already used in this tenant: draw another. */
export class ConfirmationCodeTaken extends Error {
  constructor() {
    super('Confirmation code already taken');
    this.name = 'ConfirmationCodeTaken';
  }
}

/**
 * Bookings. The database guarantees no double booking: writes that would overlap another active
 * booking of the provider, or overfill a class session, never succeed.
 */
export interface BookingRepository {
  find(id: string): Promise<BookingRecord | null>;
  /** Also row-locks the booking until the transaction ends, so changes to one booking serialise. */
  findForUpdate(id: string): Promise<BookingRecord | null>;
  detail(id: string): Promise<BookingDetailRecord | null>;
  /** Every provider (the booking's own first) and resource the booking holds (ADR 0018). */
  participants(booking: BookingRecord): Promise<BookingParticipants>;
  /** Newest first. */
  list(filter: BookingListFilter, page: PageRequest): Promise<Page<BookingRecord>>;
  /** Throws AppError slot_unavailable when the change would overlap another booking or overfill a session. */
  update(id: string, change: BookingChange): Promise<void>;
  addEvent(bookingId: string, event: NewBookingEvent): Promise<void>;
}

/** A booking to create, as booking_create (prisma/functions/booking_create.sql) stores it. */
export interface BookingCreation {
  /** The whole row, decided by the use case: provider, customer and outsideAvailability included. */
  booking: NewBooking;
  /** Null when booking.customerId is an existing customer; else the new customer's row. */
  newCustomer: { name: string; email: string | null; phone: string | null; timeZone: string | null } | null;
  /**
   * The schedule version the snapshot read saw for booking.providerId (BookingSnapshot.versions):
   * the write refuses with ScheduleChanged when it moved.
   */
  scheduleVersion: string;
  answers: IntakeAnswerRecord[];
  /** The first history row and the outbox messages, stored as given. */
  event: NewBookingEvent;
  outbox: OutboxMessage[];
  /**
   * Later work of the same request reads this booking before the request ends (its payment is
   * prepared, its place named): it must be visible to that work even while an idempotent
   * response still holds the write's transaction open (ADR 0008 §5).
   */
  joinedLater: boolean;
}

/** The provider cannot take the booking: an active booking overlaps, or the class session is full. */
export class SlotTaken extends Error {
  constructor() {
    super('The provider is taken at that time');
    this.name = 'SlotTaken';
  }
}

/** The schedule the availability engine used (hours, overrides, blackouts, busy time, service, provider) changed before the write. */
export class ScheduleChanged extends Error {
  constructor() {
    super('The schedule changed since it was read');
    this.name = 'ScheduleChanged';
  }
}

/** The write was to create a customer, but one with this email or phone exists now: decide again. */
export class CustomerChanged extends Error {
  constructor() {
    super('A customer with this email or phone was created meanwhile');
    this.name = 'CustomerChanged';
  }
}

/** A customer an identity may refer to, as the booking read returns them. */
export interface CustomerMatch {
  id: string;
  email: string | null;
  phone: string | null;
}

/** What booking creation reads in one statement: the engine's input and what the decisions need. */
export interface BookingSnapshot {
  snapshot: AvailabilitySnapshot;
  intake: IntakeFieldRecord[];
  /** The tenant's customers with the identity's email or phone. */
  customers: CustomerMatch[];
  /** Schedule version per provider id of the snapshot, to hand to the write. */
  versions: ReadonlyMap<string, string>;
  /** The tenant's and the service's counters (each provider's version includes them). */
  baseVersion?: string;
  /** The counters of the service's resources. */
  resourceVersion?: string;
  /** The tenant's data version read with the snapshot (public reads only; see AvailabilitySnapshots.load). */
  dataVersion?: string;
  /**
   * Booking reads: the business as this snapshot saw it. The decisions take its settings and
   * language from here, and a caller that resolved it from a cached slug checks the slug.
   */
  tenant?: Pick<TenantRecord, 'slug' | 'locale' | 'settings'>;
}

/**
 * The slot engine's input read outside any unit of work, in one statement (the hot paths: public
 * availability and booking creation). Same data as AvailabilityRepository.load, which reads it
 * inside a transaction.
 */
export interface AvailabilitySnapshots {
  /**
   * The public slot search's read. Null: no such service (or deleted). `version`: the tenant's
   * data version (AvailabilityVersions) read in the same statement as the snapshot, so exactly
   * the one it stands for (absent: unknown, the answer is not cached). Bookings of an appointment
   * service (capacity 1, one provider, no resources) may come as their occupied ranges only
   * (start and end with the buffers, no buffers, one seat, serviceId ''): all the engine needs
   * of them there; never for booking, where assignment reads each booking's start.
   */
  load(tenantId: string, window: AvailabilityLoadQuery): Promise<{ snapshot: AvailabilitySnapshot; version?: string } | null>;
  /** The same, plus the intake questions, the customers matching the identity and the schedule versions. */
  loadForBooking(
    tenantId: string,
    window: AvailabilityLoadQuery,
    identity: { email: string | null; phone: string | null },
  ): Promise<BookingSnapshot | null>;
}

/**
 * The booking hot path's write, outside any unit of work: one statement and one transaction of
 * its own (docs/decisions/0007-booking-write-decides-in-the-app.md).
 */
export interface BookingStore {
  /**
   * Stores the booking the use case decided on (and its new customer, answers, history and outbox
   * rows), all or nothing. Throws SlotTaken, ScheduleChanged, CustomerChanged or
   * ConfirmationCodeTaken when what the decision relied on no longer holds.
   */
  create(tenantId: string, c: BookingCreation): Promise<BookingRecord>;
}

/** Resolves a manage-link token hash to its booking before the tenant is known. */
export interface ManageLinkDirectory {
  find(tokenHash: string): Promise<{ bookingId: string; tenantId: string } | null>;
}
