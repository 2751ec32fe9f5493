import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { emailSchema, timeZoneSchema } from '../common/fields';
import { apiKeyModeSchema } from './api-keys';
import { currencySchema, idSchema, roleSchema, slugSchema, text } from '../common/primitives';
import { tenantSchema } from './tenant';

export const passwordSchema = text().min(10, 'At least 10 characters').max(200);

export const userSchema = z.object({ id: idSchema, email: text(), name: text() });

export const tokensSchema = z.object({
  accessToken: text().describe('JWT; send as `Authorization: Bearer <token>`'),
  refreshToken: text().describe('Opaque; exchange at /v1/auth/refresh (rotated on use)'),
  expiresIn: z.number().int().describe('Seconds until the access token expires'),
  tokenType: z.literal('Bearer'),
});

export const membershipSummarySchema = z.object({
  tenantId: idSchema,
  slug: text(),
  name: text(),
  role: roleSchema,
});

export const sessionSchema = z.object({
  user: userSchema,
  tenant: tenantSchema,
  role: roleSchema,
  tokens: tokensSchema,
});

export const signupBodySchema = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    name: text().trim().min(1).max(120),
    businessName: text().trim().min(1).max(120),
    slug: slugSchema.optional().describe('Public URL slug; derived from the business name when omitted'),
    timeZone: timeZoneSchema,
    currency: currencySchema.default('USD'),
  })
  .strict();

/** The same answer whether or not an account has that email (no account enumeration). */
export const acceptedSchema = z.object({
  accepted: z.literal(true),
  message: text(),
});

/** A single-use token from an emailed link (43 base64url characters). */
const emailedTokenSchema = text().min(20).max(128).regex(/^[A-Za-z0-9_-]+$/, 'Expected the token from the emailed link');

export const authContract = c.router(
  {
    signup: {
      method: 'POST',
      path: '/v1/auth/signup',
      summary: 'Create an account, its business (tenant) and the owner membership',
      body: signupBodySchema,
      responses: { 201: sessionSchema },
      metadata: meta({ auth: 'none', rateLimit: 'auth', tags: ['Auth'], secrets: ['tokens'] }),
    },
    login: {
      method: 'POST',
      path: '/v1/auth/login',
      summary: 'Log in with email and password',
      body: z
        .object({
          email: emailSchema,
          password: text().min(1).max(200),
          tenantSlug: text().max(64).optional().describe('Which business to act in; the first one when omitted'),
        })
        .strict(),
      responses: { 200: sessionSchema },
      metadata: meta({ auth: 'none', rateLimit: 'auth', tags: ['Auth'], secrets: ['tokens'], errors: [401, 403] }),
    },
    refresh: {
      method: 'POST',
      path: '/v1/auth/refresh',
      summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)',
      body: z.object({ refreshToken: text().min(1).max(512) }).strict(),
      responses: { 200: tokensSchema },
      metadata: meta({ auth: 'none', rateLimit: 'auth', tags: ['Auth'], secrets: ['accessToken', 'refreshToken'], errors: [401, 403] }),
    },
    logout: {
      method: 'POST',
      path: '/v1/auth/logout',
      summary: 'End the current session',
      body: c.noBody(),
      responses: { 204: c.noBody() },
      metadata: meta({ auth: 'session', minRole: 'viewer', tags: ['Auth'] }),
    },
    me: {
      method: 'GET',
      path: '/v1/auth/me',
      summary: 'Who is calling: user (or API key), tenant, role and other memberships',
      responses: {
        200: z.object({
          user: userSchema
            .extend({ emailVerified: z.boolean().describe('The user followed an emailed verification (or password reset) link') })
            .nullable(),
          apiKey: z.object({ id: idSchema, name: text(), mode: apiKeyModeSchema, scopes: z.array(text()) }).nullable(),
          tenant: tenantSchema,
          role: roleSchema,
          memberships: z.array(membershipSummarySchema),
        }),
      },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags: ['Auth'] }),
    },
    requestPasswordReset: {
      method: 'POST',
      path: '/v1/auth/password-reset',
      summary:
        'Email a password-reset link (single use, 30 minutes). The same 202 whether or not the email has an account.',
      body: z.object({ email: emailSchema }).strict(),
      responses: { 202: acceptedSchema },
      metadata: meta({ auth: 'none', rateLimit: 'auth', tags: ['Auth'] }),
    },
    resetPassword: {
      method: 'POST',
      path: '/v1/auth/password-reset/confirm',
      summary:
        'Set a new password with the emailed token; ends every session of the user (refresh tokens included)',
      body: z.object({ token: emailedTokenSchema, password: passwordSchema }).strict(),
      responses: { 204: c.noBody() },
      metadata: meta({ auth: 'none', rateLimit: 'auth', tags: ['Auth'] }),
    },
    requestEmailVerification: {
      method: 'POST',
      path: '/v1/auth/verify-email/request',
      summary: 'Email the signed-in user a verification link (single use, 30 minutes)',
      body: c.noBody(),
      responses: { 202: acceptedSchema },
      metadata: meta({ auth: 'session', minRole: 'viewer', rateLimit: 'auth', tags: ['Auth'] }),
    },
    verifyEmail: {
      method: 'POST',
      path: '/v1/auth/verify-email',
      summary: 'Confirm an email address with the emailed token',
      body: z.object({ token: emailedTokenSchema }).strict(),
      responses: { 200: z.object({ email: text(), verified: z.literal(true) }) },
      metadata: meta({ auth: 'none', rateLimit: 'auth', tags: ['Auth'] }),
    },
  },
  { commonResponses: errorResponses },
);
