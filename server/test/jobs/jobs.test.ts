import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { withTenant } from '../../src/adapters/prisma/with-tenant';
import { bullmqQueue } from '../../src/adapters/queue-bullmq/bullmq-queue';
import { postmarkMailer } from '../../src/adapters/mail-postmark/postmark-mailer';
import { inProcessQueue } from '../../src/adapters/queue-local/in-process-queue';
import type { Job } from '../../src/ports/job-queue';
import { keyedSecrets } from '../../src/adapters/crypto/keyed-secrets';
import { hashToken } from '../../src/domain/booking/confirmation-code';
import { signupOwner, startTestApp, TEST_SECRETS_KEY, type TestApp } from '../support/test-app';

const secrets = keyedSecrets(Buffer.from(TEST_SECRETS_KEY, 'base64'));

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

async function bookingFixture(tenantId: string, email = 'ada@example.com') {
  return withTenant(app.system.db.prisma, tenantId, async (tx) => {
    const service = await tx.service.create({ data: { tenantId, name: 'Massage', durationMinutes: 60, currency: 'EUR' } });
    const provider = await tx.provider.create({ data: { tenantId, name: 'Noor', timeZone: 'Europe/Paris' } });
    const customer = await tx.customer.create({ data: { tenantId, name: 'Ada, "the" Customer', email } });
    const id = randomUUID();
    const booking = await tx.booking.create({
      data: {
        id,
        tenantId,
        serviceId: service.id,
        providerId: provider.id,
        customerId: customer.id,
        status: 'confirmed',
        startAt: new Date('2030-05-02T08:00:00Z'),
        endAt: new Date('2030-05-02T09:00:00Z'),
        confirmationCode: 'ABCD2345',
        manageTokenHash: hashToken(secrets.manageToken(id)),
        currency: 'EUR',
        customerTimeZone: 'Asia/Tokyo',
      },
    });
    await tx.outboxEvent.create({ data: { tenantId, topic: 'booking.created', payload: { bookingId: booking.id, manageLinkBase: 'http://localhost' } } });
    return booking;
  });
}

/**
 * Polls until fn returns something truthy. No wall-clock deadline: a loaded machine only makes it
 * slower, and vitest's test timeout bounds a condition that never comes.
 */
const waitFor = async <T>(fn: () => Promise<T | null | undefined>): Promise<T> => {
  for (;;) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 25)); // a polling interval, not a wait for an outcome
  }
};

describe('outbox → queue → email', () => {
  it('delivers a committed booking.created as one recorded email with a parseable invite, exactly once', async () => {
    const owner = await signupOwner(app);
    const booking = await bookingFixture(owner.tenantId);
    await app.system.jobs.start();
    const messages = await waitFor(async () => {
      const rows = await withTenant(app.system.db.prisma, owner.tenantId, (tx) => tx.emailMessage.findMany());
      return rows.length ? rows : null;
    });
    // The row is marked dispatched once its job is queued, so a second pass finds nothing to send
    // and nothing can enqueue the event again (the queue itself drops a repeated job id: below).
    await waitFor(async () => (await app.system.db.prisma.outboxEvent.findFirst({ where: { tenantId: owner.tenantId } }))?.dispatchedAt);
    expect(await app.system.jobs.dispatcher.dispatchOnce()).toBe(0);
    const again = await withTenant(app.system.db.prisma, owner.tenantId, (tx) => tx.emailMessage.findMany());
    expect(again).toHaveLength(1);
    const m = messages[0]!;
    expect(m.to).toBe('ada@example.com');
    expect(m.template).toBe('booking.booked');
    expect(m.textBody).toContain('ABCD2345');
    expect(m.textBody).toContain('5:00 PM'); // 08:00Z shown in the customer's zone (Tokyo)
    expect(m.textBody).toContain('Asia/Tokyo');
    expect(m.htmlBody).toContain('ABCD2345');
    // The link was sent (derived from the booking id) but the log keeps it redacted.
    expect(m.textBody).toContain('http://localhost/manage/[redacted]');
    expect(m.textBody).not.toContain(secrets.manageToken(booking.id));
    expect(m.deliveryKey).toMatch(/^evt_\d+:booking\.booked:customer:ada@example\.com$/);
    const outbox = await app.system.db.prisma.outboxEvent.findFirst({ where: { tenantId: owner.tenantId } });
    expect(outbox?.dispatchedAt).not.toBeNull();
    expect(booking.id).toBeTruthy();
  });
});

describe('in-process queue', () => {
  it('drops a duplicate job id and retries a failing handler', async () => {
    const q = inProcessQueue();
    const seen: Job[] = [];
    let failures = 0;
    await q.work({
      t: async (job) => {
        if (failures++ === 0) throw new Error('first attempt fails');
        seen.push(job);
      },
    });
    await q.enqueue('t', { a: 1 }, { jobId: 'x' });
    await q.enqueue('t', { a: 1 }, { jobId: 'x' });
    await waitFor(async () => (seen.length ? true : null));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.attempt).toBe(2);
    await q.close();
  });
});

describe('BullMQ queue on the real Redis', () => {
  it('runs a job once even when the same id is enqueued twice', async () => {
    const q = bullmqQueue({ url: "redis://127.0.0.1:6379", prefix: `{test-${randomUUID()}}` });
    const got: Job[] = [];
    // One job at a time, in order: once the marker enqueued last has run, a duplicate enqueued
    // before it would have run too. No sleeping to give a duplicate "time to show up".
    await q.work({ ping: async (job) => void got.push(job) }, { concurrency: 1 });
    await q.enqueue('ping', { n: 1 }, { jobId: 'same' });
    await q.enqueue('ping', { n: 1 }, { jobId: 'same' });
    // (Its id is not 'marker': BullMQ keeps a key of that name next to the jobs.)
    await q.enqueue('ping', { last: true }, { jobId: 'last-one' });
    await waitFor(async () => (got.some((j) => j.id === 'last-one') ? true : null));
    got.splice(got.findIndex((j) => j.id === 'last-one'), 1);
    expect(got).toHaveLength(1);
    expect(got[0]!.data).toEqual({ n: 1 });
    await q.close();
  });
});

describe('Postmark adapter (official SDK against a local stand-in of the Postmark API)', () => {
  let server: Server;
  const requests: { url: string; headers: IncomingMessage['headers']; body: Record<string, unknown> }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        requests.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(raw) });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ To: 'x', SubmittedAt: new Date().toISOString(), MessageID: 'pm-123', ErrorCode: 0, Message: 'OK' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('sends through the SDK and records the message with its Postmark id', async () => {
    const owner = await signupOwner(app);
    const { port } = server.address() as AddressInfo;
    const mailer = postmarkMailer(app.system.db.prisma, { serverToken: 'pm-token', from: 'Shop <shop@example.com>', apiBase: `http://127.0.0.1:${port}` });
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nEND:VCALENDAR\r\n';
    const r = await mailer.send({ tenantId: owner.tenantId, to: 'c@example.com', subject: 'Hi', text: 'Body', template: 'booking.created', attachments: [{ name: 'invite.ics', content: ics, contentType: 'text/calendar' }], deliveryKey: 'evt_pm:booking-email' });
    expect(r).toEqual({ id: 'pm-123', sent: true });
    const req = requests.at(-1)!;
    expect(req.url).toBe('/email');
    expect(req.headers['x-postmark-server-token']).toBe('pm-token');
    expect(req.body).toMatchObject({ From: 'Shop <shop@example.com>', To: 'c@example.com', Subject: 'Hi', TextBody: 'Body' });
    const att = (req.body.Attachments as { Content: string }[])[0]!;
    expect(ICAL.parse(Buffer.from(att.Content, 'base64').toString())).toBeTruthy();
    const logged = await withTenant(app.system.db.prisma, owner.tenantId, (tx) => tx.emailMessage.findFirst({ where: { externalId: 'pm-123' } }));
    expect(logged?.transport).toBe('postmark');
  });
});
