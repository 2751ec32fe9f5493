import { randomUUID } from 'node:crypto';
import { StoreRefusal } from '../../../ports/errors';
import { Prisma, type Customer } from '../../../generated/prisma/client';
import type { CustomerBookingRecord, CustomerRecord, PageRequest } from '../../../ports/records';
import type { CustomerRepository } from '../../../ports/repositories';
import { keyset, toPage } from '../pagination';
import { isUniqueViolation } from '../../postgres/sql-errors';
import type { Tx } from '../with-tenant';

export const ERASED_NAME = 'Erased customer';

function toCustomer(c: Customer): CustomerRecord {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    notes: c.notes,
    locale: c.locale,
    timeZone: c.timeZone,
    erasedAt: c.erasedAt,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

const duplicate = () =>
  new StoreRefusal('duplicate', 'Another customer already has this email or phone number');

/** Above every character: `prefix <= x < prefix + TOP` holds exactly for strings starting with prefix. */
const TOP = '\u{10FFFF}';

/**
 * How a search term is matched (see migrations/*_customer_search_and_report_indexes):
 * - name: every word of the term is the prefix of a word of the name ('ada lov' finds "Ada
 *   Lovelace"), words split by PostgreSQL's customer_name_words_of on both sides;
 * - email: the whole term, lower-cased, is a prefix of the email;
 * - phone: when the term looks like a phone number, its digits are a prefix of the stored digits.
 * Prefixes become ranges (`>= p AND < p + TOP`) because, under row-level security, only leakproof
 * operators such as the b-tree pattern ones can drive an index.
 */
export function searchTerms(search: string) {
  const digits = /^[+\d\s().\-/]+$/.test(search) ? search.replace(/\D/g, '') : '';
  const email = search.toLowerCase();
  return {
    words: search,
    email: { from: email, to: email + TOP },
    phone: digits ? { from: `+${digits}`, to: `+${digits}${TOP}` } : null,
  };
}

/** The (createdAt, id) a cursor of the shared keyset helper resumes after, for hand-written SQL. */
function resumeAfter(page: PageRequest): { createdAt: Date; id: string } | null {
  if (!page.cursor) return null;
  // keyset() validates the cursor (400 on garbage) and decodes it into its Prisma filter.
  const { where } = keyset(page, 'desc') as unknown as {
    where: { OR: [unknown, { createdAt: Date; id: { lt: string } }] };
  };
  const at = where.OR[1];
  return { createdAt: at.createdAt, id: at.id.lt };
}

const bookingSummarySelect = {
  id: true,
  confirmationCode: true,
  status: true,
  startAt: true,
  endAt: true,
  priceCents: true,
  currency: true,
  service: { select: { id: true, name: true } },
  provider: { select: { id: true, name: true } },
} as const;

type BookingSummaryRow = Prisma.BookingGetPayload<{ select: typeof bookingSummarySelect }>;

const toBookingSummary = (b: BookingSummaryRow): CustomerBookingRecord => ({
  id: b.id,
  confirmationCode: b.confirmationCode,
  status: b.status,
  startAt: b.startAt,
  endAt: b.endAt,
  service: b.service,
  provider: b.provider,
  priceCents: b.priceCents,
  currency: b.currency,
});

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function prismaCustomerRepository(tx: Tx, tenantId: string): CustomerRepository {
  const byId = (id: string) => ({ tenantId_id: { tenantId, id } });
  const findByEmail = async (email: string) => {
    const c = await tx.customer.findUnique({ where: { tenantId_email: { tenantId, email } } });
    return c ? toCustomer(c) : null;
  };
  const findByPhone = async (phone: string) => {
    const c = await tx.customer.findUnique({ where: { tenantId_phone: { tenantId, phone } } });
    return c ? toCustomer(c) : null;
  };

  return {
    async search(search, page) {
      if (!search) {
        const k = keyset(page, 'desc');
        const rows = await tx.customer.findMany({
          where: { tenantId, erasedAt: null, ...k.where },
          orderBy: k.orderBy,
          take: k.take,
        });
        return toPage(rows, page.limit, toCustomer);
      }
      const t = searchTerms(search);
      const after = resumeAfter(page);
      const rows = await tx.$queryRaw<Customer[]>`
        WITH q AS (
          SELECT word, word || ${TOP} AS upper FROM unnest(customer_name_words_of(${t.words})) AS word
        ), matches AS (
          SELECT w.customer_id AS id
          FROM customer_name_words w JOIN q ON w.word ~>=~ q.word AND w.word ~<~ q.upper
          WHERE w.tenant_id = ${tenantId}::uuid AND starts_with(w.word, q.word)
          GROUP BY w.customer_id
          HAVING count(DISTINCT q.word) = (SELECT count(*) FROM q)
          UNION
          SELECT id FROM customers
          WHERE tenant_id = ${tenantId}::uuid AND erased_at IS NULL AND email IS NOT NULL
            AND email ~>=~ ${t.email.from} AND email ~<~ ${t.email.to} AND starts_with(email, ${t.email.from})
          ${
            t.phone
              ? Prisma.sql`UNION
          SELECT id FROM customers
          WHERE tenant_id = ${tenantId}::uuid AND erased_at IS NULL AND phone IS NOT NULL
            AND phone ~>=~ ${t.phone.from} AND phone ~<~ ${t.phone.to} AND starts_with(phone, ${t.phone.from})`
              : Prisma.empty
          }
        )
        SELECT c.id, c.tenant_id AS "tenantId", c.name, c.email, c.phone, c.notes, c.locale, c.time_zone AS "timeZone",
               c.erased_at AS "erasedAt", c.created_at AS "createdAt", c.updated_at AS "updatedAt"
        FROM customers c JOIN matches m ON m.id = c.id
        WHERE c.tenant_id = ${tenantId}::uuid AND c.erased_at IS NULL
          ${after ? Prisma.sql`AND (c.created_at < ${after.createdAt} OR (c.created_at = ${after.createdAt} AND c.id < ${after.id}::uuid))` : Prisma.empty}
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT ${page.limit + 1}`;
      return toPage(rows, page.limit, toCustomer);
    },

    async get(id) {
      const c = await tx.customer.findUnique({ where: byId(id) });
      return c ? toCustomer(c) : null;
    },

    findByEmail,
    findByPhone,

    async create(fields) {
      try {
        return toCustomer(await tx.customer.create({ data: { tenantId, ...fields } }));
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicate();
        throw err;
      }
    },

    async insertIfAbsent({ name, email, phone, timeZone }) {
      // INSERT … ON CONFLICT DO NOTHING: a conflict does not abort the transaction.
      const id = randomUUID();
      const { count } = await tx.customer.createMany({
        data: [{ id, tenantId, name, email, phone, timeZone }],
        skipDuplicates: true,
      });
      if (count === 0) return null;
      const c = await tx.customer.findUnique({ where: byId(id) });
      return c ? toCustomer(c) : null;
    },

    async update(id, patch) {
      try {
        return toCustomer(await tx.customer.update({ where: byId(id), data: patch }));
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicate();
        throw err;
      }
    },

    async recentBookings(id, limit) {
      const rows = await tx.booking.findMany({
        where: { tenantId, customerId: id },
        orderBy: [{ startAt: 'desc' }, { id: 'desc' }],
        take: limit,
        select: bookingSummarySelect,
      });
      return rows.map(toBookingSummary);
    },

    async stats(id, { now, currency }) {
      const [b] = await tx.$queryRaw<
        {
          visits: number;
          no_shows: number;
          cancellations: number;
          upcoming: number;
          completed_cents: bigint;
        }[]
      >`
        SELECT count(*) FILTER (WHERE status = 'completed')::int AS visits,
               count(*) FILTER (WHERE status = 'no_show')::int AS no_shows,
               count(*) FILTER (WHERE status = 'cancelled')::int AS cancellations,
               count(*) FILTER (WHERE status IN ('pending', 'confirmed') AND start_at > ${now})::int AS upcoming,
               coalesce(sum(price_cents) FILTER (WHERE status = 'completed' AND currency = ${currency}), 0)::bigint AS completed_cents
        FROM bookings WHERE tenant_id = ${tenantId}::uuid AND customer_id = ${id}::uuid`;
      const [p] = await tx.$queryRaw<{ captures: number; net_cents: bigint }[]>`
        SELECT count(*) FILTER (WHERE p.kind = 'capture')::int AS captures,
               (coalesce(sum(p.amount_cents) FILTER (WHERE p.kind = 'capture'), 0)
                 - coalesce(sum(p.amount_cents) FILTER (WHERE p.kind = 'refund'), 0))::bigint AS net_cents
        FROM payments p
        JOIN bookings b ON b.tenant_id = p.tenant_id AND b.id = p.booking_id
        WHERE p.tenant_id = ${tenantId}::uuid AND b.customer_id = ${id}::uuid
          AND p.status = 'succeeded' AND p.currency = ${currency}`;
      return {
        visits: b?.visits ?? 0,
        noShows: b?.no_shows ?? 0,
        cancellations: b?.cancellations ?? 0,
        upcoming: b?.upcoming ?? 0,
        completedCents: Number(b?.completed_cents ?? 0),
        capturedNetCents: p && p.captures > 0 ? Number(p.net_cents) : null,
      };
    },

    async exportData(id) {
      const customer = await tx.customer.findUnique({ where: byId(id) });
      if (!customer) return null;
      const bookings = await tx.booking.findMany({
        where: { tenantId, customerId: id },
        orderBy: [{ startAt: 'asc' }, { id: 'asc' }],
        select: {
          ...bookingSummarySelect,
          depositCents: true,
          customerTimeZone: true,
          customerNotes: true,
          staffNotes: true,
          source: true,
          cancelReason: true,
          cancelledAt: true,
          createdAt: true,
          answers: {
            select: { key: true, label: true, value: true },
            orderBy: { createdAt: 'asc' },
          },
          events: {
            select: {
              action: true,
              fromStatus: true,
              toStatus: true,
              actorType: true,
              reason: true,
              createdAt: true,
            },
            orderBy: { createdAt: 'asc' },
          },
        },
      });
      const payments = await tx.payment.findMany({
        where: { tenantId, booking: { customerId: id } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          bookingId: true,
          kind: true,
          status: true,
          amountCents: true,
          currency: true,
          gateway: true,
          createdAt: true,
        },
      });
      const waitlist = await tx.waitlistEntry.findMany({
        where: { tenantId, customerId: id },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { service: { select: { id: true, name: true } } },
      });
      const who = {
        id: customer.id,
        name: customer.name,
        email: customer.email,
        phone: customer.phone,
      };
      return {
        customer: toCustomer(customer),
        bookings: bookings.map(({ answers, events, ...b }) => ({
          ...toBookingSummary(b),
          depositCents: b.depositCents,
          customerTimeZone: b.customerTimeZone,
          customerNotes: b.customerNotes,
          staffNotes: b.staffNotes,
          source: b.source,
          cancelReason: b.cancelReason,
          cancelledAt: b.cancelledAt,
          createdAt: b.createdAt,
          intakeAnswers: answers,
          history: events,
        })),
        payments,
        waitlist: waitlist.map((w) => ({
          id: w.id,
          service: w.service,
          providerId: w.providerId,
          customer: who,
          fromDate: isoDate(w.fromDate),
          toDate: isoDate(w.toDate),
          status: w.status,
          notifiedAt: w.notifiedAt,
          createdAt: w.createdAt,
        })),
      };
    },

    async erase(id, { at, actorType, actorId }) {
      const before = await tx.customer.findUniqueOrThrow({ where: byId(id) });
      if (before.erasedAt) return toCustomer(before);
      // Guarded on erased_at so that of two concurrent erasures only one does the work.
      const { count } = await tx.customer.updateMany({
        where: { tenantId, id, erasedAt: null },
        data: {
          name: ERASED_NAME,
          email: null,
          phone: null,
          notes: '',
          locale: null,
          timeZone: null,
          erasedAt: at,
        },
      });
      const erased = await tx.customer.findUniqueOrThrow({ where: byId(id) });
      if (count === 0) return toCustomer(erased);
      const bookings = await tx.booking.findMany({
        where: { tenantId, customerId: id },
        select: { id: true },
      });
      const bookingIds = bookings.map((b) => b.id);
      if (bookingIds.length) {
        await tx.booking.updateMany({
          where: { tenantId, id: { in: bookingIds } },
          data: { customerNotes: '', customerTimeZone: null },
        });
        // The question (key, label) is the business's; the answer is the customer's.
        await tx.intakeAnswer.updateMany({
          where: { tenantId, bookingId: { in: bookingIds } },
          data: { value: '' },
        });
        // Reasons the customer typed themselves (cancelling from their link) are theirs too;
        // staff's reasons are the business's record.
        const ownCancels = await tx.bookingEvent.findMany({
          where: {
            tenantId,
            bookingId: { in: bookingIds },
            actorType: 'customer',
            toStatus: 'cancelled',
          },
          select: { bookingId: true },
        });
        await tx.booking.updateMany({
          where: { tenantId, id: { in: ownCancels.map((e) => e.bookingId) } },
          data: { cancelReason: null },
        });
        await tx.bookingEvent.updateMany({
          where: { tenantId, bookingId: { in: bookingIds }, actorType: 'customer' },
          data: { reason: null },
        });
        await tx.bookingEvent.createMany({
          data: bookingIds.map((bookingId) => ({
            tenantId,
            bookingId,
            action: 'customer_erased',
            actorType,
            actorId,
            createdAt: at,
          })),
        });
      }
      // Nobody is left to tell about a freed slot.
      await tx.waitlistEntry.updateMany({
        where: { tenantId, customerId: id, status: 'waiting' },
        data: { status: 'cancelled' },
      });
      // Copies of the emails sent to them (name, times, links) are personal data too.
      if (before.email) {
        await tx.emailMessage.updateMany({
          where: { tenantId, to: before.email },
          data: { to: 'erased', textBody: '', htmlBody: null },
        });
      }
      return toCustomer(erased);
    },
  };
}
