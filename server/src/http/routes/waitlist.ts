import { contract } from '@slotwise/contracts';
import type { WaitlistService } from '../../app/waitlist/waitlist';
import { principalOf } from '../context';
import { page, publicWaitlistEntryDto, waitlistEntryDto } from '../presenters';
import { s } from '../server';

export function waitlistRouter(waitlist: WaitlistService) {
  return s.router(contract.admin.waitlist, {
    list: async ({ query: { serviceId, status, ...pageReq }, req }) => ({
      status: 200,
      body: page(
        await waitlist.list(principalOf(req), { serviceId, status }, pageReq),
        waitlistEntryDto,
      ),
    }),
    remove: async ({ params, req }) => {
      await waitlist.remove(principalOf(req), params.id);
      return { status: 204, body: undefined };
    },
  });
}

export function publicWaitlistRouter(waitlist: WaitlistService) {
  return s.router(contract.public.waitlist, {
    join: async ({ params, body }) => ({
      status: 201,
      body: publicWaitlistEntryDto(await waitlist.join(params.slug, body)),
    }),
  });
}
