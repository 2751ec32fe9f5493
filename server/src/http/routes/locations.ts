import { contract } from '@slotwise/contracts';
import type { LocationCatalogue } from '../../app/catalogue/locations';
import { principalOf } from '../context';
import { page } from '../dto';
import { locationDto, publicLocationDto } from '../location-presenters';
import { s } from '../server';

export function locationsRouter(locations: LocationCatalogue) {
  return s.router(contract.admin.locations, {
    list: async ({ query, req }) => ({
      status: 200,
      body: page(await locations.list(principalOf(req), query), locationDto),
    }),
    get: async ({ params, req }) => ({
      status: 200,
      body: locationDto(await locations.get(principalOf(req), params.id)),
    }),
    create: async ({ body, req }) => ({
      status: 201,
      body: locationDto(await locations.create(principalOf(req), body)),
    }),
    update: async ({ params, body, req }) => ({
      status: 200,
      body: locationDto(await locations.update(principalOf(req), params.id, body)),
    }),
    remove: async ({ params, req }) => {
      await locations.remove(principalOf(req), params.id);
      return { status: 204 as const, body: undefined };
    },
  });
}

export function publicLocationsRouter(locations: LocationCatalogue) {
  return s.router(contract.public.locations, {
    list: async ({ params, query }) => ({
      status: 200,
      body: page(await locations.listPublic(params.slug, query), publicLocationDto),
    }),
  });
}
