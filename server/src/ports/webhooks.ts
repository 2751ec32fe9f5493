import type { Secrets } from './secrets';
import type { WebhookEventType } from '@slotwise/contracts';
import type { Page, PageRequest } from './records';

export interface WebhookEndpointRecord {
  id: string;
  tenantId: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  active: boolean;
  disabledReason: string | null;
  failingSince: Date | null;
  /** Encrypted (SecretBox); opened only to sign. */
  secretCiphertext: string;
  previousSecretCiphertext: string | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDeliveryRecord {
  id: string;
  tenantId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  eventSeq: bigint;
  orderKey: string;
  payload: Record<string, unknown>;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  responseStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export interface WebhookAttemptRecord {
  attempt: number;
  startedAt: Date;
  durationMs: number;
  responseStatus: number | null;
  responseExcerpt: string;
  error: string | null;
}

export interface NewWebhookDelivery {
  endpointId: string;
  eventId: string;
  eventType: string;
  eventSeq: bigint;
  orderKey: string;
  payload: Record<string, unknown>;
  nextAttemptAt: Date;
}

/** A pending delivery to (re)try, as the job queue needs it. */
export interface DeliveryRef {
  id: string;
  attempts: number;
}

export interface WebhookRepository {
  listEndpoints(page: PageRequest): Promise<Page<WebhookEndpointRecord>>;
  countEndpoints(): Promise<number>;
  getEndpoint(id: string): Promise<WebhookEndpointRecord | null>;
  /** Enabled endpoints subscribed to any of these types. */
  subscribers(types: string[]): Promise<WebhookEndpointRecord[]>;
  createEndpoint(input: {
    url: string;
    description: string;
    events: string[];
    secretCiphertext: string;
  }): Promise<WebhookEndpointRecord>;
  updateEndpoint(
    id: string,
    patch: Partial<
      Pick<
        WebhookEndpointRecord,
        | 'url'
        | 'description'
        | 'events'
        | 'active'
        | 'disabledReason'
        | 'failingSince'
        | 'secretCiphertext'
        | 'previousSecretCiphertext'
        | 'previousSecretExpiresAt'
      >
    >,
  ): Promise<WebhookEndpointRecord>;
  deleteEndpoint(id: string): Promise<boolean>;

  /** Inserts what is not there yet ((endpoint, event) is unique), returns the pending ones of these events. */
  addDeliveries(rows: NewWebhookDelivery[]): Promise<DeliveryRef[]>;
  listDeliveries(
    filter: { endpointId?: string; status?: WebhookDeliveryStatus },
    page: PageRequest,
  ): Promise<Page<WebhookDeliveryRecord>>;
  getDelivery(id: string): Promise<WebhookDeliveryRecord | null>;
  attempts(deliveryId: string): Promise<WebhookAttemptRecord[]>;
  /**
   * Takes the lease on a delivery that is pending, due at `now`, not leased, not behind an earlier
   * pending delivery of its order key on its endpoint, and not behind an outbox event of the tenant
   * that is not fanned out yet. Null when any of that does not hold (the job then has nothing to do).
   */
  claim(id: string, now: Date, leaseUntil: Date): Promise<WebhookDeliveryRecord | null>;
  /** Records an attempt and the delivery's new state in one go; releases the lease. */
  finishAttempt(
    id: string,
    attempt: WebhookAttemptRecord,
    next: {
      status: WebhookDeliveryStatus;
      nextAttemptAt: Date | null;
      deliveredAt: Date | null;
      lastError: string | null;
    },
  ): Promise<void>;
  releaseLease(id: string): Promise<void>;
  /** Every pending delivery of the endpoint becomes failed (it was disabled); a replay sends them again, in order. */
  failPending(endpointId: string, error: string): Promise<void>;
  /** The earliest pending delivery of its order key on its endpoint (order: event_seq, then event_id). */
  successor(
    d: Pick<WebhookDeliveryRecord, 'endpointId' | 'orderKey' | 'eventSeq' | 'id'>,
  ): Promise<DeliveryRef | null>;
  /** Back to pending, due at `at`, with a fresh retry schedule. */
  requeue(ids: string[], at: Date): Promise<DeliveryRef[]>;
  /** Deliveries of the endpoint created since `since` that are not succeeded. */
  unacknowledgedSince(endpointId: string, since: Date): Promise<string[]>;
  /** Outbox rows of the tenant since `since`, oldest first (what a replay fans out again). */
  outboxSince(
    topics: string[],
    since: Date,
    limit: number,
  ): Promise<{ id: string; topic: string; payload: Record<string, unknown>; createdAt: Date }[]>;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface WebhookResponse {
  /** Null when no HTTP response came back (refused address, timeout, network error). */
  status: number | null;
  durationMs: number;
  /** The first bytes of the response body (capped). */
  excerpt: string;
  error: string | null;
}

/** POSTs a signed delivery to a public address only (SSRF-safe), never following redirects. */
export interface WebhookSender {
  send(req: WebhookRequest): Promise<WebhookResponse>;
  /** Why this URL may not be an endpoint (scheme, or an address that is not public), or null. */
  refuseUrl(url: string): Promise<string | null>;
}

/** Symmetric encryption of secrets at rest. */
/** Webhook signing secrets are sealed with the server's SECRETS_KEY (ports/secrets.ts). */
export type SecretBox = Pick<Secrets, 'seal' | 'open'>;

/** Cross-tenant view for the sweeper: pending deliveries due before a time whose lease (if any) ran out. */
export interface StalledDeliveries {
  find(
    dueBefore: Date,
    limit: number,
  ): Promise<{ tenantId: string; id: string; attempts: number; lockedUntil: Date | null }[]>;
}
