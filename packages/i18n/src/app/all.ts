/** Every web-app string of each language, booking and admin together (for checks over all keys). */
import { adminCatalogs } from './admin';
import { bookingCatalogs, type AppMessages } from './index';
import type { Locale } from '../index';

export const appCatalogs: Record<Locale, AppMessages> = {
  en: { ...bookingCatalogs.en, ...adminCatalogs.en },
  es: { ...bookingCatalogs.es, ...adminCatalogs.es },
  fr: { ...bookingCatalogs.fr, ...adminCatalogs.fr },
};
