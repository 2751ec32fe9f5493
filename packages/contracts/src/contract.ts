import { c } from './common/contract';
import { apiKeysContract } from './routes/api-keys';
import { billingContract, connectContract } from './routes/billing';
import { authContract } from './routes/auth';
import { bookingsContract, publicBookingsContract } from './routes/bookings';
import { publicAvailabilityContract } from './routes/availability';
import { customersContract } from './routes/customers';
import { healthContract } from './routes/health';
import { intakeFieldsContract } from './routes/intake-fields';
import { manageContract } from './routes/manage';
import { membersContract } from './routes/members';
import { providersContract, publicProvidersContract } from './routes/providers';
import { blackoutsContract, schedulesContract } from './routes/schedules';
import { publicServicesContract, servicesContract } from './routes/services';
import { reportsContract } from './routes/reports';
import { resourcesContract, serviceParticipantsContract } from './routes/resources';
import { publicTenantContract, tenantContract } from './routes/tenant';
import { publicWaitlistContract, waitlistContract } from './routes/waitlist';
import { webhookDeliveriesContract, webhookEndpointsContract } from './routes/webhooks';
import { messagesContract, messageTemplatesContract } from './routes/messages';
import { paymentsContract, publicPaymentsContract } from './routes/payments';
import { calendarContract, calendarWebhooksContract } from './routes/calendar';
import { locationsContract, publicLocationsContract } from './routes/locations';

/**
 * The whole API. Integrators depend on the URL layout: /v1/auth/*, /v1/admin/* (session or API
 * key; tenant from the credential), /v1/public/tenants/{slug}/* (no auth), /v1/webhooks/*.
 * Group keys here become the SDK's namespaces (sdk.admin.members.list, ...).
 */
export const contract = c.router({
  health: healthContract,
  auth: authContract,
  admin: c.router({
    tenant: tenantContract,
    members: membersContract,
    apiKeys: apiKeysContract,
    services: servicesContract,
    providers: providersContract,
    locations: locationsContract,
    schedules: schedulesContract,
    blackouts: blackoutsContract,
    intakeFields: intakeFieldsContract,
    customers: customersContract,
    waitlist: waitlistContract,
    reports: reportsContract,
    bookings: bookingsContract,
    webhookEndpoints: webhookEndpointsContract,
    webhookDeliveries: webhookDeliveriesContract,
    messages: messagesContract,
    payments: paymentsContract,
    calendar: calendarContract,
    messageTemplates: messageTemplatesContract,
    billing: billingContract,
    connect: connectContract,
    resources: resourcesContract,
    serviceParticipants: serviceParticipantsContract,
  }),
  public: c.router({
    tenants: publicTenantContract,
    locations: publicLocationsContract,
    services: publicServicesContract,
    providers: publicProvidersContract,
    availability: publicAvailabilityContract,
    waitlist: publicWaitlistContract,
    bookings: publicBookingsContract,
    manage: manageContract,
    payments: publicPaymentsContract,
  }),
  webhooks: c.router({
    calendar: calendarWebhooksContract,
  }),
});

export type Contract = typeof contract;
