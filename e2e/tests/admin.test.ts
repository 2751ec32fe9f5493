import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkFor, seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, expectAccessible, launchBrowser, pageTracker } from '../support/browser';
import { localDate, normalize, visible, wallTime } from '../support/flows';

/**
 * The admin screens beyond the journey: bookings table, customers, reports, API keys, team,
 * staff booking on a customer's behalf, and the booking form's questions.
 */
let app: TestApp;
let browser: Browser;
let page: Page;
let biz: Awaited<ReturnType<typeof seedBusiness>>;
const tracker = pageTracker();
let anaStart: string;
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
  // Ana's visit started half an hour ago (recorded by staff): the one that can be completed.
  anaStart = new Date(Date.now() - 30 * 60_000).toISOString();
  await biz.sdk.bookings.create({
    body: {
      serviceId: biz.service.id,
      start: anaStart,
      customer: { name: 'Ana Lima', email: 'ana@example.com' },
      recordPast: true,
    },
  });
  for (const [i, name] of ['Bo Chen', 'Cleo Ray'].entries()) {
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
    // The table starts at today; in the first half hour after midnight Ana's visit began yesterday.
    await page.getByLabel('From', { exact: true }).fill(localDate(anaStart, zone));
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
      'Booked value by service',
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
        await new (await import('@slotwise/sdk')).Slotwise({
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

  it('books a customer into the first free time from the bookings page', async () => {
    const day = localDate(new Date(Date.now() + 3 * 86_400_000).toISOString(), zone);
    const free = (
      await sdkFor(app).public.availability.get({
        params: { slug: biz.slug },
        query: { serviceId: biz.service.id, from: day, to: day, timezone: zone },
      })
    ).days[0]!.slots;
    await nav('Bookings');
    await page.getByRole('button', { name: 'New booking' }).click();
    const dialog = page.getByRole('dialog', { name: 'New booking' });
    await dialog.getByLabel('Date', { exact: true }).fill(day);
    const times = dialog.getByRole('group', { name: /^Free times on/ }).getByRole('button');
    await visible(times);
    expect(normalize(await times.first().textContent())).toBe(wallTime(free[0]!.start, zone));
    await expectAccessible(page, 'new booking');
    await times.first().click();
    await dialog.getByLabel('Name', { exact: true }).fill('Dana Walk-in');
    // Nothing is sent without a way to reach the customer.
    await dialog.getByRole('button', { name: 'Book', exact: true }).click();
    await visible(dialog.getByText('Give an email address or a phone number.'));
    await expectAccessible(page, 'new booking with errors');
    await dialog.getByLabel('Email', { exact: true }).fill('dana@example.com');
    await dialog.getByLabel('Staff notes (never shown to the customer)').fill('Booked by phone');
    await dialog.getByRole('button', { name: 'Book', exact: true }).click();

    const code = normalize(
      await (await visible(page.getByTestId('new-booking-code'))).textContent(),
    );
    expect(code).toMatch(/^[A-Z0-9]{6,12}$/);
    expect(await page.getByTestId('new-booking-manage-url').textContent()).toMatch(
      /\/manage\/[^/]+$/,
    );
    expect(await page.getByRole('dialog').count()).toBe(0);
    // The notice takes the focus, so it is announced and its Copy button is one Tab away.
    await expect
      .poll(() =>
        page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby') ?? ''),
      )
      .not.toBe('');
    expect(normalize(await page.evaluate(() => document.activeElement!.textContent))).toContain(
      code,
    );
    await expectAccessible(page, 'booking created');
    const row = page.getByRole('row').filter({ hasText: code });
    await visible(row.getByRole('cell', { name: /Dana Walk-in/ }));
    const [made] = (await biz.sdk.bookings.list({ query: { code } })).items;
    expect(made).toMatchObject({
      start: free[0]!.start,
      source: 'admin',
      staffNotes: 'Booked by phone',
      outsideAvailability: false,
      customer: { name: 'Dana Walk-in', email: 'dana@example.com' },
    });
    await page.getByRole('button', { name: 'Done' }).click();
  });

  it('books outside working hours, but never over another booking', async () => {
    const day = localDate(new Date(Date.now() + 3 * 86_400_000).toISOString(), zone);
    await page.getByRole('button', { name: 'New booking' }).click();
    const dialog = page.getByRole('dialog', { name: 'New booking' });
    await dialog.getByLabel('Date', { exact: true }).fill(day);
    await dialog.getByLabel('With').selectOption({ label: 'Pat Provider' });
    await dialog.getByLabel('Book outside availability').check();
    await visible(dialog.getByText(/never double-books/));
    // 09:00 is Dana's, booked in the previous test: refused.
    await dialog.getByLabel(`Time (${zone})`).fill('09:00');
    await dialog.getByLabel('Name', { exact: true }).fill('Eli Early');
    await dialog.getByLabel('Phone', { exact: true }).fill('+44 20 7946 0958');
    await dialog.getByRole('button', { name: 'Book', exact: true }).click();
    await visible(dialog.getByText('That time overlaps another booking; pick another.'));
    // 07:00 is before opening: allowed with the override.
    await dialog.getByLabel(`Time (${zone})`).fill('07:00');
    await dialog.getByRole('button', { name: 'Book', exact: true }).click();

    const notice = await visible(page.getByRole('region', { name: /^Booked Eli Early/ }));
    expect(await notice.textContent()).toMatch(/Outside working hours/);
    const code = normalize(await page.getByTestId('new-booking-code').textContent());
    await visible(
      page
        .getByRole('row')
        .filter({ hasText: code })
        .getByRole('cell', { name: /Eli Early/ }),
    );
    const [made] = (await biz.sdk.bookings.list({ query: { code } })).items;
    expect(made!.outsideAvailability).toBe(true);
    expect(localDate(made!.start, zone)).toBe(day);
    expect(wallTime(made!.start, zone)).toBe('7:00 AM');
  });

  it('starts a booking from the calendar on the day shown', async () => {
    const day = localDate(new Date(Date.now() + 3 * 86_400_000).toISOString(), zone);
    await nav('Calendar');
    await page.getByRole('button', { name: 'Day', exact: true }).click();
    await page.getByLabel('Go to date').fill(day);
    await visible(page.getByRole('button', { name: /Eli Early, Consultation/ }));
    const open = page.getByRole('button', { name: /^New booking on / });
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'New booking' });
    expect(await dialog.getByLabel('Date', { exact: true }).inputValue()).toBe(day);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => open.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  // Last: the required question it adds would be asked by the new-booking tests above.
  it('adds a required question to a service’s booking form, which customers are then asked', async () => {
    await nav('Booking form');
    await visible(page.getByRole('heading', { name: 'Booking form' }));
    await expectAccessible(page, 'booking form');
    await page.getByRole('button', { name: 'Add a question for Consultation' }).click();
    const dialog = page.getByRole('dialog', { name: 'New question' });
    await dialog.getByLabel('Question').fill('Preferred pressure');
    expect(await dialog.getByLabel('Key').inputValue()).toBe('preferred_pressure');
    await dialog.getByLabel('Type').selectOption({ label: 'Pick one' });
    await dialog.getByLabel('Option 1', { exact: true }).fill('Soft');
    await dialog.getByRole('button', { name: 'Add option' }).click();
    // The new row takes the focus, ready to type.
    await expect
      .poll(() =>
        dialog
          .getByLabel('Option 2', { exact: true })
          .evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
    await page.keyboard.type('Firm');
    await dialog.getByLabel('Required').check();
    expect(await dialog.getByLabel('Asked for').inputValue()).toBe(biz.service.id);
    await expectAccessible(page, 'new question');
    await dialog.getByRole('button', { name: 'Add question' }).click();

    const card = page.getByRole('region', { name: 'Consultation' });
    await visible(card.getByRole('row', { name: /Preferred pressure/ }));
    expect(await page.getByRole('dialog').count()).toBe(0);
    // The preview shows the form as customers see it.
    const preview = page.getByRole('region', { name: 'Preview' });
    await visible(preview.getByRole('combobox', { name: /Preferred pressure/ }));
    await expectAccessible(page, 'booking form with a question');

    const asked = await sdkFor(app).public.bookings.intakeFields({
      params: { slug: biz.slug, serviceId: biz.service.id },
    });
    expect(asked.items).toEqual([
      {
        key: 'preferred_pressure',
        label: 'Preferred pressure',
        type: 'select',
        required: true,
        options: ['Soft', 'Firm'],
      },
    ]);
  });
});
