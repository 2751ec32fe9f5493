import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkFor, seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, launchBrowser, MOBILE, pageTracker } from '../support/browser';
import { fillDetails, firstFreeTime, localDate, visible, wallTime } from '../support/flows';

let app: TestApp;
let browser: Browser;
const tracker = pageTracker();

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const tomorrowIn = (zone: string) =>
  localDate(new Date(Date.now() + 86_400_000).toISOString(), zone);

describe('two customers race for the last slot', () => {
  it('one gets the booking, the other a friendly message and the fresh (now empty) times', async () => {
    // No weekly hours; one override opening a single hour tomorrow: exactly one slot exists.
    const biz = await seedBusiness(app, { timeZone: 'Europe/Paris', hours: [] });
    const day = tomorrowIn('Europe/Paris');
    await biz.sdk.schedules.createOverride({
      params: { id: biz.provider.id },
      body: { startDate: day, endDate: day, intervals: [{ startTime: '10:00', endTime: '11:00' }] },
    });

    const contexts = await Promise.all([
      browser.newContext({ ...DESKTOP, timezoneId: 'Europe/Berlin', locale: 'en-GB' }),
      browser.newContext({ ...MOBILE, timezoneId: 'America/Los_Angeles', locale: 'en-US' }),
    ]);
    const pages: Page[] = [];
    for (const [i, ctx] of contexts.entries()) {
      const page = await tracker.open(ctx, `${app.baseUrl}/book/${biz.slug}`);
      await page.getByRole('button', { name: /Consultation/ }).click();
      const slot = await firstFreeTime(page);
      await slot.click();
      await fillDetails(page, { name: `Racer ${i + 1}`, email: `racer${i + 1}@example.com` });
      pages.push(page);
    }
    await Promise.all(pages.map((p) => p.getByRole('button', { name: 'Confirm booking' }).click()));

    const outcome = await Promise.all(
      pages.map((p) =>
        Promise.race([
          p
            .getByTestId('confirmation-code')
            .waitFor({ timeout: 20_000 })
            .then(() => 'won' as const),
          p
            .getByText('Sorry, that time was just taken by someone else.', { exact: false })
            .waitFor({ timeout: 20_000 })
            .then(() => 'lost' as const),
        ]),
      ),
    );
    expect([...outcome].sort()).toEqual(['lost', 'won']);
    const loser = pages[outcome.indexOf('lost')]!;
    // Back on the time step with fresh times: the only slot is gone.
    await visible(loser.getByRole('heading', { name: 'Pick a day and time' }));
    await visible(loser.getByText('No free times this month.'));
    expect(await loser.getByRole('list', { name: /available times on/i }).count()).toBe(0);

    const list = await biz.sdk.bookings.list({ query: {} });
    expect(list.items).toHaveLength(1);
  });
});

describe('calendar drag and drop', () => {
  it('drags a booking to a free time (saved) and onto another booking (409: put back, with a message)', async () => {
    const zone = 'America/Chicago';
    const biz = await seedBusiness(app, { timeZone: zone });
    const pub = sdkFor(app).public;
    // Two bookings three days out, at 10:00 and 13:00 business time.
    const day = localDate(new Date(Date.now() + 3 * 86_400_000).toISOString(), zone);
    const avail = await pub.availability.get({
      params: { slug: biz.slug },
      query: { serviceId: biz.service.id, from: day, to: day, timezone: zone },
    });
    const at = (hhmm: string) => avail.days[0]!.slots.find((s) => s.localTime === hhmm)!.start;
    const book = (start: string, name: string) =>
      pub.bookings.create({
        params: { slug: biz.slug },
        body: {
          serviceId: biz.service.id,
          start,
          customer: { name, email: `${name.toLowerCase()}@example.com` },
          timeZone: zone,
        },
      });
    const ten = await book(at('10:00'), 'Ana');
    const one = await book(at('13:00'), 'Ben');

    const ctx = await browser.newContext({ ...DESKTOP, timezoneId: zone });
    const page = await tracker.open(ctx, `${app.baseUrl}/admin/login`);
    await page.getByLabel('Email').fill(biz.session.user.email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await visible(page.getByRole('heading', { name: /Hello/ }));
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Calendar' })
      .click();
    await page.getByRole('button', { name: 'Day', exact: true }).click();
    await page.getByLabel('Go to date').fill(day);

    const ben = await visible(page.locator(`[data-booking="${one.code}"]`));
    const ana = await visible(page.locator(`[data-booking="${ten.code}"]`));
    const drag = async (from: { x: number; y: number }, dy: number) => {
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      for (let i = 1; i <= 5; i++) await page.mouse.move(from.x, from.y + (dy * i) / 5);
      await page.mouse.up();
    };
    const centre = async (l: typeof ben) => {
      const b = (await l.boundingBox())!;
      return { x: b.x + b.width / 2, y: b.y + 10 };
    };

    // Ben 13:00 → 10:00 lands on Ana: the server says no, the block goes back.
    const benBox = (await ben.boundingBox())!;
    const anaBox = (await ana.boundingBox())!;
    await drag(await centre(ben), anaBox.y - benBox.y);
    await visible(page.getByText(/That time is taken|Could not move the booking/));
    await expect
      .poll(async () => (await ben.boundingBox())!.y, { timeout: 10_000 })
      .toBeCloseTo(benBox.y, 0);
    expect((await biz.sdk.bookings.get({ params: { id: one.id } })).start).toBe(one.start);

    // Ben 13:00 → 15:00 (two hours down) is free: saved.
    const hourPx = (benBox.y - anaBox.y) / 3;
    await drag(await centre(ben), hourPx * 2);
    await visible(page.getByText(/Moved Ben to/));
    await expect
      .poll(async () => (await biz.sdk.bookings.get({ params: { id: one.id } })).start)
      .not.toBe(one.start);
    const moved = await biz.sdk.bookings.get({ params: { id: one.id } });
    expect(wallTime(moved.start, zone)).toBe('3:00 PM');
    expect(await page.locator(`[data-booking="${one.code}"]`).getAttribute('aria-label')).toMatch(
      /^3:00\sPM Ben, Consultation with Pat Provider/,
    );
  });
});

describe('manage link policies', () => {
  it('shows the late-cancellation fee before cancelling, and why rescheduling is closed', async () => {
    const zone = 'Australia/Sydney';
    const biz = await seedBusiness(app, {
      timeZone: zone,
      hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        startTime: '00:00',
        endTime: '24:00',
      })),
    });
    await biz.sdk.tenant.update({
      body: {
        settings: {
          cancellationPolicy: {
            freeCancellationHours: 24,
            lateCancellationFeePercent: 50,
            rescheduleCutoffHours: 48,
          },
        },
      },
    });
    const pub = sdkFor(app).public;
    const today = localDate(new Date().toISOString(), zone);
    const tomorrow = localDate(new Date(Date.now() + 86_400_000).toISOString(), zone);
    const slot = (
      await pub.availability.get({
        params: { slug: biz.slug },
        query: { serviceId: biz.service.id, from: today, to: tomorrow, timezone: zone },
      })
    ).days.flatMap((d) => d.slots)[0]!;
    const booked = await pub.bookings.create({
      params: { slug: biz.slug },
      body: {
        serviceId: biz.service.id,
        start: slot.start,
        customer: { name: 'Late Larry', email: 'larry@example.com' },
        timeZone: zone,
      },
    });

    const ctx = await browser.newContext({ ...MOBILE, timezoneId: zone, locale: 'en-AU' });
    const page = await tracker.open(ctx, `${app.baseUrl}/manage/${booked.manageToken}`);
    await visible(page.getByRole('heading', { name: 'Your booking' }));
    await visible(
      page.getByText(
        'Online rescheduling closes 48 hours before the start. Please contact the business.',
      ),
    );
    expect(await page.getByRole('button', { name: 'Reschedule' }).count()).toBe(0);
    await visible(page.getByText('Later cancellations cost 50% of the price.'));

    await page.getByRole('button', { name: 'Cancel booking' }).click();
    // $50.00 service, 50% fee, no deposit paid: the whole fee is still owed.
    await visible(
      page.getByText(
        'A late-cancellation fee of $25.00 applies (less than 24 hours before the start).',
      ),
    );
    await visible(page.getByText('$25.00 of the fee remains to be paid.'));
    await page.getByRole('button', { name: 'Keep my booking' }).click();
    expect((await pub.manage.get({ params: { token: booked.manageToken } })).booking.status).toBe(
      'confirmed',
    );
  });
});
