import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const paths = {
  root: resolve(here, '..', '..'),
  client: resolve(here, '..', '..', 'client'),
  clientDist: resolve(here, '..', '..', 'client', 'dist'),
  screenshots: resolve(here, '..', 'screenshots'),
  axe: resolve(here, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'),
  /** Debian's Chromium (apt-get install -y chromium); CHROMIUM_PATH overrides it. */
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
};
