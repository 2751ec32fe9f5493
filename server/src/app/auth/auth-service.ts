import type { authContract, Role, signupBodySchema } from '@slotwise/contracts';
import type { z } from 'zod';
import { AppError } from '../errors';
import type { Principal } from '../principal';
import type { Clock } from '../../ports/clock';
import type { Directory, UnitOfWork } from '../../ports/repositories';
import type { TenantRecord, UserRecord } from '../../ports/records';
import type { AccessTokens } from './access-tokens';
import type { PasswordHasher } from './passwords';
import { looksLikeApiKey, newRefreshToken, sha256 } from './secrets';

export interface AuthDeps {
  directory: Directory;
  uow: UnitOfWork;
  tokens: AccessTokens;
  passwords: PasswordHasher;
  clock: Clock;
  refreshTtlDays: number;
}

export interface IssuedSession {
  user: UserRecord;
  tenant: TenantRecord;
  role: Role;
  tokens: { accessToken: string; refreshToken: string; expiresIn: number; tokenType: 'Bearer' };
}

function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s.length >= 2 ? s : `business-${s}`.replace(/-$/, '');
}

const invalidCredentials = () => new AppError('invalid_credentials', 'Email or password is incorrect');
const refreshRefused = () => new AppError('unauthenticated', 'Refresh token is invalid or expired; log in again');

export function authService(deps: AuthDeps) {
  const { directory, uow, tokens, passwords, clock } = deps;

  async function issue(user: UserRecord, tenant: TenantRecord, role: Role, userAgent?: string): Promise<IssuedSession> {
    const refreshToken = newRefreshToken();
    const session = await directory.createSession({
      userId: user.id,
      tenantId: tenant.id,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(clock.now().getTime() + deps.refreshTtlDays * 86_400_000),
      userAgent,
    });
    const accessToken = await tokens.sign({ userId: user.id, tenantId: tenant.id, sessionId: session.id });
    return { user, tenant, role, tokens: { accessToken, refreshToken, expiresIn: tokens.ttlSeconds, tokenType: 'Bearer' } };
  }

  async function uniqueSlug(base: string): Promise<string> {
    for (let i = 0; i < 20; i++) {
      const candidate = i === 0 ? base : `${base}-${i + 1}`;
      if (!(await directory.slugTaken(candidate))) return candidate;
    }
    return `${base}-${Date.now().toString(36)}`;
  }

  async function reuseOrUnknown(hash: string): Promise<never> {
    const spent = await directory.findSpentRefreshToken(hash);
    if (!spent) throw refreshRefused();
    await directory.revokeSession(spent.sessionId, 'refresh_token_reused');
    throw new AppError('refresh_token_reused', 'This refresh token was already used, so its session has been ended on every device; log in again');
  }

  return {
    async signup(input: z.infer<typeof signupBodySchema>, userAgent?: string) {
      const existing = await directory.findUserByEmail(input.email);
      if (existing) {
        throw new AppError('email_taken', 'An account with this email already exists; log in to add another business');
      }
      let slug: string;
      if (input.slug) {
        if (await directory.slugTaken(input.slug)) throw new AppError('slug_taken', `The URL slug "${input.slug}" is taken`);
        slug = input.slug;
      } else {
        slug = await uniqueSlug(slugify(input.businessName));
      }
      const passwordHash = await passwords.hash(input.password);
      const { user, tenant } = await directory.createAccount({
        user: { email: input.email, name: input.name, passwordHash },
        tenant: { slug, name: input.businessName, timeZone: input.timeZone, currency: input.currency },
      });
      return issue(user, tenant, 'owner', userAgent);
    },

    async login(input: z.infer<typeof authContract.login.body>, userAgent?: string) {
      const user = await directory.findUserByEmail(input.email);
      const check = await passwords.verify(input.password, user?.passwordHash ?? null);
      if (!user || !check.ok) throw invalidCredentials();
      // Transparent upgrade: a hash from an older cost is replaced while we hold the password.
      // Best effort: a failure must not fail the login; the next one tries again.
      if (check.rehash) {
        await passwords
          .hash(input.password)
          .then((next) => directory.setPasswordHash(user.id, user.passwordHash, next))
          .catch(() => undefined);
      }
      const memberships = await directory.membershipsOf(user.id);
      const m = input.tenantSlug ? memberships.find((x) => x.slug === input.tenantSlug) : memberships[0];
      if (!m) throw new AppError('forbidden', input.tenantSlug ? 'You are not a member of that business' : 'Your account has no business yet');
      const tenant = await directory.findTenantById(m.tenantId);
      if (!tenant) throw invalidCredentials();
      return issue(user, tenant, m.role, userAgent);
    },

    /**
     * Rotation with reuse detection: each refresh token works once. A spent token presented
     * again means two parties hold the family (a thief and the user), and we cannot tell which
     * is which, so the whole session ends, its access tokens included. Strict, with no grace
     * window: clients serialise their refreshes (the admin app does, across tabs too).
     */
    async refresh(refreshToken: string) {
      const hash = sha256(refreshToken);
      const session = await directory.findSessionByTokenHash(hash);
      if (!session) return reuseOrUnknown(hash);
      if (session.revokedAt || session.expiresAt <= clock.now()) throw refreshRefused();
      const next = newRefreshToken();
      const expiresAt = new Date(clock.now().getTime() + deps.refreshTtlDays * 86_400_000);
      // Losing the swap means a concurrent refresh spent this token first: that is a reuse too.
      if (!(await directory.rotateSession(session.id, hash, sha256(next), expiresAt))) return reuseOrUnknown(hash);
      const accessToken = await tokens.sign({ userId: session.userId, tenantId: session.tenantId, sessionId: session.id });
      return { accessToken, refreshToken: next, expiresIn: tokens.ttlSeconds, tokenType: 'Bearer' as const };
    },

    async logout(p: Principal) {
      if (p.kind === 'user') await directory.revokeSession(p.sessionId, 'logout');
    },

    /** Resolves a bearer credential to a principal, or throws 401. */
    async authenticate(bearer: string): Promise<Principal> {
      if (looksLikeApiKey(bearer)) {
        const key = await directory.findApiKeyBySecretHash(sha256(bearer));
        if (!key || key.revokedAt) throw new AppError('unauthenticated', 'API key is invalid or revoked');
        // last-used is best effort and must not fail the request
        uow.run(key.tenantId, (r) => r.apiKeys.touch(key.id, clock.now())).catch(() => undefined);
        return { kind: 'api_key', keyId: key.id, tenantId: key.tenantId, role: 'admin', scopes: key.scopes, mode: key.mode };
      }
      const claims = await tokens.verify(bearer);
      if (claims === 'expired') throw new AppError('token_expired', 'Access token expired; refresh it');
      if (!claims) throw new AppError('unauthenticated', 'Invalid access token');
      const session = await directory.findSession(claims.sessionId);
      if (!session || session.revokedAt || session.userId !== claims.userId) {
        throw new AppError('unauthenticated', 'Session has ended; log in again');
      }
      const member = await uow.run(claims.tenantId, (r) => r.members.findByUserId(claims.userId));
      if (!member) throw new AppError('forbidden', 'You are no longer a member of this business');
      return { kind: 'user', userId: claims.userId, sessionId: claims.sessionId, tenantId: claims.tenantId, role: member.role };
    },

    async me(p: Principal) {
      const tenant = await uow.run(p.tenantId, (r) => r.tenant.get());
      if (p.kind === 'user') {
        const user = await directory.findUserById(p.userId);
        const memberships = await directory.membershipsOf(p.userId);
        return {
          user: user ? { id: user.id, email: user.email, name: user.name, emailVerified: Boolean(user.emailVerifiedAt) } : null,
          apiKey: null,
          tenant,
          role: p.role,
          memberships,
        };
      }
      const k = await uow.run(p.tenantId, (r) => r.apiKeys.get(p.keyId));
      return {
        user: null,
        apiKey: k ? { id: k.id, name: k.name, mode: k.mode, scopes: k.scopes } : null,
        tenant,
        role: p.role,
        memberships: [],
      };
    },
  };
}
export type AuthService = ReturnType<typeof authService>;
