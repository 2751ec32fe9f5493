import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkFor, seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, expectAccessible, launchBrowser, pageTracker } from '../support/browser';
import { localDate, timeButtons, visible, wallTime } from '../support/flows';

/**
 * The business's default working hours (docs/guides/working-hours.md): the owner sets them in
 * Settings, adds a staff member, and the new person starts with exactly those hours; the booking
 * app offers times within them and nowhere else.
 */
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
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

/** The next Tuesday at least two days ahead, as a date in the business zone. */
function nextTuesday(): string {
  for (let d = 2; d < 10; d++) {
    const date = localDate(new Date(Date.now() + d * 86_400_000).toISOString(), zone);
    if (new Date(`${date}T12:00:00Z`).getUTCDay() === 2) return date;
  }
  throw new Error('no Tuesday within 10 days');
}

describe('default working hours', () => {
  let noraId = '';

  it('the owner sets the default week in Settings', async () => {
    const ctx = await browser.newContext({ ...DESKTOP, timezoneId: zone });
    page = await tracker.open(ctx, `${app.baseUrl}/admin/settings`);
    await page.getByLabel('Email').fill(biz.session.user.email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    const card = page.getByRole('region', { name: 'Default working hours' });
    await visible(card);
    // A new business starts with Monday–Friday, 09:00–17:00.
    await expect
      .poll(() => card.getByLabel('Monday interval 1 start').inputValue(), { timeout: 15_000 })
      .toBe('09:00');
    expect(await card.getByRole('checkbox', { name: 'Saturday' }).isChecked()).toBe(false);
    await card.getByLabel('Monday interval 1 start').fill('10:00');
    await card.getByLabel('Monday interval 1 end').fill('12:00');
    await card.getByRole('button', { name: 'Copy Monday to weekdays' }).click();
    await card.getByRole('button', { name: 'Save hours' }).click();
    await visible(page.getByText('Default working hours saved'));
    await expectAccessible(page, 'settings with default hours');

    const tenant = await biz.sdk.tenant.get();
    expect(tenant.settings.defaultWeeklyHours).toEqual(
      [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '10:00', endTime: '12:00' })),
    );
  });

  it('a staff member added afterwards starts with those hours', async () => {
    await nav('Staff & hours');
    await page.getByRole('button', { name: 'Add staff member' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Nora New');
    await dialog.getByRole('checkbox', { name: 'Consultation' }).check();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await visible(page.getByText('Added Nora New with the business’s default hours'));
    await page.waitForURL(/\/admin\/staff\/[0-9a-f-]{36}$/);
    noraId = page.url().split('/').at(-1)!;

    await expect
      .poll(() => page.getByLabel('Tuesday interval 1 start').inputValue(), { timeout: 15_000 })
      .toBe('10:00');
    expect(await page.getByLabel('Friday interval 1 end').inputValue()).toBe('12:00');
    expect(await page.getByRole('checkbox', { name: 'Saturday' }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'Sunday' }).isChecked()).toBe(false);

    const hours = await biz.sdk.schedules.getHours({ params: { id: noraId } });
    expect(
      hours.intervals.map(({ weekday, startTime, endTime }) => ({ weekday, startTime, endTime })),
    ).toEqual(
      [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '10:00', endTime: '12:00' })),
    );
    // The staff member created earlier (from the API, with its own week) kept it.
    const pat = await biz.sdk.schedules.getHours({ params: { id: biz.provider.id } });
    expect(pat.intervals).toHaveLength(7);
  });

  it('the booking app offers the new staff member only within those hours', async () => {
    const day = nextTuesday();
    const free = await sdkFor(app).public.availability.get({
      params: { slug: biz.slug },
      query: { serviceId: biz.service.id, providerId: noraId, from: day, to: day, timezone: zone },
    });
    expect(free.days[0]!.slots.map((s) => wallTime(s.start, zone))).toEqual([
      '10:00 AM',
      '11:00 AM',
    ]);

    const ctx = await browser.newContext({ ...DESKTOP, timezoneId: zone, locale: 'en-GB' });
    const booking = await tracker.open(
      ctx,
      `${app.baseUrl}/book/${biz.slug}?service=${biz.service.id}&provider=${noraId}&date=${day}&tz=${encodeURIComponent(zone)}`,
    );
    await expect
      .poll(() => booking.locator('dl.summary').textContent(), { timeout: 15_000 })
      .toContain('Nora New');
    await visible(timeButtons(booking));
    const shown = (await timeButtons(booking).allTextContents()).map((t) => t.trim());
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatch(/^10[:.]00/);
    expect(shown[1]).toMatch(/^11[:.]00/);
    await ctx.close();
  });
});
