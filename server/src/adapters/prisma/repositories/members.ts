import type { MemberRecord } from '../../../ports/records';
import type { MemberRepository } from '../../../ports/repositories';
import { keyset, toPage } from '../pagination';
import type { Tx } from '../with-tenant';

const withUser = { user: { select: { email: true, name: true } } } as const;

function toMember(m: { id: string; userId: string; role: MemberRecord['role']; createdAt: Date; user: { email: string; name: string } }): MemberRecord {
  return { id: m.id, userId: m.userId, role: m.role, createdAt: m.createdAt, email: m.user.email, name: m.user.name };
}

export function prismaMemberRepository(tx: Tx, tenantId: string): MemberRepository {
  return {
    async list(page) {
      const k = keyset(page);
      const rows = await tx.membership.findMany({ where: { tenantId, ...k.where }, orderBy: k.orderBy, take: k.take, include: withUser });
      return toPage(rows, page.limit, toMember);
    },
    async get(id) {
      const m = await tx.membership.findFirst({ where: { tenantId, id }, include: withUser });
      return m ? toMember(m) : null;
    },
    async findByUserId(userId) {
      const m = await tx.membership.findFirst({ where: { tenantId, userId }, include: withUser });
      return m ? toMember(m) : null;
    },
    async add(userId, role) {
      return toMember(await tx.membership.create({ data: { tenantId, userId, role }, include: withUser }));
    },
    async setRole(id, role) {
      return toMember(await tx.membership.update({ where: { tenantId_id: { tenantId, id } }, data: { role }, include: withUser }));
    },
    async remove(id) {
      await tx.membership.deleteMany({ where: { tenantId, id } });
    },
    async countOwners() {
      return tx.membership.count({ where: { tenantId, role: 'owner' } });
    },
  };
}
