/**
 * Screenshots of the key screens at phone and desktop widths, for a human to review:
 *   npx tsx scripts/screenshots.ts   →   e2e/screenshots/review/*.png
 * Uses the same in-process API and fresh database as the browser tests.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { setupTestDatabases as serverSetup } from '@slotwise/server/test-support';
import { sdkFor, startApp } from '../support/app';
import { DESKTOP, launchBrowser, MOBILE } from '../support/browser';
import { localDate } from '../support/flows';
import { paths } from '../support/paths';

const out = join(paths.screenshots, 'review');
mkdirSync(out, { recursive: true });
await serverSetup();
const app = await startApp();
const zone = 'America/New_York';
const pub = sdkFor(app);
const session = await pub.auth.signup({
  body: {
    email: 'dana@example.com',
    password: 'correct horse battery',
    name: 'Dana Owner',
    businessName: 'Maple Hair Studio',
    timeZone: zone,
    currency: 'USD',
  },
});
const sdk = sdkFor(app, session.tokens.accessToken);
await sdk.tenant.update({
  body: {
    description: 'A friendly neighbourhood salon in Brooklyn. Cuts, colour and grooming.',
    brandColor: '#0f766e',
    address: '12 Maple Street, Brooklyn',
    phone: '+1 718 555 0100',
    settings: { cancellationPolicy: { lateCancellationFeePercent: 50 } },
  },
});
const svc = async (b: Parameters<typeof sdk.services.create>[0]['body']) =>
  sdk.services.create({ body: b });
const haircut = await svc({
  name: 'Haircut',
  durationMinutes: 45,
  priceCents: 4000,
  category: 'Hair',
  description: 'Wash, cut and style.',
});
const colour = await svc({
  name: 'Colour',
  durationMinutes: 90,
  priceCents: 9500,
  category: 'Hair',
  description: 'Full colour with toner.',
  deposit: { type: 'percent', value: 20 },
});
const beard = await svc({
  name: 'Beard trim',
  durationMinutes: 20,
  priceCents: 2000,
  category: 'Grooming',
  requiresApproval: true,
});
const staff = [];
for (const [name, color] of [
  ['Alice Martin', '#e11d48'],
  ['Bruno Silva', '#2563eb'],
  ['Chen Wei', '#16a34a'],
] as const) {
  const p = await sdk.providers.create({
    body: { name, color, serviceIds: [haircut.id, colour.id, beard.id], bio: 'Senior stylist' },
  });
  await sdk.schedules.putHours({
    params: { id: p.id },
    body: {
      intervals: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        startTime: '09:00',
        endTime: '18:00',
      })),
    },
  });
  staff.push(p);
}
const people = [
  'Ana Díaz',
  'Ben Okafor',
  'Chloé Martin',
  'Dev Patel',
  'Eva Novak',
  'Finn Murphy',
  'Gia Rossi',
  'Hiro Tanaka',
  'Ines Costa',
  'Jon Berg',
];
let n = 0;
for (let d = 0; d < 6; d++) {
  const day = localDate(new Date(Date.now() + d * 86_400_000).toISOString(), zone);
  for (const s of [haircut, colour, beard]) {
    const av = await pub.public.availability.get({
      params: { slug: session.tenant.slug },
      query: { serviceId: s.id, from: day, to: day, timezone: zone },
    });
    const slots = av.days[0]?.slots ?? [];
    for (const slot of [slots[1], slots[Math.floor(slots.length / 2)]].filter(Boolean)) {
      const who = people[n++ % people.length]!;
      await pub.public.bookings
        .create({
          params: { slug: session.tenant.slug },
          body: {
            serviceId: s.id,
            start: slot!.start,
            customer: { name: who, email: `${who.split(' ')[0]!.toLowerCase()}@example.com` },
            timeZone: n % 3 ? zone : 'Europe/Paris',
          },
        })
        .catch(() => undefined);
    }
  }
}
const first = (await sdk.bookings.list({ query: { status: 'confirmed', limit: 3 } })).items;
if (first[0]) await sdk.bookings.complete({ params: { id: first[0].id }, body: {} });
if (first[1])
  await sdk.bookings.cancel({ params: { id: first[1].id }, body: { reason: 'Feeling unwell' } });
const created = await pub.public.bookings.create({
  params: { slug: session.tenant.slug },
  body: {
    serviceId: colour.id,
    start: (
      await pub.public.availability.get({
        params: { slug: session.tenant.slug },
        query: {
          serviceId: colour.id,
          from: localDate(new Date(Date.now() + 9 * 86_400_000).toISOString(), zone),
          to: localDate(new Date(Date.now() + 9 * 86_400_000).toISOString(), zone),
          timezone: zone,
        },
      })
    ).days[0]!.slots[0]!.start,
    customer: { name: 'Kenji Sato', email: 'kenji@example.com' },
    timeZone: 'Asia/Tokyo',
  },
});

const browser = await launchBrowser();
async function shoot(
  name: string,
  opts: BrowserContextOptions & { timezoneId?: string; locale?: string },
  url: string,
  act?: (p: Page) => Promise<void>,
  login = false,
) {
  const ctx = await browser.newContext({ timezoneId: zone, locale: 'en-US', ...opts });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log(`[${name}] pageerror`, e.message));
  if (login) {
    await page.goto(`${app.baseUrl}/admin/login`);
    await page.getByLabel('Email').fill('dana@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: /Hello/ }).waitFor();
  }
  const settled = () =>
    page
      .waitForFunction(() => !document.querySelector('.state--loading'), null, { timeout: 15_000 })
      .catch(() => console.log(`[${name}] still loading`));
  await page.goto(`${app.baseUrl}${url}`);
  await page.waitForLoadState('networkidle');
  await settled();
  if (act) await act(page);
  await settled();
  await page.waitForTimeout(400);
  // Phones: what fits the screen (a full page of a long list is unreadable at review size).
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: !opts.isMobile });
  await ctx.close();
}
const slug = session.tenant.slug;
const toTime = async (p: Page) => {
  await p.getByRole('button', { name: /Haircut/ }).click();
  await p.getByRole('button', { name: /Anyone available/ }).click();
  await p
    .getByRole('list', { name: /available times on/i })
    .getByRole('button')
    .first()
    .waitFor();
};
for (const [w, o] of [
  ['mobile', MOBILE],
  ['desktop', DESKTOP],
] as const) {
  await shoot(`book-1-services-${w}`, { ...o, timezoneId: 'Asia/Kolkata' }, `/book/${slug}`);
  await shoot(`book-2-provider-${w}`, o, `/book/${slug}`, (p) =>
    p.getByRole('button', { name: /Haircut/ }).click(),
  );
  await shoot(`book-3-time-${w}`, { ...o, timezoneId: 'Asia/Kolkata' }, `/book/${slug}`, toTime);
  await shoot(`book-4-details-${w}`, o, `/book/${slug}`, async (p) => {
    await toTime(p);
    await p
      .getByRole('list', { name: /available times on/i })
      .getByRole('button')
      .first()
      .click();
    await p.getByRole('button', { name: 'Confirm booking' }).click();
  });
  await shoot(
    `book-6-confirmation-${w}`,
    { ...o, timezoneId: 'Europe/Madrid', locale: 'es-ES' },
    `/book/${slug}`,
    async (p) => {
      await p.getByRole('button', { name: /Colour/ }).click();
      await p.getByRole('button', { name: /Cualquier persona/ }).click();
      await p
        .getByRole('list', { name: /horas disponibles/i })
        .getByRole('button')
        .last()
        .click();
      await p.getByRole('textbox', { name: /nombre completo/i }).fill('Lucía Pérez');
      await p.getByRole('textbox', { name: /correo/i }).fill(`lucia-${w}@example.com`);
      await p.getByRole('button', { name: 'Confirmar reserva' }).click();
      await p.getByTestId('confirmation-code').waitFor();
    },
  );
  await shoot(
    `book-5-fr-time-${w}`,
    { ...o, locale: 'fr-FR', timezoneId: 'Europe/Paris' },
    `/book/${slug}`,
    async (p) => {
      await p.getByRole('button', { name: /Haircut/ }).click();
      await p.getByRole('button', { name: /Peu importe/ }).click();
      await p
        .getByRole('list', { name: /créneaux du/i })
        .getByRole('button')
        .first()
        .waitFor();
    },
  );
  await shoot(
    `manage-1-view-${w}`,
    { ...o, timezoneId: 'Asia/Tokyo' },
    `/manage/${created.manageToken}`,
  );
  await shoot(
    `manage-2-cancel-${w}`,
    { ...o, timezoneId: 'Asia/Tokyo' },
    `/manage/${created.manageToken}`,
    (p) => p.getByRole('button', { name: 'Cancel booking' }).click(),
  );
  await shoot(
    `manage-3-reschedule-${w}`,
    { ...o, timezoneId: 'Asia/Tokyo' },
    `/manage/${created.manageToken}`,
    async (p) => {
      await p.getByRole('button', { name: 'Reschedule' }).click();
      await p
        .getByRole('list', { name: /available times on/i })
        .getByRole('button')
        .first()
        .waitFor();
    },
  );
  for (const page of [
    '',
    '/calendar',
    '/bookings',
    '/customers',
    '/services',
    '/staff',
    '/team',
    '/api-keys',
    '/reports',
    '/settings',
  ]) {
    await shoot(
      `admin${page.replace('/', '-') || '-dashboard'}-${w}`,
      o,
      `/admin${page}`,
      async (p) => {
        if (page === '/customers')
          await p
            .getByRole('link', { name: /Ana Díaz/ })
            .first()
            .click();
      },
      true,
    );
  }
}
await shoot('admin-login-mobile', MOBILE, '/admin/login');
await shoot('admin-signup-desktop', DESKTOP, '/admin/signup');
await shoot(
  'admin-service-dialog-desktop',
  DESKTOP,
  '/admin/services',
  (p) => p.getByRole('button', { name: 'Edit Colour' }).click(),
  true,
);
await shoot(
  'admin-booking-dialog-desktop',
  DESKTOP,
  '/admin/bookings',
  (p) => p.getByRole('table').getByRole('button').first().click(),
  true,
);
await browser.close();
await app.close();
console.log(`screenshots in ${out}`);
process.exit(0);
