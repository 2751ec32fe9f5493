import type { Clock } from '../../ports/clock';
import type { Secrets } from '../../ports/secrets';
import type { PlanGate } from '../plans/gate';
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
  /** Turns the database's refusal past the plan's monthly cap into 402 payment_required. */
  plans?: PlanGate;
}
