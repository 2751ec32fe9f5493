import type { EmailMessages } from './en';

export const es: EmailMessages = {
  'mail.greeting': 'Hola, {name}:',
  'mail.service': 'Servicio',
  'mail.with': 'Con',
  'mail.when': 'Cuándo',
  'mail.where': 'Dónde',
  'mail.code': 'Código de confirmación',
  'mail.customer': 'Cliente',
  'mail.contact': 'Contacto',
  'mail.notes': 'Notas',
  'mail.zoneNote': 'Las horas se muestran en {zone}.',
  'mail.manage': 'Cambiar o cancelar',
  'mail.manageText': 'Cambiar o cancelar: {url}',
  'mail.openAdmin': 'Abrir la reserva',
  'mail.icsNote': 'La invitación adjunta la añade a tu calendario.',
  'mail.icsCancelNote': 'La actualización adjunta la quita de tu calendario.',
  'mail.footer': 'Enviado por {business} con Slotwise.',
  'mail.fee': 'Se aplica un cargo por cancelación de {amount}.',
  'mail.refund': 'Te devolveremos {amount}.',
  'mail.retained': 'Se retienen {amount} de tu depósito.',
  'mail.amountDue': 'Importe pendiente: {amount}',
  'mail.payBy': 'Paga antes del {expiry}; si no, la hora quedará libre.',
  'mail.pay': 'Pagar ahora',
  'mail.payText': 'Pagar ahora: {url}',
  'mail.book': 'Reservar esta hora',
  'mail.bookText': 'Reservar esta hora: {url}',
  'mail.previousTime': 'Antes',
  'mail.reason': 'Motivo',

  'booking.booked.subject': 'Reserva hecha: {service} el {when}',
  'booking.booked.intro': 'Gracias por reservar con {business}. Tu cita está confirmada.',
  'booking.requested.subject': 'Solicitud recibida: {service}',
  'booking.requested.intro':
    '{business} ha recibido tu solicitud y la confirmará en breve. Te escribiremos en cuanto lo haga.',
  'booking.payment_required.subject': 'Pago necesario para confirmar {service}',
  'booking.payment_required.intro':
    'Tu hora con {business} está reservada para ti. Completa el pago para confirmarla.',
  'booking.payment_expired.subject': 'Sin reserva: {service} el {when}',
  'booking.payment_expired.intro':
    'El pago de tu reserva con {business} no se completó a tiempo, así que la reserva provisional caducó y el horario quedó libre. No se ha cobrado nada. Puedes volver a reservar cuando quieras.',
  'booking.confirmed.subject': 'Confirmada: {service} el {when}',
  'booking.confirmed.intro': '{business} ha confirmado tu reserva.',
  'booking.rescheduled.subject': 'Nueva hora: {service} el {when}',
  'booking.rescheduled.intro': 'Tu reserva con {business} ha cambiado de hora.',
  'booking.cancelled.subject': 'Cancelada: {service} el {when}',
  'booking.cancelled.intro': 'Tu reserva con {business} ha sido cancelada.',
  'booking.reminder.subject': 'Recordatorio: {service} el {when}',
  'booking.reminder.intro': 'Te recordamos tu próxima cita con {business}.',
  'waitlist.slot_available.subject': 'Hay una hora libre: {service}',
  'waitlist.slot_available.intro':
    'Buenas noticias: se ha liberado una hora que esperabas en {business}. Será para quien reserve primero.',

  'business.new_booking.subject': 'Nueva reserva: {customer}, {service} el {when}',
  'business.new_booking.intro': '{customer} ha reservado {service}.',
  'business.approval_needed.subject': 'Aprobación pendiente: {customer}, {service} el {when}',
  'business.approval_needed.intro':
    '{customer} ha solicitado {service}. La solicitud espera tu aprobación.',
  'business.rescheduled.subject': 'Cambio de hora: {customer}, {service} ahora el {when}',
  'business.rescheduled.intro': 'La reserva de {customer} ha cambiado de hora.',
  'business.cancelled.subject': 'Cancelada: {customer}, {service} el {when}',
  'business.cancelled.intro': 'La reserva de {customer} ha sido cancelada.',

  'account.worksOnce': '(sirve una vez, durante {minutes} minutos)',
  'account.password_reset.subject': 'Elige una nueva contraseña de Slotwise',
  'account.password_reset.intro':
    'Alguien (esperamos que tú) ha pedido una nueva contraseña para tu cuenta de Slotwise.',
  'account.password_reset.linkText':
    'Abre este enlace en los próximos {minutes} minutos para elegirla. Sirve una sola vez:',
  'account.password_reset.button': 'Elegir una nueva contraseña',
  'account.password_reset.outro':
    'Al cambiar la contraseña se cierran todas tus sesiones. Si no lo has pedido tú, ignora este correo: tu contraseña no cambia.',
  'account.email_verification.subject': 'Confirma tu dirección de correo en Slotwise',
  'account.email_verification.intro': '',
  'account.email_verification.linkText':
    'Confirma que esta es tu dirección de correo abriendo este enlace en los próximos {minutes} minutos:',
  'account.email_verification.button': 'Confirmar mi dirección de correo',
  'account.email_verification.outro': 'Si no has creado una cuenta de Slotwise, ignora este correo.',
};
