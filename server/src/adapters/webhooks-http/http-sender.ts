import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { WebhookResponse, WebhookSender } from '../../ports/webhooks';
import { isAllowedAddress } from './address-policy';

/** Bytes of a response body kept for the delivery log; the rest is never read. */
export const RESPONSE_EXCERPT_BYTES = 4096;

export interface HttpSenderOptions {
  /** Test-only: lets the test receiver on 127.0.0.1 / ::1 in, over plain http. Refused in production by the config. */
  allowLoopback?: boolean;
  /** DNS resolution (all addresses); the system resolver by default. Tests inject one. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
}

const systemResolve = (hostname: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  );

class RefusedAddress extends Error {}

/**
 * Webhook delivery over node:http(s), safe against SSRF: the host is resolved here and every
 * address it has must be public; the connection then goes to one of those vetted addresses through
 * the `lookup` hook, so a DNS answer that changes between the check and the connect (rebinding)
 * cannot slip in. Literal IPs (never looked up by Node) are judged on their own, after the URL
 * parser has normalised decimal, octal and hex forms. Redirects are not followed (they count as a
 * failure), and at most RESPONSE_EXCERPT_BYTES of the body are read.
 */
export function httpWebhookSender(opts: HttpSenderOptions = {}): WebhookSender {
  const allowLoopback = opts.allowLoopback ?? false;
  const resolve = opts.resolve ?? systemResolve;
  const allowed = (ip: string) => isAllowedAddress(ip, { allowLoopback });

  function checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new RefusedAddress('not a valid URL');
    }
    if (url.protocol !== 'https:' && !(allowLoopback && url.protocol === 'http:'))
      throw new RefusedAddress('only https URLs are allowed');
    if (url.username || url.password)
      throw new RefusedAddress('credentials in the URL are not allowed');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !allowed(host)) throw new RefusedAddress(`${host} is not a public address`);
    return url;
  }

  async function vetted(hostname: string): Promise<LookupAddress[]> {
    const addresses = await resolve(hostname);
    const bad = addresses.find((a) => !allowed(a.address));
    if (bad)
      throw new RefusedAddress(
        `${hostname} resolves to ${bad.address}, which is not a public address`,
      );
    if (addresses.length === 0) throw new RefusedAddress(`${hostname} does not resolve`);
    return addresses;
  }

  return {
    async refuseUrl(raw) {
      try {
        const url = checkUrl(raw);
        const host = url.hostname.replace(/^\[|\]$/g, '');
        // A name that does not resolve yet is accepted (it is checked again at every send); one
        // that resolves to an inside address is not.
        if (!isIP(host))
          await vetted(host).catch((err) => {
            if (err instanceof RefusedAddress && !/does not resolve/.test(err.message)) throw err;
          });
        return null;
      } catch (err) {
        if (err instanceof RefusedAddress) return err.message;
        return null;
      }
    },

    async send(req): Promise<WebhookResponse> {
      const started = performance.now();
      const done = (r: Omit<WebhookResponse, 'durationMs'>): WebhookResponse => ({
        ...r,
        durationMs: Math.round(performance.now() - started),
      });
      let url: URL;
      let addresses: LookupAddress[] | null = null;
      try {
        url = checkUrl(req.url);
        const host = url.hostname.replace(/^\[|\]$/g, '');
        if (!isIP(host)) addresses = await vetted(host);
      } catch (err) {
        return done({
          status: null,
          excerpt: '',
          error:
            err instanceof RefusedAddress
              ? `refused: ${err.message}`
              : `dns: ${(err as Error).message}`,
        });
      }
      // Connect only to the addresses vetted above, whatever the resolver would say now.
      const lookup: LookupFunction = (_host, options, cb) => {
        const list = addresses!;
        if ((options as { all?: boolean }).all)
          (cb as (e: null, a: LookupAddress[]) => void)(null, list);
        else cb(null, list[0]!.address, list[0]!.family);
      };
      return new Promise<WebhookResponse>((resolvePromise) => {
        let settled = false;
        const finish = (r: Omit<WebhookResponse, 'durationMs'>) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolvePromise(done(r));
        };
        const request = (url.protocol === 'https:' ? https : http).request(url, {
          method: 'POST',
          headers: { ...req.headers, 'content-length': Buffer.byteLength(req.body).toString() },
          agent: false,
          ...(addresses ? { lookup } : {}),
        });
        const timer = setTimeout(() => {
          request.destroy();
          finish({ status: null, excerpt: '', error: `timeout after ${req.timeoutMs} ms` });
        }, req.timeoutMs);
        request.on('response', (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const end = () => {
            res.destroy();
            finish({
              status: res.statusCode ?? null,
              excerpt: Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8'),
              error: null,
            });
          };
          res.on('data', (c: Buffer) => {
            chunks.push(c);
            size += c.length;
            if (size >= RESPONSE_EXCERPT_BYTES) end();
          });
          res.on('end', end);
          res.on('error', end);
          res.on('close', end);
        });
        request.on('error', (err) => finish({ status: null, excerpt: '', error: err.message }));
        request.end(req.body);
      });
    },
  };
}
