/** Staff booking on a customer's behalf: the New booking dialog and the notice after it. */
import type { AreaCatalog } from './index';

export const en = {
  'admin.newBooking.title': 'New booking',
  'admin.newBooking.submit': 'Book',
  'admin.newBooking.pending': 'Booking…',
  'admin.newBooking.zoneIntro': 'Dates and times are in the business’s time zone, {zone}.',
  'admin.newBooking.service': 'Service',
  'admin.newBooking.serviceOption': '{name} · {minutes} min',
  'admin.newBooking.hiddenOnline': ' (hidden online)',
  'admin.newBooking.anyAvailable': 'Any available',
  'admin.newBooking.outside': 'Book outside availability',
  'admin.newBooking.outsideHint':
    'Type any time, even outside working hours, minimum notice or how far ahead customers may book. It never double-books: a time that overlaps another booking is refused.',
  'admin.newBooking.recordPast': 'Record a past booking',
  'admin.newBooking.recordPastHint':
    'For a visit that already happened (e.g. a walk-in entered afterwards). Without it, times in the past are refused.',
  'admin.newBooking.freeTimesOn': 'Free times on {date}',
  'admin.newBooking.chooseServiceFirst': 'Choose a service first.',
  'admin.newBooking.loadingTimes': 'Loading free times…',
  'admin.newBooking.hiddenService':
    'This service is hidden from online booking, so no free times are listed. Tick “Book outside availability” to type a time.',
  'admin.newBooking.timesError': 'Could not load the free times: {error}',
  'admin.newBooking.noTimes':
    'No free times on this day. Pick another date, or book outside availability.',
  'admin.newBooking.seats_one': '{count} seat',
  'admin.newBooking.seats_other': '{count} seats',
  'admin.newBooking.customer': 'Customer',
  'admin.newBooking.emailHint': 'Email or phone: at least one',
  'admin.newBooking.smsConsent': 'The customer agrees to booking texts at this number',
  'admin.newBooking.smsConsentHint': 'Only with their consent; they can reply STOP at any time.',
  'admin.newBooking.questionsError': 'Could not load this service’s questions: {error}',
  'admin.newBooking.customerNote': 'Customer’s note',
  'admin.newBooking.customerNoteHint': 'As if the customer wrote it; shown to them',
  'admin.newBooking.slotTaken': 'That time was just taken; pick another.',
  'admin.newBooking.overlap': 'That time overlaps another booking; pick another.',
  'admin.newBooking.smsNeedsPhone': 'Enter a phone number to send texts to.',
  'admin.newBooking.pastNeedsChoice':
    'This time is in the past. Tick “Record a past booking” to add a visit that already happened.',
  'admin.newBooking.chooseService': 'Choose a service.',
  'admin.newBooking.pickTime': 'Pick one of the free times.',
  'admin.newBooking.enterTime': 'Enter a time.',
  'admin.newBooking.chooseDate': 'Choose a date.',
  'admin.newBooking.enterName': 'Enter the customer’s name.',
  'admin.newBooking.emailOrPhone': 'Give an email address or a phone number.',
  'admin.newBooking.booked': 'Booked {name}: {service}, {when} with {provider}.',
  'admin.newBooking.awaitsApproval': ' It waits for approval.',
  'admin.newBooking.outsideHours': ' Outside working hours.',
  'admin.newBooking.code': 'Confirmation code',
  'admin.newBooking.manageLinkHint':
    'The customer’s link to view, cancel or reschedule. Copy it now if you need it: it is not shown again.',
  'admin.newBooking.copyLink': 'Copy link',
  'admin.newBooking.linkCopied': 'Link copied',
  'admin.newBooking.copyFailed': 'Could not copy: select the link and copy it yourself',
  'admin.newBooking.openBooking': 'Open booking',
};

export const es: AreaCatalog<typeof en> = {
  'admin.newBooking.title': 'Nueva reserva',
  'admin.newBooking.submit': 'Reservar',
  'admin.newBooking.pending': 'Reservando…',
  'admin.newBooking.zoneIntro': 'Las fechas y horas están en la zona horaria del negocio, {zone}.',
  'admin.newBooking.service': 'Servicio',
  'admin.newBooking.serviceOption': '{name} · {minutes} min',
  'admin.newBooking.hiddenOnline': ' (oculto en línea)',
  'admin.newBooking.anyAvailable': 'Cualquier persona disponible',
  'admin.newBooking.outside': 'Reservar fuera de la disponibilidad',
  'admin.newBooking.outsideHint':
    'Escribe cualquier hora, incluso fuera del horario laboral, de la antelación mínima o del plazo máximo de reserva. Nunca duplica reservas: una hora que se solapa con otra reserva se rechaza.',
  'admin.newBooking.recordPast': 'Registrar una reserva pasada',
  'admin.newBooking.recordPastHint':
    'Para una visita que ya ocurrió (p. ej., un cliente sin cita anotado después). Sin esta opción, las horas pasadas se rechazan.',
  'admin.newBooking.freeTimesOn': 'Horas libres el {date}',
  'admin.newBooking.chooseServiceFirst': 'Elige primero un servicio.',
  'admin.newBooking.loadingTimes': 'Cargando horas libres…',
  'admin.newBooking.hiddenService':
    'Este servicio está oculto en la reserva en línea, así que no se muestran horas libres. Marca «Reservar fuera de la disponibilidad» para escribir una hora.',
  'admin.newBooking.timesError': 'No se pudieron cargar las horas libres: {error}',
  'admin.newBooking.noTimes':
    'No hay horas libres este día. Elige otra fecha o reserva fuera de la disponibilidad.',
  'admin.newBooking.seats_one': '{count} plaza',
  'admin.newBooking.seats_other': '{count} plazas',
  'admin.newBooking.customer': 'Cliente',
  'admin.newBooking.emailHint': 'Correo o teléfono: al menos uno',
  'admin.newBooking.smsConsent': 'El cliente acepta recibir SMS de la reserva en este número',
  'admin.newBooking.smsConsentHint':
    'Solo con su consentimiento; puede responder STOP en cualquier momento.',
  'admin.newBooking.questionsError':
    'No se pudieron cargar las preguntas de este servicio: {error}',
  'admin.newBooking.customerNote': 'Nota del cliente',
  'admin.newBooking.customerNoteHint': 'Como si la escribiera el cliente; se le muestra',
  'admin.newBooking.slotTaken': 'Alguien acaba de reservar esa hora; elige otra.',
  'admin.newBooking.overlap': 'Esa hora se solapa con otra reserva; elige otra.',
  'admin.newBooking.smsNeedsPhone': 'Escribe un número de teléfono al que enviar los SMS.',
  'admin.newBooking.pastNeedsChoice':
    'Esta hora ya ha pasado. Marca «Registrar una reserva pasada» para añadir una visita que ya ocurrió.',
  'admin.newBooking.chooseService': 'Elige un servicio.',
  'admin.newBooking.pickTime': 'Elige una de las horas libres.',
  'admin.newBooking.enterTime': 'Escribe una hora.',
  'admin.newBooking.chooseDate': 'Elige una fecha.',
  'admin.newBooking.enterName': 'Escribe el nombre del cliente.',
  'admin.newBooking.emailOrPhone': 'Indica un correo electrónico o un número de teléfono.',
  'admin.newBooking.booked': 'Reservado para {name}: {service}, {when} con {provider}.',
  'admin.newBooking.awaitsApproval': ' Pendiente de aprobación.',
  'admin.newBooking.outsideHours': ' Fuera del horario laboral.',
  'admin.newBooking.code': 'Código de confirmación',
  'admin.newBooking.manageLinkHint':
    'El enlace del cliente para ver, cancelar o cambiar la cita. Cópialo ahora si lo necesitas: no se vuelve a mostrar.',
  'admin.newBooking.copyLink': 'Copiar enlace',
  'admin.newBooking.linkCopied': 'Enlace copiado',
  'admin.newBooking.copyFailed': 'No se pudo copiar: selecciona el enlace y cópialo tú',
  'admin.newBooking.openBooking': 'Abrir reserva',
};

export const fr: AreaCatalog<typeof en> = {
  'admin.newBooking.title': 'Nouvelle réservation',
  'admin.newBooking.submit': 'Réserver',
  'admin.newBooking.pending': 'Réservation…',
  'admin.newBooking.zoneIntro': 'Les dates et heures sont dans le fuseau de l’entreprise, {zone}.',
  'admin.newBooking.service': 'Prestation',
  'admin.newBooking.serviceOption': '{name} · {minutes} min',
  'admin.newBooking.hiddenOnline': ' (masquée en ligne)',
  'admin.newBooking.anyAvailable': 'Toute personne disponible',
  'admin.newBooking.outside': 'Réserver hors disponibilités',
  'admin.newBooking.outsideHint':
    'Saisissez n’importe quelle heure, même hors horaires, délai minimum ou horizon de réservation. Jamais de double réservation : une heure qui en chevauche une autre est refusée.',
  'admin.newBooking.recordPast': 'Enregistrer une réservation passée',
  'admin.newBooking.recordPastHint':
    'Pour une visite déjà faite (par ex. un client sans rendez-vous saisi après coup). Sans cette case, les heures passées sont refusées.',
  'admin.newBooking.freeTimesOn': 'Créneaux libres le {date}',
  'admin.newBooking.chooseServiceFirst': 'Choisissez d’abord une prestation.',
  'admin.newBooking.loadingTimes': 'Chargement des créneaux libres…',
  'admin.newBooking.hiddenService':
    'Cette prestation est masquée de la réservation en ligne : aucun créneau n’est listé. Cochez « Réserver hors disponibilités » pour saisir une heure.',
  'admin.newBooking.timesError': 'Impossible de charger les créneaux libres : {error}',
  'admin.newBooking.noTimes':
    'Aucun créneau libre ce jour-là. Choisissez une autre date ou réservez hors disponibilités.',
  'admin.newBooking.seats_one': '{count} place',
  'admin.newBooking.seats_other': '{count} places',
  'admin.newBooking.customer': 'Client',
  'admin.newBooking.emailHint': 'E-mail ou téléphone : au moins l’un des deux',
  'admin.newBooking.smsConsent': 'Le client accepte les SMS de réservation à ce numéro',
  'admin.newBooking.smsConsentHint':
    'Uniquement avec son accord ; il peut répondre STOP à tout moment.',
  'admin.newBooking.questionsError':
    'Impossible de charger les questions de cette prestation : {error}',
  'admin.newBooking.customerNote': 'Note du client',
  'admin.newBooking.customerNoteHint': 'Comme si le client l’écrivait ; elle lui est montrée',
  'admin.newBooking.slotTaken': 'Ce créneau vient d’être pris ; choisissez-en un autre.',
  'admin.newBooking.overlap':
    'Cette heure chevauche une autre réservation ; choisissez-en une autre.',
  'admin.newBooking.smsNeedsPhone': 'Saisissez un numéro de téléphone pour les SMS.',
  'admin.newBooking.pastNeedsChoice':
    'Cette heure est passée. Cochez « Enregistrer une réservation passée » pour ajouter une visite déjà faite.',
  'admin.newBooking.chooseService': 'Choisissez une prestation.',
  'admin.newBooking.pickTime': 'Choisissez l’un des créneaux libres.',
  'admin.newBooking.enterTime': 'Saisissez une heure.',
  'admin.newBooking.chooseDate': 'Choisissez une date.',
  'admin.newBooking.enterName': 'Saisissez le nom du client.',
  'admin.newBooking.emailOrPhone': 'Indiquez une adresse e-mail ou un numéro de téléphone.',
  'admin.newBooking.booked': 'Réservé pour {name} : {service}, {when} avec {provider}.',
  'admin.newBooking.awaitsApproval': ' En attente d’approbation.',
  'admin.newBooking.outsideHours': ' Hors horaires de travail.',
  'admin.newBooking.code': 'Code de confirmation',
  'admin.newBooking.manageLinkHint':
    'Le lien du client pour consulter, annuler ou déplacer. Copiez-le maintenant si besoin : il ne sera plus affiché.',
  'admin.newBooking.copyLink': 'Copier le lien',
  'admin.newBooking.linkCopied': 'Lien copié',
  'admin.newBooking.copyFailed': 'Copie impossible : sélectionnez le lien et copiez-le vous-même',
  'admin.newBooking.openBooking': 'Ouvrir la réservation',
};
