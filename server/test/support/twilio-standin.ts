import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

export interface TwilioMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | null;
}

/**
 * A stateful stand-in for Twilio's Messages API (POST /2010-04-01/Accounts/{sid}/Messages.json)
 * that the official SDK is pointed at (client.api.baseUrl). It checks the account's basic auth,
 * records every message, plays Advanced Opt-Out (a number that sent STOP gets error 21610 until
 * START), can fail the next calls with a 500, and emits inbound messages and status callbacks
 * signed with X-Twilio-Signature the way Twilio computes it (the SDK's getExpectedTwilioSignature).
 */
export async function twilioStandIn(opts: { accountSid?: string; authToken?: string } = {}) {
  const accountSid = opts.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = opts.authToken ?? randomBytes(16).toString('hex');
  const messages: TwilioMessage[] = [];
  const optedOut = new Set<string>();
  let failNext = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
      if (req.headers.authorization !== expectedAuth) {
        res.statusCode = 401;
        res.end(JSON.stringify({ code: 20003, message: 'Authenticate', status: 401 }));
        return;
      }
      if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) {
        res.statusCode = 404;
        res.end(JSON.stringify({ code: 20404, message: 'The requested resource was not found', status: 404 }));
        return;
      }
      const p = new URLSearchParams(raw);
      const to = p.get('To') ?? '';
      if (failNext > 0) {
        failNext -= 1;
        res.statusCode = 500;
        res.end(JSON.stringify({ code: 20500, message: 'Internal Server Error', status: 500 }));
        return;
      }
      if (optedOut.has(to)) {
        res.statusCode = 400;
        res.end(JSON.stringify({ code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 }));
        return;
      }
      const m: TwilioMessage = {
        sid: `SM${randomBytes(16).toString('hex')}`,
        to,
        from: p.get('From') ?? p.get('MessagingServiceSid') ?? '',
        body: p.get('Body') ?? '',
        statusCallback: p.get('StatusCallback'),
      };
      messages.push(m);
      res.statusCode = 201;
      res.end(JSON.stringify({ sid: m.sid, account_sid: accountSid, to: m.to, from: m.from, body: m.body, status: 'queued', num_segments: '1', direction: 'outbound-api', date_created: new Date().toUTCString(), uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));

  /** Posts form parameters signed for `signedUrl` (what Twilio would have called) to `deliverTo`. */
  async function signedPost(signedUrl: string, deliverTo: string, params: Record<string, string>, token = authToken) {
    const signature = twilio.getExpectedTwilioSignature(token, signedUrl, params);
    const r = await fetch(deliverTo, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    return { status: r.status, text: await r.text() };
  }

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    accountSid,
    authToken,
    messages,
    failNext: (k: number) => void (failNext = k),
    /**
     * A text from `from` to our number, as Twilio posts it to the inbound webhook. STOP/START also
     * change Twilio's own block list, as Advanced Opt-Out does.
     */
    async inbound(webhook: { publicUrl: string; baseUrl: string }, from: string, body: string, o: { signWith?: string } = {}) {
      const word = body.trim().toUpperCase();
      if (['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'].includes(word)) optedOut.add(from);
      if (['START', 'YES', 'UNSTOP'].includes(word)) optedOut.delete(from);
      const path = '/v1/webhooks/twilio/inbound';
      const params = { MessageSid: `SM${randomBytes(16).toString('hex')}`, AccountSid: accountSid, From: from, To: '+15005550006', Body: body, NumMedia: '0', OptOutType: word };
      return signedPost(`${webhook.publicUrl}${path}`, `${webhook.baseUrl}${path}`, params, o.signWith);
    },
    /** Twilio's status callback for a message (to its StatusCallback URL, delivered via `baseUrl`). */
    async status(baseUrl: string, sid: string, status: string, errorCode?: string) {
      const m = messages.find((x) => x.sid === sid);
      if (!m?.statusCallback) throw new Error(`no status callback for ${sid}`);
      const u = new URL(m.statusCallback);
      const params: Record<string, string> = { MessageSid: sid, MessageStatus: status, AccountSid: accountSid, To: m.to, ...(errorCode ? { ErrorCode: errorCode } : {}) };
      return signedPost(m.statusCallback, `${baseUrl}${u.pathname}${u.search}`, params);
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
