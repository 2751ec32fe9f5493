import type { apiKeysContract } from '@slotwise/contracts';
import type { z } from 'zod';
import { notFound } from '../errors';
import { newApiKeySecret } from '../auth/secrets';
import type { Principal } from '../principal';
import type { UnitOfWork } from '../../ports/repositories';
import type { PageRequest } from '../../ports/records';

export function apiKeyService(deps: { uow: UnitOfWork }) {
  const { uow } = deps;
  return {
    list: (p: Principal, page: PageRequest) => uow.run(p.tenantId, (r) => r.apiKeys.list(page)),

    /** The secret is returned here and nowhere else; only its hash is kept. */
    async create(p: Principal, input: z.infer<typeof apiKeysContract.create.body>) {
      const { secret, prefix, hash } = newApiKeySecret(input.mode);
      const scopes = [...new Set(input.scopes)];
      const apiKey = await uow.run(p.tenantId, (r) =>
        r.apiKeys.create({ name: input.name, mode: input.mode, prefix, secretHash: hash, scopes, createdById: p.kind === 'user' ? p.userId : null }),
      );
      return { apiKey, secret };
    },

    revoke: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        const k = await r.apiKeys.revoke(id);
        if (!k) throw notFound('API key');
        return k;
      }),
  };
}
export type ApiKeyService = ReturnType<typeof apiKeyService>;
