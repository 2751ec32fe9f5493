import type { SmsMessages } from './en';

export const fr: SmsMessages = {
  'sms.booking.requested':
    '{business} : nous avons reçu votre demande de {service} le {when}. Nous la confirmerons bientôt. Code {code}.',
  'sms.booking.booked': '{business} : {service} avec {provider} est confirmé pour le {when}. Code {code}.',
  'sms.booking.confirmed':
    '{business} : {service} avec {provider} est confirmé pour le {when}. Code {code}.',
  'sms.booking.rescheduled': '{business} : votre {service} est déplacé au {when}. Code {code}.',
  'sms.booking.cancelled': '{business} : votre {service} du {when} est annulé. Code {code}.',
  'sms.booking.payment_expired':
    '{business} : le paiement de {service} du {when} n’a pas été fait à temps, le créneau a été libéré. Rien n’a été débité.',
  'sms.booking.reminder': '{business} : rappel : {service} avec {provider} le {when}.',
  'sms.manage': 'Modifier ou annuler : {url}',
  'sms.stop': 'Répondez STOP pour ne plus recevoir de SMS.',
};
