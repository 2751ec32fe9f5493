import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { paths } from '../../src/paths';

/**
 * Real server processes for the scale tests: the compiled entries (server/dist, what production
 * runs) spawned with `node`, each with its own environment.
 */

/** Builds server/dist if its sources changed (a no-op when fresh: content hash). */
export function ensureServerBuilt(): void {
  execFileSync(process.execPath, [join(paths.root, 'scripts', 'build.mjs'), 'server'], {
    stdio: 'inherit',
  });
}

export interface ServerProcess {
  kind: 'main' | 'worker';
  child: ChildProcess;
  /** http://127.0.0.1:<port> of an API process. */
  baseUrl: string;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * What every spawned process gets: a real secret and a link base (a database-backed process
 * refuses the development secret and needs PUBLIC_URL and SECRETS_KEY), NODE_ENV=test for the cheap password
 * hashing that suites signing up many owners use (PASSWORD_HASH_COST, where the config has it).
 */
export function baseEnv(extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    PASSWORD_HASH_COST: '10',
    HOST: '127.0.0.1',
    PORT: '0',
    JWT_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_URL: 'https://book.example.com',
    // Every process of one env shares it: a secret one process seals, another opens (ADR 0008).
    SECRETS_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    ...extra,
  };
}

const waitUntil = async (what: string, fn: () => boolean | Promise<boolean>, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Spawns server/dist/<kind>.js and resolves once it serves /health/ready (API) or reports it started (worker). */
export async function startProcess(
  kind: 'main' | 'worker',
  env: Record<string, string>,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(paths.root, 'server', 'dist', `${kind}.js`)], {
    cwd: paths.root,
    env: kind === 'worker' ? { ...env, LOG_LEVEL: 'info' } : env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let dead = false;
  void exited.then(() => (dead = true));
  let baseUrl = '';
  let lastReady = '';
  await waitUntil(`${kind} to start`, async () => {
    if (dead) throw new Error(`${kind} exited during start:\n${out}`);
    if (kind === 'worker') return out.includes('"msg":"worker started"');
    const m = /Listening\s+\S+:(\d+)/.exec(out);
    if (!m) return false;
    baseUrl = `http://127.0.0.1:${m[1]}`;
    const res = await fetch(`${baseUrl}/health/ready`).catch((err: Error) => err);
    lastReady = res instanceof Error ? res.message : `${res.status} ${await res.text()}`;
    return !(res instanceof Error) && res.status === 200;
  }).catch((err: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${err.message}\n${out}\nlast readiness answer: ${lastReady}`);
  });
  return {
    kind,
    child,
    baseUrl,
    output: () => out,
    exited,
    async stop(signal = 'SIGTERM') {
      if (!dead) child.kill(signal);
      return exited;
    },
  };
}

/** Runs SQL as the database owner (superuser: no RLS), the test's view of what is stored. */
export async function ownerSql<T extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T & { error?: { code: string; message: string } };
}

/** One JSON request to an API process. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies loosely
export async function call<T = Record<string, any>>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
}

/** `YYYY-MM-DD` `days` from today (UTC): the spawned processes run on the real clock. */
export function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

let seq = 0;
/** An owner, a service with `providers` providers working 00:00–23:59 UTC every day, through the API. */
export async function business(
  baseUrl: string,
  o: { providers?: number; capacity?: number; name?: string } = {},
) {
  seq += 1;
  const tag = `${Date.now().toString(36)}${seq}${randomBytes(2).toString('hex')}`;
  const signup = await call(baseUrl, 'POST', '/v1/auth/signup', {
    email: `scale-${tag}@example.com`,
    password: 'correct horse battery',
    name: 'Owner',
    businessName: `Scale ${tag}`,
    timeZone: 'UTC',
  });
  if (signup.status !== 201)
    throw new Error(`signup: ${signup.status} ${JSON.stringify(signup.body)}`);
  const auth = { Authorization: `Bearer ${signup.body.tokens.accessToken}` };
  const providerIds: string[] = [];
  for (let i = 0; i < (o.providers ?? 1); i++) {
    const p = await call(
      baseUrl,
      'POST',
      '/v1/admin/providers',
      { name: `Provider ${i + 1}`, timeZone: 'UTC', sortOrder: i },
      auth,
    );
    if (p.status !== 201) throw new Error(`provider: ${p.status} ${JSON.stringify(p.body)}`);
    providerIds.push(p.body.id);
    const intervals = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      startTime: '00:00',
      endTime: '23:59',
    }));
    const h = await call(
      baseUrl,
      'PUT',
      `/v1/admin/providers/${p.body.id}/hours`,
      { intervals },
      auth,
    );
    if (h.status !== 200) throw new Error(`hours: ${h.status} ${JSON.stringify(h.body)}`);
  }
  const s = await call(
    baseUrl,
    'POST',
    '/v1/admin/services',
    {
      name: o.name ?? 'Session',
      durationMinutes: 60,
      priceCents: 5000,
      currency: 'USD',
      capacity: o.capacity ?? 1,
      providerIds,
    },
    auth,
  );
  if (s.status !== 201) throw new Error(`service: ${s.status} ${JSON.stringify(s.body)}`);
  return {
    auth,
    tenantId: signup.body.tenant.id as string,
    slug: signup.body.tenant.slug as string,
    serviceId: s.body.id as string,
    providerIds,
  };
}

let customerSeq = 0;
export function bookingBody(serviceId: string, start: string, extra: Record<string, unknown> = {}) {
  customerSeq += 1;
  return {
    serviceId,
    start,
    customer: {
      name: `Customer ${customerSeq}`,
      email: `c-${customerSeq}-${randomBytes(4).toString('hex')}@example.com`,
    },
    timeZone: 'UTC',
    ...extra,
  };
}

/** Every slot start the public search offers on `date`. */
export async function slotStarts(
  baseUrl: string,
  slug: string,
  serviceId: string,
  date: string,
  providerId?: string,
): Promise<string[]> {
  const q = new URLSearchParams({
    serviceId,
    from: date,
    to: date,
    ...(providerId ? { providerId } : {}),
  });
  const r = await call<{ days: { slots: { start: string }[] }[] }>(
    baseUrl,
    'GET',
    `/v1/public/tenants/${slug}/availability?${q}`,
  );
  if (r.status !== 200) throw new Error(`availability: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.days.flatMap((d) => d.slots.map((s) => s.start));
}

/** No two active bookings of a provider overlap, and no session holds more seats than its capacity. */
export async function overlaps(url: string): Promise<unknown[]> {
  const pairs = await ownerSql(
    url,
    `SELECT a.id AS a, b.id AS b FROM bookings a
       JOIN bookings b ON a.tenant_id = b.tenant_id AND a.provider_id = b.provider_id AND a.id < b.id
      WHERE a.status IN ('pending', 'confirmed', 'checked_in') AND b.status IN ('pending', 'confirmed', 'checked_in')
        AND a.session_key <> b.session_key
        AND tstzrange(a.start_at - make_interval(mins => a.buffer_before_minutes), a.end_at + make_interval(mins => a.buffer_after_minutes), '[)')
         && tstzrange(b.start_at - make_interval(mins => b.buffer_before_minutes), b.end_at + make_interval(mins => b.buffer_after_minutes), '[)')`,
  );
  const overfull = await ownerSql(
    url,
    `SELECT b.provider_id, b.session_key FROM bookings b JOIN services s ON s.tenant_id = b.tenant_id AND s.id = b.service_id
      WHERE b.status IN ('pending', 'confirmed', 'checked_in')
      GROUP BY b.tenant_id, b.provider_id, b.session_key HAVING sum(b.seats) > max(s.capacity)`,
  );
  return [...pairs, ...overfull];
}

export { waitUntil };
