import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MoneyError,
  add,
  allocate,
  basisPointsOf,
  formatMoney,
  minMoney,
  minorUnitsFor,
  money,
  moneyEquals,
  percentOf,
  percentToBasisPoints,
  subtract,
  toDecimalString,
  zeroMoney,
} from '../../src/domain/money';

const MAX = Number.MAX_SAFE_INTEGER;
const amountArb = fc.integer({ min: 0, max: 1_000_000_000_000 });
const currencyArb = fc.constantFrom('USD', 'EUR', 'JPY', 'KWD', 'GBP');

function expectMoneyError(fn: () => unknown, code: MoneyError['code']): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MoneyError);
    expect((e as MoneyError).code).toBe(code);
    return;
  }
  throw new Error(`expected MoneyError ${code}`);
}

describe('minorUnitsFor', () => {
  it.each([
    ['JPY', 0],
    ['KRW', 0],
    ['BHD', 3],
    ['KWD', 3],
    ['JOD', 3],
    ['OMR', 3],
    ['TND', 3],
    ['USD', 2],
    ['EUR', 2],
    ['usd', 2],
    ['jpy', 0],
  ])('%s → %i', (c, n) => {
    expect(minorUnitsFor(c)).toBe(n);
  });

  it('rejects malformed codes', () => {
    for (const c of ['', 'US', 'USDD', '12A', 'U$D'])
      expectMoneyError(() => minorUnitsFor(c), 'invalid_currency');
  });
});

describe('money', () => {
  it('creates normalised values', () => {
    expect(money(1234, 'usd')).toEqual({ amountMinor: 1234, currency: 'USD' });
    expect(Object.is(money(-0, 'USD').amountMinor, 0)).toBe(true);
    expect(zeroMoney('EUR')).toEqual({ amountMinor: 0, currency: 'EUR' });
    expect(money(MAX, 'USD').amountMinor).toBe(MAX);
  });

  it('rejects negative, fractional, unsafe and non-finite amounts', () => {
    for (const a of [-1, 1.5, MAX + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectMoneyError(() => money(a, 'USD'), 'invalid_amount');
    }
  });
});

describe('add / subtract', () => {
  it('adds and subtracts same-currency amounts', () => {
    expect(add(money(100, 'USD'), money(250, 'usd'))).toEqual(money(350, 'USD'));
    expect(subtract(money(350, 'USD'), money(100, 'USD'))).toEqual(money(250, 'USD'));
    expect(subtract(money(5, 'USD'), money(5, 'USD'))).toEqual(money(0, 'USD'));
  });

  it('throws currency_mismatch across currencies', () => {
    expectMoneyError(() => add(money(1, 'USD'), money(1, 'EUR')), 'currency_mismatch');
    expectMoneyError(() => subtract(money(1, 'USD'), money(1, 'EUR')), 'currency_mismatch');
    expectMoneyError(() => minMoney(money(1, 'USD'), money(1, 'EUR')), 'currency_mismatch');
  });

  it('throws negative_result instead of producing negative money', () => {
    expectMoneyError(() => subtract(money(1, 'USD'), money(2, 'USD')), 'negative_result');
  });

  it('throws when the sum leaves the safe integer range', () => {
    expectMoneyError(() => add(money(MAX, 'USD'), money(1, 'USD')), 'invalid_amount');
  });

  it('MoneyError is an Error with a name', () => {
    const e = new MoneyError('invalid_amount', 'x');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('MoneyError');
  });

  it('property: subtract undoes add, and add undoes subtract', () => {
    fc.assert(
      fc.property(amountArb, amountArb, currencyArb, (a, b, c) => {
        const ma = money(a, c);
        const mb = money(b, c);
        expect(subtract(add(ma, mb), mb)).toEqual(ma);
        const [hi, lo] = a >= b ? [ma, mb] : [mb, ma];
        expect(add(subtract(hi, lo), lo)).toEqual(hi);
      }),
    );
  });

  it('minMoney and moneyEquals', () => {
    expect(minMoney(money(3, 'USD'), money(2, 'USD'))).toEqual(money(2, 'USD'));
    expect(moneyEquals(money(3, 'USD'), { amountMinor: 3, currency: 'usd' })).toBe(true);
    expect(moneyEquals(money(3, 'USD'), money(3, 'EUR'))).toBe(false);
  });
});

describe('percentOf / basisPointsOf (half-up)', () => {
  it.each([
    [1000, 10, 100],
    [5, 10, 1], // 0.5 → 1 (half-up; banker's would give 0)
    [15, 10, 2], // 1.5 → 2
    [25, 10, 3], // 2.5 → 3 (banker's would give 2)
    [14, 10, 1], // 1.4 → 1
    [1999, 50, 1000], // 999.5 → 1000
    [1000, 12.5, 125],
    [999, 33.33, 333], // 332.9667 → 333
    [12345, 0, 0],
    [12345, 100, 12345],
    [100, 250, 250],
  ])('%i × %d%% = %i', (amount, pct, expected) => {
    expect(percentOf(money(amount, 'USD'), pct)).toEqual(money(expected, 'USD'));
  });

  it('is exact for amounts whose product with basis points exceeds 2^53', () => {
    expect(basisPointsOf(money(MAX, 'USD'), 10_000)).toEqual(money(MAX, 'USD'));
    expect(basisPointsOf(money(MAX, 'USD'), 5_000).amountMinor).toBe(4503599627370496); // MAX/2 = …495.5 → …496
  });

  it('accepts float noise but rejects sub-basis-point precision and negatives', () => {
    expect(percentToBasisPoints(1.1)).toBe(110);
    expect(percentToBasisPoints(0.07)).toBe(7);
    expectMoneyError(() => percentOf(money(100, 'USD'), 33.333), 'invalid_percent');
    expectMoneyError(() => percentOf(money(100, 'USD'), -1), 'invalid_percent');
    expectMoneyError(() => percentOf(money(100, 'USD'), Number.NaN), 'invalid_percent');
    expectMoneyError(() => basisPointsOf(money(100, 'USD'), 1.5), 'invalid_percent');
  });

  it('property: never exceeds the amount for ≤ 100%, and is monotonic in the percentage', () => {
    fc.assert(
      fc.property(
        amountArb,
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (a, bp1, bp2) => {
          const m = money(a, 'EUR');
          const r1 = basisPointsOf(m, bp1).amountMinor;
          expect(r1).toBeLessThanOrEqual(a);
          expect(r1).toBeGreaterThanOrEqual(0);
          const [lo, hi] = bp1 <= bp2 ? [bp1, bp2] : [bp2, bp1];
          expect(basisPointsOf(m, lo).amountMinor).toBeLessThanOrEqual(
            basisPointsOf(m, hi).amountMinor,
          );
          // percent form agrees with basis-point form
          expect(percentOf(m, bp1 / 100)).toEqual(basisPointsOf(m, bp1));
        },
      ),
    );
  });

  it('property: within half a minor unit of the exact value', () => {
    fc.assert(
      fc.property(amountArb, fc.integer({ min: 0, max: 20_000 }), (a, bp) => {
        const r = BigInt(basisPointsOf(money(a, 'USD'), bp).amountMinor);
        const exactTimes10k = BigInt(a) * BigInt(bp);
        const diff = r * 10_000n - exactTimes10k; // in 1/10 000 units
        expect(diff > -5_000n && diff <= 5_000n).toBe(true);
      }),
    );
  });
});

describe('allocate', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [5, [1, 1], [3, 2]],
    [5, [1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 0]],
    [1000, [70, 30], [700, 300]],
    [1001, [1, 0, 1], [501, 0, 500]],
    [0, [1, 2], [0, 0]],
    [10, [3], [10]],
    [7, [1, 2], [2, 5]], // 2.333 / 4.667: the larger remainder (index 1) gets the unit
  ])('%i by %j → %j', (amount, ratios, expected) => {
    expect(allocate(money(amount, 'USD'), ratios).map((m) => m.amountMinor)).toEqual(expected);
  });

  it('keeps the currency on every share', () => {
    expect(allocate(money(100, 'jpy'), [1, 1]).every((m) => m.currency === 'JPY')).toBe(true);
  });

  it('rejects empty, negative, fractional and all-zero ratios', () => {
    for (const r of [[], [-1, 2], [0.5, 0.5], [0, 0]]) {
      expectMoneyError(() => allocate(money(100, 'USD'), r), 'invalid_ratios');
    }
  });

  it('handles products beyond 2^53 exactly', () => {
    const shares = allocate(money(MAX, 'USD'), [MAX, 1]);
    expect(shares.reduce((s, m) => s + m.amountMinor, 0)).toBe(MAX);
  });

  it('property: preserves the sum and each share is within 1 minor unit of its exact proportion', () => {
    fc.assert(
      fc.property(
        amountArb,
        fc
          .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 })
          .filter((r) => r.some((x) => x > 0)),
        (a, ratios) => {
          const shares = allocate(money(a, 'USD'), ratios).map((m) => BigInt(m.amountMinor));
          expect(shares).toHaveLength(ratios.length);
          expect(shares.reduce((s, x) => s + x, 0n)).toBe(BigInt(a));
          const total = ratios.reduce((s, r) => s + BigInt(r), 0n);
          shares.forEach((share, i) => {
            const exactNum = BigInt(a) * BigInt(ratios[i] ?? 0); // exact share = exactNum / total
            const floor = exactNum / total;
            expect(share === floor || share === floor + 1n).toBe(true);
            if (ratios[i] === 0) expect(share).toBe(0n);
          });
        },
      ),
    );
  });

  it('property: equal ratios give shares that differ by at most 1 minor unit', () => {
    fc.assert(
      fc.property(amountArb, fc.integer({ min: 1, max: 50 }), (a, n) => {
        const shares = allocate(
          money(a, 'EUR'),
          Array.from({ length: n }, () => 1),
        ).map((m) => m.amountMinor);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('toDecimalString / formatMoney', () => {
  it.each([
    [1234, 'USD', '12.34'],
    [5, 'USD', '0.05'],
    [0, 'USD', '0.00'],
    [1234, 'JPY', '1234'],
    [5, 'KWD', '0.005'],
    [MAX, 'USD', '90071992547409.91'],
  ])('%i %s → %s', (a, c, s) => {
    expect(toDecimalString(money(a, c))).toBe(s);
  });

  it('formats with the locale and pins fraction digits to the minor units', () => {
    expect(formatMoney(money(123456, 'USD'), 'en-US')).toBe('$1,234.56');
    expect(formatMoney(money(1500, 'JPY'), 'en-US')).toBe('¥1,500');
    expect(formatMoney(money(1234, 'KWD'), 'en-US')).toMatch(/KWD\s?1\.234/);
    // de-DE: '.' groups, ',' decimals, symbol after a (narrow) no-break space
    expect(formatMoney(money(123456, 'EUR'), 'de-DE')).toMatch(/^1\.234,56\s€$/u);
  });

  it('formats amounts beyond float precision exactly', () => {
    expect(formatMoney(money(MAX, 'USD'), 'en-US')).toBe('$90,071,992,547,409.91');
  });
});
