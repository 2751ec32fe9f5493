/**
 * The web apps' catalogs: the booking app's strings here, the admin app's areas in `./admin`
 * (`@slotwise/i18n/app/admin`). They are separate modules so the booking app does not download
 * the admin's strings (its JavaScript budget, client/scripts/check-budget.mjs); the admin app adds
 * its areas to the shared instance (client/src/admin/catalogs.ts). Keys are typed over both.
 */
import { en, type Messages } from './en';
import { es } from './es';
import { fr } from './fr';
import type { AdminMessages } from './admin';
import type { BaseKey, Locale } from '../index';

export type AppMessages = Messages & AdminMessages;
export type AppKey = BaseKey<AppMessages>;
export const bookingCatalogs: Record<Locale, Messages> = { en, es, fr };
