import twilio from 'twilio';
import type { PrismaClient } from '../../generated/prisma/client';
import type { Messenger } from '../../ports/messenger';
import { claimDelivery, settleDelivery } from '../prisma/message-log';

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** A sender number (+E.164) or a Messaging Service SID (MG…). */
  from: string;
  /** Where Twilio posts delivery reports for a message (the tenant is added as a query parameter). */
  statusCallback?: string;
  /** Another host for the REST API (tests run a local stand-in); the official SDK still builds every request. */
  apiBase?: string;
}

/** Twilio's "unsubscribed recipient" error: the number replied STOP to our sender. */
export const TWILIO_UNSUBSCRIBED = 21610;

/** SMS through Twilio's official SDK (Messages API), recorded in the message log before the call. */
export function twilioMessenger(prisma: PrismaClient, opts: TwilioOptions, hooks: { onUnsubscribed?: (phone: string) => Promise<unknown> } = {}): Messenger {
  // No automatic retries: a retry after a timeout could send twice; the job's retry is the one that counts.
  const client = twilio(opts.accountSid, opts.authToken, { autoRetry: false });
  if (opts.apiBase) client.api.baseUrl = opts.apiBase.replace(/\/+$/, '');
  const sender = opts.from.startsWith('MG') ? { messagingServiceSid: opts.from } : { from: opts.from };
  return {
    async send(sms) {
      // Recorded before the call: a redelivery of this key is skipped (ADR 0008).
      const claim = await claimDelivery(prisma, { channel: 'sms', message: sms }, 'twilio', 'sending');
      if (!claim) return { id: null, sent: false };
      let sid: string;
      try {
        const statusCallback = opts.statusCallback ? `${opts.statusCallback}?tenant=${encodeURIComponent(sms.tenantId)}` : undefined;
        const m = await client.messages.create({ to: sms.to, body: sms.body, ...sender, ...(statusCallback ? { statusCallback } : {}) });
        sid = m.sid;
      } catch (err) {
        // Twilio answered with an HTTP error: nothing was sent, a retry may claim the key again.
        // No answer (network, timeout): it may have been sent; the row stays `sending` and the
        // redelivery marks it for review rather than text twice.
        const e = err as { status?: number; code?: number; message?: string };
        if ((e.status ?? 0) >= 400) {
          await settleDelivery(prisma, sms.tenantId, claim.id, { status: 'failed', error: `Twilio ${e.code ?? e.status}: ${e.message ?? 'refused'}` });
          if (e.code === TWILIO_UNSUBSCRIBED) {
            await hooks.onUnsubscribed?.(sms.to);
            return { id: null, sent: false };
          }
        }
        throw err;
      }
      await settleDelivery(prisma, sms.tenantId, claim.id, { status: 'sent', externalId: sid });
      return { id: sid, sent: true };
    },
  };
}
