import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postmarkStandIn } from '@slotwise/server/test-support';
import { seedBusiness, sdkFor, startApp, type TestApp } from '../support/app';
import { DESKTOP, MOBILE, launchBrowser, pageTracker } from '../support/browser';
import { localDate, visible } from '../support/flows';
import { paths } from '../support/paths';

/**
 * The emails as a customer sees them: the HTML Postmark received (through the official SDK, from
 * the real job handlers) rendered by Chromium, screenshotted, and its manage button followed.
 */
let app: TestApp;
let browser: Browser;
let postmark: Awaited<ReturnType<typeof postmarkStandIn>>;
const tracker = pageTracker();
const ZONE = 'America/Mexico_City';

type Sent = { To: string; Subject: string; HtmlBody: string; TextBody: string };

beforeAll(async () => {
  postmark = await postmarkStandIn();
  app = await startApp({ POSTMARK_SERVER_TOKEN: 'pm-e2e', POSTMARK_API_BASE: postmark.url });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await postmark?.close();
});

describe('booking emails in a browser', () => {
  it('a Spanish booking’s confirmation renders with the brand, the zone and a working manage button', async () => {
    const biz = await seedBusiness(app, { timeZone: 'Europe/Madrid' });
    await biz.sdk.tenant.update({ body: { brandColor: '#0f766e', name: 'Estudio Lumen' } });
    await app.system.jobs.start();
    const pub = sdkFor(app).public;
    const from = localDate(new Date(Date.now() + 3 * 86_400_000).toISOString(), ZONE);
    const to = localDate(new Date(Date.now() + 20 * 86_400_000).toISOString(), ZONE);
    const avail = await pub.availability.get({
      params: { slug: biz.slug },
      query: { serviceId: biz.service.id, from, to, timezone: ZONE },
    });
    const slot = avail.days.flatMap((d) => d.slots)[0]!;
    const created = await pub.bookings.create({
      params: { slug: biz.slug },
      body: {
        serviceId: biz.service.id,
        start: slot.start,
        customer: { name: 'Lucía Pérez', email: 'lucia@example.com' },
        timeZone: ZONE,
        language: 'es',
      },
    });
    // The job runtime hands the booking's event to Postmark's stand-in: poll until it arrives.
    let mail: Sent | undefined;
    for (let i = 0; i < 600 && !mail; i++) {
      mail = (postmark.calls as unknown as Sent[]).find((c) => c.To === 'lucia@example.com');
      if (!mail) await new Promise((r) => setTimeout(r, 100)); // a polling interval
    }
    expect(mail, 'the confirmation email').toBeTruthy();
    expect(mail!.Subject).toMatch(/^Reserva hecha: Consultation el /);

    const context = await browser.newContext({ ...MOBILE, locale: 'es-MX', timezoneId: ZONE });
    const page = await tracker.open(context, 'about:blank');
    await page.setContent(mail!.HtmlBody, { waitUntil: 'load' });
    await visible(page.getByText('Estudio Lumen', { exact: true }));
    await visible(page.getByText('Hola, Lucía Pérez:'));
    await visible(page.getByText(/America\/Mexico City/));
    await visible(page.getByText(created.code));
    // The brand colour is the header's background.
    const header = await page.evaluate(() => {
      const cells = Array.from(document.querySelectorAll<HTMLElement>('div, td'));
      return (
        cells
          .map((c) => getComputedStyle(c).backgroundColor)
          .find((bg) => bg === 'rgb(15, 118, 110)') ?? null
      );
    });
    expect(header).toBe('rgb(15, 118, 110)');
    mkdirSync(paths.screenshots, { recursive: true });
    await page.screenshot({ path: join(paths.screenshots, 'email-booked-es.png'), fullPage: true });

    // The button is the manage link (PUBLIC_URL of the test app is a placeholder host: same path on the app).
    const href = await page.getByRole('link', { name: 'Cambiar o cancelar' }).getAttribute('href');
    expect(href).toMatch(/\/manage\/[A-Za-z0-9_-]{20,}$/);
    const manage = await tracker.open(
      await browser.newContext({ ...DESKTOP, locale: 'es-ES', timezoneId: ZONE }),
      `${app.baseUrl}${new URL(href!).pathname}`,
    );
    await visible(manage.getByText(created.code));
    await context.close();
  });
});
