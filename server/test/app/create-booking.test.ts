import { describe, expect, it } from 'vitest';
import {
  createBooking,
  type CreateOptions,
  type NewBookingRequest,
} from '../../src/app/bookings/create-booking';
import { AppError } from '../../src/app/errors';
import { hashToken } from '../../src/domain/booking/confirmation-code';
import {
  ConfirmationCodeTaken,
  CustomerChanged,
  ScheduleChanged,
  SlotTaken,
} from '../../src/ports/repositories';
import {
  bookingDeps,
  fixedClock,
  memoryBookingStore,
  memorySnapshots,
  openSnapshot,
  tenant,
} from '../support/in-memory/booking-ports';

// A Monday 10:00 UTC, two days after "now": free for every provider of openSnapshot.
const START = '2026-06-01T10:00:00.000Z';
const clock = fixedClock(new Date('2026-05-30T08:00:00.000Z'));
const request = (over: Partial<NewBookingRequest> = {}): NewBookingRequest => ({
  serviceId: 'svc',
  providerId: null,
  start: START,
  customer: { name: 'Ada', email: 'Ada@Example.com' },
  timeZone: 'UTC',
  notes: '',
  answers: {},
  ...over,
});
const publicBooking: CreateOptions = {
  source: 'public',
  overrideAvailability: false,
  staffNotes: '',
  actor: null,
};

function setup(refuse?: Parameters<typeof memoryBookingStore>[0]) {
  const read = memorySnapshots(openSnapshot(['p1', 'p2', 'p3']), { p1: '11', p2: '22', p3: '33' });
  const write = memoryBookingStore(refuse);
  const deps = bookingDeps({ snapshots: read.snapshots, bookingStore: write.store, clock });
  return {
    read,
    write,
    run: (req = request()) => createBooking(deps, tenant(), req, publicBooking),
  };
}

/** The nth write attempt; fails the test when there was none. */
function nth<T>(list: readonly T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`no item ${i} (of ${list.length})`);
  return item;
}

async function appError(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('createBooking against in-memory ports', () => {
  it('writes once on the first candidate, with its schedule version and a manage token derived from the id', async () => {
    const { write, run } = setup();
    const created = await run();
    expect(write.attempts).toHaveLength(1);
    const c = nth(write.attempts, 0);
    expect(c.booking.providerId).toBe('p1');
    expect(c.scheduleVersion).toBe('11');
    expect(c.booking.status).toBe('confirmed');
    expect(c.booking.outsideAvailability).toBe(false);
    expect(c.newCustomer).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      phone: null,
      timeZone: 'UTC',
    });
    expect(c.outbox.map((o) => o.topic)).toEqual(['booking.created', 'booking.confirmed']);
    expect(created.manageToken).toBe(`tok-${c.booking.id}`);
    expect(c.booking.manageTokenHash).toBe(hashToken(created.manageToken));
    expect(created.manageUrl).toBe(`https://book.example/manage/tok-${c.booking.id}`);
  });

  it("falls back to the next candidate when a provider was taken meanwhile, with that provider's version", async () => {
    const { write, run } = setup((c) => (c.booking.providerId === 'p1' ? new SlotTaken() : null));
    const created = await run();
    expect(write.attempts.map((a) => a.booking.providerId)).toEqual(['p1', 'p2']);
    expect(created.booking.providerId).toBe('p2');
    expect(nth(write.attempts, 1).scheduleVersion).toBe('22');
  });

  it('answers 409 slot_unavailable (no reason) once every candidate is taken, writing nothing', async () => {
    const { write, run } = setup(() => new SlotTaken());
    const err = await appError(run());
    expect(err.code).toBe('slot_unavailable');
    expect(err.details).toBeUndefined();
    expect(write.attempts.map((a) => a.booking.providerId)).toEqual(['p1', 'p2', 'p3']);
    expect(write.stored).toEqual([]);
  });

  it('does not fall back for a requested provider: taken means slot_unavailable', async () => {
    const { write, run } = setup(() => new SlotTaken());
    const err = await appError(run(request({ providerId: 'p2' })));
    expect(err.code).toBe('slot_unavailable');
    expect(write.attempts.map((a) => a.booking.providerId)).toEqual(['p2']);
  });

  it('turns ScheduleChanged into slot_unavailable with reason schedule_changed, without trying another provider', async () => {
    const { write, read, run } = setup(() => new ScheduleChanged());
    const err = await appError(run());
    expect(err.code).toBe('slot_unavailable');
    expect(err.details).toEqual({ reason: 'schedule_changed' });
    expect(write.attempts).toHaveLength(1);
    expect(read.loads).toHaveLength(1);
  });

  it('reads and decides again on CustomerChanged, then books for the customer created meanwhile', async () => {
    let read: ReturnType<typeof setup>['read'] | null = null;
    const s = setup((_c, attempt) => {
      if (attempt > 1) return null;
      // A concurrent request created the customer between our read and our write.
      read!.customers.push({ id: 'cust-1', email: 'ada@example.com', phone: null });
      return new CustomerChanged();
    });
    read = s.read;
    const created = await s.run();
    expect(s.read.loads).toHaveLength(2);
    expect(s.write.attempts).toHaveLength(2);
    expect(nth(s.write.attempts, 0).newCustomer).not.toBeNull();
    expect(nth(s.write.attempts, 1).newCustomer).toBeNull();
    expect(created.booking.customerId).toBe('cust-1');
    // The first decision's customer id was a fresh one, not reused for the retry.
    expect(nth(s.write.attempts, 0).booking.customerId).not.toBe('cust-1');
  });

  it('gives up with 409 conflict after three CustomerChanged in a row', async () => {
    const { write, read, run } = setup(() => new CustomerChanged());
    const err = await appError(run());
    expect(err.code).toBe('conflict');
    expect(read.loads).toHaveLength(3);
    expect(write.attempts).toHaveLength(3);
  });

  it('retries a confirmation-code collision with a fresh id, code and token on the same provider', async () => {
    const { write, run } = setup((_c, attempt) =>
      attempt === 1 ? new ConfirmationCodeTaken() : null,
    );
    const created = await run();
    const first = nth(write.attempts, 0);
    const second = nth(write.attempts, 1);
    expect(write.attempts).toHaveLength(2);
    expect(second.booking.providerId).toBe(first.booking.providerId);
    expect(second.booking.id).not.toBe(first.booking.id);
    expect(second.booking.confirmationCode).not.toBe(first.booking.confirmationCode);
    expect(second.booking.manageTokenHash).toBe(hashToken(`tok-${second.booking.id}`));
    expect(created.booking.id).toBe(second.booking.id);
    expect(created.manageToken).toBe(`tok-${second.booking.id}`);
  });

  it('stops after five code collisions and lets the refusal through', async () => {
    const { write, run } = setup(() => new ConfirmationCodeTaken());
    await expect(run()).rejects.toBeInstanceOf(ConfirmationCodeTaken);
    expect(write.attempts).toHaveLength(5);
    expect(write.attempts.every((a) => a.booking.providerId === 'p1')).toBe(true);
  });

  it('lets an unknown write error through without falling back', async () => {
    const { write, run } = setup(() => new Error('connection reset'));
    await expect(run()).rejects.toThrow('connection reset');
    expect(write.attempts).toHaveLength(1);
  });

  it('answers not_found for an unknown service without writing', async () => {
    const { write, run } = setup();
    const err = await appError(run(request({ serviceId: 'nope' })));
    expect(err.code).toBe('not_found');
    expect(write.attempts).toEqual([]);
  });
});
