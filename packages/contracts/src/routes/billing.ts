import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { instantSchema, text } from '../common/primitives';

export const planIdSchema = z.enum(['free', 'pro']);
export const planFeatureSchema = z.enum(['payments', 'webhooks', 'calendar_sync']);

export const planSchema = z.object({
  id: planIdSchema,
  name: text(),
  providers: z.number().int().nullable().describe('Active providers allowed; null: unlimited'),
  monthlyBookings: z
    .number()
    .int()
    .nullable()
    .describe('Bookings created per calendar month; null: unlimited'),
  features: z.array(planFeatureSchema),
});

export const billingStatusSchema = z.object({
  enabled: z
    .boolean()
    .describe('False when this deployment does not enforce plans (nothing is limited)'),
  checkoutAvailable: z
    .boolean()
    .describe('Whether an upgrade can be bought here (Stripe Billing configured)'),
  plan: planSchema,
  plans: z.array(planSchema),
  usage: z.object({
    providers: z.number().int(),
    monthlyBookings: z.number().int(),
  }),
  subscription: z
    .object({
      status: text(),
      currentPeriodEnd: instantSchema.nullable(),
      cancelAtPeriodEnd: z.boolean(),
    })
    .nullable(),
});
export type BillingStatus = z.infer<typeof billingStatusSchema>;

export const connectStatusSchema = z.object({
  status: z.enum(['not_connected', 'onboarding', 'restricted', 'enabled']),
  accountType: z.literal('express'),
  chargesEnabled: z.boolean(),
  payoutsEnabled: z.boolean(),
  detailsSubmitted: z.boolean(),
  requirementsDue: z.array(text()),
  applicationFeePercent: z.number().describe('The platform\u2019s fee on each charge, percent'),
  updatedAt: instantSchema.nullable(),
});
export type ConnectStatus = z.infer<typeof connectStatusSchema>;

// Stripe-hosted links act for the business (its billing portal, its account onboarding): shown
// once, never cached, sealed in an idempotent replay.
const linkSchema = z.object({ url: text().url() });

export const billingContract = c.router(
  {
    get: {
      method: 'GET',
      path: '/v1/admin/billing',
      summary: 'The business\u2019s plan, its limits and this month\u2019s usage',
      responses: { 200: billingStatusSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'read', tags: ['Billing'] }),
    },
    checkout: {
      method: 'POST',
      path: '/v1/admin/billing/checkout-session',
      summary:
        'A Stripe Checkout link to subscribe to a paid plan (the plan changes when Stripe confirms)',
      body: z.object({ plan: planIdSchema.exclude(['free']) }).strict(),
      responses: { 201: linkSchema },
      metadata: meta({
        auth: 'session',
        minRole: 'owner',
        scope: 'write',
        sessionOnly: true,
        tags: ['Billing'],
        secrets: ['url'],
      }),
    },
    portal: {
      method: 'POST',
      path: '/v1/admin/billing/portal-session',
      summary: 'A Stripe customer portal link: invoices, payment method, cancel or change the plan',
      body: c.noBody(),
      responses: { 201: linkSchema },
      metadata: meta({
        auth: 'session',
        minRole: 'owner',
        scope: 'write',
        sessionOnly: true,
        tags: ['Billing'],
        secrets: ['url'],
      }),
    },
  },
  { commonResponses: errorResponses },
);

export const connectContract = c.router(
  {
    get: {
      method: 'GET',
      path: '/v1/admin/connect',
      summary:
        'The business\u2019s Stripe account for payments: onboarding state, charges and payouts',
      responses: { 200: connectStatusSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'read', tags: ['Billing'] }),
    },
    onboardingLink: {
      method: 'POST',
      path: '/v1/admin/connect/onboarding-link',
      summary: 'A one-time Stripe onboarding link (creates the connected account on first use)',
      body: c.noBody(),
      responses: { 201: linkSchema.extend({ expiresAt: instantSchema }) },
      metadata: meta({
        auth: 'session',
        minRole: 'owner',
        scope: 'write',
        sessionOnly: true,
        tags: ['Billing'],
        secrets: ['url'],
      }),
    },
  },
  { commonResponses: errorResponses },
);
