import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Secrets } from '../../ports/secrets';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** One independent subkey per use, so a sealing key never doubles as a MAC key. */
const subkey = (key: Buffer, use: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `slotwise ${use}`, 32));

/**
 * AES-256-GCM sealing and HMAC-SHA256 derivation under one 32-byte key. A sealed value is
 * `v1.<base64url(iv ‖ tag ‖ ciphertext)>`; the random 96-bit IV makes equal plaintexts differ.
 */
export function keyedSecrets(key: Buffer): Secrets {
  if (key.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes');
  const sealKey = subkey(key, 'seal v1');
  const manageKey = subkey(key, 'manage-token v1');
  const accountKey = subkey(key, 'account-token v1');
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
    },
    open(sealed) {
      const [version, data] = sealed.split('.', 2);
      if (version !== VERSION || !data) throw new Error('Unknown sealed value format');
      const raw = Buffer.from(data, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', sealKey, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
    manageToken(bookingId) {
      // 256 bits, base64url (43 chars): the same shape as the random tokens of older bookings.
      return createHmac('sha256', manageKey).update(bookingId, 'utf8').digest('base64url');
    },
    accountToken(tokenId) {
      return createHmac('sha256', accountKey).update(tokenId, 'utf8').digest('base64url');
    },
  };
}
