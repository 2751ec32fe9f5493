import { timingSafeEqual, createHash } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { ProviderReports } from '../app/messages/provider-reports';
import { sendError } from './error-mapper';

export interface VendorWebhookOptions {
  reports: ProviderReports;
  /** The origin Twilio calls (PUBLIC_URL): the signed URL is this plus the request's path and query. */
  publicUrl: string;
  /** Absent: Twilio is not configured, its webhooks answer 404. */
  twilioSignature?: (url: string, params: Record<string, string>, signature: string) => boolean;
  /** Absent: Postmark webhooks are not configured (404). */
  postmarkSecret?: string;
}

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const sameSecret = (a: string, b: string) => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/**
 * Providers' callbacks, outside the ts-rest contract: their payloads and encodings are the
 * vendors' (Twilio posts form-encoded parameters it signs with X-Twilio-Signature; Postmark posts
 * JSON behind basic auth), not our API's, and no client of ours calls them (ADR 0012).
 */
export function vendorWebhooks(opts: VendorWebhookOptions) {
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 });
  const wrap = (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };

  function twilioAuthentic(req: Request, res: Response): boolean {
    if (!opts.twilioSignature) {
      sendError(res, 'route_not_found', 'SMS through Twilio is not configured');
      return false;
    }
    const signature = req.header('x-twilio-signature');
    const params = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, string>) : {};
    if (!req.is('application/x-www-form-urlencoded') || !signature || !opts.twilioSignature(`${opts.publicUrl}${req.originalUrl}`, params, signature)) {
      sendError(res, 'unauthenticated', 'Missing or invalid X-Twilio-Signature');
      return false;
    }
    return true;
  }
  const field = (req: Request, k: string) => {
    const v = (req.body as Record<string, unknown>)[k];
    return typeof v === 'string' ? v : '';
  };

  return (app: Express) => {
    app.post(
      '/v1/webhooks/twilio/inbound',
      form,
      wrap(async (req, res) => {
        if (!twilioAuthentic(req, res)) return;
        await opts.reports.smsInbound({ from: field(req, 'From'), body: field(req, 'Body') });
        // Twilio answers STOP/START/HELP itself (Advanced Opt-Out); we only record the choice.
        res.type('text/xml').send(EMPTY_TWIML);
      }),
    );
    app.post(
      '/v1/webhooks/twilio/status',
      form,
      wrap(async (req, res) => {
        if (!twilioAuthentic(req, res)) return;
        const tenant = typeof req.query.tenant === 'string' ? req.query.tenant : '';
        await opts.reports.smsStatus({ tenantId: tenant, sid: field(req, 'MessageSid'), status: field(req, 'MessageStatus'), errorCode: field(req, 'ErrorCode') });
        res.status(204).end();
      }),
    );
    app.post(
      '/v1/webhooks/postmark',
      wrap(async (req, res) => {
        if (!opts.postmarkSecret) return sendError(res, 'route_not_found', 'Postmark webhooks are not configured');
        const auth = req.header('authorization') ?? '';
        const [scheme, encoded] = auth.split(' ');
        const password = scheme?.toLowerCase() === 'basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8').split(':').slice(1).join(':') : '';
        if (!password || !sameSecret(password, opts.postmarkSecret)) {
          res.setHeader('WWW-Authenticate', 'Basic realm="postmark"');
          return sendError(res, 'unauthenticated', 'Missing or wrong basic-auth credentials');
        }
        if (!req.is('application/json')) return sendError(res, 'bad_request', 'Expected a JSON body');
        // An unknown record type or message is acknowledged all the same: Postmark would retry it for hours.
        const updated = await opts.reports.postmarkEvent(req.body);
        res.status(200).json({ updated });
      }),
    );
  };
}
