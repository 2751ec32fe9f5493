import type { Express } from 'express';

/**
 * `/`: a small page with the ways in (a first visitor used to get a raw JSON 404), and the
 * favicon every app and page points at. No script; inline style only.
 */
const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1d4ed8"/><circle cx="16" cy="16" r="9" fill="none" stroke="#fff" stroke-width="2.5"/><path d="M16 10.5V16l4 2.5" fill="none" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/></svg>`;

const LANDING_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const landingHtml = (demoSlug: string | null) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Slotwise</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>
  body { font: 16px/1.5 system-ui, sans-serif; color: #1f2937; margin: 0; background: #f8fafc; }
  main { max-width: 44rem; margin: 0 auto; padding: 48px 24px; }
  h1 { font-size: 2rem; margin: 0 0 4px; display: flex; align-items: center; gap: 12px; }
  h1 img { width: 40px; height: 40px; }
  ul { list-style: none; padding: 0; display: grid; gap: 12px; }
  li a { display: block; padding: 14px 16px; border: 1px solid #d1d5db; border-radius: 10px; background: #fff; color: #1d4ed8; text-decoration: none; font-weight: 600; }
  li a span { display: block; color: #4b5563; font-weight: 400; font-size: .9rem; }
  li a:focus-visible, li a:hover { border-color: #1d4ed8; }
</style></head>
<body><main>
  <h1><img src="/favicon.svg" alt="">Slotwise</h1>
  <p>Open-source online booking: a booking page and widget for customers, an admin app for the business, and an API.</p>
  <ul>
    ${demoSlug ? `<li><a href="/book/${demoSlug}">Book an appointment<span>The demo business’s booking page, as customers see it</span></a></li>` : ''}
    <li><a href="/admin">Admin app<span>Calendar, bookings, services, staff and settings${demoSlug ? ' (demo login: owner@demo.slotwise.dev / demo-password-123)' : ''}</span></a></li>
    <li><a href="/admin/signup">Create a business<span>Sign up and set up your own booking page</span></a></li>
    <li><a href="/docs/">API reference<span>Interactive documentation; the OpenAPI document is at /openapi.json</span></a></li>
  </ul>
</main></body></html>`;

export function landing(opts: { demoSlug: () => Promise<string | null> }): (app: Express) => void {
  return (app) => {
    app.get(['/favicon.svg', '/favicon.ico'], (_req, res) => {
      res.set({ 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' });
      res.send(FAVICON_SVG);
    });
    app.get('/', async (_req, res, next) => {
      try {
        const demo = await opts.demoSlug();
        res
          .status(200)
          .set({
            'Content-Type': 'text/html; charset=utf-8',
            'Cache-Control': 'no-cache',
            'Content-Security-Policy': LANDING_CSP,
          })
          .send(landingHtml(demo));
      } catch (err) {
        next(err);
      }
    });
  };
}
