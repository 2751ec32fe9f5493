import type { BookingNotice } from '../ports/notification-reader';

/**
 * Every SMS text in one place (moved onto i18next with the email templates at merge). Kept short:
 * one GSM-7 segment where possible; the manage link is the only long part. Every text names the
 * business and ends with how to stop, as carriers require for consented messaging.
 */
export interface SmsFacts {
  n: BookingNotice;
  /** The start in the customer's zone, zone named ("Mon 8 Dec 14:30 (Europe/Madrid)"). */
  when: string;
  manageUrl: string | null;
}

const STOP = 'Reply STOP to opt out.';
const link = (f: SmsFacts) => (f.manageUrl ? ` Change or cancel: ${f.manageUrl}` : '');

export const SMS_TEXTS: Record<string, (f: SmsFacts) => string> = {
  'booking.request_received': (f) =>
    `${f.n.tenantName}: we received your request for ${f.n.serviceName} on ${f.when}. We will confirm soon. Code ${f.n.code}. ${STOP}`,
  'booking.confirmed': (f) =>
    `${f.n.tenantName}: ${f.n.serviceName} with ${f.n.providerName} is confirmed for ${f.when}. Code ${f.n.code}.${link(f)} ${STOP}`,
  'booking.rescheduled': (f) =>
    `${f.n.tenantName}: your ${f.n.serviceName} has moved to ${f.when}. Code ${f.n.code}.${link(f)} ${STOP}`,
  'booking.cancelled': (f) => `${f.n.tenantName}: your ${f.n.serviceName} on ${f.when} is cancelled. Code ${f.n.code}. ${STOP}`,
  'booking.reminder': (f) =>
    `${f.n.tenantName}: reminder: ${f.n.serviceName} with ${f.n.providerName} on ${f.when}.${link(f)} ${STOP}`,
};

/** The answer to a HELP keyword (Twilio answers STOP/START itself). */
export const SMS_HELP_TEXT = 'Slotwise booking notices. Reply STOP to opt out, START to opt back in.';
