import { tenantSettingsSchema } from '@slotwise/contracts';
import type { PrismaClient } from '../../generated/prisma/client';
import type {
  MessageReader,
  MessageTemplateStore,
  MessageTenant,
  ReminderStore,
  StoredReminder,
} from '../../ports/messages';
import { withTenant } from './with-tenant';

type TenantRow = {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  locale: string;
  currency: string;
  email: string | null;
  address: string | null;
  logoUrl: string | null;
  brandColor: string;
  settings: unknown;
};

const tenantOf = (t: TenantRow): MessageTenant => ({
  id: t.id,
  name: t.name,
  slug: t.slug,
  timeZone: t.timeZone,
  locale: t.locale,
  currency: t.currency,
  email: t.email,
  address: t.address,
  logoUrl: t.logoUrl,
  brandColor: t.brandColor,
  settings: tenantSettingsSchema.parse(t.settings ?? {}),
});

export function prismaMessageReader(prisma: PrismaClient): MessageReader {
  return {
    booking(tenantId, bookingId) {
      return withTenant(prisma, tenantId, async (tx) => {
        const b = await tx.booking.findFirst({
          where: { tenantId, id: bookingId },
          include: { service: true, provider: true, customer: true, tenant: true },
        });
        if (!b) return null;
        const erased = b.customer.erasedAt !== null;
        return {
          tenantId,
          bookingId: b.id,
          code: b.confirmationCode,
          status: b.status,
          startAt: b.startAt,
          endAt: b.endAt,
          version: b.icsSequence,
          language: b.language,
          serviceName: b.service.name,
          providerName: b.provider.name,
          providerEmail: b.provider.email,
          providerTimeZone: b.provider.timeZone,
          customerName: b.customer.name,
          customerEmail: erased ? null : b.customer.email,
          customerPhone: erased ? null : b.customer.phone,
          customerTimeZone: b.customerTimeZone,
          customerNotes: b.customerNotes,
          cancelReason: b.cancelReason,
          manageTokenHash: b.manageTokenHash,
          tenant: tenantOf(b.tenant),
        };
      });
    },
    tenant(tenantId) {
      return withTenant(prisma, tenantId, async (tx) => {
        const t = await tx.tenant.findUnique({ where: { id: tenantId } });
        return t ? tenantOf(t) : null;
      });
    },
    waitlistEntry(tenantId, entryId) {
      return withTenant(prisma, tenantId, async (tx) => {
        const w = await tx.waitlistEntry.findFirst({
          where: { tenantId, id: entryId },
          include: { customer: true, service: true, provider: true },
        });
        if (!w) return null;
        return {
          customerName: w.customer.name,
          customerEmail: w.customer.erasedAt ? null : w.customer.email,
          customerLocale: w.customer.locale,
          customerTimeZone: w.customer.timeZone,
          serviceName: w.service.name,
          providerName: w.provider?.name ?? null,
        };
      });
    },
    override(tenantId, template, locale) {
      return withTenant(prisma, tenantId, (tx) =>
        tx.messageTemplate.findFirst({
          where: { tenantId, template, locale },
          select: { subject: true, intro: true },
        }),
      );
    },
  };
}

type ReminderRow = Awaited<ReturnType<PrismaClient['reminder']['findFirst']>> & object;
const reminderOf = (r: ReminderRow): StoredReminder => ({
  id: r.id,
  tenantId: r.tenantId,
  bookingId: r.bookingId,
  channel: r.channel as StoredReminder['channel'],
  offsetMinutes: r.offsetMinutes,
  bookingVersion: r.bookingVersion,
  bookingStart: r.bookingStart,
  dueAt: r.dueAt,
  status: r.status as StoredReminder['status'],
  sendKey: r.sendKey,
});

export function prismaReminderStore(prisma: PrismaClient): ReminderStore {
  return {
    replace(tenantId, bookingId, version, plan) {
      return withTenant(prisma, tenantId, async (tx) => {
        const keys = plan.map((p) => p.sendKey);
        await tx.reminder.deleteMany({
          where: { tenantId, bookingId, status: 'scheduled', sendKey: { notIn: keys } },
        });
        for (const p of plan) {
          await tx.reminder.upsert({
            where: { tenantId_sendKey: { tenantId, sendKey: p.sendKey } },
            create: {
              tenantId,
              bookingId,
              channel: p.channel,
              offsetMinutes: p.offsetMinutes,
              bookingVersion: version.bookingVersion,
              bookingStart: version.bookingStart,
              dueAt: p.dueAt,
              sendKey: p.sendKey,
            },
            // Quiet hours or the clock may move the due time of the same reminder; nothing else changes.
            update: { dueAt: p.dueAt },
          });
        }
        const rows = await tx.reminder.findMany({
          where: { tenantId, bookingId, status: 'scheduled' },
        });
        return rows.map(reminderOf);
      });
    },
    get(tenantId, id) {
      return withTenant(prisma, tenantId, async (tx) => {
        const r = await tx.reminder.findFirst({ where: { tenantId, id } });
        return r ? reminderOf(r) : null;
      });
    },
    async settle(tenantId, id, status, reason) {
      await withTenant(prisma, tenantId, (tx) =>
        tx.reminder.updateMany({
          where: { tenantId, id, status: 'scheduled' },
          data: { status, skipReason: reason ?? null, processedAt: new Date() },
        }),
      );
    },
    async due(now, limit) {
      const rows = await prisma.$queryRaw<{ tenant_id: string; id: string }[]>`
        SELECT tenant_id, id FROM reminders_due(${now}::timestamptz, ${limit}::int)`;
      return rows.map((r) => ({ tenantId: r.tenant_id, id: r.id }));
    },
    forBooking(tenantId, bookingId) {
      return withTenant(prisma, tenantId, async (tx) =>
        (
          await tx.reminder.findMany({ where: { tenantId, bookingId }, orderBy: { dueAt: 'asc' } })
        ).map(reminderOf),
      );
    },
  };
}

export function prismaMessageTemplateStore(prisma: PrismaClient): MessageTemplateStore {
  return {
    list(tenantId) {
      return withTenant(prisma, tenantId, (tx) =>
        tx.messageTemplate.findMany({
          where: { tenantId },
          select: { template: true, locale: true, subject: true, intro: true },
        }),
      );
    },
    async put(tenantId, template, locale, o) {
      await withTenant(prisma, tenantId, async (tx) => {
        if (o.subject === null && o.intro === null) {
          await tx.messageTemplate.deleteMany({ where: { tenantId, template, locale } });
          return;
        }
        await tx.messageTemplate.upsert({
          where: { tenantId_template_locale: { tenantId, template, locale } },
          create: { tenantId, template, locale, subject: o.subject, intro: o.intro },
          update: { subject: o.subject, intro: o.intro, updatedAt: new Date() },
        });
      });
    },
  };
}
