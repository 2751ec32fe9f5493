import type { Request } from 'express';
import { AppError } from '../app/errors';
import type { Principal } from '../app/principal';

/** Structural, so both Express and ts-rest request types fit. */
type WithLocals = { res?: { locals: Record<string, unknown> } };

/** The principal resolved by the auth middleware; routes marked auth:'member'|'session' always have one. */
export function principalOf(req: WithLocals): Principal {
  const p = req.res?.locals.principal as Principal | undefined;
  if (!p) throw new AppError('unauthenticated', 'Authentication required');
  return p;
}

export const requestIdOf = (req: WithLocals) => req.res?.locals.requestId as string;

export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
