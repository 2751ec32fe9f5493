import { Prisma, type PrismaClient } from '../../../generated/prisma/client';
import type { BookingParticipants } from '@slotwise/contracts';
import type { BookingStatus } from '../../../domain/booking/lifecycle';
import type {
  BookingDetailRecord,
  BookingEventRecord,
  BookingRecord,
} from '../../../ports/records';
import {
  type BookingRepository,
  type ManageLinkDirectory,
} from '../../../ports/repositories';
import { keyset, toPage } from '../pagination';
import { StoreRefusal } from '../../../ports/errors';
import { isSlotTaken } from '../../postgres/sql-errors';
import type { Tx } from '../with-tenant';

export interface BookingRow {
  id: string;
  status: BookingStatus;
  service_id: string;
  provider_id: string;
  customer_id: string;
  start_at: Date;
  end_at: Date;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  session_key: string;
  seats: number;
  confirmation_code: string;
  manage_token_hash: string;
  ics_sequence: number;
  price_cents: number;
  currency: string;
  deposit_cents: number;
  customer_time_zone: string | null;
  customer_notes: string;
  staff_notes: string;
  source: string;
  outside_availability: boolean;
  cancel_reason: string | null;
  cancelled_at: Date | null;
  created_at: Date;
  updated_at: Date;
  service_name: string;
  provider_name: string;
  customer_name: string;
  customer_email: string | null;
  customer_phone: string | null;
}

// One joined row per booking: a single round trip wherever a booking is read.
const COLUMNS = Prisma.sql`
  b.id, b.status::text AS status, b.service_id, b.provider_id, b.customer_id, b.start_at, b.end_at,
  b.buffer_before_minutes, b.buffer_after_minutes, b.session_key, b.seats, b.confirmation_code,
  b.manage_token_hash, b.ics_sequence, b.price_cents, b.currency, b.deposit_cents, b.customer_time_zone,
  b.customer_notes, b.staff_notes, b.source, b.outside_availability, b.cancel_reason, b.cancelled_at,
  b.created_at, b.updated_at, s.name AS service_name, p.name AS provider_name,
  c.name AS customer_name, c.email AS customer_email, c.phone AS customer_phone`;

const JOINS = Prisma.sql`
  JOIN services s ON s.tenant_id = b.tenant_id AND s.id = b.service_id
  JOIN providers p ON p.tenant_id = b.tenant_id AND p.id = b.provider_id
  JOIN customers c ON c.tenant_id = b.tenant_id AND c.id = b.customer_id`;

export function toBooking(r: BookingRow): BookingRecord {
  return {
    id: r.id,
    status: r.status,
    serviceId: r.service_id,
    providerId: r.provider_id,
    customerId: r.customer_id,
    startAt: r.start_at,
    endAt: r.end_at,
    bufferBeforeMinutes: r.buffer_before_minutes,
    bufferAfterMinutes: r.buffer_after_minutes,
    sessionKey: r.session_key,
    seats: r.seats,
    confirmationCode: r.confirmation_code,
    manageTokenHash: r.manage_token_hash,
    icsSequence: r.ics_sequence,
    priceCents: r.price_cents,
    currency: r.currency,
    depositCents: r.deposit_cents,
    customerTimeZone: r.customer_time_zone,
    customerNotes: r.customer_notes,
    staffNotes: r.staff_notes,
    source: r.source === 'admin' ? 'admin' : 'public',
    outsideAvailability: r.outside_availability,
    cancelReason: r.cancel_reason,
    cancelledAt: r.cancelled_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    // The booking's own length: the service's duration may have changed since.
    service: {
      id: r.service_id,
      name: r.service_name,
      durationMinutes: Math.round((r.end_at.getTime() - r.start_at.getTime()) / 60_000),
    },
    provider: { id: r.provider_id, name: r.provider_name },
    customer: {
      id: r.customer_id,
      name: r.customer_name,
      email: r.customer_email,
      phone: r.customer_phone,
    },
  };
}

export const slotTaken = () =>
  new StoreRefusal('slot_taken', 'That time is no longer available; pick another slot');

/** Conflicts the database reports for a booking row: another booking's time, or a full class (the capacity trigger). */
function rethrowConflict(err: unknown): never {
  if (isSlotTaken(err)) throw slotTaken();
  throw err;
}

export function prismaBookingRepository(tx: Tx, tenantId: string): BookingRepository {
  async function selectOne(id: string, lock: boolean): Promise<BookingRecord | null> {
    const rows = await tx.$queryRaw<BookingRow[]>`
      SELECT ${COLUMNS} FROM bookings b ${JOINS}
      WHERE b.tenant_id = ${tenantId}::uuid AND b.id = ${id}::uuid
      ${lock ? Prisma.sql`FOR UPDATE OF b` : Prisma.empty}`;
    return rows[0] ? toBooking(rows[0]) : null;
  }

  async function participantsOf(booking: BookingRecord): Promise<BookingParticipants> {
    const held = await tx.bookingParticipant.findMany({
      where: { tenantId, bookingId: booking.id },
      include: { provider: { select: { name: true } }, resource: { select: { name: true } } },
    });
    const byName = <T extends { id: string; name: string }>(a: T, b: T) =>
      a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
    // The primary row mirrors the booking's own provider (ADR 0018): named from the booking, first.
    const primary = { id: booking.provider.id, name: booking.provider.name, role: 'primary' as const };
    const hosts = held
      .filter((h) => h.role === 'host' && h.providerId)
      .map((h) => ({ id: h.providerId!, name: h.provider?.name ?? '', role: 'host' as const }))
      .sort(byName);
    return {
      providers: [primary, ...hosts],
      resources: held
        .filter((h) => h.role === 'resource' && h.resourceId)
        .map((h) => ({ id: h.resourceId!, name: h.resource?.name ?? '' }))
        .sort(byName),
    };
  }

  return {
    find: (id) => selectOne(id, false),
    findForUpdate: (id) => selectOne(id, true),
    participants: participantsOf,

    async detail(id) {
      const booking = await selectOne(id, false);
      if (!booking) return null;
      const answers = await tx.intakeAnswer.findMany({
        where: { tenantId, bookingId: id },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      const events = await tx.bookingEvent.findMany({
        where: { tenantId, bookingId: id },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      const detail: BookingDetailRecord = {
        ...booking,
        participants: await participantsOf(booking),
        answers: answers.map((a) => ({
          fieldId: a.fieldId,
          key: a.key,
          label: a.label,
          value: a.value,
        })),
        history: events.map((e): BookingEventRecord => ({
          id: e.id,
          action: e.action,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          actorType: e.actorType,
          actorId: e.actorId,
          reason: e.reason,
          data: (e.data ?? {}) as Record<string, unknown>,
          createdAt: e.createdAt,
        })),
      };
      return detail;
    },

    async list(f, page) {
      const sort = f.sort ?? '-created';
      const field = sort.endsWith('start') ? 'startAt' : 'createdAt';
      const k = keyset(page, sort.startsWith('-') ? 'desc' : 'asc', field);
      const startAt =
        f.from || f.to
          ? { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) }
          : undefined;
      const s = f.search;
      const contains = (v: string) => ({ contains: v, mode: 'insensitive' as const });
      const search = s
        ? {
            OR: [
              { customer: { name: contains(s.text) } },
              { customer: { email: contains(s.text) } },
              ...(s.digits ? [{ customer: { phone: { contains: s.digits } } }] : []),
              ...(s.code ? [{ confirmationCode: s.code }] : []),
            ],
          }
        : {};
      const ids = await tx.booking.findMany({
        where: {
          tenantId,
          ...(startAt ? { startAt } : {}),
          ...(f.statuses ? { status: { in: f.statuses } } : {}),
          ...(f.providerId ? { providerId: f.providerId } : {}),
          ...(f.serviceId ? { serviceId: f.serviceId } : {}),
          ...(f.customerId ? { customerId: f.customerId } : {}),
          ...(f.code ? { confirmationCode: f.code } : {}),
          AND: [k.where, search],
        },
        orderBy: k.orderBy,
        take: k.take,
        select: { id: true, createdAt: true, startAt: true },
      });
      if (ids.length === 0) return { items: [], nextCursor: null };
      const rows = await tx.$queryRaw<BookingRow[]>`
        SELECT ${COLUMNS} FROM bookings b ${JOINS}
        WHERE b.tenant_id = ${tenantId}::uuid AND b.id IN (${Prisma.join(ids.map((r) => Prisma.sql`${r.id}::uuid`))})`;
      const byId = new Map(rows.map((r) => [r.id, toBooking(r)]));
      return toPage(ids, page.limit, (r) => byId.get(r.id)!, (r) => r[field]);
    },

    async update(id, change) {
      try {
        await tx.booking.update({ where: { tenantId_id: { tenantId, id } }, data: change });
      } catch (err) {
        rethrowConflict(err);
      }
    },

    async addEvent(bookingId, e) {
      await tx.bookingEvent.create({
        data: {
          tenantId,
          bookingId,
          action: e.action,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          actorType: e.actorType,
          actorId: e.actorId,
          reason: e.reason ?? null,
          data: (e.data ?? {}) as Prisma.InputJsonObject,
        },
      });
    },
  };
}

/** Manage links are looked up before the tenant is known, through a narrow SECURITY DEFINER function. */
export function prismaManageLinkDirectory(prisma: PrismaClient): ManageLinkDirectory {
  return {
    async find(tokenHash) {
      const rows = await prisma.$queryRaw<
        { id: string; tenant_id: string }[]
      >`SELECT id, tenant_id FROM booking_by_manage_token(${tokenHash})`;
      const r = rows[0];
      return r ? { bookingId: r.id, tenantId: r.tenant_id } : null;
    },
  };
}
