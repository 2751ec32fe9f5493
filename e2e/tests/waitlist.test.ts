import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, expectAccessible, launchBrowser, MOBILE, pageTracker } from '../support/browser';
import { visible } from '../support/flows';

/** Issue 18 point 7: the waitlist in the booking app and in admin. */
let app: TestApp;
let browser: Browser;
let biz: Awaited<ReturnType<typeof seedBusiness>>;
const tracker = pageTracker();

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  biz = await seedBusiness(app, { timeZone: 'Europe/London' });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('waitlist', () => {
  it('a customer joins from the booking app; staff see them and offer a free time by link', async () => {
    const ctx = await browser.newContext(MOBILE);
    const page = await tracker.open(
      ctx,
      `${app.baseUrl}/book/${biz.slug}?service=${biz.service.id}&provider=${biz.provider.id}`,
    );
    await visible(page.getByRole('heading', { level: 2, name: 'Pick a day and time' }));
    await page.getByRole('button', { name: 'Join the waitlist' }).click();
    const form = page.getByRole('form', { name: 'Join the waitlist' });
    await form.getByRole('button', { name: 'Join the waitlist' }).click();
    await visible(form.getByRole('alert'));
    await form.getByLabel('Full name').fill('Wendy Wait');
    await form.getByLabel('Email').fill('wendy@example.com');
    await expectAccessible(page, 'waitlist form');
    await form.getByRole('button', { name: 'Join the waitlist' }).click();
    await visible(page.getByText('You are on the waitlist.', { exact: false }));
    await ctx.close();

    const staff = await browser.newContext(DESKTOP);
    const admin = await tracker.open(staff, `${app.baseUrl}/admin/waitlist`);
    await admin.getByLabel('Email').fill(biz.session.user.email);
    await admin.getByLabel('Password').fill('correct horse battery');
    await admin.getByRole('button', { name: 'Log in' }).click();
    const list = await visible(admin.getByRole('list', { name: 'Waiting customers' }));
    const item = list.getByRole('listitem').filter({ hasText: 'Wendy Wait' });
    await visible(item);
    await expectAccessible(admin, 'waitlist page');
    await item.getByRole('button', { name: 'Offer a time' }).click();
    const offer = item.getByRole('group', { name: 'Offer a time to Wendy Wait' });
    await (await visible(offer.getByRole('button'))).click();
    const link = (await (await visible(admin.getByTestId('offer-link'))).textContent())!;
    const mail = await offer.getByRole('link', { name: 'Email the offer' }).getAttribute('href');
    expect(mail).toMatch(/^mailto:wendy@example\.com\?subject=/);
    expect(decodeURIComponent(mail!)).toContain(link);

    // The link opens the booking app on that very time, at the details step.
    const customer = await tracker.open(staff, link);
    await visible(customer.getByRole('heading', { level: 2, name: 'Your details' }));
    expect(new URL(customer.url()).searchParams.get('time')).toBe(
      new URL(link).searchParams.get('time'),
    );
    await staff.close();
  });
});
