import { contract } from '@slotwise/contracts';
import type { IntakeFieldCatalogue } from '../../app/catalogue/intake-fields';
import type { ProviderCatalogue } from '../../app/catalogue/providers';
import type { ScheduleService } from '../../app/catalogue/schedules';
import type { ServiceCatalogue } from '../../app/catalogue/services';
import { principalOf } from '../context';
import {
  adminIntakeFieldDto,
  blackoutDto,
  dateOverrideDto,
  page,
  providerDto,
  publicProviderDto,
  publicServiceDto,
  serviceDto,
} from '../presenters';
import { s } from '../server';

const noContent = { status: 204 as const, body: undefined };

export function servicesRouter(services: ServiceCatalogue) {
  return s.router(contract.admin.services, {
    list: async ({ query, req }) => ({
      status: 200,
      body: page(await services.list(principalOf(req), query), serviceDto),
    }),
    get: async ({ params, req }) => ({
      status: 200,
      body: serviceDto(await services.get(principalOf(req), params.id)),
    }),
    create: async ({ body, req }) => ({
      status: 201,
      body: serviceDto(await services.create(principalOf(req), body)),
    }),
    update: async ({ params, body, req }) => ({
      status: 200,
      body: serviceDto(await services.update(principalOf(req), params.id, body)),
    }),
    remove: async ({ params, req }) => {
      await services.remove(principalOf(req), params.id);
      return noContent;
    },
  });
}

export function providersRouter(providers: ProviderCatalogue) {
  return s.router(contract.admin.providers, {
    list: async ({ query, req }) => ({
      status: 200,
      body: page(await providers.list(principalOf(req), query), providerDto),
    }),
    get: async ({ params, req }) => ({
      status: 200,
      body: providerDto(await providers.get(principalOf(req), params.id)),
    }),
    create: async ({ body, req }) => ({
      status: 201,
      body: providerDto(await providers.create(principalOf(req), body)),
    }),
    update: async ({ params, body, req }) => ({
      status: 200,
      body: providerDto(await providers.update(principalOf(req), params.id, body)),
    }),
    remove: async ({ params, req }) => {
      await providers.remove(principalOf(req), params.id);
      return noContent;
    },
  });
}

export function schedulesRouter(schedules: ScheduleService) {
  return s.router(contract.admin.schedules, {
    getHours: async ({ params, req }) => ({
      status: 200,
      body: await schedules.getHours(principalOf(req), params.id),
    }),
    putHours: async ({ params, body, req }) => ({
      status: 200,
      body: await schedules.putHours(principalOf(req), params.id, body),
    }),
    listOverrides: async ({ params, query, req }) => {
      const { limit, cursor, from, to } = query;
      return {
        status: 200,
        body: page(
          await schedules.listOverrides(
            principalOf(req),
            params.id,
            { limit, cursor },
            { from, to },
          ),
          dateOverrideDto,
        ),
      };
    },
    createOverride: async ({ params, body, req }) => ({
      status: 201,
      body: dateOverrideDto(await schedules.createOverride(principalOf(req), params.id, body)),
    }),
    updateOverride: async ({ params, body, req }) => ({
      status: 200,
      body: dateOverrideDto(
        await schedules.updateOverride(principalOf(req), params.id, params.overrideId, body),
      ),
    }),
    deleteOverride: async ({ params, req }) => {
      await schedules.deleteOverride(principalOf(req), params.id, params.overrideId);
      return noContent;
    },
  });
}

export function blackoutsRouter(schedules: ScheduleService) {
  return s.router(contract.admin.blackouts, {
    list: async ({ query, req }) => {
      const { limit, cursor, from, to } = query;
      return {
        status: 200,
        body: page(
          await schedules.listBlackouts(principalOf(req), { limit, cursor }, { from, to }),
          blackoutDto,
        ),
      };
    },
    create: async ({ body, req }) => ({
      status: 201,
      body: blackoutDto(await schedules.createBlackout(principalOf(req), body)),
    }),
    remove: async ({ params, req }) => {
      await schedules.deleteBlackout(principalOf(req), params.id);
      return noContent;
    },
  });
}

export function intakeFieldsRouter(intakeFields: IntakeFieldCatalogue) {
  return s.router(contract.admin.intakeFields, {
    list: async ({ query, req }) => ({
      status: 200,
      body: {
        items: (await intakeFields.list(principalOf(req), query.serviceId)).map(
          adminIntakeFieldDto,
        ),
      },
    }),
    create: async ({ body, req }) => ({
      status: 201,
      body: adminIntakeFieldDto(await intakeFields.create(principalOf(req), body)),
    }),
    update: async ({ params, body, req }) => ({
      status: 200,
      body: adminIntakeFieldDto(await intakeFields.update(principalOf(req), params.id, body)),
    }),
    remove: async ({ params, req }) => {
      await intakeFields.remove(principalOf(req), params.id);
      return noContent;
    },
  });
}

export function publicServicesRouter(services: ServiceCatalogue) {
  return s.router(contract.public.services, {
    list: async ({ params, query }) => ({
      status: 200,
      body: page(
        await services.listPublic(
          params.slug,
          { limit: query.limit, cursor: query.cursor },
          query.locationId,
        ),
        publicServiceDto,
      ),
    }),
  });
}

export function publicProvidersRouter(providers: ProviderCatalogue) {
  return s.router(contract.public.providers, {
    list: async ({ params, query }) => {
      const { limit, cursor, serviceId, locationId } = query;
      return {
        status: 200,
        body: page(
          await providers.listPublic(params.slug, { limit, cursor }, serviceId, locationId),
          publicProviderDto,
        ),
      };
    },
  });
}
