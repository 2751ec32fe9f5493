import { useEffect } from 'react';
import { LOCALE_NAMES, LOCALES, useI18n, type Locale } from '../../shared/i18n';
import { rememberAdminLocale } from '../language';

/** The admin's language menu: switches at once, remembered in this browser (ADR 0020). */
export function LanguagePicker({ className }: { className?: string }) {
  const { locale, setLocale, t } = useI18n();
  // The page's language follows, for screen readers' pronunciation and the browser's own UI.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <label className={`lang-picker${className ? ` ${className}` : ''}`}>
      <span className="sr-only">{t('admin.shell.language')}</span>
      <select
        className="input input--inline"
        value={locale}
        onChange={(e) => {
          const next = e.target.value as Locale;
          setLocale(next);
          rememberAdminLocale(next);
        }}
      >
        {(Object.keys(LOCALES) as Locale[]).map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
