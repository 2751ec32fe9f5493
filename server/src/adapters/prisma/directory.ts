import { randomUUID } from 'node:crypto';
import type { Role } from '@slotwise/contracts';
import type pg from 'pg';
import type { PrismaClient, Tenant } from '../../generated/prisma/client';
import type { Directory } from '../../ports/repositories';
import { StoreRefusal } from '../../ports/errors';
import { settingsFromText, toTenantRecord } from './repositories/tenant';
import { isUniqueViolation } from '../postgres/sql-errors';

/**
 * Pre-tenant lookups. users, sessions and tenants are not tenant-owned; memberships and API keys
 * are, so they are read through the SECURITY DEFINER functions of the init migration.
 */
// Every public request starts by resolving its tenant: a named statement on the pool, parsed
// once per connection, without the ORM's per-query work (most of a booking's ORM time was here).
const TENANT_BY_SLUG = {
  name: 'tenant_by_slug',
  text: `SELECT id, slug, name, description, time_zone AS "timeZone", currency, locale, email, phone, address,
    logo_url AS "logoUrl", brand_color AS "brandColor", policies_text AS "policiesText", settings::text AS "settingsText",
    embed_origins AS "embedOrigins", created_at AS "createdAt", updated_at AS "updatedAt"
    FROM tenants WHERE slug = $1`,
};

export function prismaDirectory(prisma: PrismaClient, pool: pg.Pool): Directory {
  return {
    async findUserByEmail(email) {
      return prisma.user.findUnique({ where: { email: email.toLowerCase() } });
    },
    async findUserById(id) {
      return prisma.user.findUnique({ where: { id } });
    },
    async createUser(input) {
      return prisma.user.create({ data: { ...input, email: input.email.toLowerCase() } });
    },
    async createAccount({ user, tenant }) {
      const tenantId = randomUUID();
      return prisma
        .$transaction(async (tx) => {
        await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
        const u =
          'existingUserId' in user
            ? await tx.user.findUniqueOrThrow({ where: { id: user.existingUserId } })
            : await tx.user.create({ data: { ...user, email: user.email.toLowerCase() } });
        const t = await tx.tenant.create({ data: { id: tenantId, ...tenant } });
        await tx.membership.create({ data: { tenantId, userId: u.id, role: 'owner' } });
        return { user: u, tenant: toTenantRecord(t) };
        })
        .catch((err: unknown) => {
          // A concurrent signup won the race for the email or the slug.
          if (isUniqueViolation(err)) throw new StoreRefusal('duplicate', 'That email or URL slug was just taken; try again');
          throw err;
        });
    },
    async setPasswordHash(userId, oldHash, newHash) {
      await prisma.user.updateMany({ where: { id: userId, passwordHash: oldHash }, data: { passwordHash: newHash } });
    },
    async membershipsOf(userId) {
      const rows = await prisma.$queryRaw<{ tenant_id: string; role: Role; slug: string; tenant_name: string }[]>`
        SELECT tenant_id, role::text AS role, slug, tenant_name FROM auth_user_memberships(${userId}::uuid)`;
      return rows.map((r) => ({ tenantId: r.tenant_id, role: r.role, slug: r.slug, name: r.tenant_name }));
    },
    async findTenantBySlug(slug) {
      const { rows } = await pool.query<Omit<Tenant, 'settings'> & { settingsText: string | null }>({ ...TENANT_BY_SLUG, values: [slug] });
      const r = rows[0];
      if (!r) return null;
      const { settingsText, ...row } = r;
      return toTenantRecord({ ...row, settings: null }, settingsFromText(settingsText));
    },
    async findTenantById(id) {
      const t = await prisma.tenant.findUnique({ where: { id } });
      return t ? toTenantRecord(t) : null;
    },
    async slugTaken(slug) {
      return (await prisma.tenant.count({ where: { slug } })) > 0;
    },
    async createSession(input) {
      return prisma.session.create({ data: input });
    },
    async findSessionByTokenHash(tokenHash) {
      return prisma.session.findUnique({ where: { tokenHash } });
    },
    async findSession(id) {
      return prisma.session.findUnique({ where: { id } });
    },
    async rotateSession(id, oldHash, newHash, expiresAt) {
      // One statement: compare-and-swap on the old hash (two concurrent refreshes cannot both
      // win) and the spent-token record, so no rotation can forget what it spent.
      const rows = await prisma.$queryRaw<{ session_id: string }[]>`
        WITH rotated AS (
          UPDATE sessions SET token_hash = ${newHash}, expires_at = ${expiresAt}, last_used_at = now()
           WHERE id = ${id}::uuid AND token_hash = ${oldHash} AND revoked_at IS NULL AND expires_at > now()
          RETURNING id, tenant_id
        )
        INSERT INTO spent_refresh_tokens (token_hash, tenant_id, session_id) SELECT ${oldHash}, tenant_id, id FROM rotated
        RETURNING session_id`;
      return rows.length === 1;
    },
    async findSpentRefreshToken(tokenHash) {
      return prisma.spentRefreshToken.findUnique({ where: { tokenHash }, select: { sessionId: true } });
    },
    async revokeSession(id, reason) {
      await prisma.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date(), revokeReason: reason } });
    },
    async findApiKeyBySecretHash(secretHash) {
      const rows = await prisma.$queryRaw<{ id: string; tenant_id: string; mode: 'test' | 'live'; scopes: string[]; revoked_at: Date | null }[]>`
        SELECT id, tenant_id, mode::text AS mode, scopes, revoked_at FROM auth_api_key(${secretHash})`;
      const k = rows[0];
      if (!k) return null;
      return {
        id: k.id,
        tenantId: k.tenant_id,
        mode: k.mode,
        scopes: k.scopes.filter((s): s is 'read' | 'write' => s === 'read' || s === 'write'),
        revokedAt: k.revoked_at,
      };
    },
  };
}
