import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  url: string;
  body: string;
  headers: IncomingHttpHeaders;
  /** What the independent `standardwebhooks` package made of it (null: it refused the signature). */
  event: { id: string; type: string; data: Record<string, unknown>; [k: string]: unknown } | null;
  status: number;
}

/**
 * An integrator's receiver on loopback: verifies every delivery with the independent
 * `standardwebhooks` npm package (never with our code), answers what `respond` says, and keeps
 * everything it saw. `accepted()` are the deliveries it answered 2xx, which is what "received" means.
 */
export async function startReceiver(secret: () => string | string[]) {
  const all: Received[] = [];
  let respond: (
    r: Received,
  ) => number | 'hang' | { status: number; headers?: Record<string, string>; body?: string } = () =>
    200;
  const hanging = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = req.headers as Record<string, string>;
      let event: Received['event'] = null;
      for (const s of [secret()].flat()) {
        try {
          event = new Webhook(s).verify(body, headers) as Received['event'];
          break;
        } catch {
          // try the next secret
        }
      }
      const r: Received = {
        id: String(req.headers['webhook-id']),
        url: req.url ?? '',
        body,
        headers: req.headers,
        event,
        status: 0,
      };
      const answer = event ? respond(r) : 400;
      all.push(r);
      if (answer === 'hang') {
        hanging.add(() => res.destroy());
        return;
      }
      const a = typeof answer === 'number' ? { status: answer } : answer;
      r.status = a.status;
      res.writeHead(a.status, { 'content-type': 'text/plain', ...a.headers });
      res.end(a.body ?? `ok ${a.status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    all,
    accepted: () => all.filter((r) => r.status >= 200 && r.status < 300),
    respondWith(fn: typeof respond) {
      respond = fn;
    },
    async close() {
      for (const h of hanging) h();
      await new Promise((r) => server.close(r));
    },
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

export const waitFor = async <T>(
  what: string,
  fn: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  ms = 30_000,
): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
