/**
 * Customer-facing booking references and secret "manage booking" tokens.
 *
 * - The confirmation code is for humans (read over the phone, typed at a front desk): it
 *   is short and uses an alphabet without look-alikes. It is NOT a secret and must never
 *   authorise anything on its own.
 * - The manage token is the secret in the cancel/reschedule link. Only its SHA-256 hash
 *   is stored, so a database leak does not leak working links; a 256-bit random token
 *   needs no salt or slow hash because it cannot be guessed or brute-forced.
 *
 * Randomness is injectable (`RandomBytes`) so tests can be deterministic; production
 * callers omit it and get node:crypto's CSPRNG.
 */
import { createHash, randomBytes as cryptoRandomBytes, timingSafeEqual } from 'node:crypto';

export type RandomBytes = (size: number) => Uint8Array;

/** 2–9 and A–Z without I, L, O (and without 0, 1): 31 symbols, ~39.6 bits per 8 chars. */
export const CONFIRMATION_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CONFIRMATION_CODE_LENGTH = 8;

const ALPHABET_SIZE = CONFIRMATION_CODE_ALPHABET.length;
// Largest multiple of the alphabet size that fits in a byte (31 × 8 = 248). Bytes at or
// above it are discarded: taking `byte % 31` over all 256 values would make the first
// 8 symbols 1/8 more likely than the rest (modulo bias).
const REJECT_AT = 256 - (256 % ALPHABET_SIZE);

const defaultRandom: RandomBytes = (size) => cryptoRandomBytes(size);

export function generateConfirmationCode(random: RandomBytes = defaultRandom): string {
  let code = '';
  while (code.length < CONFIRMATION_CODE_LENGTH) {
    // Ask for a little more than needed: with 8/256 rejection odds one batch nearly
    // always suffices, and the loop covers the rare shortfall.
    const batch = random(CONFIRMATION_CODE_LENGTH + 4);
    if (batch.length === 0) throw new Error('RandomBytes returned no bytes');
    for (const byte of batch) {
      if (byte >= REJECT_AT) continue;
      code += CONFIRMATION_CODE_ALPHABET[byte % ALPHABET_SIZE];
      if (code.length === CONFIRMATION_CODE_LENGTH) break;
    }
  }
  return code;
}

const CODE_RE = new RegExp(`^[${CONFIRMATION_CODE_ALPHABET}]{${CONFIRMATION_CODE_LENGTH}}$`);

export function isValidConfirmationCode(code: string): boolean {
  return CODE_RE.test(code);
}

/**
 * Canonicalises what a person typed: upper case, spaces and dashes removed (so
 * "abcd-efgh" works). Returns null if the result cannot be a code. Look-alikes are not
 * mapped (e.g. "0" → ?) because the alphabet has neither side of the pair.
 */
export function normalizeConfirmationCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return isValidConfirmationCode(code) ? code : null;
}

/** 32 random bytes, base64url without padding (43 chars): safe in URLs and headers. */
export function generateManageToken(random: RandomBytes = defaultRandom): string {
  const bytes = random(32);
  if (bytes.length !== 32) throw new Error('RandomBytes returned the wrong number of bytes');
  return Buffer.from(bytes).toString('base64url');
}

/** SHA-256 of the token's UTF-8 bytes, lower-case hex (64 chars). This is what is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Constant-time equality of two strings. Both are hashed first so the compared buffers
 * always have equal length (timingSafeEqual requires it) and the comparison time does
 * not reveal the length or any prefix of either input.
 */
export function tokensEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

/** Checks a presented token against a stored `hashToken` value, in constant time. */
export function verifyToken(token: string, storedHash: string): boolean {
  return tokensEqual(hashToken(token), storedHash.toLowerCase());
}
