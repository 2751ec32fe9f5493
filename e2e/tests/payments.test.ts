import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, launchBrowser, pageTracker } from '../support/browser';
import { confirmationCode, fillDetails, firstFreeTime, visible } from '../support/flows';

/**
 * A customer books a service that takes a 20 % deposit and pays it in the booking app through the
 * local card form (the embedded default's gateway): a declined card first, then one that succeeds.
 * The booking is confirmed and the admin API shows the deposit in the ledger.
 */
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

describe('deposit at booking', () => {
  it('a customer pays the deposit with the local card form and the booking is confirmed', async () => {
    const biz = await seedBusiness(app, { service: { name: 'Colour', durationMinutes: 60, priceCents: 8000 } });
    await biz.sdk.services.update({
      params: { id: biz.service.id },
      body: { paymentPolicy: { mode: 'percent_deposit', depositValue: 20, cancellationTiers: [{ hoursBefore: 24, feePercent: 50 }], noShowFee: { type: 'percent', value: 100 } } },
    });
    const ctx = await browser.newContext({ ...DESKTOP, timezoneId: 'America/New_York', locale: 'en-US' });
    const page = await tracker.open(ctx, `${app.baseUrl}/book/${biz.slug}`);
    await page.getByRole('button', { name: /Colour/ }).click();
    await (await firstFreeTime(page)).click();
    // The terms are shown before the customer confirms.
    await visible(page.getByTestId('payment-terms'));
    expect(await page.getByTestId('payment-terms').textContent()).toContain('$16.00');
    await fillDetails(page, { name: 'Dana Deposit', email: 'dana@example.com' });
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    const code = await confirmationCode(page);
    const panel = await visible(page.getByTestId('payment-panel'));

    await panel.getByLabel('Card number').fill('4000 0000 0000 0002');
    await panel.getByLabel('Expiry (MM/YY)').fill('12/34');
    await panel.getByLabel('CVC').fill('123');
    await panel.getByRole('button', { name: /Pay \$16\.00/ }).click();
    await visible(page.getByText('Your card was declined. Try another card.'));

    await panel.getByLabel('Card number').fill('4242 4242 4242 4242');
    await panel.getByRole('button', { name: /Pay \$16\.00/ }).click();
    await visible(page.getByTestId('payment-done'));
    expect(await page.getByTestId('payment-done').textContent()).toContain('$16.00');

    const list = await biz.sdk.bookings.list({ query: { code } });
    expect(list.items[0]!.status).toBe('confirmed');
    expect(list.items[0]!.payment).toMatchObject({ state: 'paid', paid: 1600 });
    const ledger = await biz.sdk.admin.payments.ledger({ query: { limit: 10 } });
    expect(ledger.items.map((x) => `${x.entry}:${x.phase}:${x.amount}`).sort()).toEqual(['authorized:succeeded:1600', 'captured:succeeded:1600']);
  });
});
