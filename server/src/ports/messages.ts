import type { TenantSettings } from '@slotwise/contracts';
import type { Channel, PlannedReminder } from '../domain/messages/reminders';

/** What the message senders read about a booking, after the change committed (ADR 0011). */
export interface MessageBooking {
  tenantId: string;
  bookingId: string;
  code: string;
  status: string;
  startAt: Date;
  endAt: Date;
  /** ics_sequence: the booking's version for reminders and calendar updates. */
  version: number;
  language: string;
  serviceName: string;
  providerName: string;
  providerEmail: string | null;
  providerTimeZone: string;
  customerName: string;
  /** Null once the customer is erased: nothing is sent to them any more. */
  customerEmail: string | null;
  customerPhone: string | null;
  customerTimeZone: string | null;
  customerNotes: string;
  cancelReason: string | null;
  /** SHA-256 of the manage link's secret, to tell a derived link (ADR 0008) from an older random one. */
  manageTokenHash: string;
  tenant: MessageTenant;
}

export interface MessageTenant {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  locale: string;
  currency: string;
  email: string | null;
  address: string | null;
  logoUrl: string | null;
  brandColor: string;
  settings: TenantSettings;
}

/** A waitlist entry that was told about a freed slot. */
export interface MessageWaitlistEntry {
  customerName: string;
  customerEmail: string | null;
  customerLocale: string | null;
  customerTimeZone: string | null;
  serviceName: string;
  providerName: string | null;
}

export interface TemplateOverride {
  subject: string | null;
  intro: string | null;
}

export interface StoredReminder {
  id: string;
  tenantId: string;
  bookingId: string;
  channel: Channel;
  offsetMinutes: number;
  bookingVersion: number;
  bookingStart: Date;
  dueAt: Date;
  status: 'scheduled' | 'sent' | 'skipped';
  sendKey: string;
}

export interface MessageReader {
  booking(tenantId: string, bookingId: string): Promise<MessageBooking | null>;
  tenant(tenantId: string): Promise<MessageTenant | null>;
  waitlistEntry(tenantId: string, entryId: string): Promise<MessageWaitlistEntry | null>;
  override(tenantId: string, template: string, locale: string): Promise<TemplateOverride | null>;
}

/**
 * Reminder rows (table reminders). `replace` makes the booking's scheduled rows exactly the plan
 * for one booking version, in one transaction: rows of other versions or offsets are deleted,
 * planned rows that exist are kept (same send key), new ones inserted. Sent and skipped rows stay
 * as history.
 */
export interface ReminderStore {
  replace(
    tenantId: string,
    bookingId: string,
    version: { bookingVersion: number; bookingStart: Date },
    plan: PlannedReminder[],
  ): Promise<StoredReminder[]>;
  get(tenantId: string, id: string): Promise<StoredReminder | null>;
  settle(tenantId: string, id: string, status: 'sent' | 'skipped', reason?: string): Promise<void>;
  /** Scheduled rows due by `now`, across tenants (the sweep). */
  due(now: Date, limit: number): Promise<{ tenantId: string; id: string }[]>;
  forBooking(tenantId: string, bookingId: string): Promise<StoredReminder[]>;
}

export interface StoredTemplateOverride extends TemplateOverride {
  template: string;
  locale: string;
}

/** Tenants' own subject and intro per message and language (table message_templates). */
export interface MessageTemplateStore {
  list(tenantId: string): Promise<StoredTemplateOverride[]>;
  /** Both null: back to the default (the row is removed). */
  put(tenantId: string, template: string, locale: string, o: TemplateOverride): Promise<void>;
}
