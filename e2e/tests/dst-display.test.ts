import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, launchBrowser, pageTracker } from '../support/browser';
import { timeButtons, visible } from '../support/flows';

/**
 * A fall-back night in the booking app: in Sydney 03:00 AEDT becomes 02:00 AEST on 2027-04-04, so
 * 02:00 and 02:30 happen twice. Both are offered (they are real working time) and the buttons must
 * not read the same: the repeated wall times carry their zone, the others stay plain.
 */
let app: TestApp;
let browser: Browser;
const tracker = pageTracker();
const ZONE = 'Australia/Sydney';
const NIGHT = '2027-04-04';

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a wall time that repeats', () => {
  it('shows the zone on both 2:00 and both 2:30 buttons of the fall-back night', async () => {
    const biz = await seedBusiness(app, {
      timeZone: ZONE,
      hours: [],
      service: { name: 'Night check', durationMinutes: 30, maxAdvanceDays: 400 },
    });
    await biz.sdk.schedules.createOverride({
      params: { id: biz.provider.id },
      body: {
        startDate: NIGHT,
        endDate: NIGHT,
        intervals: [{ startTime: '01:00', endTime: '04:00' }],
      },
    });
    const ctx = await browser.newContext({ ...DESKTOP, timezoneId: ZONE, locale: 'en-US' });
    const page = await tracker.open(ctx, `${app.baseUrl}/book/${biz.slug}`);
    await page.getByRole('button', { name: /Night check/ }).click();
    await visible(page.getByRole('heading', { name: 'Pick a day and time' }));
    // The only open day is months away: page forward until its times show.
    for (let i = 0; i < 8 && (await timeButtons(page).count()) === 0; i++) {
      const next = page.getByRole('button', { name: /show next month/i });
      await Promise.race([
        timeButtons(page).first().waitFor({ state: 'visible', timeout: 20_000 }),
        next.waitFor({ state: 'visible', timeout: 20_000 }),
      ]);
      if ((await timeButtons(page).count()) > 0) break;
      await next.click();
    }
    await visible(timeButtons(page));
    const labels = (await timeButtons(page).allTextContents()).map((t) =>
      t.replace(/\s+/g, ' ').trim(),
    );
    // 01:00–04:00 local is 3 h 30 min of real time on this night: seven half-hour starts.
    expect(labels).toEqual([
      '1:00 AM',
      '1:30 AM',
      '2:00 AM GMT+11',
      '2:30 AM GMT+11',
      '2:00 AM GMT+10',
      '2:30 AM GMT+10',
      '3:00 AM',
      '3:30 AM',
    ]);
    expect(new Set(labels).size).toBe(labels.length);

    // The API says the same with offsets, and the second 2:00 is an hour after the first.
    const res = await fetch(
      `${app.baseUrl}/v1/public/tenants/${biz.slug}/availability?serviceId=${biz.service.id}&from=${NIGHT}&to=${NIGHT}`,
    );
    const body = (await res.json()) as {
      days: { slots: { start: string; localTime: string; utcOffset: string }[] }[];
    };
    const twos = body.days[0]!.slots.filter((s) => s.localTime === '02:00');
    expect(twos.map((s) => [s.start, s.utcOffset])).toEqual([
      ['2027-04-03T15:00:00.000Z', '+11:00'],
      ['2027-04-03T16:00:00.000Z', '+10:00'],
    ]);
    await ctx.close();
  });
});
