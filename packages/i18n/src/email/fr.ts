import type { EmailMessages } from './en';

export const fr: EmailMessages = {
  'mail.greeting': 'Bonjour {name},',
  'mail.service': 'Prestation',
  'mail.with': 'Avec',
  'mail.when': 'Quand',
  'mail.where': 'Où',
  'mail.code': 'Code de confirmation',
  'mail.customer': 'Client',
  'mail.contact': 'Contact',
  'mail.notes': 'Remarques',
  'mail.zoneNote': 'Les heures sont indiquées en {zone}.',
  'mail.manage': 'Modifier ou annuler',
  'mail.manageText': 'Modifier ou annuler : {url}',
  'mail.openAdmin': 'Ouvrir la réservation',
  'mail.icsNote': 'L’invitation jointe l’ajoute à votre agenda.',
  'mail.icsCancelNote': 'La mise à jour jointe la retire de votre agenda.',
  'mail.footer': 'Envoyé par {business} avec Slotwise.',
  'mail.fee': 'Des frais d’annulation de {amount} s’appliquent.',
  'mail.refund': 'Vous serez remboursé de {amount}.',
  'mail.retained': '{amount} de votre acompte sont conservés.',
  'mail.amountDue': 'Montant dû : {amount}',
  'mail.payBy': 'Merci de payer avant le {expiry}, sinon le créneau sera libéré.',
  'mail.pay': 'Payer maintenant',
  'mail.payText': 'Payer maintenant : {url}',
  'mail.book': 'Réserver ce créneau',
  'mail.bookText': 'Réserver ce créneau : {url}',
  'mail.previousTime': 'Auparavant',
  'mail.reason': 'Motif',

  'booking.booked.subject': 'Réservé : {service} le {when}',
  'booking.booked.intro': 'Merci d’avoir réservé chez {business}. Votre rendez-vous est confirmé.',
  'booking.requested.subject': 'Demande reçue : {service}',
  'booking.requested.intro':
    '{business} a bien reçu votre demande et la confirmera sous peu. Nous vous écrirons dès que ce sera fait.',
  'booking.payment_required.subject': 'Paiement requis pour confirmer {service}',
  'booking.payment_required.intro':
    'Votre créneau chez {business} vous est réservé. Réglez le paiement pour le confirmer.',
  'booking.payment_expired.subject': 'Non réservé : {service} le {when}',
  'booking.payment_expired.intro':
    "Le paiement de votre réservation auprès de {business} n'a pas été effectué à temps : la réservation provisoire a expiré et le créneau a été libéré. Rien n'a été débité. Vous pouvez réserver à nouveau quand vous le souhaitez.",
  'booking.confirmed.subject': 'Confirmé : {service} le {when}',
  'booking.confirmed.intro': '{business} a confirmé votre réservation.',
  'booking.rescheduled.subject': 'Nouvel horaire : {service} le {when}',
  'booking.rescheduled.intro': 'Votre réservation chez {business} a changé d’horaire.',
  'booking.cancelled.subject': 'Annulé : {service} le {when}',
  'booking.cancelled.intro': 'Votre réservation chez {business} a été annulée.',
  'booking.reminder.subject': 'Rappel : {service} le {when}',
  'booking.reminder.intro': 'Un rappel de votre prochain rendez-vous chez {business}.',
  'waitlist.slot_available.subject': 'Un créneau s’est libéré : {service}',
  'waitlist.slot_available.intro':
    'Bonne nouvelle : un créneau que vous attendiez chez {business} est libre. Il revient au premier qui réserve.',

  'business.new_booking.subject': 'Nouvelle réservation : {customer}, {service} le {when}',
  'business.new_booking.intro': '{customer} a réservé {service}.',
  'business.approval_needed.subject': 'À approuver : {customer}, {service} le {when}',
  'business.approval_needed.intro':
    '{customer} a demandé {service}. La demande attend votre approbation.',
  'business.rescheduled.subject': 'Déplacé : {customer}, {service} désormais le {when}',
  'business.rescheduled.intro': 'La réservation de {customer} a changé d’horaire.',
  'business.cancelled.subject': 'Annulé : {customer}, {service} le {when}',
  'business.cancelled.intro': 'La réservation de {customer} a été annulée.',

  'account.worksOnce': '(valable une fois, pendant {minutes} minutes)',
  'account.password_reset.subject': 'Choisissez un nouveau mot de passe Slotwise',
  'account.password_reset.intro':
    'Quelqu’un (vous, espérons-le) a demandé un nouveau mot de passe pour votre compte Slotwise.',
  'account.password_reset.linkText':
    'Ouvrez ce lien dans les {minutes} minutes pour en choisir un. Il n’est valable qu’une fois :',
  'account.password_reset.button': 'Choisir un nouveau mot de passe',
  'account.password_reset.outro':
    'Changer de mot de passe ferme toutes vos sessions. Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : votre mot de passe reste inchangé.',
  'account.email_verification.subject': 'Confirmez votre adresse e-mail pour Slotwise',
  'account.email_verification.intro': '',
  'account.email_verification.linkText':
    'Confirmez qu’il s’agit bien de votre adresse e-mail en ouvrant ce lien dans les {minutes} minutes :',
  'account.email_verification.button': 'Confirmer mon adresse e-mail',
  'account.email_verification.outro': 'Si vous n’avez pas créé de compte Slotwise, ignorez cet e-mail.',
};
