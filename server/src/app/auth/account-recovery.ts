import { randomUUID } from 'node:crypto';
import type { AccountTokenPurpose, AccountTokens } from '../../ports/account-tokens';
import type { Clock } from '../../ports/clock';
import type { Directory } from '../../ports/repositories';
import type { Secrets } from '../../ports/secrets';
import { AppError } from '../errors';
import type { Principal } from '../principal';
import type { PasswordHasher } from './passwords';
import { sha256 } from './secrets';

export const ACCOUNT_TOKEN_TTL_MS = 30 * 60_000;
/** Emails of one purpose a user is sent per hour, whoever asks: a reset form cannot be used to flood an inbox. */
export const ACCOUNT_EMAILS_PER_HOUR = 3;

export interface AccountRecoveryDeps {
  directory: Directory;
  tokens: AccountTokens;
  passwords: PasswordHasher;
  secrets: Pick<Secrets, 'accountToken'>;
  clock: Clock;
  /**
   * Every reset request answers after at least this long, account or not, so the extra writes
   * for an existing account do not show in the timing (no enumeration).
   */
  uniformResponseMs: number;
}

const RESET_ACCEPTED = {
  accepted: true as const,
  message: 'If an account uses this email, a link to set a new password is on its way. It works once, for 30 minutes.',
};
const VERIFY_ACCEPTED = {
  accepted: true as const,
  message: 'A verification link is on its way to your email address. It works once, for 30 minutes.',
};
const invalidToken = () =>
  new AppError('invalid_token', 'This link is invalid, has expired or was already used; ask for a new one');

/**
 * Password reset and email verification for business users (ADR 0012): a single-use token
 * (only its hash stored, 30 minutes) emailed through the outbox; setting a new password ends
 * every session of the user.
 */
export function accountRecovery(deps: AccountRecoveryDeps) {
  const { directory, tokens, passwords, clock } = deps;

  /** Issues a token and its email (same transaction), unless the user had their share this hour. */
  async function issue(user: { id: string; email: string }, purpose: AccountTokenPurpose): Promise<boolean> {
    const now = clock.now();
    if ((await tokens.countSince(user.id, purpose, new Date(now.getTime() - 3_600_000))) >= ACCOUNT_EMAILS_PER_HOUR) return false;
    // The email is logged under the user's first business (the message log is per business).
    const [first] = await directory.membershipsOf(user.id);
    if (!first) return false;
    const id = randomUUID();
    await tokens.issue({
      id,
      tenantId: first.tenantId,
      userId: user.id,
      purpose,
      tokenHash: sha256(deps.secrets.accountToken(id)),
      email: user.email,
      expiresAt: new Date(now.getTime() + ACCOUNT_TOKEN_TTL_MS),
      createdAt: now,
    });
    return true;
  }

  return {
    /** The same answer, after the same minimum time, whether or not the email has an account. */
    async requestPasswordReset(email: string) {
      const floor = new Promise((r) => setTimeout(r, deps.uniformResponseMs));
      const work = (async () => {
        const user = await directory.findUserByEmail(email);
        if (user) await issue(user, 'password_reset');
      })();
      await Promise.all([work, floor]);
      return RESET_ACCEPTED;
    },

    /** Returns the account's email, so the caller can lift the login throttle on it. */
    async resetPassword(token: string, password: string): Promise<{ email: string }> {
      // Hashed first (the slow part), so the token is spent only by a request that can finish.
      const hash = await passwords.hash(password);
      const done = await tokens.resetPassword(sha256(token), clock.now(), hash);
      if (!done) throw invalidToken();
      return { email: done.email };
    },

    async requestEmailVerification(p: Principal) {
      if (p.kind !== 'user') throw new AppError('forbidden', 'This route needs a logged-in user');
      const user = await directory.findUserById(p.userId);
      if (!user) throw new AppError('unauthenticated', 'Session has ended; log in again');
      if (user.emailVerifiedAt) throw new AppError('conflict', 'Your email address is already verified');
      if (!(await issue(user, 'email_verification'))) {
        throw new AppError('rate_limited', `At most ${ACCOUNT_EMAILS_PER_HOUR} verification emails an hour; check your inbox or try later`, {
          retryAfterSeconds: 3600,
        });
      }
      return VERIFY_ACCEPTED;
    },

    async verifyEmail(token: string) {
      const done = await tokens.verifyEmail(sha256(token), clock.now());
      if (!done) throw invalidToken();
      return { email: done.email, verified: true as const };
    },
  };
}
export type AccountRecovery = ReturnType<typeof accountRecovery>;
