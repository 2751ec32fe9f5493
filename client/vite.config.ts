import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const API = process.env.SLOTWISE_API ?? 'http://localhost:3000';

/** Dev-server twin of server/src/http/static-apps.ts: app URLs fall back to their HTML entry. */
function appFallbacks(): Plugin {
  return {
    name: 'slotwise-app-fallbacks',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = req.url ?? '/';
        if (/^\/(book|manage|embed)\/[^/?]+/.test(url)) req.url = '/book.html';
        else if (/^\/admin(\/|\?|$)/.test(url)) req.url = '/admin.html';
        else if (url.startsWith('/widget.js')) {
          // A classic script that loads the module source, so host pages work unchanged in dev.
          res.setHeader('Content-Type', 'text/javascript');
          res.end(`import(${JSON.stringify('/src/widget/widget.ts')});`);
          return;
        }
        next();
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), appFallbacks()],
  resolve: {
    alias: {
      // The apps use the SDK's source: no SDK build step in dev or tests.
      '@slotwise/sdk': here('../packages/sdk/src/index.ts'),
      '@ts-rest/open-api': here('src/shared/no-openapi.ts'),
    },
  },
  server: {
    proxy: { '/v1': API, '/health': API, '/openapi.json': API },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    // One entry per app so the booking app never downloads admin code.
    rolldownOptions: { input: { book: here('book.html'), admin: here('admin.html') } },
  },
});
