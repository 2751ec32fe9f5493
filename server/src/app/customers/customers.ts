import type { createCustomerSchema, updateCustomerSchema } from '@slotwise/contracts';
import type { z } from 'zod';
import type { Clock } from '../../ports/clock';
import type { PageRequest } from '../../ports/records';
import type { CustomerFields, TenantRepositories, UnitOfWork } from '../../ports/repositories';
import { normalizeEmail, normalizePhone } from '../bookings/customer-identity';
import { AppError, notFound } from '../errors';
import { actorOf, type Principal } from '../principal';

type NewCustomer = z.infer<typeof createCustomerSchema>;
type CustomerPatch = z.infer<typeof updateCustomerSchema>;

export const RECENT_BOOKINGS = 20;

/** Null stays null (clearing the field); undefined stays undefined (not given). */
function contact<T extends { email?: string | null; phone?: string | null }>(input: T) {
  return {
    ...(input.email !== undefined
      ? { email: input.email === null ? null : normalizeEmail(input.email) }
      : {}),
    ...(input.phone !== undefined
      ? { phone: input.phone === null ? null : normalizePhone(input.phone) }
      : {}),
  };
}

/** 409 before writing, so the common case gets a clear answer; the unique indexes catch races. */
async function assertContactFree(
  r: TenantRepositories,
  c: { email?: string | null; phone?: string | null },
  self?: string,
) {
  const byEmail = c.email ? await r.customers.findByEmail(c.email) : null;
  if (byEmail && byEmail.id !== self) {
    throw new AppError('conflict', 'Another customer already has this email', {
      field: 'email',
      customerId: byEmail.id,
    });
  }
  const byPhone = c.phone ? await r.customers.findByPhone(c.phone) : null;
  if (byPhone && byPhone.id !== self) {
    throw new AppError('conflict', 'Another customer already has this phone number', {
      field: 'phone',
      customerId: byPhone.id,
    });
  }
}

async function existing(r: TenantRepositories, id: string) {
  const c = await r.customers.get(id);
  if (!c) throw notFound('Customer');
  return c;
}

/** The customer directory: search, profile, edits, and the GDPR rights of access and erasure. */
export function customerService(deps: {
  uow: UnitOfWork;
  /** For the list, which may lag a moment behind writes (a read replica); defaults to `uow`. */
  reads?: UnitOfWork;
  clock: Clock;
}) {
  const { uow, clock } = deps;
  const reads = deps.reads ?? uow;
  return {
    list: (p: Principal, search: string | undefined, page: PageRequest) =>
      reads.run(p.tenantId, (r) => r.customers.search(search || undefined, page)),

    create: (p: Principal, input: NewCustomer) =>
      uow.run(p.tenantId, async (r) => {
        const fields: CustomerFields = {
          name: input.name,
          email: null,
          phone: null,
          notes: input.notes ?? '',
          locale: input.locale ?? null,
          timeZone: input.timeZone ?? null,
          ...contact(input),
        };
        await assertContactFree(r, fields);
        const created = await r.customers.create(fields);
        await r.outbox.add('customer.created', { customerId: created.id });
        return created;
      }),

    profile: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        const customer = await existing(r, id);
        const { currency } = await r.tenant.get();
        const stats = await r.customers.stats(id, { now: clock.now(), currency });
        const recentBookings = await r.customers.recentBookings(id, RECENT_BOOKINGS);
        const { completedCents, capturedNetCents, ...counts } = stats;
        // What the ledger says was paid wins; without payments, what was delivered.
        return {
          customer,
          recentBookings,
          stats: { ...counts, totalSpentCents: capturedNetCents ?? completedCents, currency },
        };
      }),

    update: (p: Principal, id: string, patch: CustomerPatch) =>
      uow.run(p.tenantId, async (r) => {
        const customer = await existing(r, id);
        if (customer.erasedAt)
          throw new AppError(
            'conflict',
            'This customer was erased; their details can no longer be edited',
          );
        const changes: Partial<CustomerFields> = {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
          ...contact(patch),
        };
        await assertContactFree(r, changes, id);
        if (!Object.keys(changes).length) return customer;
        const updated = await r.customers.update(id, changes);
        await r.outbox.add('customer.updated', { customerId: id });
        return updated;
      }),

    export: (p: Principal, id: string) =>
      uow.run(
        p.tenantId,
        async (r) => {
          const data = await r.customers.exportData(id);
          if (!data) throw notFound('Customer');
          return { exportedAt: clock.now(), ...data };
        },
        // One snapshot across the several reads of the export.
        { isolationLevel: 'RepeatableRead' },
      ),

    erase: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        const customer = await existing(r, id);
        if (customer.erasedAt) return customer;
        const { actorType, actorId } = actorOf(p);
        const erased = await r.customers.erase(id, { at: clock.now(), actorType, actorId });
        await r.outbox.add('customer.erased', { customerId: id });
        return erased;
      }),
  };
}
export type CustomerService = ReturnType<typeof customerService>;
export type CustomerProfile = Awaited<ReturnType<CustomerService['profile']>>;
