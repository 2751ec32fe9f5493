import type { ApiKeyMode, ApiKeyScope, Role } from '@slotwise/contracts';

/** Who is calling, resolved once per request by the http layer and passed to use cases. */
export type Principal =
  | { kind: 'user'; userId: string; sessionId: string; tenantId: string; role: Role }
  | { kind: 'api_key'; keyId: string; tenantId: string; role: Role; scopes: ApiKeyScope[]; mode: ApiKeyMode };

const RANK: Record<Role, number> = { viewer: 0, staff: 1, admin: 2, owner: 3 };

export const roleAtLeast = (role: Role, min: Role) => RANK[role] >= RANK[min];

/** An actor label for audit trails. */
export const actorOf = (p: Principal) =>
  p.kind === 'user' ? { actorType: 'user', actorId: p.userId } : { actorType: 'api_key', actorId: p.keyId };
