/** The web apps' catalogs: the booking app's strings and the admin app's areas (./admin). */
import { en, type Messages } from './en';
import { es } from './es';
import { fr } from './fr';
import { adminEn, adminEs, adminFr, type AdminMessages } from './admin';
import type { BaseKey, Locale } from '../index';

export type AppMessages = Messages & AdminMessages;
export type AppKey = BaseKey<AppMessages>;
export const appCatalogs: Record<Locale, AppMessages> = {
  en: { ...en, ...adminEn },
  es: { ...es, ...adminEs },
  fr: { ...fr, ...adminFr },
};
