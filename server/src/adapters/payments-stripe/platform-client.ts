import Stripe from 'stripe';

export interface StripePlatformConfig {
  secretKey: string;
  /** Where the API is (tests: the local fake Stripe); unset: api.stripe.com. */
  apiBase?: string;
}

/** The official SDK on the platform's secret key, pointed at apiBase through host/port/protocol. */
export function platformStripe(cfg: StripePlatformConfig): Stripe {
  const base = cfg.apiBase ? new URL(cfg.apiBase) : undefined;
  return new Stripe(cfg.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
          protocol: base.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  });
}
