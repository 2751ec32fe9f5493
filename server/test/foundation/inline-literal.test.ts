import { WELL_FORMED_TEXT } from '@slotwise/contracts';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inline } from '../../src/adapters/postgres/idempotent-commit';
import { adminUrl } from '../support/pg-admin';

// The held booking write sends its values inlined in simple-protocol strings (ADR 0008 §5): what
// PostgreSQL reads back must be exactly the value, whatever quotes or backslashes it holds.
describe('inline literals of the held write', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: adminUrl() });
    await client.connect();
  });
  afterAll(() => client.end());

  it('reads back every string exactly as the parameter was', async () => {
    // What a request may carry: well-formed Unicode without NUL.
    const text = fc.string({ unit: 'binary' }).filter((s) => WELL_FORMED_TEXT.test(s));
    await fc.assert(
      fc.asyncProperty(text, text, async (a, b) => {
        const res = await client.query<{ a: string; b: string }>(
          inline('SELECT $1::text AS a, $2::text AS b', [a, b]),
        );
        expect(res.rows[0]).toEqual({ a, b });
      }),
      { numRuns: 300 },
    );
  });

  it('writes numbers, booleans and null as literals and refuses anything else', async () => {
    const res = await client.query(
      inline('SELECT $1::int AS n, $2::bool AS t, $3::text AS z, $10::int AS ten', [
        -5,
        true,
        null,
        0,
        0,
        0,
        0,
        0,
        0,
        10,
      ]),
    );
    expect(res.rows[0]).toEqual({ n: -5, t: true, z: null, ten: 10 });
    expect(() => inline('SELECT $1', [{}])).toThrow(TypeError);
    expect(() => inline('SELECT $1', [Number.NaN])).toThrow(TypeError);
  });

  it('refuses a NUL, which would end the protocol message inside the literal', () => {
    expect(() => inline('SELECT $1', ["a\u0000'; DROP TABLE bookings; --"])).toThrow(/NUL/);
  });
});
