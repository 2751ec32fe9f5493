import type { Role, TenantSettings } from '@slotwise/contracts';

/** Plain records the repositories return; http/presenters turn them into contract DTOs. */
export interface TenantRecord {
  id: string;
  slug: string;
  name: string;
  description: string;
  timeZone: string;
  currency: string;
  locale: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  logoUrl: string | null;
  brandColor: string;
  policiesText: string;
  settings: TenantSettings;
  embedOrigins: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
}

export interface SessionRecord {
  id: string;
  userId: string;
  tenantId: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface MembershipSummary {
  tenantId: string;
  slug: string;
  name: string;
  role: Role;
}

export interface MemberRecord {
  id: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
}

export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  name: string;
  mode: 'test' | 'live';
  prefix: string;
  scopes: ('read' | 'write')[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}
