/**
 * SMS texts, English: the reference catalog (es/fr must have every key). One key per message
 * that has a text (`sms.<template>`), the same template names as the emails, plus the shared
 * tail. Kept short (one GSM-7 segment where possible; the manage link is the only long part);
 * every text names the business and ends with how to stop, as carriers require. STOP and START
 * stay English words in every language: they are the keywords Twilio and the carriers act on.
 * Placeholders: {business}, {service}, {provider}, {when}, {code}, {url}.
 */
export const en = {
  'sms.booking.requested':
    '{business}: we received your request for {service} on {when}. We will confirm soon. Code {code}.',
  'sms.booking.booked':
    '{business}: {service} with {provider} is confirmed for {when}. Code {code}.',
  'sms.booking.confirmed':
    '{business}: {service} with {provider} is confirmed for {when}. Code {code}.',
  'sms.booking.rescheduled': '{business}: your {service} has moved to {when}. Code {code}.',
  'sms.booking.cancelled': '{business}: your {service} on {when} is cancelled. Code {code}.',
  'sms.booking.payment_expired':
    '{business}: the payment for {service} on {when} was not completed in time, so the time was released. Nothing was charged.',
  'sms.booking.reminder': '{business}: reminder: {service} with {provider} on {when}.',
  'sms.manage': 'Change or cancel: {url}',
  'sms.stop': 'Reply STOP to opt out.',
};
export type SmsMessages = typeof en;
