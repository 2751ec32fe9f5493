import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('defaults to the embedded development setup', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ NODE_ENV: 'development', PORT: 3000, embedded: true, DATA_DIR: '.data', RATE_LIMITS_ENABLED: true, ACCESS_TOKEN_TTL_SECONDS: 900 });
    expect(c.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('uses PostgreSQL when DATABASE_URL is set and coerces numbers and booleans', () => {
    const c = loadConfig({ DATABASE_URL: 'postgresql://u@db:5432/x', PORT: '8080', RATE_LIMITS_ENABLED: '0', SEED_DEMO: 'true' });
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
    const err = errorOf({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@db/x' });
    expect(err.message).toContain('JWT_SECRET');
    expect(err.message).toMatch(/required in production/);
    const ok = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@db/x', JWT_SECRET: 's'.repeat(32) });
    expect(ok.jwtSecret).toBe('s'.repeat(32));
  });
});
