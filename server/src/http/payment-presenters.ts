import type {
  bookingPaymentBadgeSchema,
  bookingPaymentDetailSchema,
  collectedRevenueSchema,
  ledgerEntrySchema,
  paymentCheckoutSchema,
  paymentSettingsSchema,
  paymentPolicySchema,
  paymentSummarySchema,
} from '@slotwise/contracts';
import type { ServiceRecord } from '../ports/records';
import type { PaymentView } from '../app/payments/checkout';
import type { PaymentDetail } from '../app/payments/payment-service';
import type { CollectedRevenue, LedgerEntryRecord, LedgerListRow, PaymentSettingsView } from '../ports/payments';
import { iso, isoOrNull, type Dto } from './dto';

export const paymentPolicyDto = (p: ServiceRecord['paymentPolicy']) =>
  ({
    mode: p.mode,
    depositValue: p.depositValue,
    cancellationTiers: p.cancellationTiers.map((t) => ({ hoursBefore: t.hoursBefore, feePercent: t.feePercent })),
    noShowFee: { type: p.noShowFee.type, value: p.noShowFee.value },
  }) satisfies Dto<typeof paymentPolicySchema>;

export const paymentSummaryDto = (v: PaymentView) =>
  ({
    state: v.payment.state,
    mode: v.payment.mode,
    currency: v.payment.currency,
    amountDue: v.payment.amountDueMinor,
    paid: v.totals.paidMinor,
    collected: v.totals.collectedMinor,
    refunded: v.totals.refundedMinor,
    held: v.totals.heldMinor,
    inFlight: v.totals.inFlight,
    holdExpiresAt: isoOrNull(v.holdExpiresAt),
    lastError: v.payment.lastError,
    policy: paymentPolicyDto(v.payment.policy),
  }) satisfies Dto<typeof paymentSummarySchema>;

export const paymentCheckoutDto = (v: PaymentView, clientMode: 'stripe' | 'local') =>
  ({
    ...paymentSummaryDto(v),
    clientMode,
    intentKind: v.payment.intentKind,
    clientSecret: v.clientSecret,
    publishableKey: v.publishableKey,
    bookingStatus: v.booking.status,
  }) satisfies Dto<typeof paymentCheckoutSchema>;

const entryDto = (e: LedgerEntryRecord, booking: { code: string; customerName: string; serviceName: string }) =>
  ({
    id: e.id,
    bookingId: e.bookingId,
    booking: { code: booking.code, customerName: booking.customerName, serviceName: booking.serviceName },
    entry: e.entry,
    phase: e.phase,
    amount: e.amountMinor,
    currency: e.currency,
    operationKey: e.operationKey,
    gatewayRef: e.gatewayRef,
    reason: e.reason,
    actor: e.actor,
    createdAt: iso(e.createdAt),
  }) satisfies Dto<typeof ledgerEntrySchema>;

export const ledgerListDto = (e: LedgerListRow) => entryDto(e, e.booking);

export const paymentDetailDto = (d: PaymentDetail) => {
  const booking = { code: d.booking.confirmationCode, customerName: d.booking.customer.name, serviceName: d.booking.service.name };
  return {
    ...paymentSummaryDto(d),
    bookingId: d.booking.id,
    intentId: d.payment.intentId,
    connected: d.payment.connectAccount !== null,
    refundable: d.refundableMinor,
    cardOnFile: d.cardOnFile,
    allowedActions: d.allowedActions,
    ledger: d.ledger.map((e) => entryDto(e, booking)),
  } satisfies Dto<typeof bookingPaymentDetailSchema>;
};

export const revenueDto = (rows: CollectedRevenue[]) =>
  ({
    items: rows.map((r) => ({ currency: r.currency, collected: r.collectedMinor, refunded: r.refundedMinor, net: r.netMinor })),
  }) satisfies Dto<typeof collectedRevenueSchema>;

export const paymentSettingsDto = (s: PaymentSettingsView, gateway: 'stripe' | 'local') =>
  ({
    stripeAccountId: s.stripeAccountId,
    chargesEnabled: s.chargesEnabled,
    publishableKey: s.publishableKey,
    gateway,
  }) satisfies Dto<typeof paymentSettingsSchema>;

export const paymentBadgeDto = (b: { state: string; paid: number; due: number; refunded: number; currency: string }) =>
  ({
    state: b.state as Dto<typeof bookingPaymentBadgeSchema>['state'],
    paid: b.paid,
    due: b.due,
    refunded: b.refunded,
    currency: b.currency,
  }) satisfies Dto<typeof bookingPaymentBadgeSchema>;
