import { contract } from '@slotwise/contracts';
import type { AvailabilityService } from '../../app/availability';
import { renderAvailabilityJson, type AvailabilityJson } from '../availability-json';
import { BytesBody } from '../bytes-body';
import { s } from '../server';

export function publicAvailabilityRouter(availability: AvailabilityService) {
  return s.router(contract.public.availability, {
    // The answer is (cached) JSON bytes: written as they are, never parsed into objects and
    // stringified again (BytesBody: how ts-rest lets a handler send bytes it serialised itself).
    get: async ({ params, query, res }) => {
      const bytes = await availability.publicSlotsBytes(params.slug, query, renderAvailabilityJson);
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Content-Length', String(bytes.byteLength));
      return { status: 200, body: new BytesBody(bytes) as unknown as AvailabilityJson };
    },
  });
}
