import { describe, expect, it } from 'vitest';
import { createI18n, matchLocale, translator, SUPPORTED_LOCALES } from '../src/index';
import { type AppMessages } from '../src/app/index';
import { appCatalogs } from '../src/app/all';

describe('@slotwise/i18n', () => {
  const i18n = createI18n(appCatalogs, 'en');

  it('interpolates single-braced placeholders', () => {
    expect(translator<AppMessages>(i18n, 'es')('common.stepOf', { n: 2, total: 3 })).toBe(
      'Paso 2 de 3',
    );
  });

  it('picks plural forms by the language’s rules, `_other` standing in for `many`', () => {
    const fr = translator<AppMessages>(i18n, 'fr');
    expect(fr('form.fixErrors', { count: 0 })).toBe('Corrigez 0 champ ci-dessous.');
    expect(fr('form.fixErrors', { count: 2 })).toBe('Corrigez 2 champs ci-dessous.');
    const es = translator<AppMessages>(i18n, 'es');
    expect(es('time.seatsLeft', { count: 1_000_000 })).toBe('quedan 1000000 plazas');
    expect(translator<AppMessages>(i18n, 'en')('time.seatsLeft', { count: 1 })).toBe(
      '1 place left',
    );
  });

  it('every language has every key of English', () => {
    for (const l of SUPPORTED_LOCALES)
      expect(Object.keys(appCatalogs[l]).sort()).toEqual(Object.keys(appCatalogs.en).sort());
  });

  it('matches BCP 47 tags to a supported language', () => {
    expect(matchLocale(['de-DE', 'es-MX'])).toBe('es');
    expect(matchLocale(['de'], 'fr')).toBe('fr');
    expect(matchLocale([undefined], 'xx')).toBe('en');
  });
});
