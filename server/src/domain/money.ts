/**
 * Money as integer minor units plus an ISO 4217 currency code.
 *
 * Why integers: floating point cannot represent most decimal fractions, and a booking
 * engine sums prices, deposits, fees and refunds that must reconcile to the cent with
 * what the payment provider (which also speaks minor units) reports.
 *
 * Amounts are non-negative: a Money is a quantity (price, deposit, fee, refund), never a
 * balance. Direction (charge vs. refund) is carried by the surrounding type, which keeps
 * "negative refund" bugs unrepresentable. Arithmetic that would go below zero throws.
 *
 * Intermediate products (amount × ratio, amount × basis points) can exceed 2^53, so they
 * are computed with BigInt and only the final result must be a safe integer.
 */

export type Money = { readonly amountMinor: number; readonly currency: string };

export type MoneyErrorCode =
  | 'invalid_currency'
  | 'invalid_amount'
  | 'currency_mismatch'
  | 'negative_result'
  | 'invalid_percent'
  | 'invalid_ratios';

/** Thrown for programming or input errors; `code` is stable and safe to map to a 4xx. */
export class MoneyError extends Error {
  override readonly name = 'MoneyError';
  constructor(
    readonly code: MoneyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ISO 4217 exponents that differ from the default of 2. Deliberately a short, explicit
// list (the ones a booking product realistically meets) rather than relying on ICU data,
// whose digits for some currencies (e.g. ISK, HUF) differ between ICU versions and from
// what payment providers use — stored amounts must never change meaning on a Node upgrade.
const ZERO_DECIMAL = new Set(['JPY', 'KRW']);
const THREE_DECIMAL = new Set(['BHD', 'KWD', 'JOD', 'OMR', 'TND']);

const CURRENCY_RE = /^[A-Z]{3}$/;

/** Upper-cases and validates a currency code (Stripe and others use lower case). */
export function normalizeCurrency(currency: string): string {
  const c = typeof currency === 'string' ? currency.trim().toUpperCase() : '';
  if (!CURRENCY_RE.test(c)) {
    throw new MoneyError('invalid_currency', `Invalid ISO 4217 currency code: ${String(currency)}`);
  }
  return c;
}

/** Number of decimal places of the currency's minor unit (JPY 0, KWD 3, most 2). */
export function minorUnitsFor(currency: string): number {
  const c = normalizeCurrency(currency);
  if (ZERO_DECIMAL.has(c)) return 0;
  if (THREE_DECIMAL.has(c)) return 3;
  return 2;
}

function assertAmount(amountMinor: number): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) {
    throw new MoneyError(
      'invalid_amount',
      `Amount must be a non-negative safe integer of minor units, got ${String(amountMinor)}`,
    );
  }
}

/** Creates a validated Money. `amountMinor` is in minor units (cents), not major units. */
export function money(amountMinor: number, currency: string): Money {
  assertAmount(amountMinor);
  // Normalise -0 to 0 so equality and formatting never show "-0".
  return {
    amountMinor: amountMinor === 0 ? 0 : amountMinor,
    currency: normalizeCurrency(currency),
  };
}

export function zeroMoney(currency: string): Money {
  return money(0, currency);
}

function assertSameCurrency(a: Money, b: Money): string {
  const ca = normalizeCurrency(a.currency);
  const cb = normalizeCurrency(b.currency);
  if (ca !== cb) {
    throw new MoneyError('currency_mismatch', `Currency mismatch: ${ca} vs ${cb}`);
  }
  return ca;
}

export function add(a: Money, b: Money): Money {
  const currency = assertSameCurrency(a, b);
  assertAmount(a.amountMinor);
  assertAmount(b.amountMinor);
  return money(a.amountMinor + b.amountMinor, currency);
}

/** a − b; throws `negative_result` when b > a (Money is never negative). */
export function subtract(a: Money, b: Money): Money {
  const currency = assertSameCurrency(a, b);
  assertAmount(a.amountMinor);
  assertAmount(b.amountMinor);
  if (b.amountMinor > a.amountMinor) {
    throw new MoneyError(
      'negative_result',
      `Cannot subtract ${b.amountMinor} from ${a.amountMinor} ${currency}: result would be negative`,
    );
  }
  return money(a.amountMinor - b.amountMinor, currency);
}

/** The smaller of two amounts of the same currency. */
export function minMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return a.amountMinor <= b.amountMinor ? a : b;
}

export function moneyEquals(a: Money, b: Money): boolean {
  return (
    normalizeCurrency(a.currency) === normalizeCurrency(b.currency) &&
    a.amountMinor === b.amountMinor
  );
}

/**
 * `basisPoints`/10 000 of `m`, rounded HALF-UP to the nearest minor unit (amounts are
 * non-negative, so half-up == half-away-from-zero). Half-up was chosen over banker's
 * rounding because it is what customers and most tenants expect when checking a fee
 * by hand ("10% of 0.05 is 0.01"), and the bias is irrelevant at one rounding per fee.
 * For basisPoints ≤ 10 000 the result never exceeds the amount.
 */
export function basisPointsOf(m: Money, basisPoints: number): Money {
  assertAmount(m.amountMinor);
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
    throw new MoneyError(
      'invalid_percent',
      `Basis points must be a non-negative integer, got ${basisPoints}`,
    );
  }
  const product = BigInt(m.amountMinor) * BigInt(basisPoints);
  const rounded = (product + 5000n) / 10000n; // BigInt division truncates; inputs are ≥ 0
  return money(toSafeNumber(rounded), m.currency);
}

/**
 * `percent`% of `m`, half-up (see basisPointsOf). `percent` may have at most two decimal
 * places (basis-point precision, e.g. 12.5 or 33.33); finer values throw rather than
 * being silently rounded, so a policy of "33.333%" is rejected where it is configured.
 */
export function percentOf(m: Money, percent: number): Money {
  return basisPointsOf(m, percentToBasisPoints(percent));
}

/** Converts a percent with ≤ 2 decimals to integer basis points, tolerating float noise. */
export function percentToBasisPoints(percent: number): number {
  if (!Number.isFinite(percent) || percent < 0) {
    throw new MoneyError(
      'invalid_percent',
      `Percent must be a finite non-negative number, got ${percent}`,
    );
  }
  const scaled = percent * 100; // 1.1 * 100 === 110.00000000000001, hence the tolerance
  const bp = Math.round(scaled);
  if (Math.abs(scaled - bp) > 1e-6 || !Number.isSafeInteger(bp)) {
    throw new MoneyError(
      'invalid_percent',
      `Percent must have at most 2 decimal places, got ${percent}`,
    );
  }
  return bp;
}

/**
 * Splits `m` proportionally to integer `ratios` (weights) without losing or inventing a
 * minor unit: the shares always sum to `m`. Uses the largest-remainder method — every
 * share is the exact proportional amount rounded down or up (so within 1 minor unit of
 * it), and the leftover units go to the largest fractional remainders, ties to the
 * earliest index, which keeps the result deterministic.
 *
 * Ratios are integers (e.g. [1, 1, 1], or basis points) so that the split is exact;
 * a zero ratio gets zero. At least one ratio must be positive.
 */
export function allocate(m: Money, ratios: readonly number[]): Money[] {
  assertAmount(m.amountMinor);
  if (ratios.length === 0) {
    throw new MoneyError('invalid_ratios', 'allocate needs at least one ratio');
  }
  for (const r of ratios) {
    if (!Number.isSafeInteger(r) || r < 0) {
      throw new MoneyError('invalid_ratios', `Ratios must be non-negative integers, got ${r}`);
    }
  }
  const weights = ratios.map((r) => BigInt(r));
  const total = weights.reduce((s, w) => s + w, 0n);
  if (total === 0n) {
    throw new MoneyError('invalid_ratios', 'At least one ratio must be positive');
  }
  const amount = BigInt(m.amountMinor);
  const shares = weights.map((w) => (amount * w) / total);
  const remainders = weights.map((w, i) => ({ i, rem: (amount * w) % total }));
  let leftover = amount - shares.reduce((s, x) => s + x, 0n); // < ratios.length
  remainders.sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of remainders) {
    if (leftover === 0n) break;
    shares[i] = (shares[i] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return shares.map((s) => money(toSafeNumber(s), m.currency));
}

/** Exact decimal string in major units, e.g. 1234 USD → "12.34", 5 KWD → "0.005". */
export function toDecimalString(m: Money): string {
  assertAmount(m.amountMinor);
  const digits = minorUnitsFor(m.currency);
  if (digits === 0) return String(m.amountMinor);
  const s = String(m.amountMinor).padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/**
 * Locale-aware display via Intl. The decimal string (not a float) is passed to Intl so
 * large amounts are formatted exactly, and the fraction digits are pinned to our minor
 * units so the display always matches what is stored and charged.
 */
export function formatMoney(m: Money, locale?: string | readonly string[]): string {
  const currency = normalizeCurrency(m.currency);
  const digits = minorUnitsFor(currency);
  const fmt = new Intl.NumberFormat(locale as string | string[] | undefined, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return fmt.format(toDecimalString(m) as `${number}`);
}

function toSafeNumber(n: bigint): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new MoneyError('invalid_amount', 'Result exceeds the safe integer range');
  }
  return Number(n);
}
