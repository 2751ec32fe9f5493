import { ServerClient } from 'postmark';
import type { PrismaClient } from '../../generated/prisma/client';
import type { Mailer } from '../../ports/mailer';
import { recordEmail } from '../prisma/message-log';

/** Postmark through its official SDK; `apiBase` points it at another host (tests run a local stand-in). */
export function postmarkMailer(prisma: PrismaClient, opts: { serverToken: string; from: string; apiBase?: string }): Mailer {
  const client = new ServerClient(opts.serverToken, opts.apiBase ? postmarkHost(opts.apiBase) : {});
  return {
    async send(email) {
      const r = await client.sendEmail({
        From: opts.from,
        To: email.to,
        Subject: email.subject,
        TextBody: email.text,
        HtmlBody: email.html,
        Tag: email.template,
        MessageStream: 'outbound',
        Attachments: (email.attachments ?? []).map((a) => ({
          Name: a.name,
          Content: Buffer.from(a.content).toString('base64'),
          ContentType: a.contentType,
          ContentID: null,
        })),
      });
      await recordEmail(prisma, email, 'postmark', r.MessageID);
      return { id: r.MessageID };
    },
  };
}

function postmarkHost(apiBase: string) {
  const u = new URL(apiBase);
  return { useHttps: u.protocol === 'https:', requestHost: u.host };
}
