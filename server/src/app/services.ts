import type { AuthService } from './auth/auth-service';
import type { AvailabilityService } from './availability';
import type { BillingService } from './plans/billing';
import type { ConnectService } from './plans/connect';
import type { StripeWebhookReceiver } from './plans/stripe-events';
import type { BookingService } from './bookings/booking-service';
import type { ManageLinkService } from './bookings/manage-link';
import type { IntakeFieldCatalogue } from './catalogue/intake-fields';
import type { ProviderCatalogue } from './catalogue/providers';
import type { ScheduleService } from './catalogue/schedules';
import type { ServiceCatalogue } from './catalogue/services';
import type { CustomerService } from './customers/customers';
import type { ReportService } from './reports/reports';
import type { ApiKeyService } from './team/api-keys';
import type { MemberService } from './team/members';
import type { TenantService } from './tenant/settings';
import type { WaitlistService } from './waitlist/waitlist';
import type { WebhookDeliveryService } from './webhooks/deliveries';
import type { WebhookEndpointService } from './webhooks/endpoints';

/** Every use-case service, built once at the composition root and handed to the http layer. */
export interface Services {
  auth: AuthService;
  tenants: TenantService;
  members: MemberService;
  apiKeys: ApiKeyService;
  serviceCatalogue: ServiceCatalogue;
  providerCatalogue: ProviderCatalogue;
  schedules: ScheduleService;
  intakeFields: IntakeFieldCatalogue;
  availability: AvailabilityService;
  customers: CustomerService;
  waitlist: WaitlistService;
  reports: ReportService;
  bookings: BookingService;
  manageLinks: ManageLinkService;
  webhookEndpoints: WebhookEndpointService;
  webhookDeliveries: WebhookDeliveryService;
  /** Tenant plans and the tenant's Stripe Billing subscription. */
  billing: BillingService;
  /** The tenant's Stripe Connect account. */
  connect: ConnectService;
  /** POST /v1/webhooks/stripe; absent without STRIPE_WEBHOOK_SECRET (and Stripe). */
  stripeWebhooks?: StripeWebhookReceiver;
}
