import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

const base = { NODE_ENV: 'test', LOG_LEVEL: 'silent' };

describe('plans and Stripe configuration', () => {
  it('defaults: plans off, no Stripe, no platform fee', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({ PLANS_ENABLED: false, PLATFORM_FEE_BPS: 0 });
    expect(c.STRIPE_SECRET_KEY).toBeUndefined();
  });

  it('in production a Stripe key needs the webhook secret, and a price needs the key', () => {
    expect(() =>
      loadConfig({
        ...base,
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(40),
        STRIPE_SECRET_KEY: 'sk_test_abc',
      }),
    ).toThrow(/STRIPE_WEBHOOK_SECRET: required/);
    expect(() => loadConfig({ ...base, STRIPE_PRICE_PRO: 'price_pro' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, STRIPE_PRICE_PRO: 'price_pro' })).toThrow(
      /STRIPE_SECRET_KEY: required/,
    );
    expect(
      loadConfig({
        ...base,
        STRIPE_SECRET_KEY: 'sk_test_abc',
        STRIPE_WEBHOOK_SECRET: 'whsec_abc',
        STRIPE_PRICE_PRO: 'price_pro',
      }).STRIPE_PRICE_PRO,
    ).toBe('price_pro');
  });

  it('refuses malformed values, naming the variable', () => {
    expect(() =>
      loadConfig({ ...base, STRIPE_SECRET_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' }),
    ).toThrow(/STRIPE_SECRET_KEY/);
    expect(() =>
      loadConfig({
        ...base,
        STRIPE_PRICE_PRO: 'prod_x',
        STRIPE_SECRET_KEY: 'sk_test_a',
        STRIPE_WEBHOOK_SECRET: 'whsec_a',
      }),
    ).toThrow(/STRIPE_PRICE_PRO/);
    expect(() => loadConfig({ ...base, PLATFORM_FEE_BPS: '8000' })).toThrow(/PLATFORM_FEE_BPS/);
    expect(() => loadConfig({ ...base, STRIPE_API_PROTOCOL: 'ftp' })).toThrow(
      /STRIPE_API_PROTOCOL/,
    );
    expect(() => loadConfig({ ...base, PLANS_ENABLED: 'yes' })).toThrow(/PLANS_ENABLED/);
  });
});
