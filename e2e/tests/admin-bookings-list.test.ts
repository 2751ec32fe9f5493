import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, expectAccessible, launchBrowser, MOBILE, pageTracker } from '../support/browser';
import { visible } from '../support/flows';

/** Issue 18 point 4: the admin bookings list sorted by appointment, searchable, cards on phones. */
let app: TestApp;
let browser: Browser;
let biz: Awaited<ReturnType<typeof seedBusiness>>;
const codes: Record<string, string> = {};
const tracker = pageTracker();
const zone = 'Europe/London';
const DAY = 86_400_000;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  biz = await seedBusiness(app, { timeZone: zone });
  // Booked in one order, taking place in another (days 5, 2, 9 from now, at 10:00 UTC).
  const at = (days: number) => {
    const d = new Date(Date.now() + days * DAY);
    d.setUTCHours(10, 0, 0, 0);
    return d.toISOString();
  };
  const people = [
    { days: 5, name: 'Zoë Ramos', email: 'zoe@example.com', phone: '+44 20 7946 0001' },
    { days: 2, name: 'Ana Lima', email: 'ana@example.org', phone: '+1 212 555 0100' },
    { days: 9, name: 'Bruno Díaz', email: 'bruno@example.net' },
  ];
  for (const p of people) {
    const b = await biz.sdk.bookings.create({
      body: {
        serviceId: biz.service.id,
        start: at(p.days),
        customer: { name: p.name, email: p.email, ...(p.phone ? { phone: p.phone } : {}) },
        overrideAvailability: true,
      },
    });
    codes[p.name] = b.code;
  }
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function login(page: Page) {
  await page.getByLabel('Email').fill(biz.session.user.email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Log in' }).click();
  await visible(page.getByRole('heading', { name: 'Bookings' }));
}
const customersInTable = (page: Page) =>
  page
    .locator('table tbody tr td:nth-child(2)')
    .evaluateAll((tds) => tds.map((td) => td.childNodes[0]?.textContent ?? ''));

describe('admin bookings list', () => {
  it('opens on upcoming bookings in appointment order, sorts either way and searches', async () => {
    const ctx = await browser.newContext({ ...DESKTOP, timezoneId: zone });
    const page = await tracker.open(ctx, `${app.baseUrl}/admin/bookings`);
    await login(page);
    await expect
      .poll(() => customersInTable(page))
      .toEqual(['Ana Lima', 'Zoë Ramos', 'Bruno Díaz']);
    await expectAccessible(page, 'bookings list');

    await page.getByLabel('Sort by').selectOption('-start');
    await expect
      .poll(() => customersInTable(page))
      .toEqual(['Bruno Díaz', 'Zoë Ramos', 'Ana Lima']);
    await page.getByLabel('Sort by').selectOption('-created');
    await expect
      .poll(() => customersInTable(page))
      .toEqual(['Bruno Díaz', 'Ana Lima', 'Zoë Ramos']);

    const search = page.getByRole('searchbox', { name: 'Search' });
    for (const [typed, who] of [
      ['lima', 'Ana Lima'],
      ['example.net', 'Bruno Díaz'],
      ['7946 0001', 'Zoë Ramos'],
      [codes['Bruno Díaz']!.toLowerCase(), 'Bruno Díaz'],
    ] as const) {
      await search.fill(typed);
      await expect.poll(() => customersInTable(page)).toEqual([who]);
    }
    await search.fill('nobody at all');
    await visible(page.getByText('No bookings match'));
    await ctx.close();
  });

  it('shows cards instead of the wide table on a phone', async () => {
    const ctx = await browser.newContext({ ...MOBILE, timezoneId: zone });
    const page = await tracker.open(ctx, `${app.baseUrl}/admin/bookings`);
    await login(page);
    const cards = page.getByRole('list', { name: 'Bookings' }).getByRole('listitem');
    await expect.poll(() => cards.count()).toBe(3);
    expect(await page.locator('table').count()).toBe(0);
    expect(await cards.first().textContent()).toContain('Ana Lima');
    // Nothing wider than the screen.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await expectAccessible(page, 'bookings as cards on a phone');
    await cards.first().getByRole('button').first().click();
    await visible(page.getByRole('dialog'));
    await ctx.close();
  });
});
