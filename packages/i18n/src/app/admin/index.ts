/**
 * The admin app's strings, one module per area of the app (`./bookings`, `./services`…). Each
 * area module exports `en` (the reference) and `es`/`fr` typed `AreaCatalog<typeof en>`, so a
 * missing translation is a type error. Keys are prefixed `admin.<area>.`.
 */
import * as reports from './reports';

export type AreaCatalog<E> = { [K in keyof E]: string };

// One line per area module (imported above, `import * as bookings from './bookings';`).
const areas = [
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
