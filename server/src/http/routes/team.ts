import { contract } from '@slotwise/contracts';
import type { ApiKeyService } from '../../app/team/api-keys';
import type { MemberService } from '../../app/team/members';
import { principalOf } from '../context';
import { apiKeyDto, memberDto, page } from '../presenters';
import { s } from '../server';

export function membersRouter(members: MemberService) {
  return s.router(contract.admin.members, {
    list: async ({ query, req }) => ({
      status: 200,
      body: page(await members.list(principalOf(req), query), memberDto),
    }),
    add: async ({ body, req }) => ({
      status: 201,
      body: memberDto(await members.add(principalOf(req), body)),
    }),
    update: async ({ params, body, req }) => ({
      status: 200,
      body: memberDto(await members.update(principalOf(req), params.id, body.role)),
    }),
    remove: async ({ params, req }) => {
      await members.remove(principalOf(req), params.id);
      return { status: 204, body: undefined };
    },
  });
}

export function apiKeysRouter(apiKeys: ApiKeyService) {
  return s.router(contract.admin.apiKeys, {
    list: async ({ query, req }) => ({
      status: 200,
      body: page(await apiKeys.list(principalOf(req), query), apiKeyDto),
    }),
    create: async ({ body, req }) => {
      const r = await apiKeys.create(principalOf(req), body);
      return { status: 201, body: { apiKey: apiKeyDto(r.apiKey), secret: r.secret } };
    },
    revoke: async ({ params, req }) => ({
      status: 200,
      body: apiKeyDto(await apiKeys.revoke(principalOf(req), params.id)),
    }),
  });
}
