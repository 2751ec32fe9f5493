import type { PrismaClient } from '../../generated/prisma/client';
import type { AccountTokenPurpose, AccountTokenRecord, AccountTokens } from '../../ports/account-tokens';
import { ACCOUNT_EMAIL_TOPICS } from '../../ports/account-tokens';
import { withTenant } from './with-tenant';

type Row = NonNullable<Awaited<ReturnType<PrismaClient['userToken']['findUnique']>>>;
const toRecord = (r: Row): AccountTokenRecord => ({ ...r, purpose: r.purpose as AccountTokenPurpose });

/**
 * user_tokens sits outside row-level security like sessions (read before the tenant is known);
 * its outbox row is tenant-scoped, so issuing runs in the tenant's transaction.
 */
export function prismaAccountTokens(prisma: PrismaClient): AccountTokens {
  async function spend(tokenHash: string, purpose: AccountTokenPurpose, now: Date) {
    const rows = await prisma.$queryRaw<{ id: string; user_id: string; email: string }[]>`
      UPDATE user_tokens SET used_at = ${now}
       WHERE token_hash = ${tokenHash} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > ${now}
      RETURNING id, user_id, email`;
    return rows[0] ?? null;
  }
  return {
    async issue(t) {
      await withTenant(prisma, t.tenantId, async (tx) => {
        await tx.userToken.create({ data: { id: t.id, tenantId: t.tenantId, userId: t.userId, purpose: t.purpose, tokenHash: t.tokenHash, email: t.email, expiresAt: t.expiresAt, createdAt: t.createdAt } });
        // The id only: the email job derives the token from it (ports/secrets.ts accountToken).
        await tx.outboxEvent.create({ data: { tenantId: t.tenantId, topic: ACCOUNT_EMAIL_TOPICS[t.purpose], payload: { tokenId: t.id } } });
      });
    },
    countSince(userId, purpose, since) {
      return prisma.userToken.count({ where: { userId, purpose, createdAt: { gte: since } } });
    },
    async get(id) {
      const r = await prisma.userToken.findUnique({ where: { id } });
      return r ? toRecord(r) : null;
    },
    resetPassword(tokenHash, now, passwordHash) {
      // Ours, not the caller's, transaction: it runs before any tenant is known.
      return prisma.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<{ user_id: string; email: string }[]>`
          UPDATE user_tokens SET used_at = ${now}
           WHERE token_hash = ${tokenHash} AND purpose = 'password_reset' AND used_at IS NULL AND expires_at > ${now}
          RETURNING user_id, email`;
        const t = rows[0];
        if (!t) return null;
        const user = await tx.user.findUnique({ where: { id: t.user_id } });
        if (!user) return null;
        await tx.user.update({
          where: { id: user.id },
          // The link reached the account's current address: that proves it.
          data: { passwordHash, ...(user.email === t.email ? { emailVerifiedAt: user.emailVerifiedAt ?? now } : {}) },
        });
        await tx.userToken.updateMany({ where: { userId: user.id, purpose: 'password_reset', usedAt: null }, data: { usedAt: now } });
        await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now, revokeReason: 'password_reset' } });
        return { userId: user.id, email: user.email };
      });
    },
    async verifyEmail(tokenHash, now) {
      const t = await spend(tokenHash, 'email_verification', now);
      if (!t) return null;
      const n = await prisma.user.updateMany({ where: { id: t.user_id, email: t.email }, data: { emailVerifiedAt: now } });
      return n.count ? { userId: t.user_id, email: t.email } : null;
    },
  };
}
