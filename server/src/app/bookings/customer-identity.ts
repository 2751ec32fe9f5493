import type { CustomerRecord } from '../../ports/records';
import type { TenantRepositories } from '../../ports/repositories';
import { validationFailed } from '../errors';

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

/**
 * The tenant's customer with this email, else with this phone, else a new one — one customer per
 * person however many times they book. Runs in the caller's transaction and is safe when the
 * same person books twice at once.
 */
export async function findOrCreateCustomer(
  repos: TenantRepositories,
  identity: CustomerIdentity,
): Promise<CustomerRecord> {
  return repos.customers.findOrCreate(customerIdentity(identity));
}
