import { writePgliteTemplate } from '../adapters/pglite/embedded-postgres';
import { paths } from '../paths';

// Build step (scripts/build.mjs): the embedded database's initdb + migrations, done once at build
// time instead of on a fresh clone's first `npm start`.
await writePgliteTemplate({ file: paths.pgliteTemplate, migrationsDir: paths.migrations });
