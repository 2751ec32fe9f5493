import type { PrismaClient } from '../../generated/prisma/client';
import type { SmsConsents } from '../../ports/messenger';
import { withTenant } from './with-tenant';

/** sms_consents: per business and phone; STOP/START cross tenants through sms_set_opt_out (SECURITY DEFINER). */
export function prismaSmsConsents(prisma: PrismaClient): SmsConsents {
  return {
    async record(tenantId, phone, bookingId) {
      // A repeated opt-in keeps the first consent and never clears a STOP: only START does (ADR 0012).
      await withTenant(prisma, tenantId, (tx) =>
        tx.$executeRaw`
          INSERT INTO sms_consents (id, tenant_id, phone, booking_id)
          VALUES (gen_random_uuid(), ${tenantId}::uuid, ${phone}, ${bookingId}::uuid)
          ON CONFLICT (tenant_id, phone) DO NOTHING`,
      );
    },
    async check(tenantId, phone) {
      const row = await withTenant(prisma, tenantId, (tx) => tx.smsConsent.findFirst({ where: { phone } }));
      if (!row) return 'no_consent';
      return row.optedOutAt ? 'opted_out' : null;
    },
    async setOptOut(phone, optedOut) {
      const rows = await prisma.$queryRaw<{ n: number }[]>`SELECT sms_set_opt_out(${phone}, ${optedOut}) AS n`;
      return rows[0]?.n ?? 0;
    },
  };
}
