/**
 * The web apps' catalogs: the booking app's strings here, the admin app's areas in ./admin
 * (`@slotwise/i18n/app/admin`). The admin's are loaded by the admin app only (ADR 0020), so the
 * booking app's bundle does not carry them; the types still know every key of both.
 */
import { en, type Messages } from './en';
import { es } from './es';
import { fr } from './fr';
import type { AdminMessages } from './admin';
import type { BaseKey, Locale } from '../index';

export type AppMessages = Messages & AdminMessages;
export type AppKey = BaseKey<AppMessages>;
export const appCatalogs: Record<Locale, Messages> = { en, es, fr };
