import pg from 'pg';

/**
 * The report fold job's share of a booking (ADR 0022): a create queues its report share, and the
 * job folds the queue into the roll-ups later. Folds every tenant's queue as the job does (as the
 * application's role, `batch` creates per transaction: what the job finds after one interval at
 * the measured rate) and gives the database CPU per folded create, read with the run's meter.
 */
export async function measureFold(
  url: string,
  dbCpu: () => Promise<number>,
  batch: number,
): Promise<{ folded: number; dbCpuPerBooking: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const before = await dbCpu();
    const folded = await foldAll(c, batch);
    return { folded, dbCpuPerBooking: ((await dbCpu()) - before) / Math.max(folded, 1) };
  } finally {
    await c.end();
  }
}

/** Folds every tenant's queue, `batch` creates per transaction, as the application's role. */
export async function foldAll(c: pg.Client, batch: number): Promise<number> {
  let folded = 0;
  const { rows } = await c.query<{ tenant_id: string }>(
    'SELECT tenant_id FROM report_pending_tenants(1000)',
  );
  for (const { tenant_id: tenant } of rows) {
    for (;;) {
      await c.query('BEGIN');
      await c.query('SET LOCAL ROLE slotwise_app');
      await c.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant]);
      const n = (await c.query<{ n: number }>('SELECT report_fold($1, $2) AS n', [tenant, batch]))
        .rows[0]!.n;
      await c.query('COMMIT');
      folded += n;
      if (n < batch) break;
    }
  }
  return folded;
}
