import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** widget.js: one classic script with a stable URL, pasted into customers' pages. */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    lib: {
      entry: fileURLToPath(new URL('src/widget/widget.ts', import.meta.url)),
      formats: ['iife'],
      name: 'SlotwiseWidget',
      fileName: () => 'widget.js',
    },
  },
});
