import type { PrismaClient } from '../../generated/prisma/client';
import type { AccountTokenPurpose, AccountTokenRecord, AccountTokens } from '../../ports/account-tokens';
import { ACCOUNT_EMAIL_TOPICS } from '../../ports/account-tokens';
import { withTenant } from './with-tenant';

type Row = NonNullable<Awaited<ReturnType<PrismaClient['userToken']['findFirst']>>>;
const toRecord = (r: Row): AccountTokenRecord => ({ ...r, purpose: r.purpose as AccountTokenPurpose });

/**
 * user_tokens is tenant-owned (row-level security): issuing and the email job work inside the
 * tenant; the two lookups made before a tenant is known, a presented token and the per-user
 * hourly count, go through the SECURITY DEFINER functions account_token_spend and
 * account_tokens_since (migration *_message_channels_sms_user_tokens).
 */
export function prismaAccountTokens(prisma: PrismaClient): AccountTokens {
  return {
    async issue(t) {
      await withTenant(prisma, t.tenantId, async (tx) => {
        await tx.userToken.create({
          data: { id: t.id, tenantId: t.tenantId, userId: t.userId, purpose: t.purpose, tokenHash: t.tokenHash, email: t.email, expiresAt: t.expiresAt, createdAt: t.createdAt },
        });
        // The id only: the email job derives the token from it (ports/secrets.ts accountToken).
        await tx.outboxEvent.create({ data: { tenantId: t.tenantId, topic: ACCOUNT_EMAIL_TOPICS[t.purpose], payload: { tokenId: t.id } } });
      });
    },
    async countSince(userId, purpose, since) {
      const rows = await prisma.$queryRaw<{ n: number }[]>`SELECT account_tokens_since(${userId}::uuid, ${purpose}, ${since}) AS n`;
      return rows[0]?.n ?? 0;
    },
    get(tenantId, id) {
      return withTenant(prisma, tenantId, async (tx) => {
        const r = await tx.userToken.findFirst({ where: { id } });
        return r ? toRecord(r) : null;
      });
    },
    resetPassword(tokenHash, now, passwordHash) {
      // One transaction before any tenant is known: spend, set the password, end every session.
      return prisma.$transaction(async (tx) => {
        const [t] = await tx.$queryRaw<{ user_id: string; email: string }[]>`
          SELECT user_id, email FROM account_token_spend(${tokenHash}, 'password_reset', ${now})`;
        if (!t) return null;
        const user = await tx.user.findUnique({ where: { id: t.user_id } });
        if (!user) return null;
        await tx.user.update({
          where: { id: user.id },
          // The link reached the account's current address: that proves it.
          data: { passwordHash, ...(user.email === t.email ? { emailVerifiedAt: user.emailVerifiedAt ?? now } : {}) },
        });
        await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now, revokeReason: 'password_reset' } });
        return { userId: user.id, email: user.email };
      });
    },
    async verifyEmail(tokenHash, now) {
      return prisma.$transaction(async (tx) => {
        const [t] = await tx.$queryRaw<{ user_id: string; email: string }[]>`
          SELECT user_id, email FROM account_token_spend(${tokenHash}, 'email_verification', ${now})`;
        if (!t) return null;
        // Only if it is still the user's address (an email change makes older links moot).
        const n = await tx.user.updateMany({ where: { id: t.user_id, email: t.email }, data: { emailVerifiedAt: now } });
        return n.count ? { userId: t.user_id, email: t.email } : null;
      });
    },
  };
}
