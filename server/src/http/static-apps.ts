import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import express, { type Express, type Response } from 'express';
import { AppError } from '../app/errors';
import type { TenantService } from '../app/tenant/settings';
import { embedRefusalPage, EMBED_REFUSAL_CSP } from './embed-refusal';
import { sendError } from './error-mapper';
import { landing } from './landing';

export interface StaticAppsOptions {
  /** client/dist: book.html, admin.html, widget.js, assets/. */
  distDir: string;
  tenants: Pick<TenantService, 'publicProfile'>;
}

const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/i;
const TOKEN_RE = /^[A-Za-z0-9_-]{8,256}$/;
// Only scheme://host[:port]: anything else could break out of the header value.
const ORIGIN_RE = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/i;

type Page = 'book.html' | 'admin.html';
const BUILD_HINT = 'The web apps are not built yet: run `npm run build -w @slotwise/client`';

/** 'none', any website ('*': a tenant that has not restricted embedding), or the listed origins. */
function frameAncestorsValue(frameAncestors: string[] | 'none' | 'any'): string {
  if (frameAncestors === 'any') return '*';
  if (frameAncestors === 'none' || frameAncestors.length === 0) return "'none'";
  return frameAncestors.join(' ');
}

/** The origin of the page embedding the widget: the loader's `parent`, else the Referer's. */
function embeddingOrigin(parent: unknown, referer: string | undefined): string | null {
  if (typeof parent === 'string' && ORIGIN_RE.test(parent)) return parent.toLowerCase();
  if (!referer) return null;
  try {
    const o = new URL(referer).origin;
    return ORIGIN_RE.test(o) ? o.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * One CSP per app. Scripts and connections stay on our own origin; images may come from anywhere
 * over https because tenants host their logos themselves.
 */
export function contentSecurityPolicy(frameAncestors: string[] | 'none' | 'any'): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestorsValue(frameAncestors)}`,
  ].join('; ');
}

/**
 * Serves the built web apps from client/dist: the booking app at /book/:slug and /manage/:token,
 * its framable twin at /embed/:slug, the admin app under /admin (SPA fallback), the widget loader
 * and the hashed assets. A missing build answers 503 with the command that makes it.
 */
export function staticApps(opts: StaticAppsOptions): (app: Express) => void {
  const { distDir, tenants } = opts;

  async function sendPage(res: Response, page: Page, csp: string, status = 200) {
    const file = join(distDir, page);
    let html: string;
    try {
      html = await readFile(file, 'utf8');
    } catch {
      sendError(res, 'service_unavailable', BUILD_HINT);
      return;
    }
    res
      .status(status)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-cache',
        'Content-Security-Policy': csp,
      })
      .send(html);
  }

  return (app) => {
    // The landing page links the demo's booking page when the demo business exists.
    landing({
      demoSlug: () =>
        tenants.publicProfile('demo').then(
          () => 'demo',
          () => null,
        ),
    })(app);

    app.use(
      '/assets',
      express.static(join(distDir, 'assets'), {
        immutable: true,
        maxAge: '365d',
        index: false,
        // A missing file falls through to the API's 404 (route_not_found) in the shared error shape.
        setHeaders: (res) => res.setHeader('Cross-Origin-Resource-Policy', 'same-site'),
      }),
    );

    app.get('/widget.js', (_req, res) => {
      const file = join(distDir, 'widget.js');
      if (!existsSync(file)) return sendError(res, 'service_unavailable', BUILD_HINT);
      // Not content-hashed (its URL is pasted into customers' sites), so cache briefly.
      res.set({
        'Cache-Control': 'public, max-age=300',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
      res.sendFile(file);
    });

    app.get(['/book/:slug', '/book/:slug/*'], (req, res, next) => {
      if (!SLUG_RE.test(req.params.slug ?? '')) return next();
      void sendPage(res, 'book.html', contentSecurityPolicy('none'));
    });

    app.get('/manage/:token', (req, res, next) => {
      if (!TOKEN_RE.test(req.params.token ?? '')) return next();
      // The token in the URL is a credential: keep it out of referrers and search engines.
      res.set({ 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' });
      void sendPage(res, 'book.html', contentSecurityPolicy('none'));
    });

    // Embedding policy (ADR 0015): any website may embed the flow until the business lists the
    // ones allowed; then only those, and any other gets an explanation page instead of the
    // browser's error. The claimed origin only picks which page is sent: the real flow always
    // carries the CSP that the browser enforces on the real parent.
    app.get('/embed/:slug', async (req, res, next) => {
      const slug = req.params.slug ?? '';
      if (!SLUG_RE.test(slug)) return next();
      let tenant: { name: string; embedOrigins: string[] } | null;
      try {
        tenant = await tenants.publicProfile(slug);
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'not_found')) return next(err);
        tenant = null; // the app itself shows the "no such business" state
      }
      const allowed = (tenant?.embedOrigins ?? [])
        .filter((o) => ORIGIN_RE.test(o))
        .map((o) => o.toLowerCase());
      // Helmet's X-Frame-Options would forbid every framing; CSP frame-ancestors decides instead.
      res.removeHeader('X-Frame-Options');
      const asking = embeddingOrigin(req.query.parent, req.get('referer'));
      const ownOrigin = `${req.protocol}://${req.get('host') ?? ''}`.toLowerCase();
      if (
        tenant &&
        allowed.length > 0 &&
        asking &&
        asking !== ownOrigin &&
        !allowed.includes(asking)
      ) {
        res
          .status(403)
          .set({
            'Content-Type': 'text/html; charset=utf-8',
            'Cache-Control': 'no-store',
            'Content-Security-Policy': EMBED_REFUSAL_CSP,
          })
          .send(embedRefusalPage({ slug, businessName: tenant.name, origin: asking }));
        return;
      }
      await sendPage(
        res,
        'book.html',
        contentSecurityPolicy(allowed.length > 0 ? allowed : 'any'),
        tenant ? 200 : 404,
      );
    });

    app.get(['/admin', '/admin/*'], (_req, res) => {
      void sendPage(res, 'admin.html', contentSecurityPolicy('none'));
    });
  };
}
