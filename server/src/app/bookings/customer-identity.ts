import { matchCustomer } from '../../domain/booking/customer-match';
import type { CustomerRecord } from '../../ports/records';
import type { TenantRepositories } from '../../ports/repositories';
import { AppError, validationFailed } from '../errors';

export interface CustomerIdentity {
  name: string;
  email?: string | null;
  phone?: string | null;
  timeZone?: string | null;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** "+44 (20) 7946-0958" → "+442079460958": one spelling per number, so it can be matched. */
export const normalizePhone = (phone: string) => `+${phone.replace(/\D/g, '')}`;

/**
 * The identity a booking or waitlist entry is made under, normalised and checked: an email or a
 * phone is required, and a name.
 */
export function customerIdentity(identity: CustomerIdentity): {
  name: string;
  email: string | null;
  phone: string | null;
  timeZone: string | null;
} {
  const email = identity.email ? normalizeEmail(identity.email) : null;
  const phone = identity.phone ? normalizePhone(identity.phone) : null;
  if (!email && !phone) {
    throw validationFailed([
      { path: 'body.customer.email', message: 'Give an email address or a phone number' },
    ]);
  }
  const name = identity.name.trim();
  if (!name) throw validationFailed([{ path: 'body.customer.name', message: 'Required' }]);
  return { name, email, phone, timeZone: identity.timeZone ?? null };
}

const MATCH_ATTEMPTS = 3;

/**
 * The customer this identity is (matchCustomer: by email, else by phone), or a new one — inside
 * the caller's transaction. When the same person arrives twice at once, the second insert finds
 * the first one's row (insertIfAbsent waits for it) and the match is made again.
 */
export async function findOrCreateCustomer(
  repos: TenantRepositories,
  identity: CustomerIdentity,
): Promise<CustomerRecord> {
  const who = customerIdentity(identity);
  for (let attempt = 1; ; attempt++) {
    const known = [
      who.email ? await repos.customers.findByEmail(who.email) : null,
      who.phone ? await repos.customers.findByPhone(who.phone) : null,
    ].filter((c): c is CustomerRecord => c !== null);
    const id = matchCustomer(known, who);
    if (id) return known.find((c) => c.id === id)!;
    const created = await repos.customers.insertIfAbsent(who);
    if (created) return created;
    if (attempt >= MATCH_ATTEMPTS)
      throw new AppError(
        'conflict',
        'The email and phone number belong to different customers; use one of them',
      );
  }
}
