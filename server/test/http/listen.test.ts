import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServer } from '../../src/http/listen';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => server?.close(r));
  server = undefined;
});

async function listen(s: Server): Promise<string> {
  server = s;
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

describe('createAppServer', () => {
  it('creates each request and response with the app’s prototypes, so Express never has to change them', async () => {
    const app = express();
    app.get('/x', (req, res) => {
      res.status(201).set('X-Seen', req.get('x-probe') ?? '').json({ path: req.path, query: req.query });
    });
    const s = createAppServer(app);
    const born: boolean[] = [];
    // A 'request' listener runs before the app's: what Node created, before Express touched it.
    s.prependListener('request', (req, res) => {
      born.push(Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response);
    });
    const base = await listen(s);

    const res = await fetch(`${base}/x?a=1`, { headers: { 'X-Probe': 'yes' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-seen')).toBe('yes');
    expect(await res.json()).toEqual({ path: '/x', query: { a: '1' } });
    expect(born).toEqual([true, true]);
  });

  it('serves through a wrapper of the app, and streams a body larger than the socket buffer', async () => {
    const app = express();
    const big = 'x'.repeat(4 * 1024 * 1024);
    app.get('/big', (_req, res) => {
      res.type('text/plain').send(big);
    });
    const wrapped: string[] = [];
    const base = await listen(
      createAppServer(app, (req, res) => {
        wrapped.push(req.url ?? '');
        app(req, res);
      }),
    );

    const res = await fetch(`${base}/big`);
    expect(res.status).toBe(200);
    expect((await res.text()).length).toBe(big.length);
    expect(wrapped).toEqual(['/big']);
  });
});
