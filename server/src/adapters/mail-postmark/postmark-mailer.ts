import { ServerClient } from 'postmark';
import type { PrismaClient } from '../../generated/prisma/client';
import type { Mailer } from '../../ports/mailer';
import { claimDelivery, settleDelivery } from '../prisma/message-log';

/** Postmark through its official SDK; `apiBase` points it at another host (tests run a local stand-in). */
export function postmarkMailer(prisma: PrismaClient, opts: { serverToken: string; from: string; apiBase?: string }): Mailer {
  const client = new ServerClient(opts.serverToken, opts.apiBase ? postmarkHost(opts.apiBase) : {});
  return {
    async send(email) {
      // Recorded before the call: a redelivery of this key is skipped (message-log.ts).
      const claim = await claimDelivery(prisma, email, 'postmark', 'sending');
      if (!claim) return { id: null, sent: false };
      let r: Awaited<ReturnType<ServerClient['sendEmail']>>;
      try {
        r = await client.sendEmail({
          From: opts.from,
          To: email.to,
          Subject: email.subject,
          TextBody: email.text,
          HtmlBody: email.html,
          Tag: email.template,
          MessageStream: 'outbound',
          // Echoed by Postmark's delivery and bounce webhooks: the tenant whose log they update.
          Metadata: { tenant: email.tenantId },
          Attachments: (email.attachments ?? []).map((a) => ({
            Name: a.name,
            Content: Buffer.from(a.content).toString('base64'),
            ContentType: a.contentType,
            ContentID: null,
          })),
        });
      } catch (err) {
        // Postmark answered with an HTTP error: nothing was sent, so the job's retry may claim the
        // key again. Without an answer (network, timeout) it may have sent: the row stays
        // `sending` and the redelivery marks it for review instead of sending twice.
        if (((err as { statusCode?: number }).statusCode ?? 0) >= 400) {
          const e = err as { message?: string; code?: number };
          await settleDelivery(prisma, email.tenantId, claim.id, { status: 'failed', error: `Postmark ${e.code ?? ''}: ${e.message ?? 'refused'}` });
        }
        throw err;
      }
      await settleDelivery(prisma, email.tenantId, claim.id, { status: 'sent', externalId: r.MessageID });
      return { id: r.MessageID, sent: true };
    },
  };
}

function postmarkHost(apiBase: string) {
  const u = new URL(apiBase);
  return { useHttps: u.protocol === 'https:', requestHost: u.host };
}
