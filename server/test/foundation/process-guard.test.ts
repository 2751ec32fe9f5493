import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import express from 'express';
import supertest from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/app/errors';
import { createLogger } from '../../src/logger';
import { errorHandler } from '../../src/http/error-mapper';
import { catchRejections } from '../../src/http/request-guards';

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

/** Resolves once `predicate` holds on the output so far (polled as output arrives, no sleeps). */
function waitFor(out: { text: string }, stream: NodeJS.ReadableStream, predicate: (text: string) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    if (predicate(out.text)) return resolve();
    const onData = () => {
      if (predicate(out.text)) {
        stream.off('data', onData);
        resolve();
      }
    };
    stream.on('data', onData);
    stream.once('end', () => reject(new Error(`process ended; output:\n${out.text}`)));
  });
}

describe('process guard', () => {
  it('an unhandled rejection and an uncaught exception are logged, and the process keeps serving', async () => {
    const script = fileURLToPath(new URL('../support/guarded-server.ts', import.meta.url));
    child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { text: '' };
    child.stdout!.on('data', (d: Buffer) => (out.text += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out.text += d.toString()));
    await waitFor(out, child.stdout!, (t) => /"port":\d+/.test(t));
    const port = Number(/"port":(\d+)/.exec(out.text)![1]);
    const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.text());

    expect(await get('/reject')).toBe('alive');
    await waitFor(out, child.stdout!, (t) => t.includes('unhandled promise rejection'));
    expect(await get('/throw')).toBe('alive');
    await waitFor(out, child.stdout!, (t) => t.includes('uncaught exception'));

    expect(await get('/')).toBe('alive');
    expect(child.exitCode).toBeNull();
    const lines = out.text.split('\n').filter((l) => l.includes('"level":60')).map((l) => JSON.parse(l) as { msg: string; err: { message: string } });
    expect(lines.map((l) => l.err.message).sort()).toEqual(['hostile rejection', 'hostile throw']);
  }, 60_000);
});

describe('catchRejections', () => {
  const app = (handler: express.RequestHandler) =>
    express()
      .use(catchRejections(handler))
      .use((_req, res) => res.json({ reached: 'next route' }))
      .use(errorHandler(createLogger('silent')));

  it('a rejected async middleware answers through the error mapper', async () => {
    const res = await supertest(app(async () => Promise.reject(new AppError('bad_request', 'nope')))).get('/');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'bad_request', message: 'nope' });
  });

  it('an unexpected rejection is a logged 500 in the error shape, not a hang or a crash', async () => {
    const res = await supertest(app(async () => {
      throw new RangeError('Maximum call stack size exceeded');
    })).get('/');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('internal_error');
    expect(res.text).not.toContain('call stack');
  });

  it('a synchronous throw is caught too, and a middleware that calls next() passes through', async () => {
    const thrown = await supertest(app(() => {
      throw new AppError('not_found', 'gone');
    })).get('/');
    expect(thrown.status).toBe(404);
    const passed = await supertest(app(async (_req, _res, next) => next())).get('/');
    expect(passed.body).toEqual({ reached: 'next route' });
  });
});
