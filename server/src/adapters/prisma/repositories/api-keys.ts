import type { ApiKey } from '../../../generated/prisma/client';
import type { ApiKeyRecord } from '../../../ports/records';
import type { ApiKeyRepository } from '../../../ports/repositories';
import { keyset, toPage } from '../pagination';
import type { Tx } from '../with-tenant';

function toApiKey(k: ApiKey): ApiKeyRecord {
  return {
    id: k.id,
    tenantId: k.tenantId,
    name: k.name,
    mode: k.mode,
    prefix: k.prefix,
    scopes: k.scopes.filter((s): s is 'read' | 'write' => s === 'read' || s === 'write'),
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
  };
}

export function prismaApiKeyRepository(tx: Tx, tenantId: string): ApiKeyRepository {
  return {
    async list(page) {
      const k = keyset(page, 'desc');
      const rows = await tx.apiKey.findMany({ where: { tenantId, ...k.where }, orderBy: k.orderBy, take: k.take });
      return toPage(rows, page.limit, toApiKey);
    },
    async get(id) {
      const k = await tx.apiKey.findFirst({ where: { tenantId, id } });
      return k ? toApiKey(k) : null;
    },
    async create(input) {
      return toApiKey(await tx.apiKey.create({ data: { tenantId, ...input } }));
    },
    async revoke(id) {
      const existing = await tx.apiKey.findFirst({ where: { tenantId, id } });
      if (!existing) return null;
      if (existing.revokedAt) return toApiKey(existing);
      return toApiKey(await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } }));
    },
    async touch(id, at) {
      await tx.apiKey.updateMany({ where: { tenantId, id }, data: { lastUsedAt: at } });
    },
  };
}
