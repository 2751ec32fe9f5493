import { randomUUID } from 'node:crypto';
import { paymentPolicySchema } from '@slotwise/contracts';
import { Prisma } from '../../../generated/prisma/client';
import type { BookingPayment, PaymentLedgerEntry } from '../../../generated/prisma/client';
import type { LedgerEntryKind, LedgerPhase } from '../../../domain/payments/ledger';
import type {
  BookingPaymentRecord,
  LedgerEntryRecord,
  PaymentRepository,
  TenantPaymentSettingsRecord,
} from '../../../ports/payments';
import { keyset, toPage } from '../pagination';
import type { Tx } from '../with-tenant';

const toPayment = (r: BookingPayment): BookingPaymentRecord => ({
  id: r.id,
  bookingId: r.bookingId,
  gateway: r.gateway,
  mode: r.mode as BookingPaymentRecord['mode'],
  policy: paymentPolicySchema.parse(r.policy),
  amountDueMinor: r.amountDueMinor,
  currency: r.currency,
  intentKind: r.intentKind as BookingPaymentRecord['intentKind'],
  intentId: r.intentId,
  captureMethod: r.captureMethod as BookingPaymentRecord['captureMethod'],
  customerRef: r.customerRef,
  paymentMethodRef: r.paymentMethodRef,
  connectAccount: r.connectAccount,
  applicationFeeBps: r.applicationFeeBps,
  state: r.state as BookingPaymentRecord['state'],
  lastError: r.lastError,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const toEntry = (r: PaymentLedgerEntry): LedgerEntryRecord => ({
  id: r.id,
  bookingId: r.bookingId,
  entry: r.entry as LedgerEntryKind,
  phase: r.phase as LedgerPhase,
  amountMinor: r.amountMinor,
  currency: r.currency,
  operationKey: r.operationKey,
  gateway: r.gateway,
  gatewayRef: r.gatewayRef,
  reason: r.reason,
  actor: r.actor,
  data: (r.data ?? {}) as Record<string, unknown>,
  createdAt: r.createdAt,
});

const NO_SETTINGS: TenantPaymentSettingsRecord = { publishableKey: null };

export function prismaPaymentRepository(tx: Tx, tenantId: string): PaymentRepository {
  return {
    async settings() {
      const s = await tx.tenantPaymentSettings.findUnique({ where: { tenantId } });
      return s ? { publishableKey: s.publishableKey } : NO_SETTINGS;
    },
    async saveSettings(patch) {
      const s = await tx.tenantPaymentSettings.upsert({
        where: { tenantId },
        create: { tenantId, ...patch },
        update: { ...patch, updatedAt: new Date() },
      });
      return { publishableKey: s.publishableKey };
    },
    async createBookingPayment(r) {
      await tx.bookingPayment.create({ data: { ...r, tenantId, policy: r.policy as Prisma.InputJsonValue } });
    },
    async bookingPayment(bookingId, opts) {
      if (opts?.lock) {
        await tx.$executeRaw`SELECT 1 FROM booking_payments WHERE tenant_id = ${tenantId}::uuid AND booking_id = ${bookingId}::uuid FOR UPDATE`;
      }
      const r = await tx.bookingPayment.findUnique({ where: { tenantId_bookingId: { tenantId, bookingId } } });
      return r ? toPayment(r) : null;
    },
    async bookingPayments(bookingIds) {
      if (bookingIds.length === 0) return [];
      return (await tx.bookingPayment.findMany({ where: { tenantId, bookingId: { in: bookingIds } } })).map(toPayment);
    },
    async updateBookingPayment(bookingId, patch) {
      await tx.bookingPayment.update({
        where: { tenantId_bookingId: { tenantId, bookingId } },
        data: { ...patch, updatedAt: new Date() },
      });
    },
    async holdExpiresAt(bookingId) {
      const b = await tx.booking.findUnique({
        where: { tenantId_id: { tenantId, id: bookingId } },
        select: { holdExpiresAt: true, status: true },
      });
      return b?.status === 'pending_payment' ? b.holdExpiresAt : null;
    },
    async holdIsOver(bookingId) {
      const rows = await tx.$queryRaw<{ over: boolean }[]>`
        SELECT (status = 'pending_payment' AND hold_expires_at <= now()) AS over FROM bookings
        WHERE tenant_id = ${tenantId}::uuid AND id = ${bookingId}::uuid`;
      return rows[0]?.over === true;
    },
    async ledger(bookingId) {
      const rows = await tx.paymentLedgerEntry.findMany({
        where: { tenantId, bookingId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toEntry);
    },
    async ledgers(bookingIds) {
      if (bookingIds.length === 0) return [];
      const rows = await tx.paymentLedgerEntry.findMany({ where: { tenantId, bookingId: { in: bookingIds } } });
      return rows.map(toEntry);
    },
    async append(rows) {
      const written: LedgerEntryRecord[] = [];
      for (const r of rows) {
        // ON CONFLICT on the idempotency key: the same operation phase is never written twice.
        const inserted = await tx.$queryRaw<PaymentLedgerEntry[]>`
          INSERT INTO payment_ledger (id, tenant_id, booking_id, entry, phase, amount_minor, currency, operation_key,
            idempotency_key, gateway, gateway_ref, reason, actor, data)
          VALUES (${randomUUID()}::uuid, ${tenantId}::uuid, ${r.bookingId}::uuid, ${r.entry}, ${r.phase}, ${r.amountMinor},
            ${r.currency}, ${r.operationKey}, ${`${r.operationKey}:${r.phase}`}, ${r.gateway}, ${r.gatewayRef}, ${r.reason},
            ${r.actor}, ${JSON.stringify(r.data)}::jsonb)
          ON CONFLICT DO NOTHING
          RETURNING id, booking_id AS "bookingId", entry, phase, amount_minor AS "amountMinor", currency,
            operation_key AS "operationKey", gateway, gateway_ref AS "gatewayRef", reason, actor, data, created_at AS "createdAt"`;
        if (inserted[0]) written.push(toEntry(inserted[0]));
      }
      return written;
    },
    async list(f) {
      const page = keyset(f, 'desc');
      const rows = await tx.paymentLedgerEntry.findMany({
        where: {
          tenantId,
          ...(f.entry ? { entry: f.entry } : {}),
          ...(f.phase ? { phase: f.phase } : {}),
          ...(f.bookingId ? { bookingId: f.bookingId } : {}),
          ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
          ...page.where,
        },
        orderBy: page.orderBy,
        take: page.take,
      });
      const ids = [...new Set(rows.map((r) => r.bookingId))];
      const bookings = ids.length
        ? await tx.booking.findMany({
            where: { tenantId, id: { in: ids } },
            select: { id: true, confirmationCode: true, customer: { select: { name: true } }, service: { select: { name: true } } },
          })
        : [];
      const byId = new Map(bookings.map((b) => [b.id, b]));
      return toPage(rows, f.limit, (r) => {
        const b = byId.get(r.bookingId);
        return {
          ...toEntry(r),
          booking: { code: b?.confirmationCode ?? '', customerName: b?.customer.name ?? '', serviceName: b?.service.name ?? '' },
        };
      });
    },
    async collectedRevenue(from, to) {
      const rows = await tx.$queryRaw<{ currency: string; collected: bigint; refunded: bigint }[]>`
        SELECT currency::text AS currency,
               COALESCE(sum(amount_minor) FILTER (WHERE entry IN ('captured', 'fee')), 0)::bigint AS collected,
               COALESCE(sum(amount_minor) FILTER (WHERE entry = 'refunded'), 0)::bigint AS refunded
        FROM payment_ledger
        WHERE tenant_id = ${tenantId}::uuid AND phase = 'succeeded' AND created_at >= ${from} AND created_at < ${to}
        GROUP BY currency ORDER BY currency`;
      return rows.map((r) => ({
        currency: r.currency,
        collectedMinor: Number(r.collected),
        refundedMinor: Number(r.refunded),
        netMinor: Number(r.collected) - Number(r.refunded),
      }));
    },
  };
}
