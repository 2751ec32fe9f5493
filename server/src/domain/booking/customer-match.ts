/** A customer as far as telling people apart goes (email lower-cased, phone as + and digits). */
export interface KnownCustomer {
  id: string;
  email: string | null;
  phone: string | null;
}

/**
 * Which existing customer a booking (or waitlist entry) made under this identity is for: the one
 * with this email, else the one with this phone; null for a new customer. One customer per person
 * however many times they book. The email wins because it is what confirmations go to and what a
 * person types the same way every time; a phone is shared more often (a household, a front desk).
 * `known` may hold anyone: only exact matches count.
 */
export function matchCustomer(
  known: readonly KnownCustomer[],
  identity: { email: string | null; phone: string | null },
): string | null {
  const byEmail = identity.email ? known.find((c) => c.email === identity.email) : undefined;
  if (byEmail) return byEmail.id;
  const byPhone = identity.phone ? known.find((c) => c.phone === identity.phone) : undefined;
  return byPhone?.id ?? null;
}
