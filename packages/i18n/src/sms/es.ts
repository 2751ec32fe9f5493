import type { SmsMessages } from './en';

export const es: SmsMessages = {
  'sms.booking.requested':
    '{business}: hemos recibido tu solicitud de {service} el {when}. Te la confirmaremos pronto. Código {code}.',
  'sms.booking.booked': '{business}: {service} con {provider} confirmado para el {when}. Código {code}.',
  'sms.booking.confirmed':
    '{business}: {service} con {provider} confirmado para el {when}. Código {code}.',
  'sms.booking.rescheduled': '{business}: tu {service} pasa al {when}. Código {code}.',
  'sms.booking.cancelled': '{business}: tu {service} del {when} está cancelado. Código {code}.',
  'sms.booking.payment_expired':
    '{business}: el pago de {service} del {when} no se completó a tiempo y la hora quedó libre. No se ha cobrado nada.',
  'sms.booking.reminder': '{business}: recordatorio: {service} con {provider} el {when}.',
  'sms.manage': 'Cambiar o cancelar: {url}',
  'sms.stop': 'Responde STOP para no recibir más SMS.',
};
