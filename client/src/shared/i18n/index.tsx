/**
 * The web apps' i18n: i18next over the catalogs of @slotwise/i18n (ADR 0011), behind the same
 * provider/hook API the components have always used (`useI18n().t(key, params)`).
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import {
  addCatalogs as addTo,
  createI18n,
  LOCALE_NAMES,
  matchLocale,
  translator,
  type Catalog,
  type Locale,
  type Params,
} from '@slotwise/i18n';
import { bookingCatalogs, type AppKey, type AppMessages } from '@slotwise/i18n/app';

export { LOCALE_NAMES, type Locale };
/** The languages the apps speak, with the booking app's catalogs. */
export const LOCALES = bookingCatalogs;
export type MessageKey = AppKey;

/** First supported language among the browser's preferences, then the business's, then English. */
export function detectLocale(
  preferred: readonly string[] = typeof navigator === 'undefined'
    ? []
    : (navigator.languages ?? [navigator.language]),
  fallback = 'en',
): Locale {
  return matchLocale(preferred, fallback);
}

export interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  t(key: MessageKey, params?: Params): string;
}

/** One i18next instance for the page: every language is bundled, so switching is synchronous. */
let shared: ReturnType<typeof createI18n> | undefined;
const instance = () => (shared ??= createI18n(bookingCatalogs, 'en'));

/** Adds catalogs to the page's instance: the admin app's areas (client/src/admin/catalogs.ts). */
export function addCatalogs(catalogs: Partial<Record<Locale, Catalog>>): void {
  addTo(instance(), catalogs);
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ initial, children }: { initial?: Locale; children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(initial ?? detectLocale());
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: translator<AppMessages>(instance(), locale) }),
    [locale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
