import { initContract } from '@ts-rest/core';

// Annotated so declaration emit (the SDK bundles these types) can name it; the inferred type cannot be.
export const c: ReturnType<typeof initContract> = initContract();

/**
 * Route metadata read by the server's auth middleware and by the OpenAPI generator.
 * - `auth: 'none'`: public. `auth: 'member'`: a session or API key of the tenant.
 * - `minRole`: lowest member role allowed (owner > admin > staff > viewer).
 * - `scope`: API-key scope needed ('read' for GETs, 'write' otherwise).
 * - `sessionOnly`: API keys may not call it (team and key management).
 * - `errors`: extra error statuses for the OpenAPI document (most are derived).
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
  /**
   * Error statuses the route answers beyond those derived from the rest of the metadata (see
   * errorStatusesOf in openapi-components.ts), e.g. 401 from login, which needs no credential.
   */
  errors?: number[];
}

export const meta = (m: RouteMeta) => m;
