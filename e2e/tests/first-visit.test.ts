import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, expectAccessible, launchBrowser, MOBILE, pageTracker } from '../support/browser';
import { visible } from '../support/flows';

/** Issue 18 point 8 (part): what a first visitor meets: landing page, favicon, icons, sign-up defaults. */
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

describe('first visit', () => {
  it('/ is a small landing page linking the apps and the docs, with a favicon', async () => {
    const ctx = await browser.newContext(DESKTOP);
    const page = await tracker.open(ctx, `${app.baseUrl}/`);
    await visible(page.getByRole('heading', { name: 'Slotwise' }));
    for (const [name, href] of [
      [/Admin app/, '/admin'],
      [/Create a business/, '/admin/signup'],
      [/API reference/, '/docs/'],
    ] as const)
      expect(await page.getByRole('link', { name }).getAttribute('href')).toBe(href);
    await expectAccessible(page, 'landing page');
    const icon = await fetch(`${app.baseUrl}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
    const admin = await (await fetch(`${app.baseUrl}/admin`)).text();
    expect(admin).toContain('href="/favicon.svg"');
    await ctx.close();
  });

  it('sign-up picks the language, time zone and currency from the browser; the nav uses drawn icons', async () => {
    const ctx = await browser.newContext({
      ...DESKTOP,
      locale: 'es-ES',
      timezoneId: 'Europe/Madrid',
    });
    const page = await tracker.open(ctx, `${app.baseUrl}/admin/signup`);
    // A Spanish browser meets the admin in Spanish on its first visit.
    await visible(page.getByLabel('Moneda'));
    expect(await page.getByLabel('Moneda').inputValue()).toBe('EUR');
    expect(await page.getByLabel('Zona horaria').inputValue()).toBe('Europe/Madrid');
    await page.getByLabel('Tu nombre').fill('Marta');
    await page.getByLabel('Correo electrónico').fill(`marta-${Date.now()}@example.com`);
    await page.getByLabel('Contraseña').fill('correct horse battery');
    await page.getByLabel('Nombre del negocio').fill('Peluquería Marta');
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    const nav = page.getByRole('navigation', { name: 'Principal' });
    await visible(nav.getByRole('link', { name: 'Calendario' }));
    // Every nav entry has an SVG icon (Lucide), none a Unicode symbol.
    const links = await nav.getByRole('link').all();
    for (const l of links) {
      expect(await l.locator('svg').count()).toBe(1);
      expect((await l.textContent())?.trim()).toMatch(/^[\p{L} &]+$/u);
    }
    await ctx.close();
  });
});

describe('admin date inputs', () => {
  it('never overlap their neighbours, on desktop or phone', async () => {
    const biz = await seedBusiness(app, { timeZone: 'Europe/London' });
    for (const opts of [DESKTOP, MOBILE]) {
      const ctx = await browser.newContext(opts);
      const page = await tracker.open(ctx, `${app.baseUrl}/admin/reports`);
      await page.getByLabel('Email').fill(biz.session.user.email);
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Log in' }).click();
      await visible(page.getByRole('heading', { name: 'Reports' }));
      for (const path of ['/admin/reports', '/admin/bookings']) {
        await page.goto(`${app.baseUrl}${path}`);
        await visible(page.locator('input[type="date"]'));
        const overlaps = await page.evaluate(() => {
          const boxes = Array.from(document.querySelectorAll('.filters label')).map((l) =>
            l.getBoundingClientRect(),
          );
          const inputs = Array.from(document.querySelectorAll('.filters input[type="date"]'));
          return inputs.some((input) => {
            const r = input.getBoundingClientRect();
            const own = input.closest('label')!.getBoundingClientRect();
            return (
              r.right > own.right + 1 ||
              boxes.some(
                (b) =>
                  b !== own &&
                  b.left < r.right - 1 &&
                  r.left < b.right - 1 &&
                  b.top < r.bottom - 1 &&
                  r.top < b.bottom - 1 &&
                  !(b.left === own.left && b.top === own.top),
              )
            );
          });
        });
        expect(overlaps, `${path} ${opts.viewport?.width}px`).toBe(false);
      }
      await ctx.close();
    }
  });
});
