import { NO_PAYMENT_POLICY } from '@slotwise/contracts';
import { tenantSettingsSchema } from '@slotwise/contracts';
import type { BookingDeps } from '../../../src/app/bookings/deps';
import type { Clock } from '../../../src/ports/clock';
import type { AvailabilitySnapshot, BookingRecord, TenantRecord } from '../../../src/ports/records';
import type {
  AvailabilitySnapshots,
  BookingCreation,
  BookingSnapshot,
  BookingStore,
  CustomerMatch,
} from '../../../src/ports/repositories';
import type { Secrets } from '../../../src/ports/secrets';
import { untouched } from './untouched';

/** A clock that stays where it is put. */
export const fixedClock = (at: Date): Clock => ({ now: () => new Date(at.getTime()) });

/** Derives manage tokens like the real Secrets does (a function of the id), without a key. */
export const memorySecrets: Pick<Secrets, 'manageToken'> = {
  manageToken: (bookingId) => `tok-${bookingId}`,
};

export const tenant = (over: Partial<TenantRecord> = {}): TenantRecord => ({
  id: 't1',
  slug: 'acme',
  name: 'Acme',
  description: '',
  timeZone: 'UTC',
  currency: 'EUR',
  locale: 'en',
  email: null,
  phone: null,
  address: null,
  logoUrl: null,
  brandColor: '#000000',
  policiesText: '',
  settings: tenantSettingsSchema.parse({}),
  embedOrigins: [],
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...over,
});

/**
 * One service of 30 minutes offered by `providerIds` (sortOrder in that order), each working
 * 09:00–17:00 UTC every day, with no bookings: any half hour of a working day is free for all.
 */
export function openSnapshot(providerIds: string[]): AvailabilitySnapshot {
  return {
    tenantTimeZone: 'UTC',
    service: {
      id: 'svc',
      name: 'Cut',
      description: '',
      category: null,
      durationMinutes: 30,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      priceCents: 3000,
      currency: 'EUR',
      paymentPolicy: NO_PAYMENT_POLICY,
      deposit: { type: 'none', value: 0 },
      capacity: 1,
      minNoticeMinutes: 0,
      maxAdvanceDays: 60,
      slotIntervalMinutes: 30,
      slotPlacement: 'grid',
      limits: {},
      requiresApproval: false,
      active: true,
      sortOrder: 0,
      createdAt: new Date(0),
      updatedAt: new Date(0),
    },
    providers: providerIds.map((id, i) => ({ id, timeZone: 'UTC', sortOrder: i })),
    loads: [],
    rules: providerIds.flatMap((providerId) =>
      ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({
        providerId,
        weekday,
        startTime: '09:00',
        endTime: '17:00',
        serviceIds: null,
      })),
    ),
    overrides: [],
    blackouts: [],
    bookings: [],
    busy: [],
  };
}

/**
 * The booking read: always the same snapshot, and the customers currently in `customers` (a test
 * adds one to play a concurrent request creating it). Records every call.
 */
export function memorySnapshots(snapshot: AvailabilitySnapshot, versions: Record<string, string>) {
  const customers: CustomerMatch[] = [];
  const loads: { email: string | null; phone: string | null }[] = [];
  const snapshots: AvailabilitySnapshots = {
    async load() {
      return { snapshot };
    },
    async loadForBooking(_tenantId, window, identity): Promise<BookingSnapshot | null> {
      loads.push(identity);
      if (window.serviceId !== snapshot.service.id) return null;
      return {
        snapshot,
        intake: [],
        customers: customers.filter(
          (c) =>
            (identity.email && c.email === identity.email) ||
            (identity.phone && c.phone === identity.phone),
        ),
        versions: new Map(Object.entries(versions)),
      };
    },
  };
  return { snapshots, customers, loads };
}

/**
 * The booking write. `refuse` is consulted before each write: return an error to throw it (the
 * refusal the database would give), or null to store the booking. Every attempt is recorded.
 */
export function memoryBookingStore(
  refuse: (c: BookingCreation, attempt: number) => Error | null = () => null,
) {
  const attempts: BookingCreation[] = [];
  const stored: BookingRecord[] = [];
  const store: BookingStore = {
    async create(tenantId, c) {
      attempts.push(c);
      const err = refuse(c, attempts.length);
      if (err) throw err;
      const b = c.booking;
      const customer = c.newCustomer ?? { name: 'existing', email: null, phone: null };
      const record: BookingRecord = {
        ...b,
        sessionKey: b.sessionKey ?? b.id,
        icsSequence: 0,
        cancelReason: null,
        cancelledAt: null,
        createdAt: new Date(0),
        updatedAt: new Date(0),
        service: { id: b.serviceId, name: 'Cut', durationMinutes: 30 },
        provider: { id: b.providerId, name: b.providerId },
        customer: {
          id: b.customerId,
          name: customer.name,
          email: customer.email,
          phone: customer.phone,
        },
      };
      stored.push(record);
      return record;
    },
  };
  return { store, attempts, stored };
}

/** BookingDeps for createBooking: the parts it does not use throw if touched. */
export function bookingDeps(
  parts: Pick<BookingDeps, 'snapshots' | 'bookingStore' | 'clock'>,
): BookingDeps {
  return {
    ...parts,
    uow: untouched<BookingDeps['uow']>('uow', {}),
    directory: untouched<BookingDeps['directory']>('directory', {}),
    links: untouched<BookingDeps['links']>('links', {}),
    publicUrl: 'https://book.example/',
    secrets: memorySecrets,
    icsDomain: 'book.example',
  };
}
