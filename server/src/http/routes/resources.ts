import { contract, type resourceSchema } from '@slotwise/contracts';
import type { ResourceCatalogue } from '../../app/catalogue/resources';
import type { ResourceRecord } from '../../ports/records';
import { principalOf } from '../context';
import type { Dto } from '../dto';
import { iso, page } from '../dto';
import { s } from '../server';

const noContent = { status: 204 as const, body: undefined };

export const resourceDto = (r: ResourceRecord) =>
  ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    capacity: r.capacity,
    active: r.active,
    locationId: r.locationId,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  }) satisfies Dto<typeof resourceSchema>;

export function resourcesRouter(resources: ResourceCatalogue) {
  return s.router(contract.admin.resources, {
    list: async ({ query, req }) => ({
      status: 200,
      body: page(await resources.list(principalOf(req), query), resourceDto),
    }),
    get: async ({ params, req }) => ({
      status: 200,
      body: resourceDto(await resources.get(principalOf(req), params.id)),
    }),
    create: async ({ body, req }) => ({
      status: 201,
      body: resourceDto(await resources.create(principalOf(req), body)),
    }),
    update: async ({ params, body, req }) => ({
      status: 200,
      body: resourceDto(await resources.update(principalOf(req), params.id, body)),
    }),
    remove: async ({ params, req }) => {
      await resources.remove(principalOf(req), params.id);
      return noContent;
    },
  });
}

export function serviceParticipantsRouter(resources: ResourceCatalogue) {
  return s.router(contract.admin.serviceParticipants, {
    get: async ({ params, req }) => ({
      status: 200,
      body: await resources.participants(principalOf(req), params.id),
    }),
    put: async ({ params, body, req }) => ({
      status: 200,
      body: await resources.setParticipants(principalOf(req), params.id, body),
    }),
  });
}
