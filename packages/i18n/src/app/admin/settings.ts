/** Settings: SettingsPage and pages/settings/** (profile, rules, default hours, branding, embed, payments, plan). */
import type { AreaCatalog } from './index';

export const en = {
  'admin.settings.loading': 'Loading settings…',
  'admin.settings.loadError': 'Could not load settings',
  'admin.settings.title': 'Settings',
  'admin.settings.readOnly': 'Only admins and owners can change settings.',
  'admin.settings.description': 'Your business profile, booking rules, branding and website embed.',
  'admin.settings.saved': '{section} saved',
  'admin.settings.save': 'Save',
  'admin.settings.saving': 'Saving…',

  'admin.settings.profile.title': 'Business profile',
  'admin.settings.profile.name': 'Business name',
  'admin.settings.profile.email': 'Contact email',
  'admin.settings.profile.phone': 'Phone',
  'admin.settings.profile.address': 'Address',
  'admin.settings.profile.timeZone': 'Time zone',
  'admin.settings.profile.timeZoneHint': 'Reports, closures and the calendar use it',
  'admin.settings.profile.currency': 'Currency',
  'admin.settings.profile.language': 'Default language',
  'admin.settings.profile.description': 'Description',
  'admin.settings.profile.descriptionHint': 'Shown at the top of your booking page',
  'admin.settings.profile.policies': 'Policies shown to customers',

  'admin.settings.rules.title': 'Booking rules',
  'admin.settings.rules.description': 'What customers may do themselves, and what it costs them.',
  'admin.settings.rules.mode': 'New bookings are',
  'admin.settings.rules.modeAuto': 'Confirmed at once',
  'admin.settings.rules.modeManual': 'Requests I approve',
  'admin.settings.rules.freeCancellation': 'Free cancellation until (hours before)',
  'admin.settings.rules.lateFee': 'Late cancellation fee (% of price)',
  'admin.settings.rules.noShowFee': 'No-show fee (% of price)',
  'admin.settings.rules.rescheduleCutoff': 'Online reschedule until (hours before)',
  'admin.settings.rules.checkIn': 'Check-in opens (minutes before)',
  'admin.settings.rules.step': 'Default start-time step (min)',
  'admin.settings.rules.stepPlaceholder': '= service duration',
  'admin.settings.rules.allowReschedule': 'Customers may reschedule online',
  'admin.settings.rules.sendReminders': 'Send reminders',
  'admin.settings.rules.sms': 'Text booking notices to customers who opted in',
  'admin.settings.rules.smsHint':
    'Customers tick “Text me about this booking” when they book; they can reply STOP at any time. Without Twilio configured, texts are recorded in Messages instead.',
  'admin.settings.rules.remindersLink': 'When reminders go out, quiet hours and business notices:',
  'admin.settings.rules.messages': 'Messages',

  'admin.settings.defaultHours.title': 'Default working hours',
  'admin.settings.defaultHours.note':
    'New staff members and rooms start with these hours (wall-clock times in their zone, {zone} by default); change each one’s own hours on the Staff page.',

  'admin.settings.branding.title': 'Branding',
  'admin.settings.branding.logo': 'Logo URL',
  'admin.settings.branding.colour': 'Brand colour',
  'admin.settings.branding.colourHex': 'Brand colour hex',
  'admin.settings.branding.preview': 'Confirm booking',
  'admin.settings.branding.weak':
    'Very light colours are darkened on the booking page so text stays readable.',

  'admin.settings.embed.title': 'Website embed',
  'admin.settings.embed.description':
    'Paste the snippet into any page of your website to show the booking flow there.',
  'admin.settings.embed.code': 'Embed code',
  'admin.settings.embed.copy': 'Copy',
  'admin.settings.embed.copied': 'Snippet copied',
  'admin.settings.embed.page': 'Your public booking page:',
  'admin.settings.embed.anyOrigin':
    'Any website can show your booking flow until you list the ones allowed below.',
  'admin.settings.embed.onlyListed_one':
    'Only the website listed below can show your booking flow; others show a message with a link to your booking page.',
  'admin.settings.embed.onlyListed_other':
    'Only the {count} websites listed below can show your booking flow; others show a message with a link to your booking page.',
  'admin.settings.embed.asked': '{origin} tried to show your booking flow.',
  'admin.settings.embed.allow': 'Allow {origin}',
  'admin.settings.embed.origins': 'Websites allowed to embed it',
  'admin.settings.embed.originsHint':
    'One origin per line, such as https://www.example.com. Leave empty to allow any website.',
  'admin.settings.embed.section': 'Embed settings',

  'admin.settings.payments.title': 'Payments',
  'admin.settings.payments.loading': 'Loading…',
  'admin.settings.payments.not_connected':
    'Not connected. Connect a Stripe account to take deposits and payments online.',
  'admin.settings.payments.onboarding': 'Onboarding not finished: Stripe still needs some details.',
  'admin.settings.payments.restricted':
    'Connected, but Stripe has restricted the account until more details are provided.',
  'admin.settings.payments.enabled': 'Connected: payments and payouts are enabled.',
  'admin.settings.payments.needs': 'Stripe still needs: {items}',
  'admin.settings.payments.payInto': 'Customers pay into your Stripe account.',
  'admin.settings.payments.payIntoFee':
    'Customers pay into your Stripe account; the platform keeps {percent}% of each payment.',
  'admin.settings.payments.connect': 'Connect Stripe',
  'admin.settings.payments.continue': 'Continue onboarding',

  'admin.settings.plan.title': 'Plan',
  'admin.settings.plan.loading': 'Loading plan…',
  'admin.settings.plan.notEnforced': 'Plans are not enforced on this server: nothing is limited.',
  'admin.settings.plan.returned':
    'Payment received. Your plan changes as soon as Stripe confirms it; refresh in a moment.',
  'admin.settings.plan.current': 'Current plan:',
  'admin.settings.plan.ends': 'ends {date}',
  'admin.settings.plan.renews': 'renews {date}',
  'admin.settings.plan.of': 'of {limit}',
  'admin.settings.plan.unlimited': 'unlimited',
  'admin.settings.plan.limitReached': 'limit reached',
  'admin.settings.plan.providers': 'Providers',
  'admin.settings.plan.bookingsThisMonth': 'Bookings this month',
  'admin.settings.plan.features': 'Features: {list}',
  'admin.settings.plan.none': 'none',
  'admin.settings.plan.colPlan': 'Plan',
  'admin.settings.plan.colProviders': 'Providers',
  'admin.settings.plan.colBookings': 'Bookings / month',
  'admin.settings.plan.colFeatures': 'Features',
  'admin.settings.plan.ownerOnly': 'Only the owner can change the plan.',
  'admin.settings.plan.opening': 'Opening checkout…',
  'admin.settings.plan.upgrade': 'Upgrade to Pro',
  'admin.settings.plan.manage': 'Manage billing',
  'admin.settings.plan.feature.payments': 'Online payments',
  'admin.settings.plan.feature.webhooks': 'Webhooks',
  'admin.settings.plan.feature.calendar_sync': 'Calendar sync',
};

export const es: AreaCatalog<typeof en> = {
  'admin.settings.loading': 'Cargando ajustes…',
  'admin.settings.loadError': 'No se pudieron cargar los ajustes',
  'admin.settings.title': 'Ajustes',
  'admin.settings.readOnly': 'Solo los administradores y propietarios pueden cambiar los ajustes.',
  'admin.settings.description':
    'El perfil de tu negocio, las reglas de reserva, la imagen de marca y la inserción en tu web.',
  'admin.settings.saved': '{section}: guardado',
  'admin.settings.save': 'Guardar',
  'admin.settings.saving': 'Guardando…',

  'admin.settings.profile.title': 'Perfil del negocio',
  'admin.settings.profile.name': 'Nombre del negocio',
  'admin.settings.profile.email': 'Correo de contacto',
  'admin.settings.profile.phone': 'Teléfono',
  'admin.settings.profile.address': 'Dirección',
  'admin.settings.profile.timeZone': 'Zona horaria',
  'admin.settings.profile.timeZoneHint': 'La usan los informes, los cierres y el calendario',
  'admin.settings.profile.currency': 'Moneda',
  'admin.settings.profile.language': 'Idioma predeterminado',
  'admin.settings.profile.description': 'Descripción',
  'admin.settings.profile.descriptionHint':
    'Se muestra en la parte superior de tu página de reservas',
  'admin.settings.profile.policies': 'Políticas que ven los clientes',

  'admin.settings.rules.title': 'Reglas de reserva',
  'admin.settings.rules.description':
    'Qué pueden hacer los clientes por su cuenta y cuánto les cuesta.',
  'admin.settings.rules.mode': 'Las reservas nuevas son',
  'admin.settings.rules.modeAuto': 'Confirmadas al momento',
  'admin.settings.rules.modeManual': 'Solicitudes que apruebo',
  'admin.settings.rules.freeCancellation': 'Cancelación gratuita hasta (horas antes)',
  'admin.settings.rules.lateFee': 'Cargo por cancelación tardía (% del precio)',
  'admin.settings.rules.noShowFee': 'Cargo por no presentarse (% del precio)',
  'admin.settings.rules.rescheduleCutoff': 'Cambio de hora en línea hasta (horas antes)',
  'admin.settings.rules.checkIn': 'Registro de llegada desde (minutos antes)',
  'admin.settings.rules.step': 'Intervalo de inicio predeterminado (min)',
  'admin.settings.rules.stepPlaceholder': '= duración del servicio',
  'admin.settings.rules.allowReschedule': 'Los clientes pueden cambiar la hora en línea',
  'admin.settings.rules.sendReminders': 'Enviar recordatorios',
  'admin.settings.rules.sms': 'Enviar avisos por SMS a los clientes que lo aceptaron',
  'admin.settings.rules.smsHint':
    'Los clientes marcan «Avisarme por SMS sobre esta reserva» al reservar; pueden responder STOP en cualquier momento. Sin Twilio configurado, los SMS se registran en Mensajes.',
  'admin.settings.rules.remindersLink':
    'Cuándo salen los recordatorios, horas de silencio y avisos al negocio:',
  'admin.settings.rules.messages': 'Mensajes',

  'admin.settings.defaultHours.title': 'Horario laboral predeterminado',
  'admin.settings.defaultHours.note':
    'El personal y las salas nuevos empiezan con este horario (horas de reloj en su zona, {zone} por defecto); el horario de cada uno se cambia en la página de Personal.',

  'admin.settings.branding.title': 'Imagen de marca',
  'admin.settings.branding.logo': 'URL del logotipo',
  'admin.settings.branding.colour': 'Color de marca',
  'admin.settings.branding.colourHex': 'Color de marca en hexadecimal',
  'admin.settings.branding.preview': 'Confirmar reserva',
  'admin.settings.branding.weak':
    'Los colores muy claros se oscurecen en la página de reservas para que el texto se lea bien.',

  'admin.settings.embed.title': 'Inserción en tu web',
  'admin.settings.embed.description':
    'Pega el fragmento en cualquier página de tu web para mostrar allí el proceso de reserva.',
  'admin.settings.embed.code': 'Código de inserción',
  'admin.settings.embed.copy': 'Copiar',
  'admin.settings.embed.copied': 'Fragmento copiado',
  'admin.settings.embed.page': 'Tu página pública de reservas:',
  'admin.settings.embed.anyOrigin':
    'Cualquier web puede mostrar tu proceso de reserva hasta que indiques abajo cuáles están permitidas.',
  'admin.settings.embed.onlyListed_one':
    'Solo la web indicada abajo puede mostrar tu proceso de reserva; las demás muestran un mensaje con un enlace a tu página de reservas.',
  'admin.settings.embed.onlyListed_other':
    'Solo las {count} webs indicadas abajo pueden mostrar tu proceso de reserva; las demás muestran un mensaje con un enlace a tu página de reservas.',
  'admin.settings.embed.asked': '{origin} intentó mostrar tu proceso de reserva.',
  'admin.settings.embed.allow': 'Permitir {origin}',
  'admin.settings.embed.origins': 'Webs que pueden insertarlo',
  'admin.settings.embed.originsHint':
    'Un origen por línea, como https://www.example.com. Déjalo vacío para permitir cualquier web.',
  'admin.settings.embed.section': 'Ajustes de inserción',

  'admin.settings.payments.title': 'Pagos',
  'admin.settings.payments.loading': 'Cargando…',
  'admin.settings.payments.not_connected':
    'Sin conectar. Conecta una cuenta de Stripe para cobrar depósitos y pagos en línea.',
  'admin.settings.payments.onboarding': 'Alta sin terminar: Stripe aún necesita algunos datos.',
  'admin.settings.payments.restricted':
    'Conectada, pero Stripe ha restringido la cuenta hasta que se aporten más datos.',
  'admin.settings.payments.enabled': 'Conectada: los pagos y las transferencias están activos.',
  'admin.settings.payments.needs': 'Stripe aún necesita: {items}',
  'admin.settings.payments.payInto': 'Los clientes pagan en tu cuenta de Stripe.',
  'admin.settings.payments.payIntoFee':
    'Los clientes pagan en tu cuenta de Stripe; la plataforma se queda un {percent} % de cada pago.',
  'admin.settings.payments.connect': 'Conectar Stripe',
  'admin.settings.payments.continue': 'Continuar el alta',

  'admin.settings.plan.title': 'Plan',
  'admin.settings.plan.loading': 'Cargando plan…',
  'admin.settings.plan.notEnforced': 'Este servidor no aplica planes: no hay ningún límite.',
  'admin.settings.plan.returned':
    'Pago recibido. Tu plan cambia en cuanto Stripe lo confirme; actualiza en un momento.',
  'admin.settings.plan.current': 'Plan actual:',
  'admin.settings.plan.ends': 'termina el {date}',
  'admin.settings.plan.renews': 'se renueva el {date}',
  'admin.settings.plan.of': 'de {limit}',
  'admin.settings.plan.unlimited': 'sin límite',
  'admin.settings.plan.limitReached': 'límite alcanzado',
  'admin.settings.plan.providers': 'Profesionales',
  'admin.settings.plan.bookingsThisMonth': 'Reservas este mes',
  'admin.settings.plan.features': 'Funciones: {list}',
  'admin.settings.plan.none': 'ninguna',
  'admin.settings.plan.colPlan': 'Plan',
  'admin.settings.plan.colProviders': 'Profesionales',
  'admin.settings.plan.colBookings': 'Reservas / mes',
  'admin.settings.plan.colFeatures': 'Funciones',
  'admin.settings.plan.ownerOnly': 'Solo el propietario puede cambiar el plan.',
  'admin.settings.plan.opening': 'Abriendo el pago…',
  'admin.settings.plan.upgrade': 'Pasar a Pro',
  'admin.settings.plan.manage': 'Gestionar la facturación',
  'admin.settings.plan.feature.payments': 'Pagos en línea',
  'admin.settings.plan.feature.webhooks': 'Webhooks',
  'admin.settings.plan.feature.calendar_sync': 'Sincronización de calendario',
};

export const fr: AreaCatalog<typeof en> = {
  'admin.settings.loading': 'Chargement des paramètres…',
  'admin.settings.loadError': 'Impossible de charger les paramètres',
  'admin.settings.title': 'Paramètres',
  'admin.settings.readOnly':
    'Seuls les administrateurs et propriétaires peuvent modifier les paramètres.',
  'admin.settings.description':
    'Le profil de votre entreprise, les règles de réservation, l’image de marque et l’intégration à votre site.',
  'admin.settings.saved': '{section} : enregistré',
  'admin.settings.save': 'Enregistrer',
  'admin.settings.saving': 'Enregistrement…',

  'admin.settings.profile.title': 'Profil de l’entreprise',
  'admin.settings.profile.name': 'Nom de l’entreprise',
  'admin.settings.profile.email': 'E-mail de contact',
  'admin.settings.profile.phone': 'Téléphone',
  'admin.settings.profile.address': 'Adresse',
  'admin.settings.profile.timeZone': 'Fuseau horaire',
  'admin.settings.profile.timeZoneHint':
    'Utilisé par les rapports, les fermetures et le calendrier',
  'admin.settings.profile.currency': 'Devise',
  'admin.settings.profile.language': 'Langue par défaut',
  'admin.settings.profile.description': 'Description',
  'admin.settings.profile.descriptionHint': 'Affichée en haut de votre page de réservation',
  'admin.settings.profile.policies': 'Conditions affichées aux clients',

  'admin.settings.rules.title': 'Règles de réservation',
  'admin.settings.rules.description':
    'Ce que les clients peuvent faire eux-mêmes, et ce que cela leur coûte.',
  'admin.settings.rules.mode': 'Les nouvelles réservations sont',
  'admin.settings.rules.modeAuto': 'Confirmées immédiatement',
  'admin.settings.rules.modeManual': 'Des demandes que j’approuve',
  'admin.settings.rules.freeCancellation': 'Annulation gratuite jusqu’à (heures avant)',
  'admin.settings.rules.lateFee': 'Frais d’annulation tardive (% du prix)',
  'admin.settings.rules.noShowFee': 'Frais de non-présentation (% du prix)',
  'admin.settings.rules.rescheduleCutoff': 'Report en ligne jusqu’à (heures avant)',
  'admin.settings.rules.checkIn': 'Enregistrement possible dès (minutes avant)',
  'admin.settings.rules.step': 'Pas des heures de début par défaut (min)',
  'admin.settings.rules.stepPlaceholder': '= durée de la prestation',
  'admin.settings.rules.allowReschedule': 'Les clients peuvent reporter en ligne',
  'admin.settings.rules.sendReminders': 'Envoyer des rappels',
  'admin.settings.rules.sms': 'Envoyer les avis par SMS aux clients qui l’ont accepté',
  'admin.settings.rules.smsHint':
    'Les clients cochent « M’envoyer des SMS sur cette réservation » en réservant ; ils peuvent répondre STOP à tout moment. Sans Twilio configuré, les SMS sont enregistrés dans Messages.',
  'admin.settings.rules.remindersLink':
    'Quand partent les rappels, heures calmes et avis à l’entreprise :',
  'admin.settings.rules.messages': 'Messages',

  'admin.settings.defaultHours.title': 'Horaires de travail par défaut',
  'admin.settings.defaultHours.note':
    'Les nouveaux membres de l’équipe et les nouvelles salles commencent avec ces horaires (heures locales de leur fuseau, {zone} par défaut) ; les horaires de chacun se modifient sur la page Équipe.',

  'admin.settings.branding.title': 'Image de marque',
  'admin.settings.branding.logo': 'URL du logo',
  'admin.settings.branding.colour': 'Couleur de marque',
  'admin.settings.branding.colourHex': 'Couleur de marque en hexadécimal',
  'admin.settings.branding.preview': 'Confirmer la réservation',
  'admin.settings.branding.weak':
    'Les couleurs très claires sont assombries sur la page de réservation pour que le texte reste lisible.',

  'admin.settings.embed.title': 'Intégration au site',
  'admin.settings.embed.description':
    'Collez l’extrait dans n’importe quelle page de votre site pour y afficher la réservation.',
  'admin.settings.embed.code': 'Code d’intégration',
  'admin.settings.embed.copy': 'Copier',
  'admin.settings.embed.copied': 'Extrait copié',
  'admin.settings.embed.page': 'Votre page de réservation publique :',
  'admin.settings.embed.anyOrigin':
    'Tout site peut afficher votre réservation tant que vous n’indiquez pas ci-dessous ceux qui sont autorisés.',
  'admin.settings.embed.onlyListed_one':
    'Seul le site indiqué ci-dessous peut afficher votre réservation ; les autres affichent un message avec un lien vers votre page de réservation.',
  'admin.settings.embed.onlyListed_other':
    'Seuls les {count} sites indiqués ci-dessous peuvent afficher votre réservation ; les autres affichent un message avec un lien vers votre page de réservation.',
  'admin.settings.embed.asked': '{origin} a essayé d’afficher votre réservation.',
  'admin.settings.embed.allow': 'Autoriser {origin}',
  'admin.settings.embed.origins': 'Sites autorisés à l’intégrer',
  'admin.settings.embed.originsHint':
    'Une origine par ligne, par exemple https://www.example.com. Laissez vide pour autoriser tout site.',
  'admin.settings.embed.section': 'Paramètres d’intégration',

  'admin.settings.payments.title': 'Paiements',
  'admin.settings.payments.loading': 'Chargement…',
  'admin.settings.payments.not_connected':
    'Non connecté. Connectez un compte Stripe pour encaisser acomptes et paiements en ligne.',
  'admin.settings.payments.onboarding':
    'Inscription inachevée : Stripe a encore besoin de quelques informations.',
  'admin.settings.payments.restricted':
    'Connecté, mais Stripe a restreint le compte en attendant plus d’informations.',
  'admin.settings.payments.enabled': 'Connecté : paiements et virements activés.',
  'admin.settings.payments.needs': 'Stripe a encore besoin de : {items}',
  'admin.settings.payments.payInto': 'Les clients paient sur votre compte Stripe.',
  'admin.settings.payments.payIntoFee':
    'Les clients paient sur votre compte Stripe ; la plateforme garde {percent} % de chaque paiement.',
  'admin.settings.payments.connect': 'Connecter Stripe',
  'admin.settings.payments.continue': 'Poursuivre l’inscription',

  'admin.settings.plan.title': 'Formule',
  'admin.settings.plan.loading': 'Chargement de la formule…',
  'admin.settings.plan.notEnforced':
    'Les formules ne sont pas appliquées sur ce serveur : rien n’est limité.',
  'admin.settings.plan.returned':
    'Paiement reçu. Votre formule change dès que Stripe le confirme ; actualisez dans un instant.',
  'admin.settings.plan.current': 'Formule actuelle :',
  'admin.settings.plan.ends': 'se termine le {date}',
  'admin.settings.plan.renews': 'se renouvelle le {date}',
  'admin.settings.plan.of': 'sur {limit}',
  'admin.settings.plan.unlimited': 'illimité',
  'admin.settings.plan.limitReached': 'limite atteinte',
  'admin.settings.plan.providers': 'Prestataires',
  'admin.settings.plan.bookingsThisMonth': 'Réservations ce mois-ci',
  'admin.settings.plan.features': 'Fonctions : {list}',
  'admin.settings.plan.none': 'aucune',
  'admin.settings.plan.colPlan': 'Formule',
  'admin.settings.plan.colProviders': 'Prestataires',
  'admin.settings.plan.colBookings': 'Réservations / mois',
  'admin.settings.plan.colFeatures': 'Fonctions',
  'admin.settings.plan.ownerOnly': 'Seul le propriétaire peut changer de formule.',
  'admin.settings.plan.opening': 'Ouverture du paiement…',
  'admin.settings.plan.upgrade': 'Passer à Pro',
  'admin.settings.plan.manage': 'Gérer la facturation',
  'admin.settings.plan.feature.payments': 'Paiements en ligne',
  'admin.settings.plan.feature.webhooks': 'Webhooks',
  'admin.settings.plan.feature.calendar_sync': 'Synchronisation d’agenda',
};
