import type { AuthService } from './auth/auth-service';
import type { ApiKeyService } from './team/api-keys';
import type { MemberService } from './team/members';
import type { TenantService } from './tenant/settings';

/** Every use-case service, built once at the composition root and handed to the http layer. */
export interface Services {
  auth: AuthService;
  tenants: TenantService;
  members: MemberService;
  apiKeys: ApiKeyService;
}
