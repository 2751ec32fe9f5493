import type { AddressInfo, Server } from 'node:net';
import { handleMcpHttpRequest, type SlotwiseMcpOptions } from '@slotwise/mcp';
import { Slotwise } from '@slotwise/sdk';
import type { Express, Request, RequestHandler, Response } from 'express';
import type { AuthService } from '../app/auth/auth-service';
import { AppError } from '../app/errors';
import { clientIp } from './context';
import { sendError } from './error-mapper';

export interface McpEndpointOptions {
  auth: AuthService;
  /** The API's rate limiter, applied to every MCP message too (the tools' API calls count as well). */
  rateLimit?: RequestHandler;
}

const MCP_PATH = '/mcp';
const PUBLIC_PATH = '/mcp/public/:slug';
const METADATA_PATH = '/.well-known/oauth-protected-resource';
const SLUG_RE = /^[a-z0-9-]{1,64}$/;

const originOf = (req: Request) => `${req.protocol}://${req.get('host')}`;

/** RFC 9728 protected-resource metadata: bearer API keys (or session tokens) in the header. */
function resourceMetadata(resource: string) {
  return {
    resource,
    resource_name: 'Slotwise',
    bearer_methods_supported: ['header'],
    scopes_supported: ['read', 'write'],
  };
}

function unauthorized(req: Request, res: Response, message: string, invalid: boolean) {
  const metadata = `${originOf(req)}${METADATA_PATH}${MCP_PATH}`;
  res.setHeader(
    'WWW-Authenticate',
    `Bearer resource_metadata="${metadata}"${invalid ? ', error="invalid_token"' : ''}`,
  );
  sendError(res, 'unauthenticated', message);
}

/**
 * The tools call this very server's API through the SDK, over the socket the request came in on,
 * so authentication, scopes, idempotency and rate limits apply exactly as to any integrator.
 * The caller's address travels in X-Forwarded-For (trusted from loopback) for per-IP limits.
 */
function loopbackSdk(req: Request, credential: string | undefined): Slotwise {
  const server = (req.socket as unknown as { server?: Server }).server;
  const bound = server?.address() as AddressInfo | null | undefined;
  const wildcard = !bound || ['::', '0.0.0.0', '127.0.0.1', '::1'].includes(bound.address);
  const local = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const host = wildcard
    ? bound?.address === '::1'
      ? '[::1]'
      : '127.0.0.1'
    : local.includes(':')
      ? `[${local}]`
      : local;
  const forwardedFor = clientIp(req);
  return new Slotwise({
    baseUrl: `http://${host}:${req.socket.localPort}`,
    // /mcp/public/:slug has no credential on purpose: the public booking tools only.
    ...(credential ? { apiKey: credential } : { anonymous: true }),
    maxRetries: 0,
    userAgent: 'slotwise-mcp-http',
    fetch: (url, init) =>
      fetch(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), 'X-Forwarded-For': forwardedFor },
      }),
  });
}

/** Mounts POST /mcp (bearer key), POST /mcp/public/:slug (no credential) and the metadata routes. */
export function mcpEndpoint(opts: McpEndpointOptions): (app: Express) => void {
  const limit: RequestHandler = opts.rateLimit ?? ((_req, _res, next) => next());

  const serve = (
    req: Request,
    res: Response,
    mcp: Omit<SlotwiseMcpOptions, 'sdk'>,
    credential?: string,
  ) => handleMcpHttpRequest(req, res, req.body, { ...mcp, sdk: loopbackSdk(req, credential) });

  return (app) => {
    app.get(METADATA_PATH, (req, res) => {
      res.json(resourceMetadata(originOf(req)));
    });
    app.get(`${METADATA_PATH}${MCP_PATH}`, (req, res) => {
      res.json(resourceMetadata(`${originOf(req)}${MCP_PATH}`));
    });

    app.post(MCP_PATH, limit, async (req, res, next) => {
      try {
        const m = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
        if (!m)
          return unauthorized(
            req,
            res,
            'Send your Slotwise API key as "Authorization: Bearer sk_…"',
            false,
          );
        const token = m[1]!;
        let scope: string;
        try {
          const p = await opts.auth.authenticate(token);
          scope = p.kind === 'api_key' ? `key:${p.keyId}` : `session:${p.sessionId}`;
        } catch (err) {
          if (
            err instanceof AppError &&
            (err.code === 'unauthenticated' || err.code === 'token_expired')
          )
            return unauthorized(req, res, err.message, true);
          throw err;
        }
        await serve(req, res, { mode: { kind: 'api' }, sessionScope: `http:${scope}` }, token);
      } catch (err) {
        next(err);
      }
    });

    app.post(PUBLIC_PATH, limit, async (req, res, next) => {
      try {
        const slug = req.params.slug ?? '';
        if (!SLUG_RE.test(slug)) return sendError(res, 'not_found', 'No such business');
        await serve(req, res, {
          mode: { kind: 'public', slug },
          sessionScope: `http:public:${slug}:${clientIp(req)}`,
        });
      } catch (err) {
        next(err);
      }
    });

    // Stateless: no server-initiated stream to GET and no session to DELETE. The streamable HTTP
    // spec asks for 405 here, answered in JSON-RPC like the rest of the protocol.
    app.all([MCP_PATH, PUBLIC_PATH], (_req, res) => {
      res.setHeader('Allow', 'POST');
      res.status(405).json({
        jsonrpc: '2.0',
        error: {
          code: -32000,
          message: 'Method not allowed: this MCP endpoint is stateless, POST JSON-RPC messages',
        },
        id: null,
      });
    });
  };
}
