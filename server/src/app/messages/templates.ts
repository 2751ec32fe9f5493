/**
 * Every message Slotwise sends (docs/guides/messages.md); the list is the contract's. The name is
 * the message log's `template`, the catalog prefix of its subject and intro, and what a tenant
 * overrides.
 */
import { messageTemplateNames } from '@slotwise/contracts';

export const MESSAGE_TEMPLATES = messageTemplateNames;
export type TemplateName = (typeof MESSAGE_TEMPLATES)[number];

export const audienceOf = (t: TemplateName) =>
  t.startsWith('business.') ? 'business' : 'customer';

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
