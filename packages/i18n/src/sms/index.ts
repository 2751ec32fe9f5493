/** The server's SMS texts in every supported language (docs/guides/sms.md). */
import { en, type SmsMessages } from './en';
import { es } from './es';
import { fr } from './fr';
import type { BaseKey, Locale } from '../index';

export type { SmsMessages };
export type SmsKey = BaseKey<SmsMessages>;
export const smsCatalogs: Record<Locale, SmsMessages> = { en, es, fr };
