/**
 * The web apps' i18n: i18next over the catalogs of @slotwise/i18n (ADR 0011), behind the same
 * provider/hook API the components have always used (`useI18n().t(key, params)`).
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import {
  addCatalogs,
  createI18n,
  isLocale,
  LOCALE_NAMES,
  matchLocale,
  translator,
  type Catalog,
  type Locale,
  type Params,
} from '@slotwise/i18n';
import { appCatalogs, type AppKey, type AppMessages } from '@slotwise/i18n/app';

export { isLocale, LOCALE_NAMES, type Locale };
/** The languages the apps speak, with their catalogs. */
export const LOCALES = appCatalogs;
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
const extra: Partial<Record<Locale, Catalog>>[] = [];
const instance = () => {
  if (shared) return shared;
  shared = createI18n(appCatalogs, 'en');
  for (const c of extra) addCatalogs(shared, c);
  return shared;
};

/**
 * Adds an app's own catalogs (the admin's) to the page's strings. The booking app never calls
 * it, so the admin's strings stay out of its bundle (ADR 0020).
 */
export function loadCatalogs(catalogs: Partial<Record<Locale, Catalog>>): void {
  extra.push(catalogs);
  if (shared) addCatalogs(shared, catalogs);
}

const I18nContext = createContext<I18n | null>(null);

/** The language the provider shows now, for wording built outside components (error helpers). */
let current: Locale = 'en';

/**
 * Translates in the language on screen, for code that is not a component and has no `t` at hand
 * (the admin kit's `apiMessage`, a form's error map). Components use `useI18n().t`.
 */
export function translate(key: MessageKey, params?: Params): string {
  return translator<AppMessages>(instance(), current)(key, params);
}

export function I18nProvider({ initial, children }: { initial?: Locale; children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(initial ?? detectLocale());
  const value = useMemo<I18n>(() => {
    current = locale;
    return { locale, setLocale, t: translator<AppMessages>(instance(), locale) };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
