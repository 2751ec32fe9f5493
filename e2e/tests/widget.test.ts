import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBusiness, startApp, startHostSite, type TestApp } from '../support/app';
import { DESKTOP, expectAccessible, launchBrowser, pageTracker } from '../support/browser';
import { confirmationCode, visible } from '../support/flows';

let app: TestApp;
let browser: Browser;
let allowed: Awaited<ReturnType<typeof startHostSite>>;
let stranger: Awaited<ReturnType<typeof startHostSite>>;
const tracker = pageTracker();

/** A customer's own web page: hostile CSS included, plus a listener for the booking event. */
const hostPage = (appUrl: string, slug: string) => () => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host site</title>
<style>
  body { font-family: Georgia, serif; background: #fdf6e3; color: #c00; }
  iframe { border: 12px solid red !important; height: 50px !important; }
  button { background: hotpink !important; }
</style></head>
<body>
  <h1>Welcome to our salon</h1>
  <p>Book below.</p>
  <script src="${appUrl}/widget.js" data-tenant="${slug}"></script>
  <script>
    window.bookedEvents = [];
    document.addEventListener('slotwise:booked', function (e) { window.bookedEvents.push(e.detail); });
  </script>
</body></html>`;

const widgetFrame = async (page: Page): Promise<Frame> => {
  for (let i = 0; i < 100; i++) {
    const f = page.frames().find((fr) => fr.url().includes('/embed/'));
    if (f) return f;
    await page.waitForTimeout(100);
  }
  throw new Error('the widget iframe never appeared');
};

const iframeBox = (page: Page) =>
  page.evaluate(() => {
    const iframe = document.querySelector('.slotwise-widget')!.shadowRoot!.querySelector('iframe')!;
    const cs = getComputedStyle(iframe);
    return { height: iframe.getBoundingClientRect().height, border: cs.borderTopWidth };
  });

let slug = '';
let ownerEmail = '';

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const biz = await seedBusiness(app, { timeZone: 'Europe/London' });
  slug = biz.slug;
  ownerEmail = biz.session.user.email;
  allowed = await startHostSite(hostPage(app.baseUrl, slug));
  stranger = await startHostSite(hostPage(app.baseUrl, slug));
});
afterAll(async () => {
  await browser?.close();
  await allowed?.close();
  await stranger?.close();
  await app?.close();
});

describe('embeddable widget', () => {
  it('the owner copies the snippet and allows their site in Settings', async () => {
    const ctx = await browser.newContext(DESKTOP);
    const page = await tracker.open(ctx, `${app.baseUrl}/admin/login`);
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    const snippet = await visible(page.getByTestId('embed-snippet'));
    expect(await snippet.textContent()).toBe(
      `<script src="${app.baseUrl}/widget.js" data-tenant="${slug}" async></script>`,
    );
    await page.getByLabel('Websites allowed to embed it').fill(allowed.origin);
    await page
      .getByRole('region', { name: 'Website embed' })
      .getByRole('button', { name: 'Save' })
      .click();
    await visible(page.getByText('Embed settings saved'));

    const res = await fetch(`${app.baseUrl}/embed/${slug}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`frame-ancestors ${allowed.origin}`);
    expect(csp).not.toContain(stranger.origin);
    expect(res.headers.get('x-frame-options')).toBeNull();
    // The full booking page and the admin app are never framable; scripts only from our origin.
    const book = await fetch(`${app.baseUrl}/book/${slug}`);
    expect(book.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(book.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(
      (await fetch(`${app.baseUrl}/admin/settings`)).headers.get('content-security-policy'),
    ).toContain("frame-ancestors 'none'");
    // Hashed assets are cached for a year; the widget loader briefly, and it may be loaded cross-origin.
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await book.text())![1]!;
    expect((await fetch(`${app.baseUrl}${asset}`)).headers.get('cache-control')).toMatch(
      /max-age=31536000.*immutable/,
    );
    const widget = await fetch(`${app.baseUrl}/widget.js`);
    expect(widget.headers.get('cache-control')).toBe('public, max-age=300');
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect((await fetch(`${app.baseUrl}/assets/missing.js`)).status).toBe(404);
  });

  it('books from a page on another origin, isolated from its CSS, and fires slotwise:booked', async () => {
    const ctx = await browser.newContext({
      ...DESKTOP,
      timezoneId: 'Europe/Madrid',
      locale: 'es-ES',
    });
    const page = await tracker.open(ctx, allowed.origin);
    const frame = await widgetFrame(page);
    await visible(frame.getByRole('button', { name: /Consultation/ }));
    // Spanish from the browser's language; the host's CSS does not reach into the widget.
    await visible(frame.getByRole('heading', { name: 'Elige un servicio' }));
    expect((await iframeBox(page)).border).toBe('0px');
    expect(await frame.evaluate(() => getComputedStyle(document.body).fontFamily)).not.toContain(
      'Georgia',
    );
    await expectAccessible(frame, 'embedded: choose a service');

    await frame.getByRole('button', { name: /Consultation/ }).click();
    // The iframe grows with its content, told by postMessage.
    await visible(frame.getByRole('combobox', { name: 'Horas mostradas en' }));
    // Month names as Spanish writes them: "diciembre de 2026", not "Diciembre De 2026".
    const month = await visible(frame.locator('#month-title'));
    expect(await month.evaluate((el) => (el as HTMLElement).innerText)).toMatch(
      /^[a-zñáéíóú]+ de \d{4}$/,
    );
    const slot = await (async () => {
      // firstFreeTime looks for English labels; the widget speaks Spanish here.
      const times = frame.getByRole('list', { name: /horas disponibles el/i }).getByRole('button');
      await times
        .first()
        .waitFor({ timeout: 20_000 })
        .catch(async () => {
          await frame.getByRole('button', { name: /ver el mes siguiente/i }).click();
          await times.first().waitFor({ timeout: 20_000 });
        });
      return times.first();
    })();
    await expect
      .poll(
        async () =>
          Math.abs(
            (await iframeBox(page)).height -
              (await frame.evaluate(() => document.documentElement.getBoundingClientRect().height)),
          ),
        { timeout: 10_000 },
      )
      .toBeLessThanOrEqual(2);
    await slot.click();
    await frame.getByRole('textbox', { name: /nombre completo/i }).fill('Lucía Pérez');
    await frame.getByRole('textbox', { name: /correo/i }).fill('lucia@example.com');
    await frame.getByRole('button', { name: 'Confirmar reserva' }).click();
    const code = await confirmationCode(frame);

    const events = await page.waitForFunction(
      () =>
        (window as unknown as { bookedEvents: unknown[] }).bookedEvents.length > 0 &&
        (window as unknown as { bookedEvents: unknown[] }).bookedEvents,
      null,
      { timeout: 10_000 },
    );
    const [detail] = (await events.jsonValue()) as {
      code: string;
      start: string;
      service: { id: string; name: string };
    }[];
    expect(detail!.code).toBe(code);
    expect(detail!.service.name).toBe('Consultation');
    expect(new Date(detail!.start).toISOString()).toBe(detail!.start);
    // The manage link opens outside the iframe.
    expect(
      await frame.getByRole('link', { name: 'Gestionar reserva' }).getAttribute('target'),
    ).toBe('_blank');
  });

  it('works as pasted on any site until the business restricts it', async () => {
    const fresh = await seedBusiness(app, { timeZone: 'Europe/London' });
    const site = await startHostSite(hostPage(app.baseUrl, fresh.slug));
    try {
      const csp = (await fetch(`${app.baseUrl}/embed/${fresh.slug}`)).headers.get(
        'content-security-policy',
      );
      expect(csp).toContain('frame-ancestors *');
      const ctx = await browser.newContext(DESKTOP);
      const page = await tracker.open(ctx, site.origin);
      const frame = await widgetFrame(page);
      await visible(frame.getByRole('button', { name: /Consultation/ }));
      await expectAccessible(frame, 'embedded on a site nobody listed');
      await ctx.close();
    } finally {
      await site.close();
    }
  });

  it('on a site the business did not allow, says so inside the frame; the owner allows it in one click', async () => {
    const ctx = await browser.newContext(DESKTOP);
    const page = await tracker.open(ctx, stranger.origin);
    const frame = await widgetFrame(page);
    const refused = await visible(frame.getByTestId('embed-refused'));
    expect(await refused.textContent()).toContain(
      `has not allowed ${stranger.origin} to show its booking page`,
    );
    expect(await frame.getByRole('button', { name: /Consultation/ }).count()).toBe(0);
    const bookLink = frame.getByRole('link', { name: /booking page/ });
    expect(await bookLink.getAttribute('href')).toBe(`/book/${slug}`);
    expect(await bookLink.getAttribute('target')).toBe('_blank');
    await expectAccessible(frame, 'embed refused');
    const allowHref = await frame
      .getByRole('link', { name: 'Allow this website' })
      .getAttribute('href');
    expect(allowHref).toContain(`allowEmbed=${encodeURIComponent(stranger.origin)}`);

    // The owner follows the link, logs in and allows the site with one click.
    const admin = await tracker.open(ctx, new URL(allowHref!, app.baseUrl).toString());
    await admin.getByLabel('Email').fill(ownerEmail);
    await admin.getByLabel('Password').fill('correct horse battery');
    await admin.getByRole('button', { name: 'Log in' }).click();
    await (await visible(admin.getByRole('button', { name: `Allow ${stranger.origin}` }))).click();
    await visible(admin.getByText('Embed settings saved'));
    await expectAccessible(admin, 'embed settings after allowing a site');
    expect(await admin.getByLabel('Websites allowed to embed it').inputValue()).toBe(
      `${allowed.origin}\n${stranger.origin}`,
    );

    await page.reload();
    const again = await widgetFrame(page);
    await visible(again.getByRole('button', { name: /Consultation/ }));
    await ctx.close();
  });

  it('a page claiming to be an allowed site is still refused by the browser', async () => {
    const liar = await startHostSite(
      () =>
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>x</title></head><body><iframe title="w" src="${app.baseUrl}/embed/${slug}?parent=${encodeURIComponent(allowed.origin)}"></iframe></body></html>`,
    );
    try {
      const ctx = await browser.newContext(DESKTOP);
      const page = tracker.track(await ctx.newPage());
      const blocked = new Promise<boolean>((resolve) => {
        page.on('console', (m) => {
          if (/frame-ancestors/.test(m.text())) resolve(true);
        });
        setTimeout(() => resolve(false), 8_000);
      });
      await page.goto(liar.origin);
      expect(await blocked).toBe(true);
      const embed = page.frames().find((f) => f.url().includes('/embed/'));
      const rendered = embed
        ? await embed
            .getByRole('button', { name: /Consultation/ })
            .count()
            .catch(() => 0)
        : 0;
      expect(rendered).toBe(0);
      await ctx.close();
    } finally {
      await liar.close();
    }
  });
});
