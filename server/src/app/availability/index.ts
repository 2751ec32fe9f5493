export {
  engineInput,
  loadAvailabilityInput,
  serviceSettings,
  type AvailabilityWindow,
} from './load-input';
export {
  availabilityService,
  type AvailabilityResult,
  type AvailabilityService,
  type RawAvailability,
  toAvailabilityResult,
} from './public-availability';
export { SlotCache } from './slot-cache';
