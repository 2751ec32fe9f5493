import type { PrismaClient } from '../../generated/prisma/client';
import type { NotificationReader } from '../../ports/notification-reader';
import { withTenant } from './with-tenant';

export function prismaNotificationReader(prisma: PrismaClient): NotificationReader {
  return {
    booking(tenantId, bookingId) {
      return withTenant(prisma, tenantId, async (tx) => {
        const b = await tx.booking.findFirst({
          where: { tenantId, id: bookingId },
          include: { service: true, provider: true, customer: true, tenant: true },
        });
        if (!b) return null;
        return {
          bookingId: b.id,
          code: b.confirmationCode,
          status: b.status,
          startAt: b.startAt,
          endAt: b.endAt,
          icsSequence: b.icsSequence,
          serviceName: b.service.name,
          providerName: b.provider.name,
          customerName: b.customer.name,
          customerEmail: b.customer.erasedAt ? null : b.customer.email,
          customerPhone: b.customer.erasedAt ? null : b.customer.phone,
          smsNotifications: (b.tenant.settings as { smsNotifications?: unknown } | null)?.smsNotifications === true,
          customerTimeZone: b.customerTimeZone,
          tenantName: b.tenant.name,
          tenantSlug: b.tenant.slug,
          tenantTimeZone: b.tenant.timeZone,
          tenantEmail: b.tenant.email,
          address: b.tenant.address,
          manageTokenHash: b.manageTokenHash,
        };
      });
    },
  };
}
