/** Calendar sync's storage (adapters/postgres/calendar-store.ts). Every method sets the tenant itself. */

export type ConnectionStatus = 'active' | 'broken';

export interface CalendarConnectionRecord {
  id: string;
  tenantId: string;
  providerId: string;
  vendor: string;
  accountEmail: string | null;
  scopes: string[];
  busyCalendarIds: string[];
  bookingCalendarId: string | null;
  inviteCustomers: boolean;
  status: ConnectionStatus;
  /** The refresh token as sealed by the secrets port: opened only to call the vendor. */
  sealedRefreshToken: string | null;
  lastSyncedAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  brokenAt: Date | null;
  createdAt: Date;
}

export interface SyncStateRecord {
  calendarId: string;
  syncToken: string | null;
  channelId: string | null;
  channelTokenHash: string | null;
  resourceId: string | null;
  channelExpiresAt: Date | null;
  lastSyncedAt: Date | null;
  lastFullSyncAt: Date | null;
}

export interface BusyChange {
  /** Replace every busy row of the calendar (a full sync) instead of applying a delta. */
  full: boolean;
  upserts: { eventId: string; start: Date; end: Date }[];
  removals: string[];
}

export interface BookingForCalendar {
  bookingId: string;
  providerId: string;
  status: string;
  startAt: Date;
  endAt: Date;
  code: string;
  serviceName: string;
  customerName: string;
  customerEmail: string | null;
  tenantName: string;
}

export interface BookingEventLease {
  generation: number;
  connectionId: string | null;
  calendarId: string | null;
  eventId: string;
  written: boolean;
}

export interface CalendarStore {
  /** The staff member (provider) a connection belongs to, and the login linked to it. */
  providerOf(
    tenantId: string,
    providerId: string,
  ): Promise<{ id: string; name: string; userId: string | null } | null>;
  listConnections(tenantId: string): Promise<CalendarConnectionRecord[]>;
  getConnection(tenantId: string, id: string): Promise<CalendarConnectionRecord | null>;
  /** Creates the provider's connection to the vendor, or replaces its grant (a reconnect clears "broken"). */
  saveGrant(
    tenantId: string,
    g: {
      providerId: string;
      vendor: string;
      accountEmail: string | null;
      scopes: string[];
      sealedRefreshToken: string;
    },
  ): Promise<CalendarConnectionRecord>;
  updateSettings(
    tenantId: string,
    id: string,
    patch: {
      busyCalendarIds?: string[];
      bookingCalendarId?: string | null;
      inviteCustomers?: boolean;
    },
  ): Promise<CalendarConnectionRecord | null>;
  /** Deletes the connection and, by cascade, its busy time and sync states. */
  deleteConnection(tenantId: string, id: string): Promise<void>;
  /** True when this call turned an active connection broken (so the tenant is told once). */
  markBroken(tenantId: string, id: string, error: string, at: Date): Promise<boolean>;
  recordError(tenantId: string, id: string, error: string, at: Date): Promise<void>;
  markSynced(tenantId: string, id: string, at: Date): Promise<void>;
  /** Takes the connection's sync lease until `until` (false: another sync holds it); `release` ends it. */
  leaseSync(tenantId: string, id: string, now: Date, until: Date): Promise<boolean>;
  releaseSync(tenantId: string, id: string): Promise<void>;

  syncStates(tenantId: string, connectionId: string): Promise<SyncStateRecord[]>;
  saveSyncState(
    tenantId: string,
    connectionId: string,
    calendarId: string,
    patch: Partial<Omit<SyncStateRecord, 'calendarId'>>,
  ): Promise<void>;
  /**
   * Points a calendar at a newly watched channel, only if its channel is still `previousChannelId`
   * (null: none yet). False when another sync replaced it meanwhile: the caller's channel is surplus.
   */
  replaceChannel(
    tenantId: string,
    connectionId: string,
    calendarId: string,
    previousChannelId: string | null,
    channel: {
      channelId: string;
      channelTokenHash: string;
      resourceId: string;
      channelExpiresAt: Date;
    },
  ): Promise<boolean>;
  /** Drops the sync state and busy time of a calendar no longer chosen; returns the dropped states. */
  dropCalendar(tenantId: string, connectionId: string, calendarId: string): Promise<void>;
  findChannel(
    tenantId: string,
    channelId: string,
  ): Promise<{ connectionId: string; calendarId: string; channelTokenHash: string | null } | null>;
  /** Applies a sync's result to external_busy in one transaction (its triggers bump the versions). */
  applyBusy(
    tenantId: string,
    connection: { id: string; providerId: string },
    calendarId: string,
    change: BusyChange,
  ): Promise<void>;
  /** Connections due a poll or a channel renewal, across tenants. */
  dueConnections(
    pollBefore: Date,
    renewBefore: Date,
    limit: number,
  ): Promise<{ tenantId: string; connectionId: string }[]>;

  /**
   * Marks a booking's calendar event dirty (bumping its generation) when its provider has an
   * active connection with a booking calendar, or the booking was written before. False: nothing to do.
   */
  markBookingDirty(
    tenantId: string,
    bookingId: string,
    eventId: string,
    at: Date,
  ): Promise<boolean>;
  /** Leases a dirty row until `until` (null: not dirty, or leased by another worker). */
  leaseBookingEvent(
    tenantId: string,
    bookingId: string,
    now: Date,
    until: Date,
  ): Promise<BookingEventLease | null>;
  bookingForCalendar(tenantId: string, bookingId: string): Promise<BookingForCalendar | null>;
  /** Clears "dirty" if nothing changed since the lease's generation; releases the lease either way. */
  finishBookingEvent(
    tenantId: string,
    bookingId: string,
    generation: number,
    where: { connectionId: string | null; calendarId: string | null; written: boolean },
  ): Promise<void>;
  failBookingEvent(
    tenantId: string,
    bookingId: string,
    error: string,
    retryAt: Date,
  ): Promise<void>;
  dirtyBookings(
    dirtyBefore: Date,
    now: Date,
    limit: number,
  ): Promise<{ tenantId: string; bookingId: string; generation: number; attempts: number }[]>;
  /** Where to tell the business about a broken connection: the business email, else its owners. */
  tenantContacts(tenantId: string): Promise<string[]>;
}
