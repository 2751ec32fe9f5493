import { contract } from '@slotwise/contracts';
import type { PaymentService } from '../../app/payments/payment-service';
import { principalOf } from '../context';
import { page } from '../presenters';
import {
  ledgerListDto,
  paymentCheckoutDto,
  paymentDetailDto,
  paymentSettingsDto,
  revenueDto,
} from '../payment-presenters';
import { s } from '../server';

export function paymentsRouter(payments: PaymentService) {
  const gw = payments.gatewayName;
  return s.router(contract.admin.payments, {
    ledger: async ({ query, req }) => {
      const { from, to, ...rest } = query;
      return {
        status: 200,
        body: page(
          await payments.ledger(principalOf(req), { ...rest, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined }),
          ledgerListDto,
        ),
      };
    },
    revenue: async ({ query, req }) => ({
      status: 200,
      body: revenueDto(await payments.revenue(principalOf(req), new Date(query.from), new Date(query.to))),
    }),
    settings: async ({ req }) => ({ status: 200, body: paymentSettingsDto(await payments.settings(principalOf(req)), gw) }),
    updateSettings: async ({ body, req }) => ({
      status: 200,
      body: paymentSettingsDto(await payments.updateSettings(principalOf(req), body), gw),
    }),
    booking: async ({ params, req }) => ({ status: 200, body: paymentDetailDto(await payments.detail(principalOf(req), params.id)) }),
    capture: async ({ params, body, req }) => ({
      status: 200,
      body: paymentDetailDto(await payments.capture(principalOf(req), params.id, body.amount)),
    }),
    release: async ({ params, req }) => ({ status: 200, body: paymentDetailDto(await payments.release(principalOf(req), params.id)) }),
    refund: async ({ params, body, req }) => ({
      status: 200,
      body: paymentDetailDto(await payments.refund(principalOf(req), params.id, body.amount, body.reason)),
    }),
    chargeFee: async ({ params, body, req }) => ({
      status: 200,
      body: paymentDetailDto(await payments.chargeFee(principalOf(req), params.id, body.amount, body.reason)),
    }),
  });
}

export function publicPaymentsRouter(payments: PaymentService) {
  const mode = payments.gatewayName;
  return s.router(contract.public.payments, {
    get: async ({ params }) => ({ status: 200, body: paymentCheckoutDto(await payments.checkout(params.token), mode) }),
    confirm: async ({ params }) => ({ status: 200, body: paymentCheckoutDto(await payments.confirm(params.token), mode) }),
    card: async ({ params, body }) => ({ status: 200, body: paymentCheckoutDto(await payments.payWithCard(params.token, body), mode) }),
    authenticate: async ({ params, body }) => ({
      status: 200,
      body: paymentCheckoutDto(await payments.authenticate(params.token, body.approve), mode),
    }),
  });
}
