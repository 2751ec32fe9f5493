import type {
  adminCreateBookingBodySchema,
  bookingsContract,
  createBookingBodySchema,
  listBookingsQuerySchema,
} from '@slotwise/contracts';
import type { z } from 'zod';
import { findSlot } from '../../domain/availability';
import { normalizeConfirmationCode } from '../../domain/booking/confirmation-code';
import type { BookingAction } from '../../domain/booking/lifecycle';
import { addDays, startOfLocalDate } from '../../domain/time';
import type {
  BookingDetailRecord,
  BookingRecord,
  IntakeFieldRecord,
  Page,
  TenantRecord,
} from '../../ports/records';
import type { BookingListFilter, TenantRepositories } from '../../ports/repositories';
import { engineInput, loadAvailabilityInput } from '../availability';
import { tenantBySlug } from '../catalogue/public-tenant';
import { AppError, notFound, validationFailed } from '../errors';
import type { Principal } from '../principal';
import { staffActor } from './audit';
import { createBooking, type CreatedBooking } from './create-booking';
import type { BookingDeps } from './deps';
import { moveBooking } from './move-booking';
import { publicTenants } from './public-tenants';
import { applyAction } from './transitions';

type PublicCreateBody = z.infer<typeof createBookingBodySchema>;
type AdminCreateBody = z.infer<typeof adminCreateBookingBodySchema>;
type ListQuery = z.infer<typeof listBookingsQuerySchema>;
type RescheduleBody = z.infer<typeof bookingsContract.reschedule.body>;
type ReassignBody = z.infer<typeof bookingsContract.reassign.body>;

/** The lifecycle actions staff take through /v1/admin/bookings/:id/<action>. */
export type StaffAction = Exclude<BookingAction, 'reschedule'>;

const anyProvider = (id: string | null | undefined) => (id && id !== 'any' ? id : null);

/** A date (YYYY-MM-DD) is a whole day in the business's zone; `to` includes its day. */
function listWindow(q: Pick<ListQuery, 'from' | 'to'>, zone: string): { from?: Date; to?: Date } {
  const at = (v: string, end: boolean) =>
    v.length === 10 ? new Date(startOfLocalDate(end ? addDays(v, 1) : v, zone)) : new Date(v);
  const from = q.from ? at(q.from, false) : undefined;
  const to = q.to ? at(q.to, true) : undefined;
  if (from && to && from > to)
    throw validationFailed([{ path: 'query.to', message: 'Must not be before from' }]);
  return { from, to };
}

export function bookingService(deps: BookingDeps) {
  const { uow, directory, clock } = deps;
  const businesses = publicTenants(directory);

  /** Runs fn on a row-locked booking of the caller's tenant, then returns its fresh detail. */
  const changing = (
    p: Principal,
    id: string,
    fn: (repos: TenantRepositories, b: BookingRecord, tenant: TenantRecord) => Promise<void>,
  ) =>
    uow.run(p.tenantId, async (repos): Promise<BookingDetailRecord> => {
      const b = await repos.bookings.findForUpdate(id);
      if (!b) throw notFound('Booking');
      await fn(repos, b, await repos.tenant.get());
      return (await repos.bookings.detail(id))!;
    });

  return {
    /** The use cases' clock, for what depends on the time (the actions staff are offered). */
    now: () => clock.now(),

    /** The clock the admin screens' time-bound actions are decided with (see allowedActionsAt). */
    clockFor: (p: Principal) =>
      uow.run(p.tenantId, async (repos) => ({
        now: clock.now(),
        checkInOpensMinutes: (await repos.tenant.get()).settings.checkInOpensMinutes,
      })),

    async createPublic(
      slug: string,
      body: PublicCreateBody,
    ): Promise<CreatedBooking> {
      const { tenant, created } = await businesses.run(slug, async (tenant, cachedSlug) => ({
        tenant,
        created: await createBooking(
          deps,
          tenant,
          { ...body, providerId: anyProvider(body.providerId) },
          {
            source: 'public',
            overrideAvailability: false,
            staffNotes: '',
            actor: null,
            cachedSlug,
          },
        ),
      }));
      // Only a multi-site business pays for this read. With an Idempotency-Key it joins the
      // booking's still-open transaction (ADR 0008 §5), so it sees the booking's place.
      const placeId = created.providerLocationId;
      const location = placeId ? await uow.run(tenant.id, (r) => r.locations.get(placeId)) : null;
      if (created.booking.status === 'pending_payment' && deps.payments)
        return { ...created, location, payment: await deps.payments.opened(tenant.id, created.booking.id) };
      return { ...created, location };
    },

    async createAdmin(
      p: Principal,
      body: AdminCreateBody,
    ): Promise<CreatedBooking> {
      const tenant = await directory.findTenantById(p.tenantId);
      if (!tenant) throw notFound('Business');
      // A time in the past is a record of a visit, never a slip: staff say so explicitly.
      const past = Date.parse(body.start) < clock.now().getTime();
      if (past && !body.recordPast)
        throw new AppError(
          'unprocessable',
          'This time is in the past: choose "record a past booking" to add a visit that already happened',
          { reason: 'in_the_past' },
        );
      const { recordPast: _recordPast, ...request } = body;
      return createBooking(
        deps,
        tenant,
        {
          ...request,
          providerId: anyProvider(body.providerId),
          timeZone: body.timeZone ?? tenant.timeZone,
        },
        {
          source: 'admin',
          // A past visit is outside availability by nature (notice, horizon).
          overrideAvailability: body.overrideAvailability || past,
          staffNotes: body.staffNotes,
          actor: staffActor(p),
        },
      );
    },

    list: (p: Principal, q: ListQuery): Promise<Page<BookingRecord>> =>
      uow.run(p.tenantId, async (repos) => {
        const tenant = await repos.tenant.get();
        const filter: BookingListFilter = {
          ...listWindow(q, tenant.timeZone),
          statuses: q.status,
          providerId: q.providerId,
          serviceId: q.serviceId,
          customerId: q.customerId,
        };
        filter.sort = q.sort;
        if (q.q) {
          // Phones are stored as + and digits; a national trunk 0 is dropped, so "020 7946"
          // finds +44 20 7946…. A code-like text also matches the confirmation code exactly.
          const digits = q.q.replace(/\D/g, '').replace(/^0+/, '');
          filter.search = {
            text: q.q,
            digits: digits.length >= 3 ? digits : null,
            code: normalizeConfirmationCode(q.q),
          };
        }
        if (q.code !== undefined) {
          const code = normalizeConfirmationCode(q.code);
          if (!code) return { items: [], nextCursor: null };
          filter.code = code;
        }
        return repos.bookings.list(filter, q);
      }),

    get: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (repos) => {
        const b = await repos.bookings.detail(id);
        if (!b) throw notFound('Booking');
        return b;
      }),

    updateNotes: (p: Principal, id: string, staffNotes: string) =>
      changing(p, id, async (repos, b) => {
        await repos.bookings.update(b.id, { staffNotes });
      }),

    act: async (p: Principal, id: string, action: StaffAction, reason?: string) => {
      const detail = await changing(p, id, (repos, b, tenant) =>
        applyAction(repos, b, {
          action,
          reason: reason || null,
          actor: staffActor(p),
          initiatedBy: 'business',
          tenant,
          now: clock.now(),
        }),
      );
      // The money the change planned moves after it committed (app/payments/operations.ts).
      if (deps.payments && (action === 'cancel' || action === 'mark_no_show' || action === 'decline'))
        await deps.payments.afterChange(p.tenantId, id);
      return deps.payments ? (await uow.run(p.tenantId, (r) => r.bookings.detail(id)))! : detail;
    },

    reschedule: (
      p: Principal,
      id: string,
      body: RescheduleBody,
    ) =>
      changing(p, id, (repos, b) =>
        moveBooking(
          repos,
          b,
          {
            start: Date.parse(body.start),
            providerId: body.providerId ?? b.providerId,
            override: body.overrideAvailability,
          },
          {
            action: 'reschedule',
            actor: staffActor(p),
            reason: body.reason || null,
            now: clock.now(),
          },
        ),
      ),

    reassign: (
      p: Principal,
      id: string,
      body: ReassignBody,
    ) =>
      changing(p, id, (repos, b) =>
        moveBooking(
          repos,
          b,
          {
            start: b.startAt.getTime(),
            providerId: body.providerId,
            override: body.overrideAvailability,
          },
          {
            action: 'reassign',
            actor: staffActor(p),
            reason: body.reason || null,
            now: clock.now(),
          },
        ),
      ),

    /** Other providers of the service the engine finds free for the booking's time. */
    availableProviders: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (repos) => {
        const b = await repos.bookings.find(id);
        if (!b) throw notFound('Booking');
        const start = b.startAt.getTime();
        const snap = await loadAvailabilityInput(repos, {
          serviceId: b.serviceId,
          fromUtc: start,
          toUtc: start + 1,
          excludeBookingId: b.id,
        });
        const free = new Set(
          findSlot(engineInput(snap, clock.now().getTime()), start)?.providerIds ?? [],
        );
        free.delete(b.providerId);
        if (free.size === 0) return [];
        const names = await repos.providers.list({ limit: 200 }, { serviceId: b.serviceId });
        return names.items.filter((x) => free.has(x.id)).map((x) => ({ id: x.id, name: x.name }));
      }),

    async intakeFields(slug: string, serviceId: string): Promise<IntakeFieldRecord[]> {
      const tenant = await tenantBySlug(directory, slug);
      return uow.run(tenant.id, async (repos) => {
        const service = await repos.services.get(serviceId);
        if (!service || !service.active) throw notFound('Service');
        return repos.intakeFields.list({ serviceId });
      });
    },
  };
}
export type BookingService = ReturnType<typeof bookingService>;
