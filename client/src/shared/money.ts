const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    cache.set(key, f);
  }
  return f;
}

/** Minor units (cents, or whole yen) → "$40.00" / "40,00 €", using the currency's own exponent. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const f = nf(locale, currency);
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(minor / 10 ** digits);
}

/** The inverse for form inputs: "40.5" → 4050 for USD; NaN when not a number. */
export function parseMoney(input: string, currency: string): number {
  const digits = nf('en', currency).resolvedOptions().maximumFractionDigits ?? 2;
  const n = Number(input.replace(',', '.').trim());
  return input.trim() === '' || !Number.isFinite(n) ? NaN : Math.round(n * 10 ** digits);
}

export function minorToInput(minor: number, currency: string): string {
  const digits = nf('en', currency).resolvedOptions().maximumFractionDigits ?? 2;
  return (minor / 10 ** digits).toFixed(digits);
}
