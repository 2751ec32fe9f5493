import { randomBytes } from 'node:crypto';
import { templateName, urlFor, withAdmin } from './pg-admin';

export interface TestDatabase {
  name: string;
  /** Owner (superuser) URL; the app switches to the slotwise_app role on every connection. */
  url: string;
  /** The same database on a streaming replica, when the run has one (SLOTWISE_TEST_WITH_REPLICA=1). */
  replicaUrl?: string;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated template: no state shared between test files. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const tpl = process.env.SLOTWISE_TEST_TEMPLATE ?? templateName();
  const name = `slotwise_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${tpl}`));
  return {
    name,
    url: urlFor(name),
    replicaUrl: process.env.SLOTWISE_TEST_REPLICA_ADMIN_URL ? urlFor(name, process.env.SLOTWISE_TEST_REPLICA_ADMIN_URL) : undefined,
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
