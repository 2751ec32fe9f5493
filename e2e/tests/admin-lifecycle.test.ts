import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, expectAccessible, launchBrowser, pageTracker } from '../support/browser';
import { localDate, visible, wallTime } from '../support/flows';

/** Issue 18 point 5: lifecycle guards as staff meet them in the admin app. */
let app: TestApp;
let browser: Browser;
let page: Page;
let biz: Awaited<ReturnType<typeof seedBusiness>>;
const tracker = pageTracker();
const zone = 'Europe/London';
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  // Working hours 09:00–17:00 London every day.
  biz = await seedBusiness(app, { timeZone: zone });
  const approval = await biz.sdk.services.create({
    body: { name: 'Colour request', durationMinutes: 60, requiresApproval: true },
  });
  await biz.sdk.providers.update({
    params: { id: biz.provider.id },
    body: { serviceIds: [biz.service.id, approval.id] },
  });
  const soon = new Date(Date.now() + 30 * 60_000).toISOString();
  const later = new Date(Date.now() + 3 * 86_400_000);
  later.setUTCHours(11, 0, 0, 0);
  const mk = async (name: string, serviceId: string, start: string) =>
    (ids[name] = (
      await biz.sdk.bookings.create({
        body: {
          serviceId,
          start,
          customer: { name, email: `${name.toLowerCase()}@example.com` },
          overrideAvailability: true,
        },
      })
    ).id);
  await mk('Soon', biz.service.id, soon);
  await mk('Later', biz.service.id, later.toISOString());
  const reqStart = new Date(later.getTime() + 2 * 3_600_000).toISOString();
  await mk('Request', approval.id, reqStart);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const dialogFor = async (name: string) => {
  await page.goto(`${app.baseUrl}/admin/bookings/${ids[name]}`);
  return visible(page.getByRole('dialog'));
};
const actionNames = async (name: string) => {
  const d = await dialogFor(name);
  await visible(d.getByRole('button', { name: 'Reschedule' }));
  return d.getByLabel('Actions').getByRole('button').allTextContents();
};

describe('admin lifecycle guards', () => {
  it('offers check-in only shortly before the start, complete only after it, and Approve/Decline for requests', async () => {
    const ctx = await browser.newContext({ ...DESKTOP, timezoneId: zone });
    page = await tracker.open(ctx, `${app.baseUrl}/admin/bookings`);
    await page.getByLabel('Email').fill(biz.session.user.email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await visible(page.getByRole('heading', { name: 'Bookings' }));

    expect(await actionNames('Soon')).toEqual(['Check in', 'Cancel booking', 'Reschedule']);
    expect(await actionNames('Later')).toEqual(['Cancel booking', 'Reschedule']);
    await visible(page.getByTestId('timing-hint'));
    const req = await actionNames('Request');
    expect(req).toContain('Approve');
    expect(req).toContain('Decline');
    expect(req).not.toContain('Confirm');
    await expectAccessible(page, 'pending request dialog');
  });

  it('a move outside working hours says so and points to the override', async () => {
    const d = await dialogFor('Later');
    await d.getByRole('button', { name: 'Reschedule' }).click();
    await d.getByLabel(`Time (${zone})`).fill('20:00');
    await d.getByRole('button', { name: 'Move booking' }).click();
    const alert = await visible(d.getByRole('alert'));
    expect(await alert.textContent()).toMatch(
      /outside working hours.*Allow outside working hours/s,
    );
    await d.getByLabel('Allow outside working hours').check();
    await d.getByRole('button', { name: 'Move booking' }).click();
    await expect
      .poll(async () => (await biz.sdk.bookings.get({ params: { id: ids.Later! } })).start)
      .toMatch(/T20:00:00/);
  });

  it('records a booking in the past only with the explicit choice', async () => {
    await page.goto(`${app.baseUrl}/admin/bookings`);
    await page.getByRole('button', { name: 'New booking' }).click();
    const d = await visible(page.getByRole('dialog', { name: 'New booking' }));
    const yesterday = localDate(new Date(Date.now() - 86_400_000).toISOString(), zone);
    await d.getByLabel('Date').fill(yesterday);
    await d.getByLabel('Book outside availability').check();
    await d.getByLabel(`Time (${zone})`).fill('10:00');
    await d.getByRole('textbox', { name: 'Name' }).fill('Walk In');
    await d.getByRole('textbox', { name: 'Email' }).fill('walkin@example.com');
    await d.getByRole('button', { name: 'Book' }).click();
    await visible(d.getByText(/This time is in the past\. Tick “Record a past booking”/));
    await expectAccessible(page, 'past booking refused');
    await d.getByLabel('Record a past booking').check();
    await d.getByRole('button', { name: 'Book' }).click();
    await visible(page.getByText(/Booked .*Walk In|Walk In/));
    const list = await biz.sdk.bookings.list({ query: { q: 'Walk In' } });
    expect(list.items).toHaveLength(1);
    expect(wallTime(list.items[0]!.start, zone)).toBe('10:00 AM');
  });
});
