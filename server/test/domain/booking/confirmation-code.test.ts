import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CONFIRMATION_CODE_ALPHABET,
  CONFIRMATION_CODE_LENGTH,
  generateConfirmationCode,
  generateManageToken,
  hashToken,
  isValidConfirmationCode,
  normalizeConfirmationCode,
  tokensEqual,
  verifyToken,
  type RandomBytes,
} from '../../../src/domain/booking/confirmation-code';

/** A RandomBytes that replays a fixed byte sequence (then repeats it). */
function scripted(bytes: number[]): RandomBytes & { calls: number } {
  let pos = 0;
  const fn = ((size: number) => {
    fn.calls++;
    const out = new Uint8Array(size);
    for (let i = 0; i < size; i++) out[i] = bytes[pos++ % bytes.length] ?? 0;
    return out;
  }) as RandomBytes & { calls: number };
  fn.calls = 0;
  return fn;
}

describe('confirmation codes', () => {
  it('uses a 31-symbol alphabet without 0, O, 1, I, L', () => {
    expect(CONFIRMATION_CODE_ALPHABET).toHaveLength(31);
    expect(new Set(CONFIRMATION_CODE_ALPHABET).size).toBe(31);
    for (const c of '0O1IL') expect(CONFIRMATION_CODE_ALPHABET).not.toContain(c);
    expect(CONFIRMATION_CODE_LENGTH).toBe(8);
  });

  it('generates valid 8-character codes', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateConfirmationCode();
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
      expect(isValidConfirmationCode(code)).toBe(true);
    }
  });

  it('maps bytes below 248 by modulo and rejects bytes 248–255 (no modulo bias)', () => {
    // 248..255 are skipped; 0 → '2', 30 → 'Z', 31 → '2', 247 → 247 % 31 = 30 → 'Z'
    const rng = scripted([248, 0, 255, 30, 31, 250, 247, 1, 2, 3, 4, 251]);
    expect(generateConfirmationCode(rng)).toBe('2Z2Z3456');
  });

  it('asks for more bytes when a batch is mostly rejected', () => {
    const rng = scripted([255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 5]);
    expect(generateConfirmationCode(rng)).toBe('77777777');
    expect(rng.calls).toBe(8);
  });

  it('rejects a broken RNG instead of looping forever', () => {
    expect(() => generateConfirmationCode(() => new Uint8Array(0))).toThrow();
  });

  it('is roughly uniform over the alphabet (chi-squared sanity check)', () => {
    const counts = new Map<string, number>();
    const n = 4000;
    for (let i = 0; i < n; i++) {
      for (const c of generateConfirmationCode()) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const expected = (n * 8) / 31;
    let chi2 = 0;
    for (const c of CONFIRMATION_CODE_ALPHABET)
      chi2 += ((counts.get(c) ?? 0) - expected) ** 2 / expected;
    // 30 degrees of freedom: p(chi2 > 80) < 1e-6, so this fails only on real bias.
    expect(chi2).toBeLessThan(80);
  });

  it('normalises human input', () => {
    expect(normalizeConfirmationCode('abcd-efgh')).toBe('ABCDEFGH');
    expect(normalizeConfirmationCode(' 2345 6789 ')).toBe('23456789');
    expect(normalizeConfirmationCode('ABCDEFG')).toBeNull();
    expect(normalizeConfirmationCode('ABCDEFGO')).toBeNull(); // O is not in the alphabet
    expect(normalizeConfirmationCode('ABCDEFGH1')).toBeNull();
    expect(isValidConfirmationCode('abcdefgh')).toBe(false); // validation is strict, normalise first
  });
});

describe('manage tokens', () => {
  it('are 32 random bytes as unpadded base64url (43 chars)', () => {
    const t = generateManageToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(generateManageToken()).not.toBe(t);
  });

  it('are deterministic given the random source', () => {
    const t = generateManageToken(() => new Uint8Array(32).fill(0xff));
    expect(t).toBe('_'.repeat(42) + '8');
  });

  it('hashToken is lower-case hex SHA-256 of the UTF-8 token', () => {
    expect(hashToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hashToken('ü')).toBe(
      createHash('sha256').update(Buffer.from('ü', 'utf8')).digest('hex'),
    );
  });

  it('tokensEqual compares any strings, including different lengths', () => {
    const t = generateManageToken();
    expect(tokensEqual(t, t)).toBe(true);
    expect(tokensEqual(t, `${t}x`)).toBe(false);
    expect(tokensEqual(t, t.slice(0, -1))).toBe(false);
    expect(tokensEqual('', '')).toBe(true);
    expect(tokensEqual('', 'a')).toBe(false);
  });

  it('verifyToken checks a presented token against its stored hash', () => {
    const t = generateManageToken();
    const stored = hashToken(t);
    expect(verifyToken(t, stored)).toBe(true);
    expect(verifyToken(t, stored.toUpperCase())).toBe(true);
    expect(verifyToken(generateManageToken(), stored)).toBe(false);
    expect(verifyToken(t, 'not-a-hash')).toBe(false);
  });
});
