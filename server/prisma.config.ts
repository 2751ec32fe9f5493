import { defineConfig } from 'prisma/config';

// Migrations are applied by `npm run db:migrate` (src/cli/migrate.ts), which records
// _prisma_migrations exactly as `prisma migrate deploy` does; the config lets users who have the
// schema engine run Prisma's own commands against the same files.
export default defineConfig({
  schema: '../prisma/schema.prisma',
  migrations: { path: '../prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/slotwise' },
});
