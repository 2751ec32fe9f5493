import { contract } from '@slotwise/contracts';
import type { AuthService } from '../../app/auth/auth-service';
import type { AccountRecovery } from '../../app/auth/account-recovery';
import { CLEAR_LOGIN_FAILURES } from '../rate-limit';
import { principalOf } from '../context';
import { tenantDto, userDto } from '../presenters';
import { s } from '../server';

export function authRouter(auth: AuthService, recovery: AccountRecovery) {
  const session = (r: Awaited<ReturnType<AuthService['login']>>) => ({
    user: userDto(r.user),
    tenant: tenantDto(r.tenant),
    role: r.role,
    tokens: r.tokens,
  });
  return s.router(contract.auth, {
    signup: async ({ body, req }) => ({
      status: 201,
      body: session(await auth.signup(body, req.header('user-agent'))),
    }),
    login: async ({ body, req }) => ({
      status: 200,
      body: session(await auth.login(body, req.header('user-agent'))),
    }),
    refresh: async ({ body }) => ({ status: 200, body: await auth.refresh(body.refreshToken) }),
    logout: async ({ req }) => {
      await auth.logout(principalOf(req));
      return { status: 204, body: undefined };
    },
    requestPasswordReset: async ({ body }) => ({ status: 202, body: await recovery.requestPasswordReset(body.email) }),
    resetPassword: async ({ body, res }) => {
      const { email } = await recovery.resetPassword(body.token, body.password);
      // A locked-out owner who proved the mailbox may log in at once (http/rate-limit.ts loginThrottle).
      res.locals[CLEAR_LOGIN_FAILURES] = email;
      return { status: 204, body: undefined };
    },
    requestEmailVerification: async ({ req }) => ({ status: 202, body: await recovery.requestEmailVerification(principalOf(req)) }),
    verifyEmail: async ({ body }) => ({ status: 200, body: await recovery.verifyEmail(body.token) }),
    me: async ({ req }) => {
      const r = await auth.me(principalOf(req));
      return {
        status: 200,
        body: {
          user: r.user && { ...userDto(r.user), emailVerified: r.user.emailVerified },
          apiKey: r.apiKey && { id: r.apiKey.id, name: r.apiKey.name, mode: r.apiKey.mode, scopes: r.apiKey.scopes },
          tenant: tenantDto(r.tenant),
          role: r.role,
          memberships: r.memberships.map((m) => ({
            tenantId: m.tenantId,
            slug: m.slug,
            name: m.name,
            role: m.role,
          })),
        },
      };
    },
  });
}
