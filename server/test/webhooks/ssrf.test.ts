import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeAddress } from '../../src/adapters/webhooks-http/address-policy';
import {
  httpWebhookSender,
  RESPONSE_EXCERPT_BYTES,
} from '../../src/adapters/webhooks-http/http-sender';
import { expectError, ownerQuery } from '../foundation/helpers';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';

describe('address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['0.0.0.0', 'blocked'],
    ['::', 'blocked'],
    ['10.1.2.3', 'blocked'],
    ['172.16.0.1', 'blocked'],
    ['172.31.255.255', 'blocked'],
    ['192.168.1.1', 'blocked'],
    ['100.64.0.1', 'blocked'],
    ['100.100.100.200', 'blocked'],
    ['169.254.169.254', 'blocked'],
    ['::ffff:169.254.169.254', 'blocked'],
    ['::ffff:a9fe:a9fe', 'blocked'],
    ['64:ff9b::a9fe:a9fe', 'blocked'],
    ['2002:a9fe:a9fe::1', 'blocked'],
    ['::10.0.0.1', 'blocked'],
    ['fd00:ec2::254', 'blocked'],
    ['fc00::1', 'blocked'],
    ['fe80::1', 'blocked'],
    ['fe80::1%eth0', 'blocked'],
    ['ff02::1', 'blocked'],
    ['224.0.0.1', 'blocked'],
    ['255.255.255.255', 'blocked'],
    ['2001:db8::1', 'blocked'],
    ['not-an-ip', 'blocked'],
    ['93.184.216.34', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['::ffff:93.184.216.34', 'public'],
  ])('%s is %s', (ip, verdict) => {
    expect(judgeAddress(ip)).toBe(verdict);
  });

  it('judges an IPv4 address and its IPv4-mapped IPv6 forms alike', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const [a, b, c, d] = ip.split('.').map(Number) as [number, number, number, number];
        const hex = `::ffff:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
        expect(judgeAddress(`::ffff:${ip}`)).toBe(judgeAddress(ip));
        expect(judgeAddress(hex)).toBe(judgeAddress(ip));
      }),
    );
  });

  it('blocks every address of the private, CGNAT and link-local ranges', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        (x, y, z) => {
          expect(judgeAddress(`10.${x}.${y}.${z}`)).toBe('blocked');
          expect(judgeAddress(`172.${16 + (x % 16)}.${y}.${z}`)).toBe('blocked');
          expect(judgeAddress(`192.168.${y}.${z}`)).toBe('blocked');
          expect(judgeAddress(`100.${64 + (x % 64)}.${y}.${z}`)).toBe('blocked');
          expect(judgeAddress(`169.254.${y}.${z}`)).toBe('blocked');
        },
      ),
    );
  });
});

/** A loopback server that must never be reached; counts what reaches it. */
async function trap() {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits += 1;
    res.end('reached');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { port, hits: () => hits, close: () => new Promise((r) => server.close(r)) };
}

const req = (url: string, timeoutMs = 2_000) => ({
  url,
  headers: { 'content-type': 'application/json' },
  body: '{}',
  timeoutMs,
});

describe('sender (SSRF)', () => {
  let t: Awaited<ReturnType<typeof trap>>;
  beforeAll(async () => {
    t = await trap();
  });
  afterAll(async () => t.close());

  it('refuses literal loopback, private and metadata addresses in every spelling, without connecting', async () => {
    const sender = httpWebhookSender();
    for (const host of [
      '127.0.0.1',
      '[::1]',
      '[::ffff:127.0.0.1]',
      '2130706433',
      '0x7f.0.0.1',
      '0177.0.0.1',
      '127.1',
      '0.0.0.0',
      '10.0.0.1',
      '169.254.169.254',
      '[fd00:ec2::254]',
    ]) {
      const r = await sender.send(req(`https://${host}:${t.port}/`));
      expect(r.status, host).toBeNull();
      expect(r.error, host).toMatch(/^refused: .* is not a public address/);
    }
    expect(t.hits()).toBe(0);
  });

  it('refuses a hostname resolving to loopback (the real resolver: localhost) or to any inside address', async () => {
    const real = await httpWebhookSender().send(req(`https://localhost:${t.port}/`));
    expect(real.error).toMatch(/^refused: localhost resolves to/);
    const mixed = httpWebhookSender({
      resolve: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
    });
    expect((await mixed.send(req(`https://evil.example/`))).error).toMatch(
      /resolves to 127\.0\.0\.1/,
    );
    const v6 = httpWebhookSender({
      resolve: async () => [{ address: '::ffff:10.0.0.1', family: 6 }],
    });
    expect((await v6.send(req(`https://evil.example/`))).error).toMatch(/not a public address/);
    expect(t.hits()).toBe(0);
  });

  it('connects to the address it vetted, so DNS rebinding to loopback cannot slip in', async () => {
    let calls = 0;
    // First answer public (vetted), any later answer loopback: a rebinding resolver.
    const sender = httpWebhookSender({
      resolve: async () =>
        calls++ === 0
          ? [{ address: '93.184.216.34', family: 4 }]
          : [{ address: '127.0.0.1', family: 4 }],
    });
    const r = await sender.send(req(`https://rebind.example:${t.port}/`, 1_000));
    expect(calls).toBe(1);
    expect(r.status).toBeNull(); // 93.184.216.34 is unreachable here: a timeout or network error, never loopback
    expect(t.hits()).toBe(0);
  });

  it('only https, except with the test-only loopback setting; no credentials in URLs', async () => {
    expect(await httpWebhookSender().refuseUrl('http://93.184.216.34/')).toMatch(/only https/);
    expect(await httpWebhookSender().refuseUrl('ftp://93.184.216.34/')).toMatch(/only https/);
    expect(await httpWebhookSender().refuseUrl('https://user:pw@93.184.216.34/')).toMatch(
      /credentials/,
    );
    expect(await httpWebhookSender().refuseUrl('https://93.184.216.34/hook')).toBeNull();
    expect(
      await httpWebhookSender({ allowLoopback: true }).refuseUrl(`http://127.0.0.1:${t.port}/`),
    ).toBeNull();
    expect(await httpWebhookSender({ allowLoopback: true }).refuseUrl('http://10.0.0.1/')).toMatch(
      /not a public address/,
    );
  });

  it('does not follow a redirect to loopback, and reads at most a small part of the answer', async () => {
    const big = 'x'.repeat(1_000_000);
    const server = createServer((r, res) => {
      if (r.url === '/redirect') {
        res.writeHead(302, { location: `http://127.0.0.1:${t.port}/` });
        res.end();
      } else if (r.url === '/big') res.end(big);
      else {
        // never answers
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const sender = httpWebhookSender({ allowLoopback: true });
    const redirected = await sender.send(req(`http://127.0.0.1:${port}/redirect`));
    expect(redirected.status).toBe(302);
    expect(t.hits()).toBe(0);
    const large = await sender.send(req(`http://127.0.0.1:${port}/big`));
    expect(large.status).toBe(200);
    expect(large.excerpt.length).toBeLessThanOrEqual(RESPONSE_EXCERPT_BYTES);
    const slow = await sender.send(req(`http://127.0.0.1:${port}/hang`, 300));
    expect(slow).toMatchObject({ status: null, error: 'timeout after 300 ms' });
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
});

describe('endpoints API without the test-only setting', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('refuses inside addresses and plain http at creation and on update', async () => {
    const owner = await signupOwner(app);
    for (const url of [
      'https://127.0.0.1/h',
      'https://10.0.0.8/h',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/h',
      'https://[::ffff:127.0.0.1]/h',
      'https://2130706433/h',
      'https://localhost/h',
      'http://93.184.216.34/h',
      'javascript:alert(1)',
    ]) {
      const r = await app.http
        .post('/v1/admin/webhooks/endpoints')
        .set(owner.auth)
        .send({ url, events: ['booking.created'] });
      expectError(r, 422, 'validation_failed');
    }
    const ok = await app.http
      .post('/v1/admin/webhooks/endpoints')
      .set(owner.auth)
      .send({ url: 'https://93.184.216.34/h', events: ['booking.created'] });
    expect(ok.status).toBe(201);
    expectError(
      await app.http
        .patch(`/v1/admin/webhooks/endpoints/${ok.body.endpoint.id}`)
        .set(owner.auth)
        .send({ url: 'https://192.168.0.1/' }),
      422,
      'validation_failed',
    );
    const [row] = await ownerQuery<{ url: string }>(
      app,
      'SELECT url FROM webhook_endpoints WHERE id = $1',
      [ok.body.endpoint.id],
    );
    expect(row!.url).toBe('https://93.184.216.34/h');
  });

  it('checks again at send time: an endpoint that now points inside gets nothing', async () => {
    const owner = await signupOwner(app);
    const t = await trap();
    const ep = await app.http
      .post('/v1/admin/webhooks/endpoints')
      .set(owner.auth)
      .send({ url: 'https://93.184.216.34/h', events: ['booking.created'] });
    await ownerQuery(app, 'UPDATE webhook_endpoints SET url = $2 WHERE id = $1', [
      ep.body.endpoint.id,
      `https://127.0.0.1:${t.port}/`,
    ]);
    const d = await app.http
      .post(`/v1/admin/webhooks/endpoints/${ep.body.endpoint.id}/test`)
      .set(owner.auth)
      .send({});
    await app.system.webhooks.deliver(owner.tenantId, d.body.id);
    const log = await app.http.get(`/v1/admin/webhooks/deliveries/${d.body.id}`).set(owner.auth);
    expect(log.body.attemptLog[0]).toMatchObject({
      responseStatus: null,
      error: expect.stringMatching(/^refused: 127\.0\.0\.1 is not a public address/),
    });
    expect(log.body.status).toBe('pending');
    expect(t.hits()).toBe(0);
    await t.close();
  });
});
