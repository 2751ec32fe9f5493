import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  classifySqlError,
  isSerializationFailure,
  isSlotTaken,
  isUniqueViolation,
  SQLSTATE,
  sqlConditionOf,
  sqlStateOf,
} from '../../src/adapters/postgres/sql-errors';
import { paths } from '../../src/paths';

describe('the SQLSTATE table', () => {
  it('names every custom SQLSTATE a migration or a function file raises', () => {
    const raised = new Set<string>();
    const files = [
      ...readdirSync(paths.migrations).map((dir) => join(paths.migrations, dir, 'migration.sql')),
      ...readdirSync(paths.functions).filter((f) => f.endsWith('.sql')).map((f) => join(paths.functions, f)),
    ];
    for (const file of files) {
      let sql: string;
      try {
        sql = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      for (const m of sql.matchAll(/ERRCODE\s*=\s*'([0-9A-Z]{5})'/g)) raised.add(m[1]!);
    }
    expect(raised.size).toBeGreaterThan(0);
    const named = new Set<string>(Object.values(SQLSTATE));
    for (const code of raised)
      expect(named, `SQLSTATE ${code} is raised by a migration`).toContain(code);
  });

  it('names each code once', () => {
    const codes = Object.values(SQLSTATE);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('finds the SQLSTATE wherever Prisma 7 or pg put it', () => {
    // pg: `code`; Prisma raw query: P2010 with meta.driverAdapterError.cause.originalCode; Prisma unique: P2002.
    expect(sqlConditionOf({ code: 'SW002' })).toBe('slotTaken');
    expect(
      sqlConditionOf({
        code: 'P2010',
        meta: { driverAdapterError: { cause: { originalCode: '23P01' } } },
      }),
    ).toBe('exclusionViolation');
    expect(
      sqlConditionOf({
        code: 'P2039',
        meta: { driverAdapterError: { cause: { originalCode: 'SW001' } } },
      }),
    ).toBe('sessionFull');
    expect(sqlStateOf({ code: 'P2002' })).toBe('23505');
    expect(isUniqueViolation({ code: 'P2002' })).toBe(true);
    expect(isSerializationFailure({ code: '40P01' })).toBe(true);
    expect(
      isSlotTaken({ code: 'SW001' }) &&
        isSlotTaken({ code: 'SW002' }) &&
        isSlotTaken({ code: '23P01' }),
    ).toBe(true);
    expect(isSlotTaken({ code: '23505' })).toBe(false);
    expect(classifySqlError({ code: '22001' })).toBe('bad_input');
    expect(classifySqlError({ code: 'SW004' })).toBe('schedule_changed');
    expect(classifySqlError({ code: '57P01' })).toBe('unavailable');
    expect(classifySqlError(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(classifySqlError({ code: '23505' })).toBeUndefined();
    expect(sqlConditionOf({ code: '42P01' })).toBeUndefined();
    expect(sqlConditionOf(new Error('no code'))).toBeUndefined();
  });
});
