import { SignJWT, jwtVerify, errors } from 'jose';

export interface AccessClaims {
  userId: string;
  tenantId: string;
  sessionId: string;
}

const ISSUER = 'slotwise';
const AUDIENCE = 'slotwise-api';

export function accessTokens(secret: string, ttlSeconds: number) {
  const key = new TextEncoder().encode(secret);
  return {
    ttlSeconds,
    async sign(c: AccessClaims): Promise<string> {
      return new SignJWT({ tid: c.tenantId, sid: c.sessionId })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(c.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    /** Returns null for any invalid token; 'expired' so clients know to refresh. */
    async verify(token: string): Promise<AccessClaims | 'expired' | null> {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
        if (typeof payload.sub !== 'string' || typeof payload.tid !== 'string' || typeof payload.sid !== 'string') return null;
        return { userId: payload.sub, tenantId: payload.tid, sessionId: payload.sid };
      } catch (err) {
        if (err instanceof errors.JWTExpired) return 'expired';
        return null;
      }
    },
  };
}
export type AccessTokens = ReturnType<typeof accessTokens>;
