import { contract } from '@slotwise/contracts';
import type { Services } from '../app/services';
import type { HealthProbes } from './routes/health';
import { authRouter } from './routes/auth';
import { billingRouter, connectRouter } from './routes/billing';
import { bookingsRouter, manageRouter, publicBookingsRouter } from './routes/bookings';
import { publicAvailabilityRouter } from './routes/availability';
import {
  blackoutsRouter,
  intakeFieldsRouter,
  providersRouter,
  publicProvidersRouter,
  publicServicesRouter,
  schedulesRouter,
  servicesRouter,
} from './routes/catalogue';
import { customersRouter } from './routes/customers';
import { locationsRouter, publicLocationsRouter } from './routes/locations';
import { healthRouter } from './routes/health';
import { reportsRouter } from './routes/reports';
import { resourcesRouter, serviceParticipantsRouter } from './routes/resources';
import { apiKeysRouter, membersRouter } from './routes/team';
import { publicTenantRouter, tenantRouter } from './routes/tenant';
import { publicWaitlistRouter, waitlistRouter } from './routes/waitlist';
import { webhookDeliveriesRouter, webhookEndpointsRouter } from './routes/webhooks';
import { paymentsRouter, publicPaymentsRouter } from './routes/payments';
import { calendarRouter, calendarWebhooksRouter } from './routes/calendar';
import { s } from './server';
import { messagesRouter, messageTemplatesRouter } from './routes/messages';

/** Every route of the contract, implemented. ts-rest fails to compile if one is missing. */
export function apiRouter(services: Services, probes: HealthProbes) {
  return s.router(contract, {
    health: healthRouter(probes),
    auth: authRouter(services.auth, services.accountRecovery),
    admin: {
      tenant: tenantRouter(services.tenants),
      members: membersRouter(services.members),
      apiKeys: apiKeysRouter(services.apiKeys),
      services: servicesRouter(services.serviceCatalogue),
      providers: providersRouter(services.providerCatalogue),
      locations: locationsRouter(services.locations),
      schedules: schedulesRouter(services.schedules),
      blackouts: blackoutsRouter(services.schedules),
      intakeFields: intakeFieldsRouter(services.intakeFields),
      customers: customersRouter(services.customers),
      waitlist: waitlistRouter(services.waitlist),
      reports: reportsRouter(services.reports, services.locations),
      bookings: bookingsRouter(services.bookings, services.payments),
      webhookEndpoints: webhookEndpointsRouter(services.webhookEndpoints, services.webhookDeliveries),
      webhookDeliveries: webhookDeliveriesRouter(services.webhookDeliveries),
      messages: messagesRouter(services.messages),
      payments: paymentsRouter(services.payments),
      calendar: calendarRouter(services.calendar),
      messageTemplates: messageTemplatesRouter(services.messageTemplates),
      billing: billingRouter(services.billing),
      connect: connectRouter(services.connect),
      resources: resourcesRouter(services.resourceCatalogue),
      serviceParticipants: serviceParticipantsRouter(services.resourceCatalogue),
    },
    public: {
      tenants: publicTenantRouter(services.tenants, services.billing),
      locations: publicLocationsRouter(services.locations),
      services: publicServicesRouter(services.serviceCatalogue),
      providers: publicProvidersRouter(services.providerCatalogue),
      availability: publicAvailabilityRouter(services.availability),
      waitlist: publicWaitlistRouter(services.waitlist),
      bookings: publicBookingsRouter(services.bookings, services.payments),
      manage: manageRouter(services.manageLinks),
      payments: publicPaymentsRouter(services.payments),
    },
    webhooks: {
      calendar: calendarWebhooksRouter(services.calendar),
    },
  });
}
