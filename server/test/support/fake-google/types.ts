import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeldRequest } from '../request-holds';

/** Types and small helpers of the fake Google (server.ts). */
export interface FakeEvent {
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  summary?: string;
  start: { dateTime?: string; date?: string };
  end: { dateTime?: string; date?: string };
  transparency?: 'opaque' | 'transparent';
  attendees?: { email: string; displayName?: string; self?: boolean; responseStatus?: string }[];
  extendedProperties?: { private?: Record<string, string> };
  seq: number;
}

export interface Channel {
  id: string;
  token: string;
  address: string;
  calendarId: string;
  resourceId: string;
  expiration: number;
  messages: number;
  stopped: boolean;
}

export type Failure = { status: number; reason?: string; oauthError?: string };

export interface FakeGoogle {
  url: string;
  apiRoot: string;
  oauthRoot: string;
  clientId: string;
  clientSecret: string;
  account: string;
  /** Plays the consent screen: checks the authorization URL and returns the code Google would send back. */
  consent(authUrl: string): { code: string; state: string; params: URLSearchParams };
  calendars: Map<
    string,
    {
      summary: string;
      primary: boolean;
      accessRole: string;
      timeZone: string;
      events: Map<string, FakeEvent>;
    }
  >;
  /** A change made "in Google" by the user: stored and pushed to the calendar's live channels. */
  upsertEvent(
    calendarId: string,
    e: Omit<FakeEvent, 'seq' | 'status'> & { status?: FakeEvent['status'] },
  ): Promise<void>;
  removeEvent(calendarId: string, id: string): Promise<void>;
  channels: Channel[];
  requests: { method: string; path: string; query: URLSearchParams; body: unknown; at: number }[];
  /** Fail the next `times` requests whose "METHOD path" matches. */
  failNext(match: RegExp, failure: Failure, times?: number): void;
  /** Every request answers 503 while true. */
  down: boolean;
  /** Changes are not pushed while true (a missed push). */
  dropPushes: boolean;
  /** Where pushes really go (the test server's origin), whatever origin the channel address names. */
  pushOrigin?: string;
  /** Sync tokens issued so far answer 410 fullSyncRequired. */
  expireSyncTokens(): void;
  /** Revokes every token issued (as the user removing access in their Google account). */
  revokeAll(): void;
  revokedTokens: Set<string>;
  refreshTokens: Set<string>;
  /** Hold the next matching request open (never answered): a worker killed mid-call. */
  hangNext(match: RegExp): void;
  /**
   * Hold the next matching request until released, then answer it as usual (a slow vendor):
   * `arrived` settles once the request is in.
   */
  holdNext(match: RegExp): HeldRequest;
  close(): Promise<void>;
}

export const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};
export const apiError = (res: ServerResponse, status: number, reason: string, message = reason) =>
  json(res, status, {
    error: { code: status, message, errors: [{ domain: 'global', reason, message }] },
  });

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
