import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, expectAccessible, launchBrowser, pageTracker } from '../support/browser';
import { confirmationCode, fillDetails, firstFreeTime, visible } from '../support/flows';

/** Issue 20 point 4: a business with several sites; the customer picks a location, then books. */
let app: TestApp;
let browser: Browser;
let biz: Awaited<ReturnType<typeof seedBusiness>>;
let north: { id: string };
let south: { id: string };
let sam: { id: string };
const tracker = pageTracker();

const address = (line1: string, city: string) => ({
  line1,
  line2: '',
  city,
  region: '',
  postalCode: 'BA1 1AA',
  country: 'GB',
});

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  biz = await seedBusiness(app, { timeZone: 'Europe/London' });
  north = await biz.sdk.locations.create({
    body: { name: 'North Studio', address: address('1 Hill Road', 'Bath'), sortOrder: 1 },
  });
  south = await biz.sdk.locations.create({
    body: { name: 'South Harbour', address: address('9 Quay Street', 'Bristol'), sortOrder: 2 },
  });
  // Pat (the seeded provider, Consultation) works North; Sam gives boat trips, South only.
  await biz.sdk.providers.update({
    params: { id: biz.provider.id },
    body: { locationId: north.id },
  });
  const boat = await biz.sdk.services.create({
    body: { name: 'Boat trip', durationMinutes: 60, priceCents: 3000, locationIds: [south.id] },
  });
  sam = await biz.sdk.providers.create({
    body: { name: 'Sam Sailor', locationId: south.id, serviceIds: [boat.id] },
  });
  await biz.sdk.schedules.putHours({
    params: { id: sam.id },
    body: {
      intervals: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        startTime: '10:00',
        endTime: '16:00',
      })),
    },
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const heading = (page: Page, name: string) =>
  visible(page.getByRole('heading', { level: 2, name }));
const param = (page: Page, k: string) => new URL(page.url()).searchParams.get(k);

describe('booking at a location', () => {
  it('the customer picks a location (address shown, kept in the URL), then books there', async () => {
    const ctx = await browser.newContext(DESKTOP);
    const page = await tracker.open(ctx, `${app.baseUrl}/book/${biz.slug}`);
    await heading(page, 'Choose a location');
    await visible(page.getByText('9 Quay Street, BA1 1AA Bristol, GB'));
    await expectAccessible(page, 'location step');

    await page.getByRole('button', { name: /South Harbour/ }).click();
    await heading(page, 'Choose a service');
    expect(param(page, 'location')).toBe(south.id);
    // Only what South offers: the boat trip, not North's consultation.
    await visible(page.getByRole('button', { name: /Boat trip/ }));
    expect(await page.getByRole('button', { name: /Consultation/ }).count()).toBe(0);

    // Back returns to the choice, Forward and a reload keep it.
    await page.goBack();
    await heading(page, 'Choose a location');
    await page.goForward();
    await heading(page, 'Choose a service');
    await page.reload();
    await heading(page, 'Choose a service');
    expect(param(page, 'location')).toBe(south.id);

    await page.getByRole('button', { name: /Boat trip/ }).click();
    await heading(page, 'Pick a day and time');
    await expect.poll(() => page.locator('dl.summary').textContent()).toContain('South Harbour');
    await (await firstFreeTime(page)).click();
    await fillDetails(page, { name: 'Marin Sea', email: 'marin@example.com' });
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    const code = await confirmationCode(page);
    await expect
      .poll(() => page.getByTestId('booked-where').textContent())
      .toContain('9 Quay Street');
    await expectAccessible(page, 'confirmation at a location');

    const list = await biz.sdk.bookings.list({ query: { code } });
    expect(list.items[0]!.provider.id).toBe(sam.id);
    await ctx.close();
  });
});
