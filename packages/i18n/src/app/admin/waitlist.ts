/** Waitlist: WaitlistPage and pages/waitlist/** (offering a freed time). */
import type { AreaCatalog } from './index';

export const en = {
  'admin.waitlist.title': 'Waitlist',
  'admin.waitlist.description':
    'Customers who found no time that suits them. When one frees up, offer it.',
  'admin.waitlist.loading': 'Loading the waitlist…',
  'admin.waitlist.loadError': 'Could not load the waitlist',
  'admin.waitlist.empty': 'Nobody is waiting',
  'admin.waitlist.list': 'Waiting customers',
  'admin.waitlist.status.waiting': 'Waiting',
  'admin.waitlist.status.notified': 'Told of a free time',
  'admin.waitlist.status.booked': 'Booked',
  'admin.waitlist.status.cancelled': 'Removed',
  'admin.waitlist.range': '{from} to {to}',
  'admin.waitlist.since': 'since {when}',
  'admin.waitlist.offer': 'Offer a time',
  'admin.waitlist.remove': 'Remove',
  'admin.waitlist.removeConfirm': 'Remove {name} from the waitlist?',
  'admin.waitlist.removed': 'Removed from the waitlist',
  'admin.waitlist.offerLabel': 'Offer a time to {name}',
  'admin.waitlist.looking': 'Looking for free times…',
  'admin.waitlist.noFree': 'No free time in these days yet.',
  'admin.waitlist.emailSubject': 'A time for {service} is free',
  'admin.waitlist.emailBody':
    'Hello {name},\n\nA time you were waiting for is free: {when}.\nBook it here: {link}\n\n{business}',
  'admin.waitlist.emailOffer': 'Email the offer',
  'admin.waitlist.copyLink': 'Copy link',
};

export const es: AreaCatalog<typeof en> = {
  'admin.waitlist.title': 'Lista de espera',
  'admin.waitlist.description':
    'Clientes que no encontraron una hora que les vaya bien. Cuando se libere una, ofrécesela.',
  'admin.waitlist.loading': 'Cargando la lista de espera…',
  'admin.waitlist.loadError': 'No se pudo cargar la lista de espera',
  'admin.waitlist.empty': 'No hay nadie esperando',
  'admin.waitlist.list': 'Clientes en espera',
  'admin.waitlist.status.waiting': 'En espera',
  'admin.waitlist.status.notified': 'Avisado de una hora libre',
  'admin.waitlist.status.booked': 'Reservado',
  'admin.waitlist.status.cancelled': 'Quitado',
  'admin.waitlist.range': 'del {from} al {to}',
  'admin.waitlist.since': 'desde {when}',
  'admin.waitlist.offer': 'Ofrecer una hora',
  'admin.waitlist.remove': 'Quitar',
  'admin.waitlist.removeConfirm': '¿Quitar a {name} de la lista de espera?',
  'admin.waitlist.removed': 'Quitado de la lista de espera',
  'admin.waitlist.offerLabel': 'Ofrecer una hora a {name}',
  'admin.waitlist.looking': 'Buscando horas libres…',
  'admin.waitlist.noFree': 'Aún no hay horas libres en estos días.',
  'admin.waitlist.emailSubject': 'Hay una hora libre para {service}',
  'admin.waitlist.emailBody':
    'Hola, {name}:\n\nSe ha liberado una hora que esperabas: {when}.\nResérvala aquí: {link}\n\n{business}',
  'admin.waitlist.emailOffer': 'Enviar la oferta por correo',
  'admin.waitlist.copyLink': 'Copiar enlace',
};

export const fr: AreaCatalog<typeof en> = {
  'admin.waitlist.title': 'Liste d’attente',
  'admin.waitlist.description':
    'Les clients qui n’ont pas trouvé de créneau qui leur convient. Quand un créneau se libère, proposez-le.',
  'admin.waitlist.loading': 'Chargement de la liste d’attente…',
  'admin.waitlist.loadError': 'Impossible de charger la liste d’attente',
  'admin.waitlist.empty': 'Personne n’attend',
  'admin.waitlist.list': 'Clients en attente',
  'admin.waitlist.status.waiting': 'En attente',
  'admin.waitlist.status.notified': 'Prévenu d’un créneau libre',
  'admin.waitlist.status.booked': 'Réservé',
  'admin.waitlist.status.cancelled': 'Retiré',
  'admin.waitlist.range': 'du {from} au {to}',
  'admin.waitlist.since': 'depuis le {when}',
  'admin.waitlist.offer': 'Proposer un créneau',
  'admin.waitlist.remove': 'Retirer',
  'admin.waitlist.removeConfirm': 'Retirer {name} de la liste d’attente ?',
  'admin.waitlist.removed': 'Retiré de la liste d’attente',
  'admin.waitlist.offerLabel': 'Proposer un créneau à {name}',
  'admin.waitlist.looking': 'Recherche de créneaux libres…',
  'admin.waitlist.noFree': 'Pas encore de créneau libre ces jours-là.',
  'admin.waitlist.emailSubject': 'Un créneau pour {service} est libre',
  'admin.waitlist.emailBody':
    'Bonjour {name},\n\nUn créneau que vous attendiez est libre : {when}.\nRéservez-le ici : {link}\n\n{business}',
  'admin.waitlist.emailOffer': 'Envoyer la proposition par e-mail',
  'admin.waitlist.copyLink': 'Copier le lien',
};
