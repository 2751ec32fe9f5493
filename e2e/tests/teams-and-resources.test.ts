import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkFor, seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, launchBrowser, pageTracker } from '../support/browser';
import { confirmationCode, fillDetails, firstFreeTime, localDate, visible } from '../support/flows';

/**
 * Teams and resources (docs/guides/teams-and-resources.md): the owner adds a second provider and
 * a room, makes the service collective with the room in the admin app; a customer books it in the
 * booking app; the booking holds both providers and the room, and the time is gone for both.
 */
let app: TestApp;
let browser: Browser;
const tracker = pageTracker();
const zone = 'Europe/Madrid';

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a collective service with a room', () => {
  it('the owner sets it up in the admin app and a customer books it', async () => {
    const biz = await seedBusiness(app, {
      timeZone: zone,
      service: { name: 'Couples massage', durationMinutes: 60 },
    });
    const second = await biz.sdk.providers.create({
      body: { name: 'Quinn Second', serviceIds: [biz.service.id] },
    });
    // Quinn works mornings only: the team can only meet then.
    await biz.sdk.schedules.putHours({
      params: { id: second.id },
      body: {
        intervals: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '09:00', endTime: '12:00' })),
      },
    });

    const admin = await browser.newContext({ ...DESKTOP, timezoneId: zone });
    const page = await tracker.open(admin, `${app.baseUrl}/admin/resources`);
    await page.getByLabel('Email').fill(biz.session.user.email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: /log in|sign in/i }).click();
    await visible(page.getByRole('heading', { name: 'Resources' }));
    await page.getByRole('button', { name: 'New resource' }).first().click();
    const create = page.getByRole('dialog', { name: 'New resource' });
    await create.getByLabel('Name').fill('Double room');
    await create.getByRole('button', { name: 'Create resource' }).click();
    await visible(page.getByText('Created “Double room”'));

    await page.getByRole('link', { name: 'Services' }).click();
    await page.getByRole('button', { name: 'Edit Couples massage' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Couples massage' });
    await dialog.getByText('Team and resources').click();
    await dialog.getByLabel('Who attends').selectOption('collective');
    await dialog.getByRole('group', { name: 'Resources needed' }).getByLabel('Double room').check();
    await dialog.getByRole('button', { name: 'Save team' }).click();
    await visible(page.getByText('Team saved'));
    const config = await biz.sdk.serviceParticipants.get({ params: { id: biz.service.id } });
    expect(config.mode).toBe('collective');
    expect(config.resourceIds).toHaveLength(1);
    await admin.close();

    // Only mornings are offered (both must be free), each listing both providers.
    const pub = sdkFor(app).public;
    const day = localDate(new Date(Date.now() + 2 * 86_400_000).toISOString(), zone);
    const offered = await pub.availability.get({
      params: { slug: biz.slug },
      query: { serviceId: biz.service.id, from: day, to: day, timezone: zone },
    });
    expect(offered.days[0]!.slots.map((s) => s.localTime)).toEqual(['09:00', '10:00', '11:00']);

    const customer = await browser.newContext({ ...DESKTOP, timezoneId: zone });
    const booking = await tracker.open(customer, `${app.baseUrl}/book/${biz.slug}`);
    await booking.getByRole('button', { name: /Couples massage/ }).click();
    // Every member attends: there is no "Who would you like?" step, and the summary names both
    // (in provider order: both have the same sort order, so by id).
    const both = /^(Pat Provider and Quinn Second|Quinn Second and Pat Provider)$/;
    await visible(booking.getByRole('heading', { name: 'Pick a day and time' }));
    expect(await booking.getByRole('heading', { name: 'Who would you like?' }).count()).toBe(0);
    await visible(booking.getByLabel('Your booking so far').getByText(both));
    const first = await firstFreeTime(booking);
    await first.click();
    await visible(booking.getByRole('heading', { name: 'Your details' }));
    await fillDetails(booking, { name: 'Rosa Díaz', email: 'rosa@example.com' });
    await booking.getByRole('button', { name: 'Confirm booking' }).click();
    const code = await confirmationCode(booking);
    await visible(booking.getByText(both));
    // The manage link (from the confirmation and the emails) names both and the room too.
    await booking.getByRole('link', { name: 'Manage booking' }).click();
    await visible(booking.getByRole('heading', { name: 'Your booking' }));
    const attendees = booking.getByTestId('attendees');
    await visible(attendees.getByText(both));
    await visible(attendees.getByText('Double room'));
    await customer.close();

    // The booking holds both providers and the room; the time is gone from the list.
    const list = await biz.sdk.bookings.list({ query: { q: code } });
    const made = list.items[0]!;
    const detail = await biz.sdk.bookings.get({ params: { id: made.id } });
    expect(detail.participants.providers.map((p) => p.name).sort()).toEqual(['Pat Provider', 'Quinn Second']);
    expect(detail.participants.resources.map((r) => r.name)).toEqual(['Double room']);
    const bookedDay = localDate(made.start, zone);
    const after = await pub.availability.get({
      params: { slug: biz.slug },
      query: { serviceId: biz.service.id, from: bookedDay, to: bookedDay, timezone: zone },
    });
    expect(after.days[0]!.slots.map((s) => s.start)).not.toContain(made.start);
  });
});
