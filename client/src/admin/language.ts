import { detectLocale, isLocale, type Locale } from '../shared/i18n';
import { browserLocales } from './locale-defaults';

/**
 * The admin's language (ADR 0020): the user's own choice, kept in this browser, else the
 * browser's first supported language, else English. Kept per browser, not on the account: there
 * is no profile route to store it on, and the choice belongs to the person at this screen.
 */
export const ADMIN_LOCALE_KEY = 'slotwise.admin.locale';

type Store = Pick<Storage, 'getItem' | 'setItem'>;
const local = (): Store | undefined => {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage blocked (privacy settings): the choice lasts for the page only
  }
};

export function initialAdminLocale(
  store: Store | undefined = local(),
  preferred: readonly string[] = browserLocales(),
): Locale {
  const saved = store?.getItem(ADMIN_LOCALE_KEY);
  return isLocale(saved) ? saved : detectLocale(preferred);
}

export function rememberAdminLocale(locale: Locale, store: Store | undefined = local()): void {
  try {
    store?.setItem(ADMIN_LOCALE_KEY, locale);
  } catch {
    // Quota or blocked storage: the language still changes for this visit.
  }
}
