/** The server's email catalogs (booking messages and account emails) in every supported language; SMS texts are ./sms. */
import { en, type EmailMessages } from './en';
import { es } from './es';
import { fr } from './fr';
import type { BaseKey, Locale } from '../index';

export type { EmailMessages };
export type EmailKey = BaseKey<EmailMessages>;
export const emailCatalogs: Record<Locale, EmailMessages> = { en, es, fr };
