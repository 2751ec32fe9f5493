import { writeEmbeddedTemplate } from '../compose';

// Build step (scripts/build.mjs): the embedded database's initdb + migrations, done once at build
// time instead of on a fresh clone's first `npm start`.
await writeEmbeddedTemplate();
