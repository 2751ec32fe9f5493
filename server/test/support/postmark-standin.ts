import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PostmarkCall {
  To: string;
  Subject: string;
  TextBody: string;
  HtmlBody?: string;
  Tag?: string;
  /** Echoed by Postmark's webhooks (we send the tenant here). */
  Metadata?: Record<string, string>;
  /** The id this stand-in answered with (set when it answered 200). */
  MessageID?: string;
}

/**
 * A stateful stand-in for Postmark's /email endpoint that the official SDK is pointed at: records
 * every call, can answer the next calls with an HTTP error, and can hold calls (no answer) for
 * recipients the test names — a provider call in flight when a process dies.
 */
export async function postmarkStandIn() {
  const calls: PostmarkCall[] = [];
  const held: ServerResponse[] = [];
  let failNext = 0;
  const holdFor = new Set<string>();
  let n = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw) as PostmarkCall;
      calls.push(body);
      res.setHeader('content-type', 'application/json');
      if (failNext > 0) {
        failNext -= 1;
        res.statusCode = 500;
        res.end(JSON.stringify({ ErrorCode: 100, Message: 'Internal server error' }));
        return;
      }
      if (holdFor.has(body.To)) {
        held.push(res);
        return;
      }
      body.MessageID = `pm-${++n}`;
      res.end(JSON.stringify({ To: body.To, SubmittedAt: new Date().toISOString(), MessageID: body.MessageID, ErrorCode: 0, Message: 'OK' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    /** Polls until an email to `to` whose subject contains `subject` arrived (a polling interval, not a wait for an outcome). */
    async next(to: string, subject: string, after = 0): Promise<PostmarkCall> {
      for (;;) {
        const hit = calls.slice(after).find((c) => c.To === to && c.Subject.includes(subject) && c.MessageID);
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    failNext: (k: number) => void (failNext = k),
    hold: (to: string) => void holdFor.add(to),
    heldCount: () => held.length,
    /** Stops holding new calls (the held ones stay unanswered). */
    release: () => holdFor.clear(),
    close: () =>
      new Promise<void>((r) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
