/**
 * The admin app's strings, one module per area of the app (`./bookings`, `./services`…). Each
 * area module exports `en` (the reference) and `es`/`fr` typed `AreaCatalog<typeof en>`, so a
 * missing translation is a type error. Keys are prefixed `admin.<area>.`.
 */
import * as staff from './staff';
import * as settings from './settings';
import * as services from './services';
import * as team from './team';
import * as payments from './payments';
import * as messages from './messages';
import * as webhooks from './webhooks';
import * as apiKeys from './api-keys';
import * as waitlist from './waitlist';
import * as calendarSync from './calendar-sync';
import * as bookingForm from './booking-form';
import * as reports from './reports';

export type AreaCatalog<E> = { [K in keyof E]: string };

import * as common from './common';
import * as shell from './shell';
import * as messageLog from './messageLog';
import * as bookings from './bookings';
import * as newBooking from './newBooking';
import * as calendar from './calendar';
import * as dashboard from './dashboard';
import * as customers from './customers';
import * as auth from './auth';
import * as resources from './resources';
import * as locations from './locations';

// One line per area module (imported above, `import * as bookings from './bookings';`).
const areas = [
  common,
  shell,
  messageLog,
  bookings,
  newBooking,
  calendar,
  dashboard,
  customers,
  auth,
  resources,
  locations,
  staff,
  settings,
  services,
  team,
  payments,
  messages,
  webhooks,
  apiKeys,
  waitlist,
  calendarSync,
  bookingForm,
  reports,
] as const satisfies readonly { en: object; es: object; fr: object }[];

type Merge<T extends readonly { en: object }[]> = T extends readonly [
  infer H extends { en: object },
  ...infer R extends readonly { en: object }[],
]
  ? H['en'] & Merge<R>
  : {}; // eslint-disable-line @typescript-eslint/no-empty-object-type -- the identity of &

export type AdminMessages = Merge<typeof areas>;
type Area = { en: object; es: object; fr: object };
const merged = (pick: (a: Area) => object) =>
  Object.assign({}, ...(areas as readonly Area[]).map(pick)) as AdminMessages;

export const adminEn = merged((a) => a.en);
export const adminEs = merged((a) => a.es);
export const adminFr = merged((a) => a.fr);
/** The admin's catalogs by language, for `loadCatalogs` in the admin app. */
export const adminCatalogs = { en: adminEn, es: adminEs, fr: adminFr };
