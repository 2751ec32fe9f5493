/**
 * Every message Slotwise sends (docs/guides/messages.md). The name is the message log's
 * `template`, the catalog prefix of its subject and intro, and what a tenant overrides.
 */
export const CUSTOMER_TEMPLATES = [
  'booking.booked',
  'booking.requested',
  'booking.payment_required',
  'booking.confirmed',
  'booking.rescheduled',
  'booking.cancelled',
  'booking.reminder',
  'waitlist.slot_available',
] as const;
export const BUSINESS_TEMPLATES = [
  'business.new_booking',
  'business.approval_needed',
  'business.rescheduled',
  'business.cancelled',
] as const;
export const MESSAGE_TEMPLATES = [...CUSTOMER_TEMPLATES, ...BUSINESS_TEMPLATES] as const;
export type TemplateName = (typeof MESSAGE_TEMPLATES)[number];

export const isTemplateName = (s: string): s is TemplateName =>
  (MESSAGE_TEMPLATES as readonly string[]).includes(s);

/** Which messages carry a calendar file, and whether it adds/updates or removes the event. */
export const ICS_METHOD: Partial<Record<TemplateName, 'REQUEST' | 'CANCEL'>> = {
  'booking.booked': 'REQUEST',
  'booking.confirmed': 'REQUEST',
  'booking.rescheduled': 'REQUEST',
  'booking.cancelled': 'CANCEL',
  'business.new_booking': 'REQUEST',
  'business.rescheduled': 'REQUEST',
  'business.cancelled': 'CANCEL',
};
