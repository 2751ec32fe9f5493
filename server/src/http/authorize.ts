import type { RouteMeta } from '@slotwise/contracts';
import type { AppRoute } from '@ts-rest/core';
import type { Request, RequestHandler } from 'express';
import type { AuthService } from '../app/auth/auth-service';
import { AppError } from '../app/errors';
import { roleAtLeast } from '../app/principal';

export function routeMeta(req: Request): RouteMeta {
  const route = (req as Request & { tsRestRoute?: AppRoute }).tsRestRoute;
  return (route?.metadata as RouteMeta | undefined) ?? { auth: 'none' };
}

function bearerOf(req: Request): string | undefined {
  const h = req.header('authorization');
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m)
    throw new AppError(
      'unauthenticated',
      'Authorization header must be "Bearer <token or API key>"',
    );
  return m[1];
}

/** Authentication and authorisation from the route's contract metadata; one place for both. */
export function authorize(auth: AuthService): RequestHandler {
  return async (req, res, next) => {
    try {
      const meta = routeMeta(req);
      if (meta.auth === 'none') return next();
      const token = bearerOf(req);
      if (!token)
        throw new AppError(
          'unauthenticated',
          'Authentication required: send a session token or API key',
        );
      const p = await auth.authenticate(token);
      if (p.kind === 'api_key') {
        if (meta.auth === 'session' || meta.sessionOnly)
          throw new AppError(
            'forbidden',
            'This route needs a logged-in user; API keys cannot call it',
          );
        const needed = meta.scope ?? (req.method === 'GET' ? 'read' : 'write');
        if (!p.scopes.includes(needed))
          throw new AppError('insufficient_scope', `This API key lacks the "${needed}" scope`);
      }
      if (meta.minRole && !roleAtLeast(p.role, meta.minRole)) {
        throw new AppError('forbidden', `This needs the ${meta.minRole} role or higher`);
      }
      res.locals.principal = p;
      next();
    } catch (err) {
      next(err);
    }
  };
}
