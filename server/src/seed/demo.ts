import {
  createProviderSchema,
  createServiceSchema,
  updateTenantSchema,
} from '@slotwise/contracts';
import type { PasswordHasher } from '../app/auth/passwords';
import type { Principal } from '../app/principal';
import type { Services } from '../app/services';
import type { Directory, UnitOfWork } from '../ports/repositories';
import { seedDemoBookings } from './demo-bookings';

export const DEMO_LOGIN = { email: 'owner@demo.slotwise.dev', password: 'demo-password-123' };

const STAFF = [
  { name: 'Alice Martin', email: 'alice@demo.slotwise.dev', color: '#e11d48' },
  { name: 'Bruno Silva', email: 'bruno@demo.slotwise.dev', color: '#2563eb' },
  { name: 'Chen Wei', email: 'chen@demo.slotwise.dev', color: '#16a34a' },
];

const SERVICES = [
  {
    name: 'Haircut',
    category: 'Hair',
    durationMinutes: 45,
    priceCents: 4000,
    bufferAfterMinutes: 15,
    description: 'Wash, cut and style.',
  },
  {
    name: 'Colour',
    category: 'Hair',
    durationMinutes: 90,
    priceCents: 9500,
    bufferAfterMinutes: 15,
    deposit: { type: 'percent' as const, value: 20 },
    // Takes a 20 % deposit at booking (the local card form in the embedded default): docs/guides/payments.md.
    paymentPolicy: {
      mode: 'percent_deposit' as const,
      depositValue: 20,
      cancellationTiers: [{ hoursBefore: 24, feePercent: 50 }],
      noShowFee: { type: 'percent' as const, value: 50 },
    },
    description: 'Full colour with toner.',
  },
  {
    name: 'Beard trim',
    category: 'Grooming',
    durationMinutes: 20,
    priceCents: 2000,
    description: 'Shape and line-up.',
  },
  {
    name: 'Blow-dry',
    category: 'Hair',
    durationMinutes: 30,
    priceCents: 3000,
    description: 'Wash and blow-dry.',
  },
];

/**
 * The demo salon: 3 staff, 4 services (one with a deposit), a class, Monday–Saturday hours and
 * several weeks of bookings (demo-bookings.ts). Idempotent: does nothing when the
 * `demo` tenant exists. Returns whether it created anything.
 *
 * It goes through the same use cases (and contract schemas, for their defaults) as the admin API,
 * as the owner, so the demo can never hold data the API would refuse; it constructs no adapter.
 */
export async function seedDemo(system: {
  directory: Directory;
  services: Services;
  passwords: PasswordHasher;
  uow: UnitOfWork;
}): Promise<boolean> {
  const { directory, services, passwords } = system;
  if (await directory.findTenantBySlug('demo')) return false;
  const existing = await directory.findUserByEmail(DEMO_LOGIN.email);
  const { user, tenant } = await directory.createAccount({
    user: existing
      ? { existingUserId: existing.id }
      : {
          email: DEMO_LOGIN.email,
          name: 'Dana Owner',
          passwordHash: await passwords.hash(DEMO_LOGIN.password),
        },
    tenant: { slug: 'demo', name: 'Demo Salon', timeZone: 'America/New_York', currency: 'USD' },
  });
  const owner: Principal = {
    kind: 'user',
    userId: user.id,
    sessionId: 'demo-seed',
    tenantId: tenant.id,
    role: 'owner',
  };
  // The demo shows the whole product: with PLANS_ENABLED it is on pro from the start (its three
  // staff pass the free plan's provider limit). Seeding, not a request, so no Stripe event is needed.
  await system.uow.run(tenant.id, (r) => r.billing.save({ plan: 'pro' }));
  await services.tenants.update(
    owner,
    updateTenantSchema.parse({
      description: 'A friendly neighbourhood salon. Book a cut, colour or trim online.',
      email: 'hello@demo.slotwise.dev',
      phone: '+1 212 555 0100',
      address: '12 Example Street, New York, NY',
      policiesText:
        'Free cancellation up to 24 hours before your appointment. Later cancellations may forfeit the deposit.',
      // The salon's week; every provider below starts with it (docs/guides/working-hours.md).
      settings: {
        defaultWeeklyHours: [1, 2, 3, 4, 5, 6].map((weekday) => ({
          weekday,
          startTime: weekday === 6 ? '10:00' : '09:00',
          endTime: weekday === 6 ? '16:00' : '17:00',
        })),
      },
    }),
  );
  const created = [];
  const providerIds: string[] = [];
  for (const [i, s] of SERVICES.entries()) {
    created.push(
      await services.serviceCatalogue.create(
        owner,
        createServiceSchema.parse({ ...s, sortOrder: i }),
      ),
    );
  }
  for (const [i, p] of STAFF.entries()) {
    const provider = await services.providerCatalogue.create(
      owner,
      createProviderSchema.parse({
        ...p,
        timeZone: 'America/New_York',
        sortOrder: i,
        // Chen does not do colour: "any provider" then has a real choice to make.
        serviceIds: created.filter((s) => !(i === 2 && s.name === 'Colour')).map((s) => s.id),
      }),
    );
    providerIds.push(provider.id);
  }
  await seedDemoBookings(services, owner, { services: created, providerIds }, new Date());
  return true;
}
