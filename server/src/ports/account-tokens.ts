export type AccountTokenPurpose = 'password_reset' | 'email_verification';

export interface AccountTokenRecord {
  id: string;
  tenantId: string;
  userId: string;
  purpose: AccountTokenPurpose;
  tokenHash: string;
  email: string;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

/** Outbox topics of the account emails (jobs/account-emails.ts). */
export const ACCOUNT_EMAIL_TOPICS = { password_reset: 'account.password_reset', email_verification: 'account.email_verification' } as const;

/**
 * Single-use tokens of business users (user_tokens): only their SHA-256 is stored. Issued with
 * the outbox row of the email that carries them, in one transaction.
 */
export interface AccountTokens {
  /** `createdAt` from the app's clock: the hourly limit counts on it. */
  issue(input: Omit<AccountTokenRecord, 'usedAt'>): Promise<void>;
  /** Tokens of that purpose the user was sent since `since` (the per-account send limit). */
  countSince(userId: string, purpose: AccountTokenPurpose, since: Date): Promise<number>;
  get(tenantId: string, id: string): Promise<AccountTokenRecord | null>;
  /**
   * The password reset, all or nothing: spends the token (unused, unexpired, of that purpose),
   * sets the password hash, spends the user's other reset tokens, revokes every session (refresh
   * token families), and marks the email verified (the link proved it). null: no live token.
   */
  resetPassword(tokenHash: string, now: Date, passwordHash: string): Promise<{ userId: string; email: string } | null>;
  /** Spends a live verification token and marks its email verified, if it is still the user's. */
  verifyEmail(tokenHash: string, now: Date): Promise<{ userId: string; email: string } | null>;
}
