import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyedSecrets } from '../../src/adapters/crypto/keyed-secrets';
import { ConfigError, loadConfig, secretsKeyOf } from '../../src/config';

const keyA = keyedSecrets(Buffer.alloc(32, 1));
const keyB = keyedSecrets(Buffer.alloc(32, 2));

describe('keyed secrets (SECRETS_KEY)', () => {
  it('opens what it sealed, for any text; equal plaintexts seal differently', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (plain) => {
        const a = keyA.seal(plain);
        expect(keyA.open(a)).toBe(plain);
        expect(keyA.seal(plain)).not.toBe(a);
        expect(a.includes(plain) && plain.length > 3).toBe(false);
      }),
    );
  });

  it('refuses a sealed value that was altered or sealed under another key', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 100 }), fc.nat(), (plain, at) => {
        const sealed = keyA.seal(plain);
        expect(() => keyB.open(sealed)).toThrow();
        const body = Buffer.from(sealed.slice(3), 'base64url');
        const i = at % body.length;
        body[i] = body[i]! ^ 0x01;
        expect(() => keyA.open(`v1.${body.toString('base64url')}`)).toThrow();
      }),
    );
  });

  it('derives one manage token per booking id, in the shape manage links accept, different per key', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (id, other) => {
        const t = keyA.manageToken(id);
        expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(keyA.manageToken(id)).toBe(t);
        expect(keyB.manageToken(id)).not.toBe(t);
        if (id !== other) expect(keyA.manageToken(other)).not.toBe(t);
      }),
    );
  });

  it('is required with DATABASE_URL, 32 bytes of base64, with a development key only when embedded', () => {
    expect(secretsKeyOf(loadConfig({}))).toHaveLength(32);
    // A deployment otherwise complete (its own JWT secret and PUBLIC_URL), so SECRETS_KEY is what is missing.
    const deployed = { DATABASE_URL: 'postgres://db/slotwise', JWT_SECRET: 'x'.repeat(32), PUBLIC_URL: 'https://book.example.com' };
    const config = loadConfig(deployed);
    expect(() => secretsKeyOf(config)).toThrow(ConfigError);
    expect(() => secretsKeyOf(config)).toThrow(/SECRETS_KEY: required with DATABASE_URL/);
    expect(() => loadConfig({ SECRETS_KEY: 'too-short' })).toThrow(ConfigError);
    const key = Buffer.alloc(32, 9).toString('base64');
    expect(secretsKeyOf(loadConfig({ ...deployed, SECRETS_KEY: key }))).toEqual(Buffer.alloc(32, 9));
  });
});
