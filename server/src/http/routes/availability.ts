import { contract } from '@slotwise/contracts';
import type { AvailabilityService } from '../../app/availability';
import { availabilityDto } from '../presenters';
import { s } from '../server';

export function publicAvailabilityRouter(availability: AvailabilityService) {
  return s.router(contract.public.availability, {
    get: async ({ params, query }) => ({
      status: 200,
      body: availabilityDto(await availability.publicSlots(params.slug, query)),
    }),
  });
}
