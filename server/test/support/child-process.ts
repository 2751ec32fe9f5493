import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_JWT_SECRET, TEST_SECRETS_KEY } from './test-app';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));

export interface Child {
  proc: ChildProcess;
  output(): string;
  /** SIGKILL: no shutdown hook runs, open transactions die with the connection. */
  kill9(): Promise<void>;
}

/** Runs a server entry (`src/main.ts`, `src/worker.ts`) as a real process on the test database. */
export function spawnEntry(entry: string, env: Record<string, string>): Child {
  // node itself with tsx's loader, not the tsx CLI: the CLI runs the program in a child process
  // that a SIGKILL of the CLI would leave running.
  const proc = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: serverDir,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      RATE_LIMITS_ENABLED: 'false',
      SEED_DEMO: 'false',
      SECRETS_KEY: TEST_SECRETS_KEY,
      // A database-backed process refuses to start without its own JWT secret and PUBLIC_URL.
      JWT_SECRET: TEST_JWT_SECRET,
      PUBLIC_URL: 'http://slotwise.test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return {
    proc,
    output: () => out,
    async kill9() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** `src/main.ts` on a random loopback port; resolves with its base URL once it listens. */
export async function spawnServer(databaseUrl: string, env: Record<string, string> = {}) {
  const child = spawnEntry('src/main.ts', { DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: '0', RUN_WORKERS: 'false', ...env });
  const baseUrl = await poll(async () => {
    if (child.proc.exitCode !== null) throw new Error(`server exited: ${child.output()}`);
    const port = /Listening\s+\S+:(\d+)/.exec(child.output())?.[1];
    return port ? `http://127.0.0.1:${port}` : undefined;
  }, 120_000);
  return { ...child, baseUrl };
}

/** Polls until fn returns a truthy value (no fixed sleeps: the machine is loaded). */
export async function poll<T>(fn: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
