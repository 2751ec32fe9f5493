/** The server's message catalogs: emails (and SMS texts) in every supported language. */
import { en, type EmailMessages } from './en';
import { es } from './es';
import { fr } from './fr';
import type { BaseKey, Locale } from '../index';

export type { EmailMessages };
export type EmailKey = BaseKey<EmailMessages>;
export const emailCatalogs: Record<Locale, EmailMessages> = { en, es, fr };
