import { contract, type reasonBodySchema } from '@slotwise/contracts';
import type { z } from 'zod';
import type { Request } from 'express';
import type { BookingService, StaffAction } from '../../app/bookings/booking-service';
import type { ManageLinkService } from '../../app/bookings/manage-link';
import { principalOf } from '../context';
import {
  adminBookingDto,
  adminCreatedBookingDto,
  bookingDetailDto,
  createdBookingDto,
  intakeFieldDto,
  manageBookingDto,
  page,
} from '../presenters';
import { s } from '../server';
import type { PaymentService } from '../../app/payments/payment-service';
import { paymentBadgeDto } from '../payment-presenters';

export function bookingsRouter(bookings: BookingService, payments?: PaymentService) {
  const act =
    (action: StaffAction) =>
    async ({
      params,
      body,
      req,
    }: {
      params: { id: string };
      body: z.infer<typeof reasonBodySchema>;
      req: Request;
    }) => ({
      status: 200 as const,
      body: bookingDetailDto(
        await bookings.act(principalOf(req), params.id, action, body.reason),
        await bookings.clockFor(principalOf(req)),
      ),
    });
  return s.router(contract.admin.bookings, {
    list: async ({ query, req }) => {
      const p = principalOf(req);
      const result = await bookings.list(p, query);
      const clock = await bookings.clockFor(p);
      // Paid / unpaid badges: one read for the page's bookings that take a payment.
      const badges = payments ? await payments.badges(p.tenantId, result.items.map((b) => b.id)) : new Map();
      return {
        status: 200,
        body: page(result, (b) => {
          const badge = badges.get(b.id);
          return { ...adminBookingDto(b, clock), ...(badge ? { payment: paymentBadgeDto(badge) } : {}) };
        }),
      };
    },
    create: async ({ body, req }) => ({
      status: 201,
      body: adminCreatedBookingDto(
        await bookings.createAdmin(principalOf(req), body),
        await bookings.clockFor(principalOf(req)),
      ),
    }),
    get: async ({ params, req }) => ({
      status: 200,
      body: bookingDetailDto(
        await bookings.get(principalOf(req), params.id),
        await bookings.clockFor(principalOf(req)),
      ),
    }),
    update: async ({ params, body, req }) => ({
      status: 200,
      body: bookingDetailDto(
        await bookings.updateNotes(principalOf(req), params.id, body.staffNotes),
        await bookings.clockFor(principalOf(req)),
      ),
    }),
    approve: act('approve'),
    decline: act('decline'),
    confirm: act('confirm'),
    checkIn: act('check_in'),
    complete: act('complete'),
    cancel: act('cancel'),
    noShow: act('mark_no_show'),
    reschedule: async ({ params, body, req }) => ({
      status: 200,
      body: bookingDetailDto(
        await bookings.reschedule(principalOf(req), params.id, body),
        await bookings.clockFor(principalOf(req)),
      ),
    }),
    reassign: async ({ params, body, req }) => ({
      status: 200,
      body: bookingDetailDto(
        await bookings.reassign(principalOf(req), params.id, body),
        await bookings.clockFor(principalOf(req)),
      ),
    }),
    availableProviders: async ({ params, req }) => ({
      status: 200,
      body: { items: await bookings.availableProviders(principalOf(req), params.id) },
    }),
  });
}

export function publicBookingsRouter(bookings: BookingService, payments?: PaymentService) {
  return s.router(contract.public.bookings, {
    create: async ({ params, body }) => ({
      status: 201,
      body: createdBookingDto(await bookings.createPublic(params.slug, body), payments?.gatewayName),
    }),
    intakeFields: async ({ params }) => ({
      status: 200,
      body: {
        items: (await bookings.intakeFields(params.slug, params.serviceId)).map(intakeFieldDto),
      },
    }),
  });
}

export function manageRouter(manage: ManageLinkService) {
  return s.router(contract.public.manage, {
    get: async ({ params }) => ({
      status: 200,
      body: manageBookingDto(await manage.view(params.token)),
    }),
    cancel: async ({ params, body }) => ({
      status: 200,
      body: manageBookingDto(await manage.cancel(params.token, body.reason)),
    }),
    reschedule: async ({ params, body }) => ({
      status: 200,
      body: manageBookingDto(await manage.reschedule(params.token, body)),
    }),
    calendar: async ({ params, res }) => {
      const cal = await manage.calendar(params.token);
      res.setHeader('Content-Disposition', `attachment; filename="${cal.filename}"`);
      res.setHeader('Cache-Control', 'no-store');
      return { status: 200, body: cal.ics };
    },
  });
}
