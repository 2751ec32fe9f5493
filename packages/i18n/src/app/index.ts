/** The booking app's catalogs (and the admin app's, as they are translated). */
import { en, type Messages } from './en';
import { es } from './es';
import { fr } from './fr';
import type { BaseKey, Locale } from '../index';

export type AppMessages = Messages;
export type AppKey = BaseKey<AppMessages>;
export const appCatalogs: Record<Locale, AppMessages> = { en, es, fr };
