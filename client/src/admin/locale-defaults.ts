/** Euro area members (2026), by ISO region code. */
const EURO = 'AT BE HR CY EE FI FR DE GR IE IT LV LT LU MT NL PT SK SI ES BG'.split(' ');
const BY_REGION: Record<string, string> = {
  US: 'USD',
  GB: 'GBP',
  CA: 'CAD',
  AU: 'AUD',
  JP: 'JPY',
  IN: 'INR',
  CH: 'CHF',
  LI: 'CHF',
  SE: 'SEK',
  NZ: 'NZD',
  SG: 'SGD',
  MX: 'MXN',
  BR: 'BRL',
  ZA: 'ZAR',
};

/**
 * The currency a new business most likely charges in, from the browser's languages' regions
 * (`es-ES` → EUR, `en-GB` → GBP); the first one Slotwise offers wins, else USD.
 */
export function currencyForLocales(
  locales: readonly string[],
  offered: readonly string[],
  fallback = 'USD',
): string {
  for (const tag of locales) {
    let region: string | undefined;
    try {
      region = new Intl.Locale(tag).maximize().region;
    } catch {
      continue;
    }
    if (!region) continue;
    const currency = EURO.includes(region) ? 'EUR' : BY_REGION[region];
    if (currency && offered.includes(currency)) return currency;
  }
  return fallback;
}

export const browserLocales = (): readonly string[] =>
  typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
