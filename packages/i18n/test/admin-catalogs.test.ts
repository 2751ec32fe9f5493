import { describe, expect, it } from 'vitest';
import { adminEn, adminEs, adminFr } from '../src/app/admin/index';

/**
 * The admin's catalogs at run time: the types make every language list every English key; these
 * checks add that nothing is blank, placeholders survive translation, and a value left equal to
 * the English is one that is the same word in that language.
 */
const languages = { es: adminEs, fr: adminFr } as const;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const wordsOf = (s: string) => s.replace(/\{\w+\}/g, '').replace(/[^\p{L}]+/gu, '');

/** Values that are rightly the same as English in that language (loanwords, codes, cognates). */
const SAME_AS_ENGLISH: Record<keyof typeof languages, readonly string[]> = {
  es: [
    'admin.messageLog.sms',
    'admin.messageLog.id',
    'admin.newBooking.serviceOption',
    'admin.bookings.actionDone',
    'admin.bookings.quickLabel',
    'admin.settings.plan.title',
    'admin.settings.plan.colPlan',
    'admin.settings.plan.feature.webhooks',
    'admin.services.minutes',
    'admin.messages.log.sms',
    'admin.messages.item.sms',
    'admin.messages.item.id',
    'admin.webhooks.title',
    'admin.webhooks.colUrl',
    'admin.webhooks.create.url',
  ],
  fr: [
    'admin.common.date',
    'admin.shell.menu',
    'admin.shell.nav.messages',
    'admin.messageLog.sms',
    'admin.messageLog.id',
    'admin.messageLog.title',
    'admin.bookings.col.actions',
    'admin.bookings.dialog.actions',
    'admin.customers.notes',
    'admin.newBooking.serviceOption',
    'admin.bookings.quickLabel',
    'admin.locations.col.actions',
    'admin.settings.profile.description',
    'admin.settings.rules.messages',
    'admin.settings.plan.feature.webhooks',
    'admin.services.colActions',
    'admin.services.minutes',
    'admin.services.dialog.description',
    'admin.team.colActions',
    'admin.messages.title',
    'admin.messages.wording.message',
    'admin.messages.log.sms',
    'admin.messages.item.sms',
    'admin.messages.item.id',
    'admin.messages.booking.title',
    'admin.webhooks.title',
    'admin.webhooks.colUrl',
    'admin.webhooks.colActions',
    'admin.webhooks.create.url',
    'admin.webhooks.create.description',
    'admin.apiKeys.colActions',
    'admin.apiKeys.mode.test',
    'admin.apiKeys.active',
    'admin.apiKeys.dialog.mode',
    'admin.apiKeys.dialog.test',
    'admin.bookingForm.colQuestion',
    'admin.bookingForm.colType',
    'admin.bookingForm.colActions',
    'admin.bookingForm.type.date',
    'admin.bookingForm.dialog.question',
    'admin.bookingForm.dialog.type',
    'admin.bookingForm.options.legend',
    'admin.bookingForm.options.option',
  ],
};

describe('admin catalogs', () => {
  it('has keys under admin.<area>. only', () => {
    for (const key of Object.keys(adminEn)) expect(key).toMatch(/^admin\.[a-zA-Z]+\.[\w.-]+$/);
  });

  for (const [lang, catalog] of Object.entries(languages) as [
    keyof typeof languages,
    Record<string, string>,
  ][]) {
    it(`${lang}: every key of English, none blank, same placeholders`, () => {
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(adminEn).sort());
      for (const [key, en] of Object.entries(adminEn as Record<string, string>)) {
        const value = catalog[key]!;
        expect(value.trim(), key).not.toBe('');
        expect(placeholders(value), key).toEqual(placeholders(en));
      }
    });

    it(`${lang}: translated, except words that are the same in ${lang}`, () => {
      const untranslated = Object.entries(adminEn as Record<string, string>)
        .filter(([key, en]) => wordsOf(en) !== '' && catalog[key] === en)
        .map(([key]) => key)
        .filter((key) => !SAME_AS_ENGLISH[lang].includes(key));
      expect(untranslated).toEqual([]);
    });
  }
});
