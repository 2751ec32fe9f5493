import { createHash } from 'node:crypto';
import type { Slotwise } from '@slotwise/sdk';

/**
 * Who the tools act as.
 * - `api`: an API key (or a team member's session token) of one business: the admin routes, with
 *   the key's scopes and role enforced by the API.
 * - `public`: no credential, just a business's slug: what its public booking page can do.
 */
export type McpMode = { kind: 'api' } | { kind: 'public'; slug: string };

export interface SlotwiseMcpOptions {
  /** The SDK client the tools call; carries the API key (api mode) or nothing (public mode). */
  sdk: Slotwise;
  mode: McpMode;
  /**
   * Distinguishes this conversation (stdio process, HTTP session or credential) in the
   * idempotency keys derived from MCP request ids, which restart at 0 for every client.
   */
  sessionScope: string;
  /** "Now" for today's schedule and upcoming bookings; the system clock by default. */
  now?: () => Date;
}

export interface Business {
  slug: string;
  name: string;
  timeZone: string;
  cancellationPolicy: {
    freeCancellationHours: number;
    lateCancellationFeePercent: number;
    noShowFeePercent: number;
    allowCustomerReschedule: boolean;
    rescheduleCutoffHours: number;
  };
}

export interface Caller {
  role: 'owner' | 'admin' | 'staff' | 'viewer';
  /** API-key scopes; a session may do whatever its role allows. */
  scopes: string[];
}

/** What every tool handler gets: the SDK, the mode, and the business it acts for (fetched once). */
export class ToolContext {
  readonly sdk: Slotwise;
  readonly mode: McpMode;
  readonly now: () => Date;
  readonly #sessionScope: string;
  #me: Promise<{ business: Business; caller: Caller | null }> | undefined;

  constructor(opts: SlotwiseMcpOptions) {
    this.sdk = opts.sdk;
    this.mode = opts.mode;
    this.now = opts.now ?? (() => new Date());
    this.#sessionScope = opts.sessionScope;
  }

  #load() {
    this.#me ??= (async () => {
      if (this.mode.kind === 'public') {
        const business: Business = await this.sdk.public.tenants.get({
          params: { slug: this.mode.slug },
        });
        return { business, caller: null };
      }
      const me = await this.sdk.auth.me();
      const business: Business = {
        slug: me.tenant.slug,
        name: me.tenant.name,
        timeZone: me.tenant.timeZone,
        cancellationPolicy: me.tenant.settings.cancellationPolicy,
      };
      return {
        business,
        caller: { role: me.role, scopes: me.apiKey?.scopes ?? ['read', 'write'] },
      };
    })();
    // A failed look-up (network, revoked key) is retried on the next call instead of cached.
    this.#me.catch(() => (this.#me = undefined));
    return this.#me;
  }

  async business(): Promise<Business> {
    return (await this.#load()).business;
  }

  /** The authenticated caller in api mode; null in public mode. */
  async caller(): Promise<Caller | null> {
    return (await this.#load()).caller;
  }

  /**
   * Idempotency-Key for a write: the same for a retried call (same session, same MCP request id,
   * same tool and arguments), different for anything else, so a retry never books twice and two
   * clients whose request ids coincide never share a response.
   */
  idempotencyKey(tool: string, requestId: string | number, args: unknown): string {
    const h = createHash('sha256')
      .update(JSON.stringify([this.#sessionScope, String(requestId), tool, args]))
      .digest('hex');
    return `mcp-${h.slice(0, 48)}`;
  }
}
