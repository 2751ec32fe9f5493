import type { WebhookDeps } from '../../../src/app/webhooks/deps';
import type { Clock } from '../../../src/ports/clock';
import type { JobQueue } from '../../../src/ports/job-queue';
import type { TenantRecord } from '../../../src/ports/records';
import type { TenantRepositories, UnitOfWork } from '../../../src/ports/repositories';
import type {
  WebhookAttemptRecord,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
  WebhookRepository,
  WebhookResponse,
} from '../../../src/ports/webhooks';
import { memoryMailer } from './notifications';
import { untouched } from './untouched';

/** A clock a test moves by hand. */
export function manualClock(start: Date) {
  let now = start.getTime();
  const clock: Clock = { now: () => new Date(now) };
  return { clock, advance: (ms: number) => (now += ms), set: (d: Date) => (now = d.getTime()) };
}

/** The JobQueue port in memory: an id already queued is a no-op, as the port promises. */
export function memoryJobQueue() {
  const jobs: { name: string; data: Record<string, unknown>; jobId: string; delayMs?: number }[] =
    [];
  const queue: JobQueue = {
    async enqueue(name, data, { jobId, delayMs }) {
      if (!jobs.some((j) => j.jobId === jobId)) jobs.push({ name, data, jobId, delayMs });
    },
    async work() {},
    async close() {},
  };
  return { queue, jobs };
}

/**
 * One tenant's webhook tables in memory (endpoints, deliveries, attempts) with the claim rule of
 * the port (pending, due, not leased), behind a UnitOfWork that hands out these repositories only.
 */
export function memoryWebhookStore(tenant: TenantRecord) {
  const endpoints = new Map<string, WebhookEndpointRecord>();
  const deliveries = new Map<string, WebhookDeliveryRecord>();
  const leases = new Map<string, Date>();
  const attempts: { deliveryId: string; attempt: WebhookAttemptRecord }[] = [];
  const webhooks: Pick<
    WebhookRepository,
    | 'getEndpoint'
    | 'claim'
    | 'releaseLease'
    | 'finishAttempt'
    | 'updateEndpoint'
    | 'failPending'
    | 'successor'
  > = {
    async getEndpoint(id) {
      return endpoints.get(id) ?? null;
    },
    async claim(id, now, leaseUntil) {
      const d = deliveries.get(id);
      const lease = leases.get(id);
      if (!d || d.status !== 'pending' || (d.nextAttemptAt && d.nextAttemptAt > now)) return null;
      if (lease && lease > now) return null;
      leases.set(id, leaseUntil);
      return { ...d };
    },
    async releaseLease(id) {
      leases.delete(id);
    },
    async finishAttempt(id, attempt, next) {
      const d = deliveries.get(id);
      if (!d) throw new Error(`no delivery ${id}`);
      attempts.push({ deliveryId: id, attempt });
      deliveries.set(id, {
        ...d,
        ...next,
        attempts: attempt.attempt,
        responseStatus: attempt.responseStatus,
      });
      leases.delete(id);
    },
    async updateEndpoint(id, patch) {
      const ep = endpoints.get(id);
      if (!ep) throw new Error(`no endpoint ${id}`);
      const updated = { ...ep, ...patch };
      endpoints.set(id, updated);
      return updated;
    },
    async failPending(endpointId, error) {
      for (const d of deliveries.values())
        if (d.endpointId === endpointId && d.status === 'pending')
          deliveries.set(d.id, { ...d, status: 'failed', lastError: error });
    },
    async successor(of) {
      const next = [...deliveries.values()]
        .filter(
          (d) =>
            d.endpointId === of.endpointId &&
            d.orderKey === of.orderKey &&
            d.status === 'pending' &&
            d.id !== of.id,
        )
        .sort((a, b) => (a.eventSeq < b.eventSeq ? -1 : a.eventSeq > b.eventSeq ? 1 : 0))[0];
      return next ? { id: next.id, attempts: next.attempts } : null;
    },
  };
  const tenantRepo: Pick<TenantRepositories['tenant'], 'get'> = { get: async () => tenant };
  const repos = untouched<TenantRepositories>('repos', {
    webhooks: webhooks as WebhookRepository,
    tenant: tenantRepo as TenantRepositories['tenant'],
  });
  const uow: UnitOfWork = {
    async run(tenantId, fn) {
      if (tenantId !== tenant.id) throw new Error(`unknown tenant ${tenantId}`);
      return fn(repos);
    },
  };
  return { uow, endpoints, deliveries, attempts };
}

/** A receiver that answers each POST with the next scripted status (null: no response at all). */
export function scriptedSender(statuses: (number | null)[]) {
  const requests: { url: string; headers: Record<string, string>; body: string }[] = [];
  const sender: WebhookDeps['sender'] = {
    async send(req): Promise<WebhookResponse> {
      requests.push({ url: req.url, headers: req.headers, body: req.body });
      const status = statuses.length ? statuses.shift()! : 200;
      return {
        status,
        durationMs: 1,
        excerpt: '',
        error: status === null ? 'connection refused' : null,
      };
    },
    async refuseUrl() {
      return null;
    },
  };
  return { sender, requests };
}

export { memoryMailer };
