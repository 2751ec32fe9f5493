import type { ApiKeyMode } from '@slotwise/contracts';
import { createHash, randomBytes } from 'node:crypto';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const newRefreshToken = () => `rt_${randomBytes(32).toString('base64url')}`;

/** API key secrets look like sk_test_… / sk_live_…; only their sha256 is stored. */
export function newApiKeySecret(mode: ApiKeyMode): { secret: string; prefix: string; hash: string } {
  const secret = `sk_${mode}_${randomBytes(32).toString('base64url')}`;
  return { secret, prefix: secret.slice(0, 12), hash: sha256(secret) };
}

export const looksLikeApiKey = (token: string) => /^sk_(test|live)_[A-Za-z0-9_-]{20,}$/.test(token);
