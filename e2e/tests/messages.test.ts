import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, expectAccessible, launchBrowser, MOBILE, pageTracker } from '../support/browser';
import { confirmationCode, fillDetails, firstFreeTime, visible } from '../support/flows';

/**
 * SMS consent in the booking app and the message log in the admin app, on the local transports
 * (no Postmark, no Twilio: what the embedded default does): the customer ticks "Text me", and the
 * owner sees the text that would have been sent, the booking's history, and resends an email.
 */
let app: TestApp;
let browser: Browser;
let biz: Awaited<ReturnType<typeof seedBusiness>>;
const tracker = pageTracker();
let bookingId = '';

beforeAll(async () => {
  app = await startApp();
  await app.system.jobs.start();
  browser = await launchBrowser();
  biz = await seedBusiness(app, { timeZone: 'Europe/London' });
  await biz.sdk.tenant.update({ body: { settings: { smsNotifications: true } } });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('SMS opt-in and the message log', () => {
  it('a customer books with a phone number and ticks "Text me about this booking"', async () => {
    const ctx = await browser.newContext({ ...MOBILE, timezoneId: 'Europe/London' });
    const page = await tracker.open(ctx, `${app.baseUrl}/book/${biz.slug}`);
    await page.getByRole('button', { name: /Consultation/ }).click();
    await (await firstFreeTime(page)).click();
    await visible(page.getByRole('heading', { name: 'Your details' }));
    await fillDetails(page, { name: 'Tess Text', email: 'tess@example.com' });
    await page.getByRole('checkbox', { name: /Text me about this booking/ }).check();
    await expectAccessible(page, 'details with the SMS opt-in');
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    // No phone: the form asks for one instead of sending.
    await visible(page.getByText('Enter a phone number to receive texts.'));
    await page.getByRole('textbox', { name: /phone/i }).fill('+44 7700 900123');
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    const code = await confirmationCode(page);
    const page1 = await biz.sdk.bookings.list({ query: { code } });
    bookingId = page1.items[0]!.id;
    await ctx.close();
  });

  it('the owner sees the text that would have been sent, the booking’s messages, and resends one', async () => {
    // The jobs run in the background: wait until the booking's two messages are logged (one email, ADR 0011, and one text).
    await expect
      .poll(async () => (await biz.sdk.admin.messages.list({ query: { bookingId } })).items.length, { timeout: 20_000 })
      .toBe(2);
    const ctx = await browser.newContext(DESKTOP);
    const page = await tracker.open(ctx, `${app.baseUrl}/admin/messages`);
    await page.getByLabel('Email').fill(biz.session.user.email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await visible(page.getByRole('heading', { name: 'Messages' }));
    await page.getByLabel('Channel').selectOption('sms');
    const sms = page.getByTestId('message').filter({ hasText: '+447700900123' });
    await visible(sms);
    expect(await page.getByTestId('message').count()).toBe(1);
    await visible(sms.getByText('booking.booked'));
    await visible(sms.getByText('Recorded (not sent)'));
    await sms.getByRole('button', { name: 'Show text' }).click();
    await visible(sms.getByText(/Reply STOP to opt out/));
    await expectAccessible(page, 'message log');

    await page.goto(`${app.baseUrl}/admin/bookings/${bookingId}`);
    const history = page.getByRole('region', { name: 'Messages' });
    await visible(history.getByTestId('message').first());
    expect(await history.getByTestId('message').count()).toBe(2);
    // The email and the text are the same message (booking.booked) on two channels.
    const email = history.getByTestId('message').filter({ hasText: 'tess@example.com' });
    await email.getByRole('button', { name: 'Resend' }).click();
    await visible(page.getByText('Sent again to tess@example.com'));
    await expect.poll(() => history.getByTestId('message').count()).toBe(3);
    const log = await biz.sdk.admin.messages.list({ query: { bookingId, template: 'booking.booked', channel: 'email' } });
    expect(log.items.map((m) => m.resendOf !== null).sort()).toEqual([false, true]);
    await ctx.close();
  });
});
