/** What a notification needs to know about a booking, read after the change committed. */
export interface BookingNotice {
  bookingId: string;
  code: string;
  status: string;
  startAt: Date;
  endAt: Date;
  icsSequence: number;
  serviceName: string;
  providerName: string;
  customerName: string;
  customerEmail: string | null;
  /** E.164, as customers.phone stores it; texts go here only with consent (ADR 0012). */
  customerPhone: string | null;
  /** The tenant's setting: text booking notices to customers who opted in. */
  smsNotifications: boolean;
  customerTimeZone: string | null;
  tenantName: string;
  tenantSlug: string;
  tenantTimeZone: string;
  tenantEmail: string | null;
  address: string | null;
  /** SHA-256 of the manage link's secret, to tell a derived link (ADR 0008) from an older random one. */
  manageTokenHash: string;
}

export interface NotificationReader {
  booking(tenantId: string, bookingId: string): Promise<BookingNotice | null>;
}
