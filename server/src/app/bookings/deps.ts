import type { Clock } from '../../ports/clock';
import type { PaymentView } from '../payments/checkout';
import type { Secrets } from '../../ports/secrets';
import type { PlanGate } from '../plans/gate';
import type { LocationScope } from '../catalogue/locations';
import type {
  AvailabilitySnapshots,
  BookingStore,
  Directory,
  ManageLinkDirectory,
  UnitOfWork,
} from '../../ports/repositories';

/** What the booking use cases need, wired at the composition root. */
export interface BookingDeps {
  uow: UnitOfWork;
  /** A booking at a location takes only providers working there (absent: no location is known). */
  locations?: LocationScope;
  /** Booking creation's read and write, each one statement (no unit of work). */
  snapshots: AvailabilitySnapshots;
  bookingStore: BookingStore;
  directory: Directory;
  links: ManageLinkDirectory;
  clock: Clock;
  /** Base of manage links (config.publicUrl); never the request's Host, which a caller controls. */
  publicUrl: string;
  /** Derives each booking's manage-link secret from its id. */
  secrets: Pick<Secrets, 'manageToken'>;
  /** Domain of calendar UIDs; must match the one the invite emails use. */
  icsDomain: string;
  /**
   * Payments (app/payments): absent, no booking waits for money. `afterChange` runs the money
   * operations a committed cancellation or no-show planned.
   */
  payments?: {
    holdMinutes: number;
    /** A pending_payment booking was created: its intent, and the job that expires its hold. */
    opened(tenantId: string, bookingId: string): Promise<PaymentView | null>;
    afterChange(tenantId: string, bookingId: string): Promise<void>;
  };
  /** Turns the database's refusal past the plan's monthly cap into 402 payment_required. */
  plans?: PlanGate;
}
