import { adminCreateBookingBodySchema, createServiceSchema } from '@slotwise/contracts';
import type { Principal } from '../app/principal';
import type { Services } from '../app/services';

const CUSTOMERS = [
  ['Ana Lima', 'ana.lima@example.com'],
  ['Ben Carter', 'ben.carter@example.com'],
  ['Chloé Martin', 'chloe.martin@example.com'],
  ['Diego Ruiz', 'diego.ruiz@example.com'],
  ['Emma Novak', 'emma.novak@example.com'],
  ['Farah Khan', 'farah.khan@example.com'],
  ['Gus Olsen', 'gus.olsen@example.com'],
  ['Hana Sato', 'hana.sato@example.com'],
  ['Ivan Petrov', 'ivan.petrov@example.com'],
  ['Julia Rossi', 'julia.rossi@example.com'],
  ['Kofi Mensah', 'kofi.mensah@example.com'],
  ['Lea Fischer', 'lea.fischer@example.com'],
] as const;

const DAY = 86_400_000;
/** A remainder that is never negative (days before today count down). */
const mod = (a: number, m: number) => ((a % m) + m) % m;

/**
 * Several weeks of history and bookings ahead, so the calendar, lists and reports of the demo
 * show something: four weeks back (mostly completed, some no-shows and cancellations) and three
 * weeks ahead, plus a weekly class with several seats taken. Deterministic (no randomness), and
 * through the same use cases as the admin API, as the owner.
 */
export async function seedDemoBookings(
  services: Services,
  owner: Principal,
  catalogue: { services: { id: string; name: string }[]; providerIds: string[] },
  now: Date,
) {
  const klass = await services.serviceCatalogue.create(
    owner,
    createServiceSchema.parse({
      name: 'Styling workshop',
      category: 'Classes',
      durationMinutes: 60,
      priceCents: 2500,
      capacity: 6,
      description: 'A small group learns to style at home. Six seats.',
      sortOrder: 10,
      providerIds: [catalogue.providerIds[0]],
    }),
  );
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let n = 0;
  for (let d = -28; d <= 21; d++) {
    const date = new Date(today + d * DAY);
    if (date.getUTCDay() === 0) continue; // closed on Sundays
    // 15:00–20:00 UTC is within New York opening hours all year.
    for (const [i, providerId] of catalogue.providerIds.entries()) {
      if (mod(d + i, 3) === 0) continue; // not every slot is taken
      const service = catalogue.services[mod(d * 7 + i, catalogue.services.length)]!;
      const start = new Date(date.getTime() + (15 + mod(d + i * 2, 5)) * 3_600_000);
      const [name, email] = CUSTOMERS[n++ % CUSTOMERS.length]!;
      const past = start.getTime() < now.getTime();
      let b;
      try {
        b = await services.bookings.createAdmin(
          owner,
          adminCreateBookingBodySchema.parse({
            serviceId: service.id,
            providerId: providerId,
            start: start.toISOString(),
            customer: { name, email },
            overrideAvailability: true,
            recordPast: past,
          }),
        );
      } catch {
        continue; // a service this provider does not offer, or an overlap: skip the slot
      }
      if (!past) continue;
      const id = b.booking.id;
      if (n % 11 === 0) await services.bookings.act(owner, id, 'cancel', 'Customer was ill');
      else if (n % 9 === 0) await services.bookings.act(owner, id, 'mark_no_show');
      else await services.bookings.act(owner, id, 'complete');
    }
    // The weekly class, Saturdays at 14:00 UTC (10:00 in New York), with a few seats taken.
    if (date.getUTCDay() === 6) {
      const start = new Date(date.getTime() + 14 * 3_600_000);
      for (let seat = 0; seat < 3 + (d & 1); seat++) {
        const [name, email] = CUSTOMERS[(n + seat * 5) % CUSTOMERS.length]!;
        try {
          await services.bookings.createAdmin(
            owner,
            adminCreateBookingBodySchema.parse({
              serviceId: klass.id,
              providerId: catalogue.providerIds[0],
              start: start.toISOString(),
              customer: { name, email },
              overrideAvailability: true,
              recordPast: start.getTime() < now.getTime(),
            }),
          );
        } catch {
          break;
        }
      }
    }
  }
}
