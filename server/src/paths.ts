import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Repository-relative locations, independent of the working directory. */
export const paths = {
  root: resolve(here, '..', '..'),
  migrations: resolve(here, '..', '..', 'prisma', 'migrations'),
  /** Repeatable SQL function definitions, re-applied after the migrations (docs/decisions/0007). */
  functions: resolve(here, '..', '..', 'prisma', 'functions'),
  clientDist: resolve(here, '..', '..', 'client', 'dist'),
  /** Written by the build (scripts/build.mjs): a migrated embedded database for first starts. */
  pgliteTemplate: resolve(here, '..', '..', 'server', 'dist', 'pglite-template.tar.gz'),
  dataDir: (dir: string) => resolve(here, '..', '..', dir),
};
export const joinPath = join;
