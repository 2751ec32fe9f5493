import { ACCOUNT_TOKEN_TTL_MS } from '../app/auth/account-recovery';
import { sha256 } from '../app/auth/secrets';
import type { AccountTokens } from '../ports/account-tokens';
import { ACCOUNT_EMAIL_TOPICS } from '../ports/account-tokens';
import type { Job } from '../ports/job-queue';
import type { Mailer } from '../ports/mailer';
import type { Directory } from '../ports/repositories';
import type { Secrets } from '../ports/secrets';
import { renderAccountEmail, type AccountEmailTemplate } from '../app/messages/account-email';
import { localeOf } from '../app/messages/compose-message';
import type { MessageReader } from '../ports/messages';

const PAGES: Record<string, string> = {
  [ACCOUNT_EMAIL_TOPICS.password_reset]: 'reset-password',
  [ACCOUNT_EMAIL_TOPICS.email_verification]: 'verify-email',
};

/**
 * The password-reset and verification emails. The outbox row carries the token's id only; the
 * token is derived again here (a keyed hash of the id) and checked against the stored hash. The
 * link puts it in the URL fragment, which browsers never send to a server (no access log holds it).
 * The email is in the business's language (tenant locale): users have none of their own.
 */
export function accountEmailHandler(deps: {
  tokens: AccountTokens;
  directory: Directory;
  tenants: Pick<MessageReader, 'tenant'>;
  mailer: Mailer;
  secrets: Pick<Secrets, 'accountToken'>;
  publicUrl: string;
  now: () => Date;
}) {
  return async (job: Job) => {
    const page = PAGES[job.name];
    const tokenId = job.data.tokenId;
    const tenantId = job.data.tenantId;
    if (!page || typeof tokenId !== 'string' || typeof tenantId !== 'string') return;
    const t = await deps.tokens.get(tenantId, tokenId);
    // Spent or expired before the job ran (a backlog): a dead link helps nobody.
    if (!t || t.usedAt || t.expiresAt <= deps.now()) return;
    const token = deps.secrets.accountToken(t.id);
    if (sha256(token) !== t.tokenHash) return;
    const user = await deps.directory.findUserById(t.userId);
    if (!user || user.email !== t.email) return;
    const tenant = await deps.tenants.tenant(t.tenantId);
    const m = renderAccountEmail(job.name as AccountEmailTemplate, localeOf(tenant?.locale), {
      name: user.name,
      link: `${deps.publicUrl}/admin/${page}#token=${token}`,
      minutes: ACCOUNT_TOKEN_TTL_MS / 60_000,
    });
    await deps.mailer.send({
      tenantId: t.tenantId,
      to: t.email,
      subject: m.subject,
      text: m.text,
      html: m.html,
      template: job.name,
      deliveryKey: `${typeof job.data.eventId === 'string' ? job.data.eventId : job.id}:account-email`,
      redact: [token],
    });
  };
}

export const ACCOUNT_EMAIL_JOB_TOPICS = Object.values(ACCOUNT_EMAIL_TOPICS);
