import type { joinWaitlistSchema, waitlistStatusSchema } from '@slotwise/contracts';
import type { z } from 'zod';
import { instantToLocalDate } from '../../domain/time';
import type { Clock } from '../../ports/clock';
import type { PageRequest } from '../../ports/records';
import type { Directory, UnitOfWork } from '../../ports/repositories';
import { findOrCreateCustomer } from '../bookings/customer-identity';
import { notFound, validationFailed } from '../errors';
import type { Principal } from '../principal';

type JoinRequest = z.infer<typeof joinWaitlistSchema>;
type WaitlistStatus = z.infer<typeof waitlistStatusSchema>;

/** Customers who want a slot that is not free yet; notifySlotFreed tells them when one is. */
export function waitlistService(deps: { uow: UnitOfWork; directory: Directory; clock: Clock }) {
  const { uow, directory, clock } = deps;
  return {
    async join(slug: string, req: JoinRequest) {
      const tenant = await directory.findTenantBySlug(slug.toLowerCase());
      if (!tenant) throw notFound('Business');
      if (req.fromDate < instantToLocalDate(clock.now().getTime(), tenant.timeZone)) {
        throw validationFailed([{ path: 'body.fromDate', message: 'Must not be in the past' }]);
      }
      return uow.run(tenant.id, async (r) => {
        const service = await r.services.get(req.serviceId);
        if (!service || !service.active) throw notFound('Service');
        const providerId = req.providerId ?? null;
        if (providerId) {
          const provider = service.providerIds.includes(providerId)
            ? await r.providers.get(providerId)
            : null;
          if (!provider || !provider.active) {
            throw validationFailed([
              { path: 'body.providerId', message: 'This provider does not offer the service' },
            ]);
          }
        }
        const customer = await findOrCreateCustomer(r, { ...req.customer, timeZone: null });
        const entry = {
          serviceId: service.id,
          providerId,
          customerId: customer.id,
          fromDate: req.fromDate,
          toDate: req.toDate,
        };
        // Joining twice with the same request is harmless: the open entry is returned.
        return (await r.waitlist.findOpen(entry)) ?? r.waitlist.add(entry);
      });
    },

    list: (
      p: Principal,
      filter: { serviceId?: string; status?: WaitlistStatus },
      page: PageRequest,
    ) => uow.run(p.tenantId, (r) => r.waitlist.list(filter, page)),

    remove: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        const entry = await r.waitlist.cancel(id);
        if (!entry) throw notFound('Waitlist entry');
      }),
  };
}
export type WaitlistService = ReturnType<typeof waitlistService>;
