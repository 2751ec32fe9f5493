import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readEnv } from '../../src/config';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected loadConfig to throw');
}

const SECRET = 'k'.repeat(43);
const DEPLOYED = { DATABASE_URL: 'postgresql://u@db:5432/x', JWT_SECRET: SECRET, PUBLIC_URL: 'https://book.example.com' };

describe('loadConfig', () => {
  it('scale-out settings: a hash-tagged Redis prefix, a replica only next to DATABASE_URL, a shutdown bound', () => {
    expect(loadConfig({})).toMatchObject({ REDIS_PREFIX: '{slotwise}', REDIS_CLUSTER: false, SHUTDOWN_TIMEOUT_MS: 10_000 });
    expect(errorOf({ REDIS_PREFIX: 'slotwise' }).message).toContain('REDIS_PREFIX must be a hash tag');
    expect(errorOf({ REDIS_PREFIX: '{a}{b}' }).message).toContain('REDIS_PREFIX');
    expect(errorOf({ DATABASE_REPLICA_URL: 'postgresql://u@replica:5432/x' }).message).toContain('DATABASE_REPLICA_URL: needs DATABASE_URL');
    const c = loadConfig({ ...DEPLOYED, DATABASE_REPLICA_URL: 'postgresql://u@replica:5432/x', REDIS_CLUSTER: 'true', SHUTDOWN_TIMEOUT_MS: '2500' });
    expect(c).toMatchObject({ DATABASE_REPLICA_URL: 'postgresql://u@replica:5432/x', REDIS_CLUSTER: true, SHUTDOWN_TIMEOUT_MS: 2500 });
  });

  it('defaults to the embedded development setup', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ NODE_ENV: 'development', PORT: 3000, embedded: true, DATA_DIR: '.data', RATE_LIMITS_ENABLED: true, ACCESS_TOKEN_TTL_SECONDS: 900 });
    expect(c.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('uses PostgreSQL when DATABASE_URL is set and coerces numbers and booleans', () => {
    const c = loadConfig({ ...DEPLOYED, PORT: '8080', RATE_LIMITS_ENABLED: '0', SEED_DEMO: 'true' });
    expect(c).toMatchObject({ embedded: false, PORT: 8080, RATE_LIMITS_ENABLED: false, SEED_DEMO: true });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'localhost'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'loud'],
    ['ACCESS_TOKEN_TTL_SECONDS', '5'],
    ['RATE_LIMITS_ENABLED', 'yes'],
    ['DATABASE_APP_ROLE', 'Robert"; DROP TABLE users'],
    ['JWT_SECRET', 'too-short'],
  ])('names %s in the error when it is %j', (name, value) => {
    const err = errorOf({ [name]: value });
    expect(err.message).toMatch(/^Invalid configuration:/);
    expect(err.message).toContain(`- ${name}:`);
  });

  it('treats empty variables as unset', () => {
    const c = loadConfig({ DATABASE_URL: '', REDIS_URL: '', PORT: '', JWT_SECRET: '' });
    expect(c).toMatchObject({ embedded: true, PORT: 3000 });
    expect(c.REDIS_URL).toBeUndefined();
  });

  it('lists every bad variable at once', () => {
    const err = errorOf({ PORT: 'x', LOG_LEVEL: 'loud', REDIS_URL: 'nope' });
    for (const name of ['PORT', 'LOG_LEVEL', 'REDIS_URL']) expect(err.message).toContain(`- ${name}:`);
  });

  it('refuses production without JWT_SECRET with a clear message', () => {
    const err = errorOf({ NODE_ENV: 'production', PUBLIC_URL: 'https://book.example.com' });
    expect(err.message).toContain('- JWT_SECRET: required with NODE_ENV=production');
    expect(err.message).toContain("randomBytes(48)");
    const ok = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(32), PUBLIC_URL: 'https://book.example.com' });
    expect(ok.jwtSecret).toBe('s'.repeat(32));
  });

  // A database-backed process is a deployment whatever NODE_ENV says (people forget it, or run
  // staging as "development"): the published development secret would let anyone mint tokens.
  it.each(['development', 'test', 'production', undefined])('refuses the development JWT secret with DATABASE_URL set (NODE_ENV=%s)', (nodeEnv) => {
    const env = { ...DEPLOYED, ...(nodeEnv ? { NODE_ENV: nodeEnv } : {}) };
    const { JWT_SECRET: _unset, ...withoutSecret } = env;
    for (const e of [withoutSecret, { ...env, JWT_SECRET: '' }, { ...env, JWT_SECRET: 'slotwise-development-secret-change-me-please' }]) {
      const err = errorOf(e);
      expect(err.message).toMatch(/^Invalid configuration:/);
      expect(err.message).toContain('- JWT_SECRET: required when DATABASE_URL is set');
      expect(err.message).toContain('node -e');
    }
    expect(loadConfig(env).jwtSecret).toBe(SECRET);
  });

  it('keeps the embedded default working with no secret and localhost links', () => {
    const c = loadConfig({ PORT: '4000' });
    expect(c.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(c.publicUrl).toBe('http://localhost:4000');
  });

  it('needs PUBLIC_URL for links whenever the process is deployed, and never guesses it', () => {
    const { PUBLIC_URL: _unset, ...noUrl } = DEPLOYED;
    expect(errorOf(noUrl).message).toContain('- PUBLIC_URL: required when DATABASE_URL is set or NODE_ENV=production');
    expect(errorOf({ NODE_ENV: 'production', JWT_SECRET: SECRET }).message).toContain('- PUBLIC_URL: required');
    for (const bad of ['javascript:alert(1)', 'ftp://book.example.com', 'https://book.example.com/?x=1', 'https://u:p@book.example.com']) {
      expect(errorOf({ ...DEPLOYED, PUBLIC_URL: bad }).message).toContain('- PUBLIC_URL:');
    }
    expect(loadConfig({ ...DEPLOYED, PUBLIC_URL: 'https://example.com/booking/' }).publicUrl).toBe('https://example.com/booking');
    expect(loadConfig({ ...DEPLOYED, PUBLIC_URL: 'https://book.example.com/' }).publicUrl).toBe('https://book.example.com');
  });

  it('lists every deployment problem at once', () => {
    const err = errorOf({ DATABASE_URL: 'postgresql://u@db/x' });
    expect(err.message).toContain('- JWT_SECRET:');
    expect(err.message).toContain('- PUBLIC_URL:');
  });

  it('hashes passwords at scrypt N=2^17 and allows a lower cost only under NODE_ENV=test', () => {
    expect(loadConfig({}).PASSWORD_HASH_COST).toBe(17);
    expect(errorOf({ PASSWORD_HASH_COST: '12' }).message).toContain('- PASSWORD_HASH_COST:');
    expect(errorOf({ ...DEPLOYED, NODE_ENV: 'production', PASSWORD_HASH_COST: '16' }).message).toContain('- PASSWORD_HASH_COST:');
    expect(loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_COST: '10' }).PASSWORD_HASH_COST).toBe(10);
    expect(errorOf({ NODE_ENV: 'test', PASSWORD_HASH_COST: '9' }).message).toContain('- PASSWORD_HASH_COST:');
  });

  it('lets migrations run with DATABASE_URL alone (they serve nothing)', () => {
    expect(readEnv({ DATABASE_URL: 'postgresql://u@db/x' }).DATABASE_URL).toBe('postgresql://u@db/x');
    expect(() => readEnv({ DATABASE_URL: 'nope' })).toThrow(ConfigError);
  });
});

describe('npm start with DATABASE_URL', () => {
  // The real entry point, as an operator starts it: it must stop before touching the database.
  it('exits with a message naming JWT_SECRET, not a stack trace, when only the development secret is available', async () => {
    const serverDir = fileURLToPath(new URL('../../', import.meta.url));
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NODE_ENV|JWT_SECRET|PUBLIC_URL|npm_)/i.test(k)));
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', 'src/main.ts'],
        { cwd: serverDir, env: { ...env, DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', PUBLIC_URL: 'https://book.example.com' }, timeout: 60_000 },
        (_err, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
      );
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('- JWT_SECRET: required when DATABASE_URL is set');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
