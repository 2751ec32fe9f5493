import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postmarkStandIn } from '@slotwise/server/test-support';
import { sdkFor, seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, expectAccessible, launchBrowser, pageTracker } from '../support/browser';
import { visible } from '../support/flows';

/**
 * A locked-out owner gets back in as a person would: wrong passwords until the login refuses even
 * the right one, "Forgot password?", the link from the email (sent through the official postmark
 * SDK to a local stand-in of Postmark's API), a new password, and in. Then the verify-email banner.
 */
let app: TestApp;
let browser: Browser;
let pm: Awaited<ReturnType<typeof postmarkStandIn>>;
let biz: Awaited<ReturnType<typeof seedBusiness>>;
const tracker = pageTracker();

beforeAll(async () => {
  pm = await postmarkStandIn();
  app = await startApp({ POSTMARK_SERVER_TOKEN: 'pm-e2e', POSTMARK_API_BASE: pm.url, LOGIN_FAILURES_PER_ACCOUNT: '3' });
  await app.system.jobs.start();
  browser = await launchBrowser();
  biz = await seedBusiness(app);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await pm?.close();
});

/** The emailed link, opened on this test's server (PUBLIC_URL is a name the browser cannot reach). */
async function linkFrom(to: string, subject: string, after: number, page: string) {
  const email = await pm.next(to, subject, after);
  const m = email.TextBody.match(new RegExp(`https?://[^/\\s]+(/admin/${page}#token=[A-Za-z0-9_-]+)`));
  if (!m) throw new Error(`no link in ${email.TextBody}`);
  return `${app.baseUrl}${m[1]}`;
}

describe('password reset and email verification in the admin app', () => {
  it('a locked-out owner resets the password from the emailed link and logs in', async () => {
    const email = biz.session.user.email;
    const ctx = await browser.newContext(DESKTOP);
    const page = await tracker.open(ctx, `${app.baseUrl}/admin/login`);
    for (let i = 0; i < 3; i++) {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(`not my password ${i}`);
      await page.getByRole('button', { name: 'Log in' }).click();
      await visible(page.getByRole('alert').filter({ hasText: /incorrect/i }));
    }
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await visible(page.getByRole('alert').filter({ hasText: /too many/i }));

    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await visible(page.getByRole('heading', { name: 'Forgot your password?' }));
    await expectAccessible(page, 'forgot password');
    const sent = pm.calls.length;
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'If an account uses this email' }));

    const link = await linkFrom(email, 'Set a new Slotwise password', sent, 'reset-password');
    await page.goto(link);
    await visible(page.getByRole('heading', { name: 'Choose a new password' }));
    // The token leaves the address bar once read.
    expect(page.url()).toBe(`${app.baseUrl}/admin/reset-password`);
    await page.getByLabel('New password', { exact: true }).fill('my brand new passphrase');
    await page.getByLabel('New password again').fill('my brand new passphrase');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Your password is changed' }));

    // The session from before the reset is over (the API of the old browser session too).
    await expect(sdkFor(app, biz.session.tokens.accessToken).auth.me()).rejects.toMatchObject({ status: 401 });

    await page.getByRole('link', { name: 'Log in', exact: true }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('my brand new passphrase');
    await page.getByRole('button', { name: 'Log in' }).click();
    await visible(page.getByRole('navigation', { name: 'Main' }));
    // The link proved the mailbox: no verify-email banner.
    expect(await page.getByText('Please confirm your email address').count()).toBe(0);

    // The same link again: refused, with a way to ask for a new one.
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill('another new passphrase');
    await page.getByLabel('New password again').fill('another new passphrase');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await visible(page.getByRole('alert').filter({ hasText: /invalid, has expired or was already used/ }));
    await ctx.close();
  });

  it('a new owner sees the verify-email banner, has the link emailed, and follows it', async () => {
    const fresh = await seedBusiness(app);
    const email = fresh.session.user.email;
    const ctx = await browser.newContext(DESKTOP);
    const page = await tracker.open(ctx, `${app.baseUrl}/admin/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await visible(page.getByText('Please confirm your email address'));
    const sent = pm.calls.length;
    await page.getByRole('button', { name: 'Email me the link' }).click();
    await visible(page.getByText('A verification link is on its way'));

    const link = await linkFrom(email, 'Confirm your email address', sent, 'verify-email');
    await page.goto(link);
    await page.getByRole('button', { name: 'Confirm my email address' }).click();
    await visible(page.getByRole('status').filter({ hasText: `${email} is confirmed` }));
    await page.getByRole('link', { name: 'Go to the admin' }).click();
    await visible(page.getByRole('navigation', { name: 'Main' }));
    expect(await page.getByText('Please confirm your email address').count()).toBe(0);
    await ctx.close();
  });
});
