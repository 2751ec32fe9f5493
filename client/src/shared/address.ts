import type { Address } from '@slotwise/contracts';

/** An address as one line for a card or a confirmation: the non-empty parts, in writing order. */
export function formatAddress(a: Address): string {
  const cityLine = [a.postalCode, a.city].filter(Boolean).join(' ');
  return [a.line1, a.line2, cityLine, a.region, a.country].filter(Boolean).join(', ');
}
