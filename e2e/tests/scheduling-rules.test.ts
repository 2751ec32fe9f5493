import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkFor, seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, launchBrowser, pageTracker } from '../support/browser';
import { localDate, visible } from '../support/flows';

/**
 * The service dialog's placement and limits: the owner switches a service to gap-filling starts
 * with a daily limit and a gap; the API then reports them and offers the start right after a
 * short booking. Limits the dialog does not show survive a save.
 */
let app: TestApp;
let browser: Browser;
const tracker = pageTracker();
const zone = 'Europe/Paris';

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('scheduling rules in the admin app', () => {
  it('sets "Fill gaps", a daily limit and a gap; keeps limits set through the API', async () => {
    const biz = await seedBusiness(app, {
      timeZone: zone,
      service: { name: 'Massage', durationMinutes: 30 },
    });
    // A limit only the API sets: the dialog must not drop it.
    await biz.sdk.services.update({
      params: { id: biz.service.id },
      body: { limits: { minutesPerWeek: 900 } },
    });
    const ctx = await browser.newContext({ ...DESKTOP, timezoneId: zone });
    const page = await tracker.open(ctx, `${app.baseUrl}/admin/services`);
    await page.getByLabel('Email').fill(biz.session.user.email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: /log in|sign in/i }).click();
    await page.getByRole('button', { name: 'Edit Massage' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Massage' });
    await dialog.getByText('Scheduling rules').click();
    await dialog.getByLabel('Start times', { exact: true }).selectOption('fill');
    await dialog.getByLabel('Max bookings per day').fill('5');
    await dialog.getByLabel('Gap between bookings (min)').fill('10');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await visible(page.getByText('Saved “Massage”'));

    const saved = await biz.sdk.services.get({ params: { id: biz.service.id } });
    expect(saved.slotPlacement).toBe('fill');
    expect(saved.limits).toEqual({ bookingsPerDay: 5, minGapMinutes: 10, minutesPerWeek: 900 });

    // Gap-filling in effect: after a 30-minute booking at 09:00 and the 10-minute gap, 09:40.
    const day = localDate(new Date(Date.now() + 3 * 86_400_000).toISOString(), zone);
    const pub = sdkFor(app).public;
    const before = await pub.availability.get({
      params: { slug: biz.slug },
      query: { serviceId: biz.service.id, from: day, to: day },
    });
    const nine = before.days[0]!.slots.find((s) => s.localTime === '09:00')!;
    await pub.bookings.create({
      params: { slug: biz.slug },
      body: {
        serviceId: biz.service.id,
        start: nine.start,
        customer: { name: 'Ana Lima', email: 'ana@example.com' },
        timeZone: zone,
      },
    });
    const after = await pub.availability.get({
      params: { slug: biz.slug },
      query: { serviceId: biz.service.id, from: day, to: day },
    });
    expect(after.days[0]!.slots.map((s) => s.localTime).slice(0, 3)).toEqual([
      '09:40',
      '10:00',
      '10:30',
    ]);

    // The provider's own limits: the staff dialog sets a daily cap and keeps the rest.
    await biz.sdk.providers.update({
      params: { id: biz.provider.id },
      body: { limits: { startOffsetMinutes: 5 } },
    });
    await page.goto(`${app.baseUrl}/admin/staff/${biz.provider.id}`);
    await page.getByRole('button', { name: 'Edit profile' }).click();
    const staff = page.getByRole('dialog', { name: 'Edit Pat Provider' });
    await staff.getByText('Booking limits').click();
    await staff.getByLabel('Max bookings per day').fill('2');
    await staff.getByRole('button', { name: 'Save', exact: true }).click();
    await visible(page.getByText('Saved Pat Provider'));
    const pro = await biz.sdk.providers.get({ params: { id: biz.provider.id } });
    expect(pro.limits).toEqual({ bookingsPerDay: 2, startOffsetMinutes: 5 });
    await ctx.close();
  });
});
