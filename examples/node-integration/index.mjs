/* global process, console */
// A server-side integration with the Slotwise API: list the catalogue, find a free slot, book it for a
// customer and list what is booked. Run: SLOTWISE_API_KEY=sk_test_… node index.mjs
import { isConflictError, isSlotwiseError, Slotwise } from '@slotwise/sdk';

const baseUrl = process.env.SLOTWISE_URL ?? 'http://localhost:3000';
const apiKey = process.env.SLOTWISE_API_KEY;
const customer = {
  name: process.env.CUSTOMER_NAME ?? 'Example Customer',
  email: process.env.CUSTOMER_EMAIL ?? 'customer@example.com',
};
if (!apiKey) {
  console.error(
    'Set SLOTWISE_API_KEY to an API key with the read and write scopes (admin → API keys).',
  );
  process.exit(1);
}

const sdk = new Slotwise({ baseUrl, apiKey, userAgent: 'node-integration-example/0.1.0' });
const isoDate = (d) => d.toISOString().slice(0, 10);
const money = (cents, currency) => `${(cents / 100).toFixed(2)} ${currency}`;

async function main() {
  // Who the key belongs to: the business, whose slug the public routes take.
  const { tenant } = await sdk.auth.me();
  console.log(`Business: ${tenant.name} (${tenant.slug}, ${tenant.timeZone})`);

  // 1. The catalogue. `for await` follows the cursor across pages.
  const services = [];
  for await (const service of sdk.services.list({ query: { limit: 100 } })) {
    if (service.active && service.providerIds.length > 0) services.push(service);
  }
  if (services.length === 0)
    throw new Error('No active service with a provider yet: create one in the admin first.');
  for (const s of services)
    console.log(
      `Service: ${s.name} (${s.durationMinutes} min, ${money(s.priceCents, s.currency)})`,
    );
  const service = services[0];

  // 2. Availability over the next two weeks, in the business's zone.
  const from = new Date();
  const to = new Date(from.getTime() + 13 * 86_400_000);
  const availability = await sdk.public.availability.get({
    params: { slug: tenant.slug },
    query: { serviceId: service.id, from: isoDate(from), to: isoDate(to) },
  });
  const slots = availability.days.flatMap((day) =>
    day.slots.map((slot) => ({ ...slot, date: day.date })),
  );
  console.log(
    `Free slots for ${service.name}: ${slots.length} between ${isoDate(from)} and ${isoDate(to)}`,
  );
  if (slots.length === 0)
    throw new Error('No free slot in the next two weeks: add working hours to a provider.');

  // 3. Book the first slot on the customer's behalf. Someone may take it first: then 409
  // slot_unavailable, and we try the next one. The SDK sends an Idempotency-Key, so a retry after a
  // network error can never book twice.
  let booking;
  for (const slot of slots.slice(0, 5)) {
    try {
      booking = await sdk.bookings.create({
        body: {
          serviceId: service.id,
          start: slot.start,
          customer,
          notes: 'Booked by the node-integration example',
        },
      });
      console.log(
        `Booked ${booking.code} (${booking.status}): ${slot.date} ${slot.localTime} ${availability.timeZone}, ${booking.service.name} with ${booking.provider.name}`,
      );
      console.log(`Manage link for the customer: ${booking.manageUrl}`);
      break;
    } catch (err) {
      if (isConflictError(err) && err.code === 'slot_unavailable') continue;
      throw err;
    }
  }
  if (!booking) throw new Error('Every slot tried was taken meanwhile; run again.');

  // 4. What is booked from today on, newest first.
  const upcoming = [];
  for await (const b of sdk.bookings.list({
    query: { from: isoDate(from), status: ['pending', 'confirmed'] },
  }))
    upcoming.push(b);
  console.log(`Upcoming bookings: ${upcoming.length}`);
  for (const b of upcoming)
    console.log(`- ${b.code} ${b.start} ${b.service.name} for ${b.customer.name} (${b.status})`);
}

main().catch((err) => {
  // Typed errors carry the API's stable code and the request id to quote to support.
  if (isSlotwiseError(err))
    console.error(
      `Slotwise error ${err.status} ${err.code}: ${err.message} (request ${err.requestId ?? 'n/a'})`,
    );
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
