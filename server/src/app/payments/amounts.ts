import { money, type Money } from '../../domain/money';
import { amountDueAtBooking, maximumFee, securingStrategy } from '../../domain/payments/policy';
import type { ServiceRecord } from '../../ports/records';

/**
 * What the customer is asked for at booking: the deposit or the price, or, for a card on file, the
 * hold (the largest fee) when the appointment is inside the authorisation window, else nothing
 * (the card is only saved).
 */
export function paymentDueAtBooking(service: Pick<ServiceRecord, 'paymentPolicy' | 'priceCents' | 'currency'>, startMs: number, now: Date): Money {
  const price = money(service.priceCents, service.currency);
  const policy = service.paymentPolicy;
  if (policy.mode !== 'card_on_file') return amountDueAtBooking(policy, price);
  return securingStrategy(new Date(startMs), now) === 'hold' ? maximumFee(policy, price) : money(0, price.currency);
}
