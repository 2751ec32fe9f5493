import type { PGlite } from '@electric-sql/pglite';
import type { ClientBase } from 'pg';
import type { SqlSession } from './migrate';

export function pgSession(client: ClientBase): SqlSession {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await client.query(sql, params);
      return r.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export function pgliteSession(db: PGlite): SqlSession {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await db.query(sql, params);
      return r.rows as T[];
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}
