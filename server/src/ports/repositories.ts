import type { Role } from '@slotwise/contracts';
import type {
  ApiKeyRecord,
  MemberRecord,
  MembershipSummary,
  Page,
  PageRequest,
  SessionRecord,
  TenantRecord,
  UserRecord,
} from './records';

/** Tenant-scoped repositories: every method runs inside the request's tenant transaction. */
export interface TenantRepository {
  get(): Promise<TenantRecord>;
  update(patch: Partial<Omit<TenantRecord, 'id' | 'slug' | 'createdAt' | 'updatedAt'>>): Promise<TenantRecord>;
}

export interface MemberRepository {
  list(page: PageRequest): Promise<Page<MemberRecord>>;
  get(id: string): Promise<MemberRecord | null>;
  findByUserId(userId: string): Promise<MemberRecord | null>;
  add(userId: string, role: Role): Promise<MemberRecord>;
  setRole(id: string, role: Role): Promise<MemberRecord>;
  remove(id: string): Promise<void>;
  countOwners(): Promise<number>;
}

export interface ApiKeyRepository {
  list(page: PageRequest): Promise<Page<ApiKeyRecord>>;
  create(input: { name: string; mode: 'test' | 'live'; prefix: string; secretHash: string; scopes: ('read' | 'write')[]; createdById: string | null }): Promise<ApiKeyRecord>;
  revoke(id: string): Promise<ApiKeyRecord | null>;
  touch(id: string, at: Date): Promise<void>;
}

export interface OutboxRepository {
  /** Recorded in the caller's transaction: it commits or rolls back with the change. */
  add(topic: string, payload: Record<string, unknown>): Promise<void>;
}

export interface TenantRepositories {
  tenant: TenantRepository;
  members: MemberRepository;
  apiKeys: ApiKeyRepository;
  outbox: OutboxRepository;
}

export interface UnitOfWorkOptions {
  isolationLevel?: 'ReadCommitted' | 'RepeatableRead' | 'Serializable';
}

/** Runs a use case's work for one tenant in one transaction. */
export interface UnitOfWork {
  run<T>(tenantId: string, fn: (repos: TenantRepositories) => Promise<T>, opts?: UnitOfWorkOptions): Promise<T>;
}

/** Lookups that happen before a tenant is known: accounts, sessions, credentials, slugs. */
export interface Directory {
  findUserByEmail(email: string): Promise<UserRecord | null>;
  findUserById(id: string): Promise<UserRecord | null>;
  /** Creates user (if new), tenant and owner membership atomically. */
  createAccount(input: {
    user: { email: string; name: string; passwordHash: string } | { existingUserId: string };
    tenant: { slug: string; name: string; timeZone: string; currency: string };
  }): Promise<{ user: UserRecord; tenant: TenantRecord }>;
  createUser(input: { email: string; name: string; passwordHash: string }): Promise<UserRecord>;
  membershipsOf(userId: string): Promise<MembershipSummary[]>;
  findTenantBySlug(slug: string): Promise<TenantRecord | null>;
  findTenantById(id: string): Promise<TenantRecord | null>;
  slugTaken(slug: string): Promise<boolean>;
  createSession(input: { userId: string; tenantId: string; tokenHash: string; expiresAt: Date; userAgent?: string }): Promise<SessionRecord>;
  findSessionByTokenHash(tokenHash: string): Promise<SessionRecord | null>;
  findSession(id: string): Promise<SessionRecord | null>;
  /** Swaps the refresh token of a live session; false when it was already used or revoked. */
  rotateSession(id: string, oldHash: string, newHash: string, expiresAt: Date): Promise<boolean>;
  revokeSession(id: string): Promise<void>;
  findApiKeyBySecretHash(secretHash: string): Promise<{ id: string; tenantId: string; mode: 'test' | 'live'; scopes: ('read' | 'write')[]; revokedAt: Date | null } | null>;
}
