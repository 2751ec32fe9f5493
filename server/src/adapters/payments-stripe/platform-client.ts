import Stripe from 'stripe';

export interface StripePlatformConfig {
  secretKey: string;
  /** Where the API is (STRIPE_API_HOST/PORT/PROTOCOL; tests: the local fake Stripe); unset: api.stripe.com. */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
}

/**
 * The one Stripe client of the platform (the official SDK on the platform's secret key), shared by
 * the payment gateway, Connect onboarding and Billing so they all talk to the same API.
 * One network retry: every mutating call carries an idempotency key, so a retry never doubles.
 */
export function platformStripe(cfg: StripePlatformConfig): Stripe {
  return new Stripe(cfg.secretKey, {
    maxNetworkRetries: 1,
    timeout: 20_000,
    appInfo: { name: 'Slotwise' },
    ...(cfg.host ? { host: cfg.host } : {}),
    ...(cfg.port ? { port: cfg.port } : {}),
    ...(cfg.protocol ? { protocol: cfg.protocol } : {}),
  });
}
