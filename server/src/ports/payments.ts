import type { PaymentMode, PaymentPolicy } from '@slotwise/contracts';
import type { LedgerEntryKind, LedgerPhase } from '../domain/payments/ledger';
import type { Page, PageRequest } from './records';

/** Where a booking's payment stands (the intent's side; amounts come from the ledger). */
export type BookingPaymentState =
  | 'awaiting_payment' // intent created, the customer has not paid yet
  | 'action_required' // the bank wants the customer to authenticate (pay link)
  | 'failed' // the last attempt was declined; the customer may try again while the hold lasts
  | 'authorized' // a manual-capture hold is in place
  | 'paid' // captured (deposit or full price)
  | 'card_saved' // a SetupIntent saved the card for later fees
  | 'settled' // cancellation or no-show settled
  | 'voided'; // expired or cancelled before payment

export interface BookingPaymentRecord {
  id: string;
  bookingId: string;
  gateway: string;
  mode: Exclude<PaymentMode, 'none'>;
  /** The policy as it was when the booking was made: its terms do not change afterwards. */
  policy: PaymentPolicy;
  amountDueMinor: number;
  currency: string;
  intentKind: 'payment' | 'setup' | null;
  intentId: string | null;
  captureMethod: 'automatic' | 'manual' | null;
  customerRef: string | null;
  paymentMethodRef: string | null;
  connectAccount: string | null;
  applicationFeeBps: number;
  state: BookingPaymentState;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type BookingPaymentPatch = Partial<
  Pick<BookingPaymentRecord, 'intentKind' | 'intentId' | 'captureMethod' | 'customerRef' | 'paymentMethodRef' | 'state' | 'lastError'>
>;

export interface LedgerEntryRecord {
  id: string;
  bookingId: string;
  entry: LedgerEntryKind;
  phase: LedgerPhase;
  amountMinor: number;
  currency: string;
  operationKey: string;
  gateway: string;
  gatewayRef: string | null;
  reason: string | null;
  actor: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

export type NewLedgerEntry = Omit<LedgerEntryRecord, 'id' | 'createdAt'>;

export interface LedgerListRow extends LedgerEntryRecord {
  booking: { code: string; customerName: string; serviceName: string };
}

export interface LedgerFilter extends PageRequest {
  from?: Date;
  to?: Date;
  entry?: LedgerEntryKind;
  phase?: LedgerPhase;
  bookingId?: string;
}

/** tenant_payment_settings: the tenant's publishable key (the connected account is ports/plans.ts). */
export interface TenantPaymentSettingsRecord {
  publishableKey: string | null;
}

/** What the payment settings page shows: the settings and the connected account's state. */
export interface PaymentSettingsView extends TenantPaymentSettingsRecord {
  stripeAccountId: string | null;
  chargesEnabled: boolean;
}

export interface CollectedRevenue {
  currency: string;
  collectedMinor: number;
  refundedMinor: number;
  netMinor: number;
}

/** The payments tables of one tenant, inside the unit of work's transaction. */
export interface PaymentRepository {
  settings(): Promise<TenantPaymentSettingsRecord>;
  saveSettings(patch: Partial<TenantPaymentSettingsRecord>): Promise<TenantPaymentSettingsRecord>;
  createBookingPayment(r: Omit<BookingPaymentRecord, 'createdAt' | 'updatedAt' | 'lastError'>): Promise<void>;
  /** With `lock`, the row is locked for the transaction (one settlement at a time per booking). */
  bookingPayment(bookingId: string, opts?: { lock?: boolean }): Promise<BookingPaymentRecord | null>;
  bookingPayments(bookingIds: string[]): Promise<BookingPaymentRecord[]>;
  updateBookingPayment(bookingId: string, patch: BookingPaymentPatch): Promise<void>;
  /** When the booking's hold ends (pending_payment), else null. */
  holdExpiresAt(bookingId: string): Promise<Date | null>;
  /** Whether a pending_payment booking's hold is over by the database's clock (the one that set it). */
  holdIsOver(bookingId: string): Promise<boolean>;
  ledger(bookingId: string): Promise<LedgerEntryRecord[]>;
  ledgers(bookingIds: string[]): Promise<LedgerEntryRecord[]>;
  /**
   * Appends rows; a row whose (operation key, phase) is already there is skipped (the ledger's
   * unique idempotency key). Returns the rows actually written.
   */
  append(rows: NewLedgerEntry[]): Promise<LedgerEntryRecord[]>;
  list(filter: LedgerFilter): Promise<Page<LedgerListRow>>;
  /** Money actually collected (captures and fees) and refunded in [from, to), per currency. */
  collectedRevenue(from: Date, to: Date): Promise<CollectedRevenue[]>;
}

/** Cross-tenant scans of the payment sweeper (SECURITY DEFINER functions; ids only). */
export interface PaymentSweepSource {
  expiredHolds(limit: number): Promise<{ tenantId: string; bookingId: string }[]>;
  unfinishedOperations(olderThanMs: number, limit: number): Promise<{ tenantId: string; bookingId: string }[]>;
}

/** Stripe events already handled, deduplicated on the event id (system table). */
export interface ProcessedEvents {
  /** True if this call recorded the event (first time), false if it was seen already. */
  claim(e: { id: string; type: string; account: string | null }): Promise<boolean>;
  /** A handler failed: forget the claim so Stripe's retry runs it again. */
  release(id: string): Promise<void>;
  markProcessed(id: string): Promise<void>;
}
