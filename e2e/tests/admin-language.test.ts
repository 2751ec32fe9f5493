import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, expectAccessible, launchBrowser, pageTracker } from '../support/browser';
import { visible } from '../support/flows';

/** Issue 18 point 9: the owner switches the admin to Spanish; it stays Spanish after a reload. */
let app: TestApp;
let browser: Browser;
let biz: Awaited<ReturnType<typeof seedBusiness>>;
const tracker = pageTracker();
const zone = 'Europe/Madrid';

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  biz = await seedBusiness(app, { timeZone: zone });
  // Wednesday 10 March 2027, 11:00 in Madrid: a week wholly in March.
  await biz.sdk.bookings.create({
    body: {
      serviceId: biz.service.id,
      start: '2027-03-10T10:00:00.000Z',
      customer: { name: 'Lucía Gómez', email: 'lucia@example.com' },
      overrideAvailability: true,
    },
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('admin language', () => {
  it('switches to Español: nav, bookings and the calendar’s month in Spanish, kept on reload', async () => {
    const ctx = await browser.newContext({ ...DESKTOP, timezoneId: zone, locale: 'en-US' });
    const page = await tracker.open(ctx, `${app.baseUrl}/admin/bookings`);
    await page.getByLabel('Email').fill(biz.session.user.email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await visible(page.getByRole('heading', { name: 'Bookings', level: 1 }));

    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Español' });
    const nav = page.getByRole('navigation', { name: 'Principal' });
    await visible(nav.getByRole('link', { name: 'Calendario' }));
    for (const name of ['Panel', 'Reservas', 'Clientes', 'Ajustes'])
      await visible(nav.getByRole('link', { name }));
    await visible(page.getByRole('heading', { name: 'Reservas', level: 1 }));
    const row = page.getByRole('row', { name: /Lucía Gómez/ });
    await visible(row);
    expect(await row.textContent()).toContain('Confirmada');
    expect(await row.textContent()).toContain('mié, 10 mar');
    await visible(page.getByRole('columnheader', { name: 'Cuándo' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await expectAccessible(page, 'bookings list in Spanish');

    await page.reload();
    await visible(page.getByRole('heading', { name: 'Reservas', level: 1 }));
    await visible(nav.getByRole('link', { name: 'Calendario' }));
    expect(await page.getByRole('combobox', { name: 'Idioma' }).inputValue()).toBe('es');

    await nav.getByRole('link', { name: 'Calendario' }).click();
    await visible(page.getByRole('heading', { name: 'Calendario', level: 1 }));
    await page.getByLabel('Ir a la fecha').fill('2027-03-10');
    const month = page.getByTestId('calendar-month');
    await expect.poll(() => month.textContent()).toBe('marzo de 2027');
    await visible(
      page.getByRole('button', {
        name: /^11:00 Lucía Gómez, Consultation con Pat Provider \(Confirmada\)$/,
      }),
    );
    await expectAccessible(page, 'calendar in Spanish');
    await ctx.close();
  });
});
