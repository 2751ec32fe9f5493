import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import {
  baseEnv,
  ensureServerBuilt,
  startProcess,
  waitUntil,
  type ServerProcess,
} from './processes';

// SIGTERM on a real API process (server/dist): stop accepting, finish what is in flight, exit.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let db: TestDatabase;
const spawned: ServerProcess[] = [];
beforeAll(async () => {
  ensureServerBuilt();
  db = await createTestDatabase();
});
afterAll(async () => {
  // A failed assertion must not leave a process behind.
  for (const p of spawned)
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await Promise.all(spawned.map((p) => p.exited));
  await db?.drop();
});

/**
 * A signup whose body is only half sent: with `Expect: 100-continue` the server answers
 * "100 Continue" once it has parsed the headers, so the request is known to be in flight.
 */
async function halfSentSignup(port: number) {
  const body = JSON.stringify({
    email: `drain-${Date.now()}@example.com`,
    password: 'correct horse battery',
    name: 'D',
    businessName: 'Drain',
    timeZone: 'UTC',
  });
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (d) => (received += d.toString()));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => undefined);
  socket.write(
    `POST /v1/auth/signup HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
  );
  await waitUntil('100 Continue', () => received.includes('100 Continue'));
  const half = Math.floor(body.length / 2);
  socket.write(body.slice(0, half));
  return {
    received: () => received,
    closed,
    finish: () => socket.write(body.slice(half)),
    destroy: () => socket.destroy(),
  };
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });

describe('graceful shutdown', () => {
  it('finishes the request in flight, refuses new connections, then exits 0', async () => {
    const api = await startProcess(
      'main',
      baseEnv({ DATABASE_URL: db.url, RATE_LIMITS_ENABLED: 'false', LOG_LEVEL: 'info' }),
    );
    spawned.push(api);
    const port = Number(new URL(api.baseUrl).port);
    const req = await halfSentSignup(port);
    api.child.kill('SIGTERM');
    await waitUntil('the listener to close', () => refused(port));
    req.finish();
    await req.closed; // the server answers, then closes the connection it no longer keeps alive
    expect(req.received()).toMatch(/HTTP\/1\.1 201 Created/);
    expect(req.received()).toMatch(/Connection: close/i);
    expect(await api.exited, api.output()).toBe(0);
    expect(api.output()).toContain('shut down cleanly');
  });

  it('exits 1 once SHUTDOWN_TIMEOUT_MS has passed with a request still in flight', async () => {
    const api = await startProcess(
      'main',
      baseEnv({
        DATABASE_URL: db.url,
        RATE_LIMITS_ENABLED: 'false',
        LOG_LEVEL: 'info',
        SHUTDOWN_TIMEOUT_MS: '1000',
      }),
    );
    spawned.push(api);
    const req = await halfSentSignup(Number(new URL(api.baseUrl).port));
    api.child.kill('SIGTERM');
    // The rest of the body never comes.
    expect(await api.exited).toBe(1);
    expect(api.output()).toContain('shutdown timed out');
    req.destroy();
  });
});
