import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt parameters; N is 2^cost. OWASP recommends N=2^17, r=8, p=1 (config's default). */
interface Params {
  N: number;
  r: number;
  p: number;
}

const R = 8;
const P = 1;
const KEYLEN = 64;
// Bounds on what a stored hash may ask for, so a corrupt row cannot make one login take gigabytes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_MEMORY = 256 * 1024 * 1024;

function scryptAsync(password: string, salt: Buffer, keylen: number, { N, r, p }: Params): Promise<Buffer> {
  // scrypt needs 128·N·r bytes (128 MiB at N=2^17, r=8); Node's default cap of 32 MiB would refuse it.
  const maxmem = 128 * N * r * p + 16 * 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keylen, { N, r, p, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

/** `scrypt$N$r$p$salt$hash`, or null when a stored value is not one we can verify. */
function parse(stored: string): { params: Params; salt: Buffer; hash: Buffer } | null {
  const [alg, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash || rest.length) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!isPowerOfTwo(params.N) || params.N > MAX_N) return null;
  if (!Number.isInteger(params.r) || params.r < 1 || params.r > MAX_R) return null;
  if (!Number.isInteger(params.p) || params.p < 1 || params.p > MAX_P) return null;
  if (128 * params.N * params.r * params.p > MAX_MEMORY) return null;
  const key = Buffer.from(hash, 'base64url');
  if (key.length < 16) return null;
  return { params, salt: Buffer.from(salt, 'base64url'), hash: key };
}

export interface PasswordCheck {
  ok: boolean;
  /** The password was right but its hash uses other parameters than today's: store a new one. */
  rehash: boolean;
}

/**
 * Password hashing at a configured cost (log2 N). Parameters travel with each hash, so hashes
 * made at an older cost still verify and are replaced on the next successful login. Always the
 * async scrypt: it runs on libuv's thread pool, never blocking the event loop for the ~0.1 s of
 * CPU a hash takes at N=2^17.
 */
export function passwordHasher(cost: number) {
  const current: Params = { N: 2 ** cost, r: R, p: P };

  async function hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scryptAsync(password, salt, KEYLEN, current);
    return `scrypt$${current.N}$${current.r}$${current.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }
  // Made up front, so even the first unknown email costs one hash like any other login.
  const dummy = hash(randomBytes(16).toString('base64url'));
  dummy.catch(() => undefined);

  return {
    hash,
    /**
     * Checks a password against a stored hash. With no stored hash (unknown email) it still does
     * the work of one, at today's cost, so timing does not reveal which emails have an account.
     */
    async verify(password: string, stored: string | null): Promise<PasswordCheck> {
      const parsed = parse(stored ?? (await dummy));
      if (!parsed) return { ok: false, rehash: false };
      const key = await scryptAsync(password, parsed.salt, parsed.hash.length, parsed.params).catch(() => null);
      const ok = stored !== null && key !== null && timingSafeEqual(key, parsed.hash);
      const { N, r, p } = parsed.params;
      const rehash = ok && (N !== current.N || r !== current.r || p !== current.p || parsed.hash.length !== KEYLEN);
      return { ok, rehash };
    },
  };
}
export type PasswordHasher = ReturnType<typeof passwordHasher>;
