import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkFor, seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, launchBrowser, pageTracker } from '../support/browser';
import { localDate, visible } from '../support/flows';

/** The admin screens beyond the journey: bookings table, customers, reports, API keys and team. */
let app: TestApp;
let browser: Browser;
let page: Page;
let biz: Awaited<ReturnType<typeof seedBusiness>>;
const tracker = pageTracker();
const zone = 'Europe/London';

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  biz = await seedBusiness(app, { timeZone: zone });
  const pub = sdkFor(app).public;
  const day = localDate(new Date(Date.now() + 2 * 86_400_000).toISOString(), zone);
  const slots = (
    await pub.availability.get({
      params: { slug: biz.slug },
      query: { serviceId: biz.service.id, from: day, to: day, timezone: zone },
    })
  ).days[0]!.slots;
  for (const [i, name] of ['Ana Lima', 'Bo Chen', 'Cleo Ray'].entries()) {
    await pub.bookings.create({
      params: { slug: biz.slug },
      body: {
        serviceId: biz.service.id,
        start: slots[i]!.start,
        customer: { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com` },
        timeZone: zone,
      },
    });
  }
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

describe('admin app', () => {
  it('logs in and completes a booking from the bookings table', async () => {
    const ctx = await browser.newContext({ ...DESKTOP, timezoneId: zone, acceptDownloads: true });
    page = await tracker.open(ctx, `${app.baseUrl}/admin/bookings`);
    // Deep link: the login screen first, then straight on.
    await page.getByLabel('Email').fill(biz.session.user.email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await visible(page.getByRole('heading', { name: 'Bookings' }));
    await visible(page.getByRole('cell', { name: /Ana Lima/ }));
    await page.getByRole('button', { name: /^Complete Ana Lima/ }).click();
    await visible(page.getByText('Complete: Ana Lima'));
    await page.getByLabel('Status').selectOption('completed');
    await visible(page.getByRole('cell', { name: /Ana Lima/ }));
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
  });

  it('finds a customer, keeps a note, exports and erases their data', async () => {
    await nav('Customers');
    await page.getByLabel('Search customers').fill('bo');
    await page.getByRole('link', { name: /Bo Chen/ }).click();
    await visible(page.getByRole('heading', { name: 'Bo Chen' }));
    await page.getByLabel('Private notes about this customer').fill('Prefers mornings');
    await page.getByRole('button', { name: 'Save notes' }).click();
    await visible(page.getByText('Customer saved'));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export data' }).click(),
    ]);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(exported.customer.email).toBe('bo@example.com');
    expect(exported.customer.notes).toBe('Prefers mornings');
    expect(exported.bookings).toHaveLength(1);

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Erase' }).click();
    await visible(page.getByText('Personal data erased'));
    await page.getByLabel('Search customers').fill('');
    await visible(page.getByRole('link', { name: /Cleo Ray/ }));
    expect(await page.getByRole('link', { name: /Bo Chen/ }).count()).toBe(0);
  });

  it('shows reports as SVG charts and exports the bookings as CSV', async () => {
    await nav('Reports');
    await page
      .getByLabel('To')
      .fill(localDate(new Date(Date.now() + 7 * 86_400_000).toISOString(), zone));
    await visible(page.getByRole('img', { name: /Bookings by status: .*Completed 1/ }));
    for (const chart of [
      'Bookings per day',
      'No-show rate',
      'Revenue by service',
      'Utilisation of working hours',
      'Bookings by weekday and hour',
    ]) {
      await visible(page.getByRole('img', { name: new RegExp(`^${chart}:`) }));
    }
    expect(await page.locator('figure svg').count()).toBeGreaterThanOrEqual(5);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^booking_id,confirmation_code,status/);
    expect(lines).toHaveLength(4);
  });

  it('creates an API key whose secret is shown once, then revokes it', async () => {
    await nav('API keys');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page
      .getByRole('dialog', { name: 'Create an API key' })
      .getByLabel('Name')
      .fill('Website');
    await page.getByRole('dialog').getByRole('button', { name: 'Create key' }).click();
    const secret = (await (
      await visible(page.getByTestId('api-key-secret'))
    ).textContent())!.trim();
    expect(secret).toMatch(/^sk_test_/);
    // The key works against the real API.
    const me = await sdkFor(app)
      .auth.me({})
      .catch((e) => e);
    expect(me.status).toBe(401);
    expect(
      (
        await new (await import('../../packages/sdk/src/index')).Slotwise({
          baseUrl: app.baseUrl,
          apiKey: secret,
        }).services.list()
      ).items,
    ).toHaveLength(1);

    await page.getByRole('button', { name: 'I have saved it' }).click();
    expect(await page.getByTestId('api-key-secret').count()).toBe(0);
    await page.reload();
    await visible(page.getByRole('cell', { name: 'Website' }));
    expect(await page.getByText(secret).count()).toBe(0);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revoke' }).click();
    await visible(page.getByText('Revoked', { exact: true }));
  });

  it('adds a team member with a role', async () => {
    await nav('Team');
    await page.getByRole('button', { name: 'Add member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a team member' });
    await dialog.getByLabel('Name').fill('Sam Staff');
    await dialog.getByLabel('Email').fill('sam.staff@example.com');
    await dialog.getByLabel('Role').selectOption('staff');
    await dialog.getByLabel('Initial password').fill('another long password');
    await dialog.getByRole('button', { name: 'Add member' }).click();
    await visible(page.getByText('Sam Staff added as staff'));
    await expect.poll(() => page.getByLabel('Role of Sam Staff').inputValue()).toBe('staff');
  });
});
