/**
 * @slotwise/i18n — the one i18n setup of Slotwise (ADR 0011), used by the web apps and the
 * server's emails. Catalogs are plain objects keyed by flat dotted keys; the engine is i18next.
 *
 * Conventions (docs/guides/messages.md):
 * - placeholders are single-braced: `'Step {n} of {total}'` → `t('common.stepOf', { n, total })`;
 * - plurals are i18next suffixes: `key_one` / `key_other`, chosen by `{ count }` through
 *   Intl.PluralRules (`_other` also serves the rarer `many`/`zero` categories);
 * - values are not HTML-escaped here: React escapes on render, the email renderer escapes itself.
 */
import i18next, { type i18n as I18next, type TFunction } from 'i18next';

export const SUPPORTED_LOCALES = ['en', 'es', 'fr'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language named in itself, for language pickers. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** First supported language among BCP 47 tags (`es-MX` → `es`), then `fallback`, then English. */
export function matchLocale(preferred: readonly (string | undefined)[], fallback = 'en'): Locale {
  for (const tag of [...preferred, fallback]) {
    const base = tag?.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

/** A catalog: flat keys to strings. */
export type Catalog = Record<string, string>;
/** The keys callers use: plural variants (`x_one`, `x_other`) are asked for as `x`. */
export type BaseKey<C> = keyof C extends infer K
  ? K extends `${infer B}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}`
    ? B
    : K
  : never;
export type Params = Record<string, string | number>;

/**
 * An i18next instance over catalogs of one namespace per language. Missing keys fall back to
 * English, then to the key itself; never throws.
 */
export function createI18n(catalogs: Partial<Record<Locale, Catalog>>, locale: Locale): I18next {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...SUPPORTED_LOCALES],
    resources: Object.fromEntries(
      Object.entries(catalogs).map(([lng, catalog]) => [
        lng,
        { translation: withPluralFallbacks(catalog) },
      ]),
    ),
    initAsync: false,
    keySeparator: false,
    nsSeparator: false,
    returnNull: false,
    interpolation: { prefix: '{', suffix: '}', escapeValue: false },
  });
  return instance;
}

/**
 * Adds catalogs to a running instance (the admin app's areas, loaded only by the admin app), with
 * the same plural fallbacks as `createI18n`; keys already there are overwritten.
 */
export function addCatalogs(instance: I18next, catalogs: Partial<Record<Locale, Catalog>>): void {
  for (const [lng, catalog] of Object.entries(catalogs))
    instance.addResourceBundle(lng, 'translation', withPluralFallbacks(catalog), true, true);
}

const PLURAL_CATEGORIES = ['two', 'few', 'many'] as const;

/**
 * i18next looks for `key_many` when Intl.PluralRules says `many` (es/fr: 1 000 000) and, not
 * finding it, falls back to English. Catalogs write `_one`/`_other` only, so `_other` stands in.
 */
function withPluralFallbacks(catalog: Catalog): Catalog {
  const out: Catalog = { ...catalog };
  for (const [key, value] of Object.entries(catalog)) {
    if (!key.endsWith('_other')) continue;
    const base = key.slice(0, -'_other'.length);
    for (const c of PLURAL_CATEGORIES) out[`${base}_${c}`] ??= value;
  }
  return out;
}

/** A typed translate function of one language (no React, usable anywhere). */
export type Translate<C> = (key: BaseKey<C>, params?: Params) => string;

export function translator<C extends Catalog>(instance: I18next, locale: Locale): Translate<C> {
  const t: TFunction = instance.getFixedT(locale);
  return (key, params) => t(key as string, params) as string;
}

/**
 * Interpolates a string that is not in a catalog (a tenant's own subject or intro) with the same
 * rules as catalog strings, so one wording convention holds everywhere.
 */
export function interpolate(
  instance: I18next,
  text: string,
  params: Params,
  locale: Locale,
): string {
  return instance.services.interpolator.interpolate(text, params, locale, {});
}
