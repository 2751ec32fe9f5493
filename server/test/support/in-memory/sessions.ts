import type { Clock } from '../../../src/ports/clock';
import type { SessionRecord } from '../../../src/ports/records';
import type { Directory } from '../../../src/ports/repositories';
import { untouched } from './untouched';

type SessionPorts = Pick<
  Directory,
  | 'createSession'
  | 'findSessionByTokenHash'
  | 'findSession'
  | 'rotateSession'
  | 'findSpentRefreshToken'
  | 'revokeSession'
>;

/**
 * The session part of the Directory port in memory: each session has one live refresh-token hash;
 * rotation swaps it only if the old one is still live (else false), and records the old hash as
 * spent, as the port promises. The rest of the Directory must not be touched.
 */
export function memorySessions(clock: Clock) {
  const sessions = new Map<
    string,
    SessionRecord & { tokenHash: string; revokedReason: string | null }
  >();
  const spent = new Map<string, string>();
  const live = (hash: string) => [...sessions.values()].find((s) => s.tokenHash === hash) ?? null;
  const ports: SessionPorts = {
    async createSession(input) {
      const id = `s${sessions.size + 1}`;
      const s = {
        id,
        userId: input.userId,
        tenantId: input.tenantId,
        expiresAt: input.expiresAt,
        revokedAt: null,
        tokenHash: input.tokenHash,
        revokedReason: null,
      };
      sessions.set(id, s);
      return {
        id,
        userId: s.userId,
        tenantId: s.tenantId,
        expiresAt: s.expiresAt,
        revokedAt: null,
      };
    },
    async findSessionByTokenHash(hash) {
      const s = live(hash);
      return (
        s && {
          id: s.id,
          userId: s.userId,
          tenantId: s.tenantId,
          expiresAt: s.expiresAt,
          revokedAt: s.revokedAt,
        }
      );
    },
    async findSession(id) {
      return sessions.get(id) ?? null;
    },
    async rotateSession(id, oldHash, newHash, expiresAt) {
      const s = sessions.get(id);
      if (!s || s.tokenHash !== oldHash || s.revokedAt || s.expiresAt <= clock.now()) return false;
      sessions.set(id, { ...s, tokenHash: newHash, expiresAt });
      spent.set(oldHash, id);
      return true;
    },
    async findSpentRefreshToken(hash) {
      const sessionId = spent.get(hash);
      return sessionId ? { sessionId } : null;
    },
    async revokeSession(id, reason) {
      const s = sessions.get(id);
      if (s && !s.revokedAt)
        sessions.set(id, { ...s, revokedAt: clock.now(), revokedReason: reason });
    },
  };
  return { directory: untouched<Directory>('directory', ports), sessions };
}
