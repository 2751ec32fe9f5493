import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, expectAccessible, launchBrowser, MOBILE, pageTracker } from '../support/browser';
import { confirmationCode, fillDetails, firstFreeTime, visible } from '../support/flows';

/** Issue 18 points 2 and 3: the booking flow lives in the URL; add to Google, Outlook or .ics. */
let app: TestApp;
let browser: Browser;
let biz: Awaited<ReturnType<typeof seedBusiness>>;
let ana: { id: string };
let massage: { id: string };
const tracker = pageTracker();

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  biz = await seedBusiness(app, { timeZone: 'Europe/London' });
  massage = await biz.sdk.services.create({
    body: { name: 'Massage', durationMinutes: 45, priceCents: 6000, maxAdvanceDays: 365 },
  });
  ana = await biz.sdk.providers.create({
    body: { name: 'Ana Lima', serviceIds: [biz.service.id, massage.id] },
  });
  await biz.sdk.schedules.putHours({
    params: { id: ana.id },
    body: {
      intervals: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        startTime: '09:00',
        endTime: '17:00',
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

describe('booking flow in the URL', () => {
  it('Back and Forward move between steps; a reload keeps the place and the language', async () => {
    const ctx = await browser.newContext(DESKTOP);
    const page = await tracker.open(ctx, `${app.baseUrl}/book/${biz.slug}`);
    await heading(page, 'Choose a service');
    await page.getByRole('button', { name: /Consultation/ }).click();
    await heading(page, 'Who would you like?');
    expect(param(page, 'service')).toBe(biz.service.id);
    await page.getByRole('button', { name: /Ana Lima/ }).click();
    await heading(page, 'Pick a day and time');
    expect(param(page, 'provider')).toBe(ana.id);
    await (await firstFreeTime(page)).click();
    await heading(page, 'Your details');
    const time = param(page, 'time');
    expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await expectAccessible(page, 'details from the URL');

    await page.goBack();
    await heading(page, 'Pick a day and time');
    await page.goBack();
    await heading(page, 'Who would you like?');
    await page.goForward();
    await heading(page, 'Pick a day and time');
    await page.goForward();
    await heading(page, 'Your details');

    // The language is kept in the URL too; a reload keeps both.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
    expect(param(page, 'lang')).toBe('es');
    await page.reload();
    await heading(page, 'Tus datos');
    await expect.poll(() => page.locator('dl.summary').textContent()).toContain('Ana Lima');
    expect(param(page, 'time')).toBe(time);
    await ctx.close();
  });

  it('a link preselects the provider ("Book with Ana") or the service and provider', async () => {
    const ctx = await browser.newContext(MOBILE);
    const page = await tracker.open(ctx, `${app.baseUrl}/book/${biz.slug}?provider=${ana.id}`);
    await heading(page, 'Choose a service');
    await visible(page.getByRole('button', { name: /Massage/ }));
    await page.getByRole('button', { name: /Massage/ }).click();
    // Ana is already chosen: straight to the times, with her name in the summary.
    await heading(page, 'Pick a day and time');
    await expect.poll(() => page.locator('dl.summary').textContent()).toContain('Ana Lima');
    await expectAccessible(page, 'preselected provider');

    await page.goto(
      `${app.baseUrl}/book/${biz.slug}?service=${biz.service.id}&provider=${biz.provider.id}`,
    );
    await heading(page, 'Pick a day and time');
    await expect.poll(() => page.locator('dl.summary').textContent()).toContain('Pat Provider');
    await ctx.close();
  });

  it('the confirmation adds the booking to Google Calendar, Outlook or as an .ics file', async () => {
    const ctx = await browser.newContext(DESKTOP);
    const page = await tracker.open(
      ctx,
      `${app.baseUrl}/book/${biz.slug}?service=${massage.id}&provider=${ana.id}`,
    );
    await heading(page, 'Pick a day and time');
    await (await firstFreeTime(page)).click();
    await fillDetails(page, { name: 'Cal Endar', email: 'cal@example.com' });
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    const code = await confirmationCode(page);
    const links = page.getByRole('group', { name: 'Add to calendar' });
    const google = await links.getByRole('link', { name: 'Google Calendar' }).getAttribute('href');
    const g = new URL(google!);
    expect(g.origin).toBe('https://calendar.google.com');
    expect(g.searchParams.get('text')).toBe('Massage · Ana Lima');
    const [from, to] = g.searchParams.get('dates')!.split('/');
    const b = await booked(code);
    expect(from).toBe(b.start.replace(/[-:]|\.\d{3}/g, ''));
    expect(to).toBe(b.end.replace(/[-:]|\.\d{3}/g, ''));
    expect(g.searchParams.get('details')).toContain(code);
    const outlook = new URL(
      (await links.getByRole('link', { name: 'Outlook' }).getAttribute('href'))!,
    );
    expect(outlook.hostname).toBe('outlook.live.com');
    expect(new Date(outlook.searchParams.get('startdt')!).toISOString()).toBe(b.start);
    expect(new Date(outlook.searchParams.get('enddt')!).toISOString()).toBe(b.end);
    expect(await links.getByRole('link', { name: 'Google Calendar' }).getAttribute('target')).toBe(
      '_blank',
    );
    const ics = await links.getByRole('link', { name: /\.ics/ }).getAttribute('href');
    const res = await fetch(new URL(ics!, app.baseUrl));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('BEGIN:VEVENT');
    await expectAccessible(page, 'confirmation with calendar links');
    await ctx.close();
  });
});

async function booked(code: string) {
  const list = await biz.sdk.bookings.list({ query: { code } });
  const b = list.items.find((x) => x.code === code);
  if (!b) throw new Error(`booking ${code} not found`);
  return b;
}
