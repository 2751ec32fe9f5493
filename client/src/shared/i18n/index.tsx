import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, type Messages } from './en';
import { es } from './es';
import { fr } from './fr';

export const LOCALES = { en, es, fr } as const;
export type Locale = keyof typeof LOCALES;
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
};
export type MessageKey = keyof Messages;

/** First supported language among the browser's preferences, then the business's, then English. */
export function detectLocale(
  preferred: readonly string[] = typeof navigator === 'undefined'
    ? []
    : (navigator.languages ?? [navigator.language]),
  fallback = 'en',
): Locale {
  for (const tag of [...preferred, fallback]) {
    const base = tag?.toLowerCase().split('-')[0];
    if (base && base in LOCALES) return base as Locale;
  }
  return 'en';
}

const PLURAL_RE = /\{(\w+), plural, one \{([^}]*)\} other \{([^}]*)\}\}/g;

/** Replaces `{name}` placeholders and `{count, plural, one {# item} other {# items}}` choices. */
export function interpolate(
  template: string,
  params: Record<string, string | number> | undefined,
  locale: string,
): string {
  if (!params) return template;
  const rules = new Intl.PluralRules(locale);
  return template
    .replace(PLURAL_RE, (m, k: string, one: string, other: string) => {
      const n = Number(params[k]);
      if (!(k in params) || !Number.isFinite(n)) return m;
      return (rules.select(n) === 'one' ? one : other).replace(/#/g, String(n));
    })
    .replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ initial, children }: { initial?: Locale; children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(initial ?? detectLocale());
  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => interpolate(LOCALES[locale][key] ?? en[key], params, locale),
    }),
    [locale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
