import { contract } from '@slotwise/contracts';
import type { CustomerService } from '../../app/customers/customers';
import { principalOf } from '../context';
import { customerDto, customerExportDto, customerProfileDto, page } from '../presenters';
import { s } from '../server';

export function customersRouter(customers: CustomerService) {
  return s.router(contract.admin.customers, {
    list: async ({ query: { search, ...pageReq }, req }) => ({
      status: 200,
      body: page(await customers.list(principalOf(req), search, pageReq), customerDto),
    }),
    create: async ({ body, req }) => ({
      status: 201,
      body: customerDto(await customers.create(principalOf(req), body)),
    }),
    get: async ({ params, req }) => ({
      status: 200,
      body: customerProfileDto(await customers.profile(principalOf(req), params.id)),
    }),
    update: async ({ params, body, req }) => ({
      status: 200,
      body: customerDto(await customers.update(principalOf(req), params.id, body)),
    }),
    export: async ({ params, req, res }) => {
      const data = await customers.export(principalOf(req), params.id);
      res.setHeader('Content-Disposition', `attachment; filename="customer-${params.id}.json"`);
      return { status: 200, body: customerExportDto(data) };
    },
    erase: async ({ params, req }) => ({
      status: 200,
      body: customerDto(await customers.erase(principalOf(req), params.id)),
    }),
  });
}
