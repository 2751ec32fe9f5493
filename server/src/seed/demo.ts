import { withTenant } from '../adapters/prisma/with-tenant';
import type { System } from '../compose';

export const DEMO_LOGIN = { email: 'owner@demo.slotwise.dev', password: 'demo-password-123' };

const STAFF = [
  { name: 'Alice Martin', email: 'alice@demo.slotwise.dev', color: '#e11d48' },
  { name: 'Bruno Silva', email: 'bruno@demo.slotwise.dev', color: '#2563eb' },
  { name: 'Chen Wei', email: 'chen@demo.slotwise.dev', color: '#16a34a' },
];

const SERVICES = [
  { name: 'Haircut', category: 'Hair', durationMinutes: 45, priceCents: 4000, bufferAfterMinutes: 15, description: 'Wash, cut and style.' },
  { name: 'Colour', category: 'Hair', durationMinutes: 90, priceCents: 9500, bufferAfterMinutes: 15, depositType: 'percent' as const, depositValue: 20, description: 'Full colour with toner.' },
  { name: 'Beard trim', category: 'Grooming', durationMinutes: 20, priceCents: 2000, description: 'Shape and line-up.' },
  { name: 'Blow-dry', category: 'Hair', durationMinutes: 30, priceCents: 3000, description: 'Wash and blow-dry.' },
];

/**
 * The demo salon: 3 staff, 4 services, Monday–Saturday hours. Idempotent: does nothing when the
 * `demo` tenant exists. Returns whether it created anything.
 */
export async function seedDemo(system: Pick<System, 'db' | 'directory' | 'passwords'>): Promise<boolean> {
  if (await system.directory.findTenantBySlug('demo')) return false;
  const { directory, db, passwords } = system;
  const existing = await directory.findUserByEmail(DEMO_LOGIN.email);
  const { tenant } = await directory.createAccount({
    user: existing
      ? { existingUserId: existing.id }
      : { email: DEMO_LOGIN.email, name: 'Dana Owner', passwordHash: await passwords.hash(DEMO_LOGIN.password) },
    tenant: { slug: 'demo', name: 'Demo Salon', timeZone: 'America/New_York', currency: 'USD' },
  });
  await withTenant(db.prisma, tenant.id, async (tx) => {
    await tx.tenant.update({
      where: { id: tenant.id },
      data: {
        description: 'A friendly neighbourhood salon. Book a cut, colour or trim online.',
        email: 'hello@demo.slotwise.dev',
        phone: '+1 212 555 0100',
        address: '12 Example Street, New York, NY',
        policiesText: 'Free cancellation up to 24 hours before your appointment. Later cancellations may forfeit the deposit.',
      },
    });
    const services = [];
    for (const [i, s] of SERVICES.entries()) {
      services.push(await tx.service.create({ data: { tenantId: tenant.id, currency: 'USD', sortOrder: i, ...s } }));
    }
    for (const [i, p] of STAFF.entries()) {
      const provider = await tx.provider.create({
        data: { tenantId: tenant.id, name: p.name, email: p.email, color: p.color, timeZone: 'America/New_York', sortOrder: i },
      });
      await tx.providerService.createMany({
        // Chen does not do colour: "any provider" then has a real choice to make.
        data: services.filter((s) => !(i === 2 && s.name === 'Colour')).map((s) => ({ tenantId: tenant.id, providerId: provider.id, serviceId: s.id })),
      });
      await tx.availabilityRule.createMany({
        data: [1, 2, 3, 4, 5, 6].map((weekday) => ({
          tenantId: tenant.id,
          providerId: provider.id,
          weekday,
          startTime: weekday === 6 ? '10:00' : '09:00',
          endTime: weekday === 6 ? '16:00' : '17:00',
        })),
      });
    }
  });
  return true;
}
