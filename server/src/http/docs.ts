import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';

/**
 * The interactive API reference at /docs: Swagger UI from the swagger-ui-dist package, served by us
 * (works offline, nothing from a CDN) and pointed at our own /openapi.json.
 */
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

// Only what the page loads; the package's own index.html and initializer point at the petstore.
const ASSETS = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
]);

/**
 * Everything from our own origin. `data:` images only because swagger-ui.css inlines its icons as
 * data: SVGs; the one style hash is the single <style> element swagger-ui 5.35 injects at run time
 * (without it the console reports a blocked style; the page works either way). No script, style
 * or connection may leave the origin, and nothing inline runs.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Slotwise API reference</title>
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="stylesheet" href="swagger-ui.css" />
    <link rel="icon" type="image/png" href="favicon-32x32.png" sizes="32x32" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="swagger-ui-bundle.js"></script>
    <script src="swagger-ui-standalone-preset.js"></script>
    <script src="init.js"></script>
  </body>
</html>
`;

// An external script, not inline, so the CSP needs no 'unsafe-inline'. The spec URL is relative
// so the page keeps working behind a path prefix.
const INIT_JS = `window.ui = SwaggerUIBundle({
  url: new URL('../openapi.json', window.location.href).toString(),
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: false,
  displayOperationId: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  plugins: [SwaggerUIBundle.plugins.DownloadUrl],
  layout: 'StandaloneLayout',
});
`;

export function apiDocs(): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', DOCS_CSP);
    next();
  });
  router.get('/', (req, res) => {
    // Relative asset URLs need the trailing slash.
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) return res.redirect(301, `${req.baseUrl}/`);
    res.type('html').send(INDEX_HTML);
  });
  router.get('/init.js', (_req, res) => {
    res.type('application/javascript').send(INIT_JS);
  });
  router.get('/:asset', (req, res, next) => {
    if (!ASSETS.has(req.params.asset)) return next();
    res.sendFile(join(swaggerDir, req.params.asset), { maxAge: '1d' });
  });
  return router;
}
