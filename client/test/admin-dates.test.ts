import { describe, expect, it } from 'vitest';
import {
  dayHeading,
  dayLabel,
  dayRange,
  monthsOf,
  monthYear,
  weekdayNames,
} from '../src/admin/dates';

/** The admin's calendar words per locale, as each language writes them: never forced to capitals. */
describe('admin dates', () => {
  it('names a month and year the way each language does', () => {
    expect(monthYear('2026-12-09', 'en')).toBe('December 2026');
    expect(monthYear('2026-12-09', 'es')).toBe('diciembre de 2026');
    expect(monthYear('2026-12-09', 'fr')).toBe('décembre 2026');
  });

  it('heads a week by its month, or both months when it straddles two', () => {
    expect(monthsOf('2026-12-07', '2026-12-13', 'es')).toBe('diciembre de 2026');
    expect(monthsOf('2026-11-30', '2026-12-06', 'es')).toMatch(
      /^noviembre\s?–\s?diciembre de 2026$/,
    );
    expect(monthsOf('2026-11-30', '2026-12-06', 'fr')).toMatch(/^novembre\s?–\s?décembre 2026$/);
    expect(monthsOf('2026-12-28', '2027-01-03', 'en')).toMatch(/^December 2026\s–\sJanuary 2027$/);
    expect(monthsOf('2026-12-28', '2027-01-03', 'es')).toMatch(
      /^diciembre de 2026\s–\senero de 2027$/,
    );
  });

  it('writes a span of days without repeating the month', () => {
    expect(dayRange('2026-12-07', '2026-12-13', 'en')).toMatch(/^Dec 7\s–\s13$/);
    expect(dayRange('2026-12-07', '2026-12-13', 'es')).toBe('7–13 dic');
    expect(dayRange('2026-12-07', '2026-12-13', 'fr')).toBe('7–13 déc.');
    // Across a new year the years are written too.
    expect(dayRange('2026-12-28', '2027-01-03', 'es')).toMatch(/^28 dic 2026\s–\s3 ene 2027$/);
    expect(dayRange('2026-12-09', '2026-12-09', 'es')).toBe('mié, 9 dic');
  });

  it('lists the weekdays from Monday, lower-case in Spanish and French', () => {
    expect(weekdayNames('en')).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(weekdayNames('es', 'long')).toEqual([
      'lunes',
      'martes',
      'miércoles',
      'jueves',
      'viernes',
      'sábado',
      'domingo',
    ]);
    expect(weekdayNames('fr', 'long')).toEqual([
      'lundi',
      'mardi',
      'mercredi',
      'jeudi',
      'vendredi',
      'samedi',
      'dimanche',
    ]);
  });

  it('labels a day and heads a day view in the language, whatever the zone', () => {
    expect(dayLabel('2026-12-09', 'en')).toBe('Wed, Dec 9');
    expect(dayLabel('2026-12-09', 'fr')).toBe('mer. 9 déc.');
    expect(dayHeading('2026-12-09', 'es')).toBe('miércoles, 9 de diciembre de 2026');
    expect(dayHeading('2026-12-09', 'fr')).toBe('mercredi 9 décembre 2026');
    expect(dayHeading('2026-12-09', 'en')).toBe('Wednesday, December 9, 2026');
  });
});
