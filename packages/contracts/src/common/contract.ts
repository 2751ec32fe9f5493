import { initContract } from '@ts-rest/core';

// Annotated so declaration emit (the SDK bundles these types) can name it; the inferred type cannot be.
export const c: ReturnType<typeof initContract> = initContract();

/**
 * Route metadata read by the server's auth middleware and by the OpenAPI generator.
 * - `auth: 'none'`: public. `auth: 'member'`: a session or API key of the tenant.
 * - `minRole`: lowest member role allowed (owner > admin > staff > viewer).
 * - `scope`: API-key scope needed ('read' for GETs, 'write' otherwise).
 * - `sessionOnly`: API keys may not call it (team and key management).
 * - `secrets`: response fields that carry a secret shown once (a token, a key, a link). The
 *   server answers with `Cache-Control: no-store` and seals its stored idempotent replay.
 */
export interface RouteMeta {
  auth: 'none' | 'member' | 'session';
  minRole?: 'owner' | 'admin' | 'staff' | 'viewer';
  scope?: 'read' | 'write';
  sessionOnly?: boolean;
  tags?: string[];
  rateLimit?: 'public' | 'auth' | 'admin';
  secrets?: string[];
}

export const meta = (m: RouteMeta) => m;
