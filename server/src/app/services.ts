import type { AuthService } from './auth/auth-service';
import type { AvailabilityService } from './availability';
import type { BillingService } from './plans/billing';
import type { ConnectService } from './plans/connect';
import type { BookingService } from './bookings/booking-service';
import type { ManageLinkService } from './bookings/manage-link';
import type { IntakeFieldCatalogue } from './catalogue/intake-fields';
import type { ProviderCatalogue } from './catalogue/providers';
import type { ResourceCatalogue } from './catalogue/resources';
import type { LocationCatalogue } from './catalogue/locations';
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
import type { AccountRecovery } from './auth/account-recovery';
import type { MessageLogService } from './messages/message-log';
import type { ProviderReports } from './messages/provider-reports';
import type { PaymentService } from './payments/payment-service';
import type { StripeWebhooks } from './payments/stripe-webhooks';
import type { CalendarService } from './calendar';
import type { MessageTemplateService } from './messages/template-service';

/** Every use-case service, built once at the composition root and handed to the http layer. */
export interface Services {
  auth: AuthService;
  tenants: TenantService;
  members: MemberService;
  apiKeys: ApiKeyService;
  serviceCatalogue: ServiceCatalogue;
  providerCatalogue: ProviderCatalogue;
  resourceCatalogue: ResourceCatalogue;
  /** The tenant's sites (ADR 0019). */
  locations: LocationCatalogue;
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
  /** Password reset and email verification (ADR 0012). */
  accountRecovery: AccountRecovery;
  /** The message log (every channel) and resend. */
  messages: MessageLogService;
  /** Providers' webhooks: STOP/START, delivery reports. */
  providerReports: ProviderReports;
  payments: PaymentService;
  /** POST /v1/webhooks/stripe and its dispatch table (other modules register their event types). */
  stripeWebhooks: StripeWebhooks;
  calendar: CalendarService;
  messageTemplates: MessageTemplateService;
  /** Tenant plans and the tenant's Stripe Billing subscription. */
  billing: BillingService;
  /** The tenant's Stripe Connect account. */
  connect: ConnectService;
}
